import Foundation

/// First-contact resolution and transfers per agent (S4: no "kastje-naar-de-muur"). A case is
/// resolved in first contact when it was resolved without being handed from one colleague to
/// another, without reopening, without the customer having to chase us before our first answer
/// ("Hallo?? nog steeds geen antwoord"), and with an answer of ours at all: a case resolved while no
/// reply reached the customer and no call, visit or letter of ours was logged ("zonder antwoord
/// afgehandeld" on the case page) resolved nothing for them. Giving an unowned case its first owner is no transfer.
public struct ResolutionStats: Sendable, Hashable {
    public var resolved = 0
    public var firstContact = 0
    /// Resolved without any answer of ours reaching the customer: never first contact.
    public var unanswered = 0
    /// Cases this agent handed to a colleague.
    public var handedOver = 0
    /// Cases a colleague handed to this agent.
    public var received = 0

    public init() {}

    /// Share resolved in first contact; nil before anything was resolved.
    public var firstContactRate: Double? { resolved == 0 ? nil : Double(firstContact) / Double(resolved) }

    /// `chased`: the customer wrote again before our first reply (`casesChasedBeforeFirstReply`).
    public static func isFirstContact(_ theCase: Case, handoffs: [Handoff], chased: Bool) -> Bool {
        !chased && theCase.reopenCount == 0 && !handoffs.contains { $0.isTransfer } && !isUnanswered(theCase)
    }

    /// No answer of ours reached the customer in the case's last episode: `respondedAt` is set by a
    /// reply written or a contact logged, and cleared again when that reply did not arrive.
    public static func isUnanswered(_ theCase: Case) -> Bool { theCase.respondedAt == nil }

    /// Resolved cases count for their owner (who stays owner until closing); transfers for
    /// whoever gave and received them.
    public static func perAgent(resolved: [(Case, [Handoff])], chased: Set<CaseID>, transfers: [Handoff]) -> [UserID: ResolutionStats] {
        var stats: [UserID: ResolutionStats] = [:]
        for (theCase, handoffs) in resolved {
            guard let owner = theCase.ownerID else { continue }
            stats[owner, default: ResolutionStats()].resolved += 1
            if isUnanswered(theCase) { stats[owner, default: ResolutionStats()].unanswered += 1 }
            if isFirstContact(theCase, handoffs: handoffs, chased: chased.contains(theCase.id)) { stats[owner, default: ResolutionStats()].firstContact += 1 }
        }
        for handoff in transfers where handoff.isTransfer {
            if let from = handoff.fromUserID { stats[from, default: ResolutionStats()].handedOver += 1 }
            if let to = handoff.toUserID { stats[to, default: ResolutionStats()].received += 1 }
        }
        return stats
    }

    /// A team's figures: its members' together, and every case handed to the team's queue as
    /// received by the team.
    public static func perTeam(
        _ perAgent: [UserID: ResolutionStats], teamOf: [UserID: TeamID], transfers: [Handoff]
    ) -> [TeamID: ResolutionStats] {
        var stats: [TeamID: ResolutionStats] = [:]
        for (user, figures) in perAgent {
            guard let team = teamOf[user] else { continue }
            stats[team] = total([stats[team, default: ResolutionStats()], figures])
        }
        for handoff in transfers where handoff.isTransfer {
            if let team = handoff.toTeamID { stats[team, default: ResolutionStats()].received += 1 }
        }
        return stats
    }

    /// Everyone's figures together: the team's.
    public static func total(_ stats: some Sequence<ResolutionStats>) -> ResolutionStats {
        stats.reduce(into: ResolutionStats()) {
            $0.resolved += $1.resolved
            $0.firstContact += $1.firstContact
            $0.unanswered += $1.unanswered
            $0.handedOver += $1.handedOver
            $0.received += $1.received
        }
    }
}

extension Handoff {
    /// From one colleague to another: the customer's case changed hands.
    public var isTransfer: Bool { fromUserID != nil && fromUserID != toUserID }
}
