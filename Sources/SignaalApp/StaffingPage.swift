import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore

extension WebController {
    /// Staffing and workload for team leads (capability 13): how many agents each hour of a day
    /// needs (Erlang C over the same weekday of the past weeks), whether the last hour runs ahead
    /// of that, which closed hours usually bring messages (S3: stay open longer), and how much of
    /// the anger each agent read today (S1, S3: compassion fatigue). The targets are the page's
    /// query (`behandeltijd`, `binnen`, `doel`), so a lead can try "what if" without settings.
    @Sendable func staffingPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        _ = try Self.requireLead(context, language, forbiddenKey: "staffing_forbidden")
        let now = clock()
        let query = request.uri.queryParameters
        // A value out of range gives the page on the standard targets with the reason above the
        // form, not an error page without the form to correct it.
        var targetsError: String?
        var targets = StaffingTargets.standard
        do {
            targets = try Self.staffingTargets(handle: query.get("behandeltijd"), within: query.get("binnen"), level: query.get("doel"))
        } catch let error as DomainError {
            targetsError = error.message
        }
        let kept = targetsError != nil ? [] : ["behandeltijd", "binnen", "doel"].compactMap { name in
            query.get(name).flatMap { $0.isEmpty ? nil : (name: name, value: $0) }
        }
        let calendar = sla.calendar
        let today = calendar.localDay(of: now)
        let day = try Self.staffingDay(query.get("dag"), today: today)
        let countedPeriod = StaffingForecast(calendar: calendar, targets: targets).countedPeriod(for: day)
        let counts = try await store.hourlyCounts(in: countedPeriod)
        // Without a handling time asked for, the one measured over the same weeks, when there is one.
        let askedHandle = targetsError == nil && Self.asked(query.get("behandeltijd"))
        let measured = askedHandle ? nil : try await measuredHandleMinutes(in: countedPeriod)
        if let measured { targets.handleMinutes = measured.minutes }
        let forecast = StaffingForecast(calendar: calendar, targets: targets)
        let lastHour = try await store.hourlyCounts(in: DateInterval(start: now.addingTimeInterval(-3600), end: now)).values.reduce(0, +)
        let hours = forecast.forecast(day: day, counts: counts, lastHour: lastHour, now: now)

        let number = Self.decimalFormatter(language)
        func minutes(_ value: Double) -> String {
            value == 1 ? language.text("staffing_minute") : language.text("staffing_minutes", ["n": number(value)])
        }
        let rows = hours.filter { $0.open || $0.expected >= 0.5 || ($0.arrived ?? 0) > 0 }.map { hour -> [String: Any] in
            var row: [String: Any] = [
                "label": Self.hourLabel(hour.hour, calendar: calendar), "expected": number(hour.expected),
                "agents": hour.agents, "closed": !hour.open, "current": hour.hour.contains(now) && now < hour.hour.end,
            ]
            if let arrived = hour.arrived { row["arrived"] = String(arrived) }
            return row
        }
        var values: [String: Any] = [
            "rows": rows, "hasRows": !rows.isEmpty, "wide": true,
            // A measured handling time is the form's placeholder, so "Bereken" keeps measuring.
            // Only a time the lead entered fills the field: "Bereken" otherwise keeps measuring.
            "handle": askedHandle ? number(targets.handleMinutes) : "", "handlePlaceholder": number(targets.handleMinutes),
            "within": Int(targets.answerWithinMinutes),
            "level": Int((targets.serviceLevel * 100).rounded()),
            "dayLabel": (day == today ? language.text("staffing_today") + ", " : day == today.adding(days: 1)
                ? language.text("staffing_tomorrow") + ", " : "") + DisplayFormat(language: language, now: now).day(day),
            "isToday": day == today, "dayISO": day.isoString, "isTomorrow": day == today.adding(days: 1),
            "todayLink": Self.staffingLink(day: nil, kept: kept), "tomorrowLink": Self.staffingLink(day: today.adding(days: 1), kept: kept),
            "intro": language.text(
                measured == nil ? "staffing_intro" : "staffing_intro_measured",
                [
                    "weeks": String(StaffingForecast.pastWeeks), "handle": minutes(targets.handleMinutes),
                    "level": String(Int((targets.serviceLevel * 100).rounded())), "within": minutes(targets.answerWithinMinutes.rounded(.down)),
                    "breaks": String(Int((targets.shrinkage * 100).rounded())), "occupancy": String(Int((targets.maximumOccupancy * 100).rounded())),
                ]),
        ]
        if let current = hours.first(where: { $0.agentsAtCurrentPace != nil }), let atPace = current.agentsAtCurrentPace {
            let needed = atPace == 1 ? language.text("staffing_needed_one") : language.text("staffing_needed_many", ["n": String(atPace)])
            values["pace"] = language.text(
                current.agents == 0 ? "staffing_pace_unplanned" : "staffing_pace",
                ["count": String(lastHour), "usual": number(current.expected), "needed": needed, "planned": String(current.agents)])
        }
        // Closed now and messages still coming in: nobody is called in, but the lead may open longer.
        if values["pace"] == nil, lastHour > 0, let current = hours.first(where: { $0.hour.contains(now) && now < $0.hour.end }), !current.open {
            values["pace"] = language.text("staffing_pace_closed", ["count": String(lastHour)])
        }
        if let advice = OpeningAdvice.extend(hours) {
            let list = advice.hours.map { "\(Self.hourLabel($0.hour, calendar: calendar)): \(number($0.expected))" }.joined(separator: ", ")
            values["openingAdvice"] = language.text("staffing_opening_advice", ["count": number(advice.expected), "hours": list])
        }

