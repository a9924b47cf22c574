import Foundation

public typealias HandoffID = Identifier<Handoff>

/// A warm handoff: the case goes to a colleague, or to a team's queue, with a briefing, so the
/// customer never has to tell the story twice. The receiver reads the briefing first.
public struct Handoff: Sendable, Hashable, Codable, Identifiable {
    public var id: HandoffID
    public var caseID: CaseID
    /// Who handed over; nil when the case had no owner yet.
    public var fromUserID: UserID?
    /// The colleague who owns the case now; nil when it went to a team's queue.
    public var toUserID: UserID?
    /// The team whose queue the case went to, for a handoff to a team.
    public var toTeamID: TeamID?
    /// Who did it: the owner, or a team lead reassigning.
    public var byUserID: UserID
    public var briefing: String
    public var at: Date

    public init(
        id: HandoffID, caseID: CaseID, fromUserID: UserID?, toUserID: UserID?, toTeamID: TeamID? = nil, byUserID: UserID,
        briefing: String, at: Date
    ) {
        precondition((toUserID == nil) != (toTeamID == nil), "a handoff goes to a colleague or to a team")
        self.id = id
        self.caseID = caseID
        self.fromUserID = fromUserID
        self.toUserID = toUserID
        self.toTeamID = toTeamID
        self.byUserID = byUserID
        self.briefing = briefing
        self.at = at
    }

    /// A briefing says at least what the customer needs and what was done: one real sentence.
    public static let minimumBriefingCharacters = 20
    public static let maximumBriefingCharacters = 4000
    /// Different words of two letters or more a briefing needs: twenty times "a" briefs nobody.
    public static let minimumBriefingWords = 3

    /// Whether `briefing` has words enough to brief a colleague, however long it is.
    public static func hasWords(_ briefing: String) -> Bool {
        Set(briefing.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count >= 2 }).count >= minimumBriefingWords
    }
}

extension Handoff {
    /// Who owned the case at `date` by its handoffs (in any order): the receiver of the last one
    /// before it (nil: it was in a team's queue), else whoever the first one came from. Nil
    /// without handoffs: the history does not say.
    public static func owner(at date: Date, handoffs: [Handoff]) -> UserID? {
        let ordered = handoffs.sorted { $0.at < $1.at }
        if let last = ordered.last(where: { $0.at <= date }) { return last.toUserID }
        return ordered.first?.fromUserID
    }
}

/// Where a handoff sends the case.
public enum HandoffReceiver: Sendable, Hashable {
    case user(UserID)
    case team(TeamID)

    /// A choice from the handoff form: a colleague's id, or "team:" and a team's id.
    public init?(formValue: String) {
        if formValue.hasPrefix("team:") {
            guard let team = TeamID(String(formValue.dropFirst(5))) else { return nil }
            self = .team(team)
        } else {
            guard let user = UserID(formValue) else { return nil }
            self = .user(user)
        }
    }
}
