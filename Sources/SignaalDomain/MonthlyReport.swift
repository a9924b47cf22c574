import Foundation

/// A calendar month, as the monthly report covers it (local time of the desk).
public struct ReportMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    static let years = 2000...2999
    /// The first month a report can cover.
    public static let earliest = ReportMonth(year: years.lowerBound, month: 1)!

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), Self.years.contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// "2026-11".
    public init?(isoString: String) {
        let parts = isoString.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    public init(containing day: CalendarDay) {
        year = day.year
        month = day.month
    }

    public var isoString: String { String(format: "%04d-%02d", year, month) }
    public var description: String { isoString }

    public var previous: ReportMonth { month == 1 ? ReportMonth(year: year - 1, month: 12)! : ReportMonth(year: year, month: month - 1)! }
    public var next: ReportMonth { month == 12 ? ReportMonth(year: year + 1, month: 1)! : ReportMonth(year: year, month: month + 1)! }

    public var firstDay: CalendarDay { CalendarDay(year: year, month: month, day: 1) }
    public var days: [CalendarDay] {
        (0..<CalendarDay.daysInMonth(year: year, month: month)).map { firstDay.adding(days: $0) }
    }

    /// From local midnight on the first to local midnight on the first of the next month.
    public func period(in calendar: BusinessCalendar) -> DateInterval {
        DateInterval(start: calendar.date(on: firstDay, minute: 0), end: calendar.date(on: next.firstDay, minute: 0))
    }

    /// The start of this month up to `day`'s day of the month at `minute` past midnight: the same
    /// days as a running month so far (1–7 November for 7 December at 18:00 up to 7 November
    /// 18:00). The whole month when it has no such day (30 November against 31 December).
    public func period(in calendar: BusinessCalendar, upToDayOf day: CalendarDay, minute: Int) -> DateInterval {
        let whole = period(in: calendar)
        guard day.day <= CalendarDay.daysInMonth(year: year, month: month) else { return whole }
        let end = calendar.date(on: CalendarDay(year: year, month: month, day: day.day), minute: minute)
        return DateInterval(start: whole.start, end: min(max(end, whole.start), whole.end))
    }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

/// Signals of one hour with one sentiment and intent (nil: not analysed), as the store counts them.
public struct SignalCount: Sendable, Hashable {
    public var hour: Date
    public var sentiment: Analysis.Sentiment?
    public var intent: Analysis.Intent?
    public var count: Int

    public init(hour: Date, sentiment: Analysis.Sentiment?, intent: Analysis.Intent?, count: Int) {
        self.hour = hour
        self.sentiment = sentiment
        self.intent = intent
        self.count = count
    }
}

/// What happened in a month, gathered from the store; the report computes from it.
public struct MonthFigures: Sendable, Hashable {
    public var signals = 0
    /// Distinct cases that received those signals, praise left out: every message beyond the
    /// first per case that is not praise is a repeat contact (the customer had to come back).
    public var casesWrittenTo = 0
    public var complaints = 0
    /// Distinct customers who sent any of those complaints: the iceberg stands on them.
    public var complainants = 0
    public var compliments = 0
    public var negative = 0
    public var resolved = 0
    public var firstContact = 0
    /// Resolved without any answer of ours (`ResolutionStats.isUnanswered`).
    public var unanswered = 0
    public var transfers = 0
    public var promisesKept = 0
    public var promisesBroken = 0
    public var satisfactionScores: [Int] = []
    public var compensationCents = 0
    /// Messages per topic, compliments left out.
    public var topics: [String: Int] = [:]

    public init() {}

    public mutating func add(_ counts: [SignalCount]) {
        for count in counts {
            signals += count.count
            if count.intent == .complaint { complaints += count.count }
            if count.intent == .compliment { compliments += count.count }
            if count.sentiment == .negative { negative += count.count }
        }
    }

    /// The messages that cost handling as failure: complaints, questions and the rest, not praise.
    public var handledMessages: Int { max(0, signals - compliments) }
    public var repeatContacts: Int { max(0, handledMessages - casesWrittenTo) }
    public var firstContactRate: Double? { resolved == 0 ? nil : Double(firstContact) / Double(resolved) }
    public var negativeShare: Double? { signals == 0 ? nil : Double(negative) / Double(signals) }
    /// The average score (1–5) of the answered satisfaction checks.
    public var satisfaction: Double? {
        satisfactionScores.isEmpty ? nil : Double(satisfactionScores.reduce(0, +)) / Double(satisfactionScores.count)
    }
    public var promisesKeptRate: Double? {
        promisesKept + promisesBroken == 0 ? nil : Double(promisesKept) / Double(promisesKept + promisesBroken)
    }
}

/// Failure costs (S2: what complaints cost, to move the board): the time spent handling the
/// messages (praise is no failure: compliments are left out), of which the repeat contacts a
/// better first answer would have saved, and what was given back as compensation. Money in
/// integer cents.
public struct FailureCosts: Sendable, Hashable {
    public var handlingCents: Int
    public var repeatContactCents: Int
    public var compensationCents: Int

    public var totalCents: Int { handlingCents + compensationCents }

    public init(_ figures: MonthFigures, handleMinutes: Double, hourlyRateCents: Int) {
        func cost(_ messages: Int) -> Int { Int((Double(messages) * handleMinutes / 60 * Double(hourlyRateCents)).rounded()) }
        handlingCents = cost(figures.handledMessages)
        repeatContactCents = cost(figures.repeatContacts)
        compensationCents = figures.compensationCents
    }

    /// Per case written to; nil without any.
    public func perCaseCents(_ figures: MonthFigures) -> Int? {
        figures.casesWrittenTo == 0 ? nil : Int((Double(totalCents) / Double(figures.casesWrittenTo)).rounded())
    }
}

/// The silent majority (S1): only one in 26 unhappy customers complains, and each unhappy
/// customer tells some 15 others. Counted from the customers who complained (one who wrote five
/// times is one unhappy customer, not five). An estimate, said as one.
public struct Iceberg: Sendable, Hashable {
    public static let unhappyPerComplainant = 26
    public static let toldPerUnhappy = 15

    public var complainants: Int
    public var unhappy: Int { complainants * Self.unhappyPerComplainant }
    public var told: Int { unhappy * Self.toldPerUnhappy }

    public init(complainants: Int) { self.complainants = complainants }
}

/// One topic this month against the month before: did complaints on it drop?
public struct TopicTrend: Sendable, Hashable {
    public var topic: String
    public var count: Int
    public var previous: Int

    /// Relative change; nil when the topic was absent the month before.
    public var change: Double? { previous == 0 ? nil : Double(count - previous) / Double(previous) }

    /// Busiest first; topics gone quiet this month follow, so a drop is seen too.
    public static func trends(current: [String: Int], previous: [String: Int]) -> [TopicTrend] {
        Set(current.keys).union(previous.keys).map { TopicTrend(topic: $0, count: current[$0] ?? 0, previous: previous[$0] ?? 0) }
            .sorted { ($0.count, $0.previous, $1.topic) > ($1.count, $1.previous, $0.topic) }
    }
}

/// Messages per local day of the month, and how many of them negative: the chart.
public struct DayVolume: Sendable, Hashable {
    public var day: CalendarDay
    public var total: Int
    public var negative: Int

    public init(day: CalendarDay, total: Int, negative: Int) {
        self.day = day
        self.total = total
        self.negative = negative
    }

    public static func days(_ counts: [SignalCount], month: ReportMonth, calendar: BusinessCalendar) -> [DayVolume] {
        var byDay: [CalendarDay: (total: Int, negative: Int)] = [:]
        for count in counts {
            let day = calendar.localDay(of: count.hour)
            byDay[day, default: (0, 0)].total += count.count
            if count.sentiment == .negative { byDay[day, default: (0, 0)].negative += count.count }
        }
        return month.days.map { DayVolume(day: $0, total: byDay[$0]?.total ?? 0, negative: byDay[$0]?.negative ?? 0) }
    }
}

/// Five stories instead of a spreadsheet of 350 complaints (S2): per busiest topic the complaint
/// that says it most clearly — the most negative one with enough words to be read out.
public enum Stories {
    public static let count = 5
    /// Shorter complaints rarely tell a story.
    public static let minimumCharacters = 60

    /// The stories, each with the topic it was picked for (nil for one of the rest).
    public static func pick(_ complaints: [Signal], topicsByVolume: [String]) -> [(signal: Signal, topic: String?)] {
        // "In their own words": a call or visit an agent wrote down is the agent's words about it;
        // a letter typed in is still the customer's.
        let readable = complaints.filter {
            $0.analysis?.intent == .complaint && $0.text.count >= minimumCharacters && ($0.recordedBy == nil || $0.channel == .letter)
        }
        // Most negative first; among equals the longer, then the earlier.
        let ranked = readable.sorted {
            let (left, right) = ($0.analysis?.score ?? 0, $1.analysis?.score ?? 0)
            if left != right { return left < right }
            if $0.text.count != $1.text.count { return $0.text.count > $1.text.count }
            return $0.receivedAt < $1.receivedAt
        }
        var picked: [(signal: Signal, topic: String?)] = []
        var seenCases = Set<CaseID>()
        for topic in topicsByVolume where picked.count < count {
            if let story = ranked.first(where: { ($0.analysis?.topics.contains(topic) ?? false) && !seenCases.contains($0.caseID) }) {
                picked.append((story, topic))
                seenCases.insert(story.caseID)
            }
        }
        // Fewer topics than stories: the strongest of the rest, one per case.
        for story in ranked where picked.count < count && !seenCases.contains(story.caseID) {
            picked.append((story, nil))
            seenCases.insert(story.caseID)
        }
        return picked
    }
}