        // Workload is about today whichever day is planned: what people carry now.
        let loads = try await store.agentLoads(since: calendar.date(on: today, minute: 0))
        let users = try await store.users().filter(\.isActive)
        let workload = users.map { ($0, loads[$0.id] ?? AgentLoad()) }
            .sorted { ($0.1.negative, $0.1.openCases, $1.0.name) > ($1.1.negative, $1.1.openCases, $0.0.name) }
            .map { user, load -> [String: Any] in
                [
                    "name": user.name, "role": language.roleName(user.role), "open": load.openCases, "messages": load.messages,
                    "negative": load.negative, "share": load.messages == 0 ? "–" : "\(Int((load.negativeShare * 100).rounded())) %",
                    "rotate": load.needsRotation,
                ]
            }
        values["workload"] = workload
        values["hasWorkload"] = !workload.isEmpty
        values["rotationHint"] = language.text(
            "staffing_rotation_hint", ["negative": String(AgentLoad.rotationNegative), "share": String(Int(AgentLoad.rotationShare * 100))])
        if let targetsError { values["targetsError"] = targetsError }
        return pages.render(
            "bezetting", titleKey: "staffing_title", values: values, request: request, context: context,
            status: targetsError == nil ? .ok : .unprocessableContent)
    }

    /// The handling time measured on the case pages in `period`, per message of the cases worked
    /// on, within the range a lead may enter; nil when too few cases were worked to go by.
    func measuredHandleMinutes(in period: DateInterval) async throws -> (minutes: Double, totals: WorkTotals)? {
        let totals = try await store.workTotals(in: period)
        guard let minutes = totals.minutesPerMessage else { return nil }
        let range = StaffingTargets.handleMinutesRange
        return (min(max(minutes, range.lowerBound), range.upperBound), totals)
    }

    /// Whether the query gives a value (an emptied form field gives none).
    static func asked(_ text: String?) -> Bool { !(text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }

    /// The targets of the query, each within its range; a missing one keeps the standard.
    static func staffingTargets(handle: String?, within: String?, level: String?) throws -> StaffingTargets {
        var targets = StaffingTargets.standard
        func value(_ text: String?, _ name: String, _ range: ClosedRange<Double>, _ hint: String) throws -> Double? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), range.contains(number) else {
                throw DomainError.invalidField(name, hint)
            }
            return number
        }
        if let minutes = try value(handle, "behandeltijd", StaffingTargets.handleMinutesRange, "kies 0,5 tot en met 120 minuten") {
            targets.handleMinutes = minutes
        }
        if let minutes = try value(within, "binnen", StaffingTargets.answerWithinMinutesRange, "kies 1 tot en met 1440 minuten") {
            targets.answerWithinMinutes = minutes
        }
        let percentages = (StaffingTargets.serviceLevelRange.lowerBound * 100)...(StaffingTargets.serviceLevelRange.upperBound * 100)
        if let percent = try value(level, "doel", percentages, "kies 50 tot en met 99 procent") {
            targets.serviceLevel = percent / 100
        }
        return targets
    }

    /// The day to plan: `YYYY-MM-DD` within a year of today; today when absent.
    static func staffingDay(_ text: String?, today: CalendarDay) throws -> CalendarDay {
        guard let text, !text.isEmpty else { return today }
        guard let day = CalendarDay(isoString: text), day.isValid, day >= today.adding(days: -366), day <= today.adding(days: 366) else {
            throw DomainError.invalidField("dag", "geef een datum als 2026-12-24, binnen een jaar van vandaag")
        }
        return day
    }

    /// The page again for `day` (nil: today), keeping the targets the lead entered.
    static func staffingLink(day: CalendarDay?, kept: [(name: String, value: String)]) -> String {
        var parts = kept.compactMap { name, value in
            value.addingPercentEncoding(withAllowedCharacters: .alphanumerics).map { "\(name)=\($0)" }
        }
        if let day { parts.append("dag=\(day.isoString)") }
        return parts.isEmpty ? "/bezetting" : "/bezetting?" + parts.joined(separator: "&")
    }

    /// "08:00–09:00" in local time.
    static func hourLabel(_ hour: DateInterval, calendar: BusinessCalendar) -> String {
        let clock = calendar.gregorianCalendar
        func text(_ date: Date) -> String {
            let parts = clock.dateComponents([.hour, .minute], from: date)
            return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        }
        return "\(text(hour.start))–\(text(hour.end))"
    }

    /// One decimal where it says something ("12,5"), none for whole numbers; a comma in Dutch.
    static func decimalFormatter(_ language: Language) -> @Sendable (Double) -> String {
        { value in
            let rounded = (value * 10).rounded() / 10
            let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
            return language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
        }
    }
}
