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
