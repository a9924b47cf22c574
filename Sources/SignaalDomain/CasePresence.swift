import Foundation

/// Who else has a case open, and whether they are writing to the customer: two colleagues
/// answering the same complaint at once is how a customer gets two different answers.
public struct CasePresence: Sendable, Hashable {
    public var caseID: CaseID
    public var userID: UserID
    public var typing: Bool
    public var seenAt: Date

    public init(caseID: CaseID, userID: UserID, typing: Bool, seenAt: Date) {
        self.caseID = caseID
        self.userID = userID
        self.typing = typing
        self.seenAt = seenAt
    }

    /// A page that has not reported for this long is closed (pages report every 10 seconds).
    public static let window: TimeInterval = 30
    /// Older reports are removed.
    public static let retention: TimeInterval = 3600
}

/// Time colleagues spend on cases, measured from the case page's reports while it is in view
/// and in use: the handling time behind failure costs and the staffing forecast, measured
/// instead of assumed (S2: what a complaint costs; S1: enough people).
public enum WorkTime {
    /// Active reports further apart than this belong to two spells of work (a page in use
    /// reports every 10 seconds).
    public static let gap: TimeInterval = 45
    /// A spell counts one reporting interval beyond its last report: the page was in use until
    /// the next report was due.
    public static let reportInterval: TimeInterval = 10
    /// With fewer cases worked than this in a period, the measurement is too thin to stand in
    /// for the assumed handling time.
    public static let minimumCases = 10

    /// The time of `spells` spells whose reports span `reported` seconds in all.
    public static func seconds(reported: TimeInterval, spells: Int) -> TimeInterval {
        reported + Double(spells) * reportInterval
    }
}

/// The work measured in a period: its time, on how many cases, and how many messages those
/// cases hold (up to the period's end), which is what the time was spent on.
public struct WorkTotals: Sendable, Hashable {
    public var seconds: TimeInterval
    public var cases: Int
    public var messages: Int

    public init(seconds: TimeInterval, cases: Int, messages: Int) {
        self.seconds = seconds
        self.cases = cases
        self.messages = messages
    }

    /// Minutes of work per message of the cases worked on, or nil when too few cases were worked
    /// to say. Messages nobody has handled yet do not water it down.
    public var minutesPerMessage: Double? {
        guard cases >= WorkTime.minimumCases, messages > 0, seconds > 0 else { return nil }
        return seconds / 60 / Double(messages)
    }
}
