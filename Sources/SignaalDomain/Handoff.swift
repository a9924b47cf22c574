import Foundation

public typealias HandoffID = Identifier<Handoff>

/// A warm handoff: the case goes to a colleague with a briefing, so the customer never has to
/// tell the story twice. The receiver reads the briefing first.
public struct Handoff: Sendable, Hashable, Codable, Identifiable {
    public var id: HandoffID
    public var caseID: CaseID
    /// Who handed over; nil when the case had no owner yet.
    public var fromUserID: UserID?
    public var toUserID: UserID
    /// Who did it: the owner, or a team lead reassigning.
    public var byUserID: UserID
    public var briefing: String
    public var at: Date

    public init(id: HandoffID, caseID: CaseID, fromUserID: UserID?, toUserID: UserID, byUserID: UserID, briefing: String, at: Date) {
        self.id = id
        self.caseID = caseID
        self.fromUserID = fromUserID
        self.toUserID = toUserID
        self.byUserID = byUserID
        self.briefing = briefing
        self.at = at
    }

    /// A briefing says at least what the customer needs and what was done: one real sentence.
    public static let minimumBriefingCharacters = 20
    public static let maximumBriefingCharacters = 4000
}
