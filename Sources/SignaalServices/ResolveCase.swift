import Foundation
import SignaalDomain
import SignaalStore

/// Resolving asks two things: what the outcome for the customer is, and which topic caused the
/// complaint — the root cause the organisation learns from (feedback loop, not just a closed ticket).
public struct ResolveCase: Sendable {
    let store: any SignaalStore
    let topics: [String]
    let clock: @Sendable () -> Date

    public init(store: any SignaalStore, topics: [String], clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.topics = topics
        self.clock = clock
    }

    public static let minimumOutcomeCharacters = 10
    /// The outcome named when the case was last resolved (kept as the reason of that move).
    public static func outcome(of theCase: Case) -> String? {
        guard let reason = theCase.transitions.last(where: { $0.to == .resolved })?.reason,
            case .resolved(let outcome) = StatusReason(dutch: reason)
        else { return nil }
        return outcome
    }
    public static let maximumOutcomeCharacters = 1000

    /// What speaks against resolving the case now (see `ResolutionConcern`).
    public func concerns(_ id: CaseID) async throws -> [ResolutionConcern] {
        ResolutionConcern.concerns(
            replies: try await store.replies(caseID: id), promises: try await store.promises(caseID: id),
            signals: try await store.signals(caseID: id))
    }

    /// Resolves the case; over a concern only when `confirmed`: the refusal says what to do first.
    @discardableResult
    public func callAsFunction(_ id: CaseID, outcome: String, rootCause: String, by user: User, confirmed: Bool = false) async throws -> Case {
        let text = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= Self.minimumOutcomeCharacters else {
            throw DomainError.invalidField("outcome", "beschrijf in een zin wat de klant nu heeft of weet")
        }
        guard text.count <= Self.maximumOutcomeCharacters else {
            throw DomainError.invalidField("outcome", "houd de uitkomst onder de \(Self.maximumOutcomeCharacters) tekens")
        }
        guard topics.contains(rootCause) else {
            throw DomainError.invalidField("root_cause", "kies de oorzaak uit de onderwerpen: \(topics.joined(separator: ", "))")
        }
        guard let current = try await store.case(id: id) else { throw DomainError.notFound("zaak") }
        try Self.checkResolvable(current, by: user)
        // A fake account waits for no answer of ours: nothing to be sure of before dealing with it.
        if !confirmed && !current.posesAsBrand {
            let concerns = try await concerns(id)
            if !concerns.isEmpty {
                throw DomainError.invalidField(
                    "confirm", concerns.map(\.dutch).joined(separator: "; ") + ". Weet u zeker dat de klant geholpen is? Vink dan 'toch oplossen' aan")
            }
        }
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        return try await store.updateCase(id: id) { theCase in
            try Self.checkResolvable(theCase, by: user)
            try theCase.transition(to: .resolved, at: now, actorID: user.id, reason: StatusReason.resolved(outcome: text).dutch)
            theCase.rootCause = rootCause
            theCase.waitingSince = nil
            if theCase.ownerID == nil { theCase.ownerID = user.id }
            theCase.priority = CasePriority.compute(theCase.priorityInputs, now: now).score
        }
    }

    private static func checkResolvable(_ theCase: Case, by user: User) throws {
        guard theCase.status.isUnresolved else {
            throw DomainError.conflict("Deze zaak is al \(theCase.status.dutchName).")
        }
        try theCase.checkSteerable(by: user, to: "deze zaak oplossen")
    }

    /// A resolved case is closed for good; a customer who writes again opens a new one.
    @discardableResult
    public func close(_ id: CaseID, by user: User) async throws -> Case {
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        return try await store.updateCase(id: id) { theCase in
            guard theCase.status == .resolved else {
                throw DomainError.conflict("Alleen een opgeloste zaak kan worden gesloten.")
            }
            try theCase.checkSteerable(by: user, to: "deze zaak sluiten")
            try theCase.transition(to: .closed, at: now, actorID: user.id, reason: StatusReason.closed.dutch)
        }
    }
}
