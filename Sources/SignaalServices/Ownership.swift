import Foundation
import SignaalDomain
import SignaalStore

/// One owner per case: an agent takes an unowned case and keeps it until it is closed, or hands
/// it over warmly — with a briefing the receiver reads first.
public struct Ownership: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// `user` becomes the owner of an unowned case; a new case is now being handled.
    public func take(caseID: CaseID, by user: User) async throws -> Case {
        let now = clock()
        return try await store.updateCase(id: caseID) { theCase in
            guard theCase.status != .closed else { throw DomainError.conflict("Deze zaak is gesloten.") }
            if theCase.ownerID == user.id { return }
            guard theCase.ownerID == nil else {
                throw DomainError.conflict("Deze zaak heeft al een eigenaar. Vraag om een overdracht, zodat de klant zijn verhaal niet opnieuw hoeft te doen.")
            }
            theCase.ownerID = user.id
            // Work taken by a team member counts for that team, unless a rule already placed it.
            if theCase.teamID == nil { theCase.teamID = user.teamID }
            theCase.updatedAt = now
            if theCase.status == .new { try theCase.transition(to: .open, at: now, actorID: user.id, reason: StatusReason.takenBy(name: user.name).dutch) }
        }
    }

    /// Hands the case to a colleague, or to a team's queue, with `briefing`. The owner may hand
    /// over, anyone may place an unowned case, and a team lead may reassign any case.
    public func handOver(caseID: CaseID, to receiver: HandoffReceiver, briefing: String, by user: User) async throws -> Handoff {
        let text = briefing.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= Handoff.minimumBriefingCharacters else {
            throw DomainError.invalidField(
                "briefing",
                "schrijf een overdracht van minstens \(Handoff.minimumBriefingCharacters) tekens: wat wil de klant, wat is al gedaan, wat is beloofd")
        }
        guard Handoff.hasWords(text) else {
            throw DomainError.invalidField(
                "briefing", "schrijf in woorden wat de klant wil, wat al gedaan is en wat is beloofd, zodat je collega het niet opnieuw hoeft te vragen")
        }
        guard text.count <= Handoff.maximumBriefingCharacters else {
            throw DomainError.invalidField("briefing", "houd de overdracht onder de \(Handoff.maximumBriefingCharacters) tekens")
        }
        var toUser: UserID?
        var toTeam: TeamID?
        switch receiver {
        case .user(let id):
            guard let colleague = try await store.user(id: id), colleague.isActive else {
                throw DomainError.invalidField("to", "kies een actieve collega")
            }
            toUser = colleague.id
        case .team(let id):
            guard try await store.teams().contains(where: { $0.id == id }) else { throw DomainError.invalidField("to", "kies een bestaand team") }
            toTeam = id
        }
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        try theCase.checkSteerable(by: user, to: "deze zaak overdragen")
        let now = clock()
        let handoff = Handoff(
            id: .generate(now: now), caseID: caseID, fromUserID: theCase.ownerID, toUserID: toUser, toTeamID: toTeam, byUserID: user.id,
            briefing: text, at: now)
        _ = try await store.recordHandoff(handoff, now: now)
        return handoff
    }
}
