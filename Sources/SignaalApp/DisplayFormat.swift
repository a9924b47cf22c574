import Foundation
import SignaalDomain

/// Times as people in the Netherlands read them: Europe/Amsterdam, in their language.
struct DisplayFormat: Sendable {
    let language: Language
    let now: Date

    static let amsterdam = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.amsterdam
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let month = monthShortName(parts.month ?? 1)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "\(parts.day ?? 0) \(month) \(parts.year ?? 0) \(time)"
    }

    /// "18:42": the time of `date`, without the day.
    func time(_ date: Date) -> String { String(dateTime(date).split(separator: " ").last ?? "") }

    /// "5 dec 2026": the day of `date`, without the time.
    func date(_ date: Date) -> String { dateTime(date).split(separator: " ").prefix(3).joined(separator: " ") }

    /// "€ 1.234,56" in Dutch, "€1,234.56" in English: money is integer cents.
    func money(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let euros = count(abs(cents) / 100)
        let rest = String(format: "%02d", abs(cents) % 100)
        return language == .nl ? "\(sign)€ \(euros),\(rest)" : "\(sign)€\(euros).\(rest)"
    }

    /// "12.345" in Dutch, "12,345" in English.
    func count(_ value: Int) -> String { Written.grouped(value, separator: language == .nl ? "." : ",") }

    /// "1.234,5" in Dutch, "1,234.5" in English: at most one decimal, thousands grouped as `count`.
    func decimal(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        let sign = value < 0 && tenths > 0 ? "-" : ""
        let whole = sign + count(tenths / 10)
        return tenths % 10 == 0 ? whole : whole + (language == .nl ? "," : ".") + String(tenths % 10)
    }

    /// "november 2026", "November 2026".
    func month(_ month: ReportMonth) -> String { "\(monthName(month.month)) \(month.year)" }

    /// The month's full name, 1 = January.
    func monthName(_ month: Int) -> String { Written.month(month, of: language == .nl ? Written.dutchMonths : Written.englishMonths) }

    /// "mrt", "Mar": the month as a date in a list writes it, 1 = January.
    func monthShortName(_ month: Int) -> String {
        Written.month(month, of: language == .nl ? Written.dutchMonthsShort : Written.englishMonthsShort)
    }

    /// "zaterdag 5 december 2026", "Saturday 5 December 2026": a day to plan.
    func day(_ day: CalendarDay) -> String {
        let weekday = language == .nl ? day.weekday.dutchName : "\(day.weekday)".capitalized
        return "\(weekday) \(day.day) \(monthName(day.month)) \(day.year)"
    }

    /// "3 u 12 min", "2 d 4 u": how long someone has been waiting.
    func duration(since date: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(date) / 60))
        let hourUnit = language == .nl ? "u" : "h"
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 24 * 60 { return "\(minutes / 60) \(hourUnit) \(minutes % 60) min" }
        return "\(minutes / (24 * 60)) d \((minutes / 60) % 24) \(hourUnit)"
    }

    func status(_ status: CaseStatus) -> String {
        guard language == .en else { return status.dutchName }
        return switch status {
        case .new: "new"
        case .open: "open"
        case .waitingOnCustomer: "waiting on customer"
        case .resolved: "resolved"
        case .closed: "closed"
        }
    }

    /// How a customer is known, in the page's language.
    func identityKind(_ kind: Identity.Kind) -> String {
        switch kind {
        case .x: "X"
        case .meta: "Facebook/Messenger"
        case .instagram: "Instagram"
        case .email: language == .en ? "email" : "e-mail"
        case .phone: language == .en ? "phone" : "telefoon"
        case .whatsapp: "WhatsApp"
        }
    }

    func channel(_ channel: Channel) -> String {
        language == .en ? channel.englishName : channel.dutchName
    }

    /// `text` cut to at most `length` characters, with "…" where it was cut.
    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A case history's reason as stored (Dutch) in the page's language; one an agent typed as typed.
    func statusReason(_ stored: String) -> String {
        guard let reason = StatusReason(dutch: stored) else { return stored }
        guard language == .en else {
            // Stored as "(cijfer 2)", which reads as a mark out of 10; the answer was out of 5.
            return switch reason {
            case .customerNotSolved(let score): "klant: niet opgelost (score \(score) van 5)"
            case .customerNotSatisfied(let score): "klant niet tevreden (score \(score) van 5)"
            default: stored
            }
        }
        return switch reason {
        case .firstMessage(let via): "first message via \(channel(via))"
        case .customerReplied: "customer replied"
        case .customerWroteAfterResolution: "customer wrote again after it was resolved"
        case .takenBy(let name): "taken by \(name)"
        case .firstReply: "first reply"
        case .replyWritten: "reply written"
        case .replyNotReceived: "the reply did not reach the customer"
        case .resolved(let outcome): "resolved: \(outcome)"
        case .closed: "closed"
        case .customerNotSolved(let score): "customer: not solved (score \(score) out of 5)"
        case .customerNotSatisfied(let score): "customer not satisfied (score \(score) out of 5)"
        case .handledInLog(let note): "imported: handled according to the complaint log (\(note))"
        }
    }

    func replyStatus(_ status: Reply.Status) -> String {
        guard language == .en else { return status.dutchName }
        return switch status {
        case .queued: "queued"
        case .sending: "sending"
        case .sent: "sent"
        case .delivered: "delivered"
        case .read: "read"
        case .failed: "failed"
        }
    }

    func promiseStatus(_ status: CasePromise.Status) -> String {
        guard language == .en else { return status.dutchName }
        return switch status {
        case .open: "open"
        case .kept: "kept"
        case .broken: "broken"
        }
    }

    func compensationKind(_ kind: Compensation.Kind) -> String {
        language == .en ? kind.englishName : kind.dutchName
    }

    func compensationStatus(_ status: Compensation.Status) -> String {
        guard language == .en else { return status.dutchName }
        return switch status {
        case .granted: "granted"
        case .pending: "awaiting approval"
        case .rejected: "rejected"
        }
    }

    func band(_ band: PriorityBand) -> String {
        guard language == .en else { return band.dutchName }
        return switch band {
        case .normal: "normal"
        case .high: "high"
        case .urgent: "urgent"
        }
    }

    /// An SLA target's name, as a heading ("Eerste reactie") or within a sentence ("eerste reactie").
    func slaTarget(_ kind: SLATargetKind, capitalized: Bool) -> String {
        let name = switch (language, kind) {
        case (.nl, .firstResponse): "eerste reactie"
        case (.nl, .resolution): "oplossing"
        case (.en, .firstResponse): "first response"
        case (.en, .resolution): "resolution"
        }
        return capitalized ? name.prefix(1).uppercased() + name.dropFirst() : name
    }

    /// What went wrong on a case, as the case page says it.
    func surpriseReason(_ reason: Surprise.Reason) -> String {
        switch reason {
        case .reopened(let times): language.text("case_surprise_reopened", ["n": String(times)])
        case .transferred(let times): language.text("case_surprise_transferred", ["n": String(times)])
        case .brokenPromises(1): language.text("case_surprise_promise_broken")
        case .brokenPromises(let count): language.text("case_surprise_promises_broken", ["n": String(count)])
        case .lowScore(let score): language.text("case_surprise_low_score", ["score": String(score)])
        case .slaBreached: language.text("case_surprise_sla")
        case .wroteOften(let times): language.text("case_surprise_wrote_often", ["n": String(times)])
        case .considersLeaving: language.text("case_surprise_leaving")
        }
    }
}
