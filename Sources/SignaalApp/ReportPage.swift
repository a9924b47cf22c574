import Foundation
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

/// The monthly report for the board (capability 10, S2): key figures against the month before,
/// failure costs in euros, the volume per day, the topics and whether complaints on them dropped,
/// the silent majority behind the complaints (S1), and five stories with quotes instead of a
/// spreadsheet. HTML, printable as PDF from the browser. `?maand=YYYY-MM` (this month by
/// default); `?uurtarief=` and `?behandeltijd=` set what an hour of webcare costs.
extension WebController {
    static let standardHourlyRateCents = 4500

    @Sendable func reportPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        _ = try Self.requireLead(context, language, forbiddenKey: "report_forbidden")
        let now = clock()
        let calendar = sla.calendar
        let parameters = request.uri.queryParameters
        var query = Dictionary(uniqueKeysWithValues: ["maand", "uurtarief", "behandeltijd"].map { ($0, parameters.get($0) ?? "") })
        let thisMonth = ReportMonth(containing: calendar.localDay(of: now))
        let month = try Self.reportMonth(query["maand"], current: thisMonth)
        // A rate or time out of range gives the report on the standard ones with the reason above
        // the form, not an error page without the report or the form to correct it.
        var assumptionsError: String?
        var rateCents = Self.standardHourlyRateCents
        var assumedMinutes = StaffingTargets.standard.handleMinutes
        do {
            rateCents = try Self.hourlyRateCents(query["uurtarief"])
            assumedMinutes = try Self.staffingTargets(handle: query["behandeltijd"], within: nil, level: nil).handleMinutes
        } catch let error as DomainError {
            assumptionsError = error.message
            rateCents = Self.standardHourlyRateCents
            assumedMinutes = StaffingTargets.standard.handleMinutes
            query["uurtarief"] = ""
            query["behandeltijd"] = ""
        }
        let gather = GatherMonthFigures(store: store)
        let period = month.period(in: calendar)
        // While the month runs it is compared with the same days of the month before (1–7
        // November on 7 December), not with a whole month it cannot yet match; a finished month
        // with the whole month before.
        let today = calendar.localDay(of: now)
        let running = month == thisMonth
        let clock = calendar.gregorianCalendar.dateComponents([.hour, .minute], from: now)
        let previousPeriod = running
            ? month.previous.period(in: calendar, upToDayOf: today, minute: (clock.hour ?? 0) * 60 + (clock.minute ?? 0))
            : month.previous.period(in: calendar)
        // The month and the one before are read side by side: each reads all its messages.
        async let gathered = gather(period, now: now)
        async let gatheredBefore = gather(previousPeriod, now: now)
        let (figures, counts) = try await gathered
        let (before, _) = try await gatheredBefore
        // The handling time measured on the case pages each month, unless the lead enters one.
        let asked = Self.asked(query["behandeltijd"])
        let measured = asked ? nil : try await measuredHandleMinutes(in: period)
        let measuredBefore = asked ? nil : try await measuredHandleMinutes(in: previousPeriod)
        let handleMinutes = measured?.minutes ?? assumedMinutes
        let format = DisplayFormat(language: language, now: now)
        let number = Self.decimalFormatter(language)
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded())) %" } ?? "–" }
        func signedPercent(_ fraction: Double) -> String {
            let delta = Int((fraction * 100).rounded())
            return delta == 0 ? "±0 %" : delta > 0 ? "+\(delta) %" : "\(delta) %"
        }
        func change(_ current: Int, _ previous: Int) -> String {
            previous > 0 ? signedPercent(Double(current - previous) / Double(previous)) : ""
        }
        // Counts as the reader writes them: "10.000", "10,000".
        func countRow(_ key: String, _ current: Int, _ previous: Int) -> [String: Any] {
            ["label": language.text(key), "value": format.count(current), "before": format.count(previous), "change": change(current, previous)]
        }

        let costs = FailureCosts(figures, handleMinutes: handleMinutes, hourlyRateCents: rateCents)
        let costsBefore = FailureCosts(before, handleMinutes: measuredBefore?.minutes ?? assumedMinutes, hourlyRateCents: rateCents)
        let keyFigures: [[String: Any]] = [
            countRow("report_signals", figures.signals, before.signals),
            countRow("report_complaints", figures.complaints, before.complaints),
            countRow("report_compliments", figures.compliments, before.compliments),
            ["label": language.text("report_negative"), "value": percent(figures.negativeShare), "before": percent(before.negativeShare), "change": ""],
            countRow("report_resolved", figures.resolved, before.resolved),
            ["label": language.text("report_fcr"), "value": percent(figures.firstContactRate), "before": percent(before.firstContactRate), "change": ""],
            countRow("report_unanswered", figures.unanswered, before.unanswered),
            countRow("report_transfers", figures.transfers, before.transfers),
            countRow("report_repeat", figures.repeatContacts, before.repeatContacts),
            ["label": language.text("report_promises"), "value": Self.promiseText(figures, percent, format), "before": Self.promiseText(before, percent, format), "change": ""],
            ["label": language.text("report_csat"), "value": Self.satisfactionText(figures, number, format), "before": Self.satisfactionText(before, number, format), "change": ""],
        ]
        let costRows: [[String: Any]] = [
            ["label": language.text(
                measured == nil ? "report_cost_handling" : "report_cost_handling_measured", ["minutes": number(handleMinutes), "rate": format.money(rateCents)]),
             "value": format.money(costs.handlingCents), "before": format.money(costsBefore.handlingCents)],
            ["label": language.text("report_cost_repeat"), "value": format.money(costs.repeatContactCents), "before": format.money(costsBefore.repeatContactCents), "part": true],
            ["label": language.text("report_cost_compensation"), "value": format.money(costs.compensationCents), "before": format.money(costsBefore.compensationCents)],
        ]

        let trends = TopicTrend.trends(current: figures.topics, previous: before.topics)
        let topicRows = trends.prefix(10).map { trend -> [String: Any] in
            [
                "topic": topics.label(trend.topic, language: language), "count": format.count(trend.count), "previous": format.count(trend.previous),
                "change": trend.change.map(signedPercent) ?? language.text("report_new_topic"),
                "dropped": (trend.change ?? 0) < 0,
            ]
        }

        let complaints = try await store.signals(intent: .complaint, in: period, limit: 2000)
        let stories = Stories.pick(complaints, topicsByVolume: trends.filter { $0.count > 0 }.map(\.topic))
        let storyCases = try await store.cases(ids: stories.map(\.signal.caseID))
        let storyCustomers = try await store.customers(ids: stories.map(\.signal.customerID))
        let storyRows = stories.map { signal, topic -> [String: Any] in
            let theCase = storyCases[signal.caseID]
            return [
                "text": signal.text, "caseID": signal.caseID.description, "at": format.dateTime(signal.receivedAt),
                "channel": format.channel(signal.channel),
                "who": storyCustomers[signal.customerID]?.name?.split(separator: " ").first.map(String.init) ?? language.text("report_a_customer"),
                "topic": (topic ?? signal.analysis?.topics.first).map { topics.label($0, language: language) } ?? false,
                "outcome": theCase.map { format.status($0.status) } ?? "",
            ]
        }
        let praise = try await store.signals(intent: .compliment, in: period, limit: 500)
            .sorted { $0.text.count > $1.text.count }.prefix(2).map { ["text": $0.text, "channel": format.channel($0.channel)] }

        // What was improved this month, beside the trend of its topic (S2's monthly meeting).
        // Not only the list page's latest fifty: a past month's report needs its own.
        let actions = try await store.improvements(limit: 500)
        let sameDays = running && previousPeriod != month.previous.period(in: calendar)
        let beforeColumn = sameDays ? Self.spanLabel(month.previous, lastDay: today.day, format: format) : language.text("report_col_before")
        var improved: [[String: Any]] = []
        for action in actions where action.doneAt.map(period.contains) ?? false {
            let outcomes = try await store.improvementRecipientOutcomes(id: action.id)
            improved.append([
                "id": action.id.description, "title": action.title,
                "text": language.text(
                    sameDays ? "report_improved_item_same_days" : "report_improved_item",
                    [
                        "span": beforeColumn,
                        "date": format.date(action.doneAt ?? now), "topic": topics.label(action.topic, language: language),
                        "count": format.count(figures.topics[action.topic] ?? 0), "previous": format.count(before.topics[action.topic] ?? 0),
                        "reach": outcomes.isEmpty ? language.text("report_improved_quiet") : Self.improvedReach(DeliveryTally(outcomes), format: format),
                    ]),
            ])
        }
        let runningActions = actions.filter { !$0.isDone }.count

        let iceberg = Iceberg(complainants: figures.complainants)
        var values: [String: Any] = [
            "month": format.month(month), "monthISO": month.isoString,
            "previousLink": Self.reportLink(month.previous, query: query), "nextLink": month < thisMonth ? Self.reportLink(month.next, query: query) : false,
            "partial": running
                ? language.text(sameDays ? "report_partial_same_days" : "report_partial", ["date": format.dateTime(now), "span": beforeColumn]) : false,
            "beforeColumn": beforeColumn,
            "key": keyFigures, "costs": costRows, "costTotal": format.money(costs.totalCents), "costTotalBefore": format.money(costsBefore.totalCents),
            "perCase": costs.perCaseCents(figures).map(format.money) ?? "–",
            "perCaseBefore": costsBefore.perCaseCents(before).map(format.money) ?? "–",
            "chart": Self.chart(DayVolume.days(counts, month: month, calendar: calendar), format: format),
            "topics": topicRows, "hasTopics": !topicRows.isEmpty, "stories": storyRows, "hasStories": !storyRows.isEmpty,
            "praise": Array(praise), "hasPraise": !praise.isEmpty,
            "improved": improved, "hasImproved": !improved.isEmpty || runningActions > 0,
            "running": runningActions > 0 ? language.text("report_improved_running", ["count": format.count(runningActions)]) : false,
            "iceberg": language.text(
                "report_iceberg",
                ["complainants": format.count(iceberg.complainants), "unhappy": format.count(iceberg.unhappy), "told": format.count(iceberg.told),
                 "per": String(Iceberg.unhappyPerComplainant), "tell": String(Iceberg.toldPerUnhappy)]),
            "rate": number(Double(rateCents) / 100), "wide": true,
            // Only a time the lead entered fills the field; otherwise it is the placeholder, so that
            // "Bereken" with a new rate keeps measuring both months (each its own time, or the standard).
            "handle": asked ? number(handleMinutes) : "", "handlePlaceholder": number(handleMinutes),
        ]
        if let measured {
            values["measured"] = language.text(
                "report_handle_measured",
                ["hours": format.decimal(measured.totals.seconds / 3600), "cases": format.count(measured.totals.cases),
                 "messages": format.count(measured.totals.messages), "minutes": number(measured.minutes)])
        } else if !asked {
            values["measured"] = language.text("report_handle_assumed", ["cases": String(WorkTime.minimumCases)])
        }
        // The month before is costed on its own basis: say so where it differs from this month's.
        if !asked, let measuredBefore, measuredBefore.minutes != measured?.minutes {
            values["measuredBefore"] = language.text("report_handle_before_measured", ["minutes": number(measuredBefore.minutes)])
        } else if !asked, measuredBefore == nil, measured != nil {
            values["measuredBefore"] = language.text("report_handle_before_assumed", ["minutes": number(assumedMinutes)])
        }
        if figures.signals == 0 { values["empty"] = language.text("report_empty") }
        if let assumptionsError { values["assumptionsError"] = assumptionsError }
        return pages.render(
            "rapport", title: language.text("report_title") + " " + format.month(month), values: values, request: request, context: context,
            status: assumptionsError == nil ? .ok : .unprocessableContent)
    }

    /// "1–7 nov": the days of the month before a running month is compared with.
    static func spanLabel(_ month: ReportMonth, lastDay: Int, format: DisplayFormat) -> String {
        let name = format.monthShortName(month.month)
        return lastDay == 1 ? "1 \(name)" : "1–\(lastDay) \(name)"
    }

    static func promiseText(_ figures: MonthFigures, _ percent: (Double?) -> String, _ format: DisplayFormat) -> String {
        figures.promisesKept + figures.promisesBroken == 0
            ? "–"
            : "\(format.count(figures.promisesKept)) / \(format.count(figures.promisesKept + figures.promisesBroken)) (\(percent(figures.promisesKeptRate)))"
    }

    static func satisfactionText(_ figures: MonthFigures, _ number: (Double) -> String, _ format: DisplayFormat) -> String {
        figures.satisfaction.map { "\(number($0)) (\(format.count(figures.satisfactionScores.count))×)" } ?? "–"
    }

    /// `YYYY-MM`, from `ReportMonth.earliest` up to this month; this month when absent.
    static func reportMonth(_ text: String?, current: ReportMonth) throws -> ReportMonth {
        guard let text, !text.isEmpty else { return current }
        guard let month = ReportMonth(isoString: text), month <= current else {
            throw DomainError.invalidField(
                "maand", "geef een maand als \(current.isoString), van \(ReportMonth.earliest.isoString) tot en met deze maand")
        }
        return month
    }

    /// Euros per hour of webcare, 1 to 500; the standard when absent.
    static func hourlyRateCents(_ text: String?) throws -> Int {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return standardHourlyRateCents }
        guard let euros = Double(text.replacingOccurrences(of: ",", with: ".")), (1...500).contains(euros) else {
            throw DomainError.invalidField("uurtarief", "geef een uurtarief van 1 tot en met 500 euro")
        }
        return Int((euros * 100).rounded())
    }

    static func reportLink(_ month: ReportMonth, query: [String: String]) -> String {
        "/rapport?maand=\(month.isoString)" + ["uurtarief", "behandeltijd"].compactMap { name in
            query[name].flatMap { $0.isEmpty ? nil : $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }.map { "&\(name)=\($0)" }
        }.joined()
    }

    /// Bars per day (negative part darker) as SVG attributes: the page's CSP allows no inline style.
    static func chart(_ days: [DayVolume], format: DisplayFormat) -> [String: Any] {
        let height = 120.0
        let barWidth = 14.0
        let highest = max(1, days.map(\.total).max() ?? 1)
        let bars = days.enumerated().map { index, day -> [String: Any] in
            let total = Double(day.total) / Double(highest) * height
            let negative = Double(day.negative) / Double(highest) * height
            return [
                "x": index * Int(barWidth), "width": Int(barWidth) - 3,
                "totalY": String(format: "%.1f", height - total), "totalHeight": String(format: "%.1f", total),
                "negativeY": String(format: "%.1f", height - negative), "negativeHeight": String(format: "%.1f", negative),
                "title": format.language.text(
                    "report_chart_day", ["day": String(day.day.day), "total": format.count(day.total), "negative": format.count(day.negative)]),
                "label": day.day.day == 1 || day.day.day % 5 == 0 ? String(day.day.day) : false,
                "labelX": index * Int(barWidth) + 5,
                // The same figures in the table under the chart, readable without a mouse.
                "dayNumber": String(day.day.day), "dayTotal": format.count(day.total), "dayNegative": format.count(day.negative),
            ]
        }
        return ["bars": bars, "width": days.count * Int(barWidth), "height": Int(height) + 16, "axisY": Int(height) + 13, "highest": highest]
    }

    /// Only the messages that went out count as customers told; those still queued, failed or
    /// sent before Signaal kept track are said apart.
    static func improvedReach(_ tally: DeliveryTally, format: DisplayFormat) -> String {
        let language = format.language
        let told = language.text(tally.arrived == 1 ? "report_improved_reach_one" : "report_improved_reach", ["count": format.count(tally.arrived)])
        let rest = [
            (tally.underway + tally.waiting, "report_improved_underway"), (tally.failed, "report_improved_failed"),
            (tally.unknown, "report_improved_unknown"),
        ].filter { $0.0 > 0 }.map { language.text($0.1, ["count": format.count($0.0)]) }
        return rest.isEmpty ? told : "\(told) (\(rest.joined(separator: ", ")))"
    }
}
