import Foundation
import SignaalDomain
import SignaalStore

/// After resolving: one question to the customer through the channel they used, and a low
/// score or "not solved" sends the case straight back to the same owner.
public struct CheckSatisfaction: Sendable {
    let store: any SignaalStore
    /// Where customers reach the one-question page, e.g. "https://webcare.example.nl".
    let publicURL: String
    /// The name customers know, signing the question (`SIGNAAL_ORGANISATION`).
    let organisation: String
    let clock: @Sendable () -> Date

    public init(store: any SignaalStore, publicURL: String, organisation: String = "Signaal", clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.organisation = organisation
        self.clock = clock
    }

    /// Queues the question as a message on the customer's channel; nil when that channel cannot
    /// carry a link (a phone call, a letter).
    public func send(caseID: CaseID, by user: User) async throws -> SatisfactionCheck? {
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        // Nobody waits for our answer behind an account posing as the brand: nothing to ask.
        guard !theCase.posesAsBrand else { return nil }
        let signals = try await store.signals(caseID: caseID)
        let answered = signals.lastToAnswer
        let channel = answered?.channel ?? theCase.channel
        guard SatisfactionCheck.canReach(channel) else { return nil }
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        let check = SatisfactionCheck(token: RandomText.make(count: 32), caseID: caseID, sentAt: now)
        try await store.createSatisfactionCheck(check)
        let link = "\(publicURL)/tevredenheid/\(check.token)"
        let customer = try await store.customer(id: theCase.customerID)
        let text = SatisfactionCheck.message(
            link: link, customerName: customer?.name, organisation: organisation, channel: channel,
            english: answered?.analysis?.language == "en")
        var question = Reply(
            id: .generate(now: now), caseID: caseID, signalID: answered?.id, channel: channel, text: text, authorID: user.id,
            nextAttemptAt: now, createdAt: now, updatedAt: now)
        question.satisfactionToken = check.token
        try await store.createReply(question)
        return check
    }

    public struct Outcome: Sendable {
        public var check: SatisfactionCheck
        public var reopened: Bool
    }

    /// A customer erased on request is not asked again, nor is anything they might write kept.
    public static let withdrawnReason = "Deze vraag is niet meer geldig: uw gegevens zijn op uw verzoek gewist."

    /// Whether the customer of the check's case was erased since the question went out.
    public static func isWithdrawn(_ check: SatisfactionCheck, store: any SignaalStore) async throws -> Bool {
        guard let theCase = try await store.case(id: check.caseID) else { return true }
        return try await store.erasedAt(customerID: theCase.customerID) != nil
    }

    public func answer(token: String, score: Int, solved: Bool?, comment: String?) async throws -> Outcome {
        guard SatisfactionCheck.scores.contains(score) else { throw DomainError.invalidField("score", "kies een cijfer van 1 tot en met 5") }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (text?.count ?? 0) <= SatisfactionCheck.maximumCommentCharacters else {
            throw DomainError.invalidField("comment", "houd de toelichting onder de \(SatisfactionCheck.maximumCommentCharacters) tekens")
        }
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        if let stored = try await store.satisfactionCheck(token: token), try await Self.isWithdrawn(stored, store: store) {
            throw DomainError.conflict(Self.withdrawnReason)
        }
        let check = try await store.answerSatisfactionCheck(
            token: token, score: score, solved: solved, comment: text?.isEmpty == true ? nil : text, at: now)
        guard check.asksToReopen else { return Outcome(check: check, reopened: false) }
        let reason = (check.solved == false ? StatusReason.customerNotSolved(score: score) : .customerNotSatisfied(score: score)).dutch
        let updated = try await store.updateCase(id: check.caseID) { theCase in
            // A closed case stays closed; the answer is kept and a new message opens a new case.
            guard theCase.status == .resolved else { return }
            try theCase.transition(to: .open, at: now, actorID: nil, reason: reason)
            theCase.waitingSince = now
            theCase.priority = CasePriority.compute(theCase.priorityInputs, now: now).score
        }
        return Outcome(check: check, reopened: updated.status.isUnresolved)
    }

}
