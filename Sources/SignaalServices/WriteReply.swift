import DutchText
import Foundation
import SignaalChannels
import SignaalDomain
import SignaalStore

/// An agent answers a case: the reply is stored in the outbox first and sent by the outbox
/// worker through the channel of the customer's latest message, so nothing is lost when a
/// platform is down.
public struct WriteReply: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date
    /// The coach's review of the text as sent is kept with the reply: coaching material for the
    /// team lead. Sending never waits for a good score.
    let review: ReviewDraft?

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init, review: ReviewDraft? = nil) {
        self.store = store
        self.clock = clock
        self.review = review
    }

    /// Whether a reply without a message to answer can go out: by e-mail, to the customer's address.
    public static func canEmail(_ customer: Customer?) -> Bool {
        customer?.identities.contains { $0.kind == .email } ?? false
    }

    /// Where a reply to `answered` on its own channel would go (`ReplyRoute`); nil when Signaal
    /// cannot reach the customer at all: the composer says so before the agent writes.
    public static func route(answering answered: Signal?, customer: Customer?) -> ReplyRoute? {
        ReplyRoute.of(
            channel: answered?.channel ?? .email, answering: answered, customerEmail: customer?.identities.first { $0.kind == .email }?.value)
    }

    /// Whether the agent may send the answer to `answered` by e-mail instead of on its platform: a
    /// public complaint taken private, to an address the customer gave before.
    public static func mayEmailInstead(answering answered: Signal?, customer: Customer?) -> Bool {
        (answered?.channel.repliesOnPlatform ?? false) && canEmail(customer)
    }

    /// Queues `text` as the answer to `signalID`, or to the case's latest customer message; with
    /// `byEmail`, to the customer's e-mail address instead of on the message's platform. A
    /// `followUp` is news after the fact (what the customer's complaint changed): it may go to a
    /// closed case, and it changes no status or clock, for nobody was waiting for it. Without
    /// `takesOwnership` (a lead's message to many) the author does not become the owner of an
    /// unowned case: one text to a storm's customers makes nobody the owner of their cases.
    /// A `formKey` already used (the same form sent again) stores nothing: `ReplyAlreadyWritten`
    /// names the reply it stored the first time.
    public func callAsFunction(
        caseID: CaseID, text: String, author: UserID?, answering signalID: SignalID? = nil, byEmail: Bool = false,
        followUp: Bool = false, takesOwnership: Bool = true, formKey: String? = nil
    ) async throws -> Reply {
        // Before the checks: the first sending changed the case (now waiting, now owned).
        if let formKey, let existing = try await store.reply(formKey: formKey) { throw ReplyAlreadyWritten(existing: existing) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.emptyText }
        guard trimmed.utf8.count <= Reply.maximumTextBytes else { throw DomainError.textTooLong(limit: Reply.maximumTextBytes) }
        // The coach only advises, but a template's "[wat ik doe]" or "{naam}" left in would reach
        // the customer as typed: in a hurry (a storm's surge) that is the one slip not to send.
        let unfilled = Placeholders.unfilled(in: trimmed)
        if !unfilled.isEmpty {
            let named = unfilled.prefix(3).map { "‘\($0)’" }.joined(separator: ", ") + (unfilled.count > 3 ? " …" : "")
            throw DomainError.invalidField(
                "text", "er staat nog standaardtekst in die ingevuld moet worden: \(named). Vul die in of haal die weg; er is nog niets verstuurd")
        }
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        guard theCase.status != .closed || followUp else {
            throw DomainError.conflict("Deze zaak is gesloten; een antwoord hoort bij een open zaak.")
        }
        try theCase.checkAnswerable()
        try await Self.checkMayAnswer(theCase, by: author, store: store)
        let signals = try await store.signals(caseID: caseID)
        if let signalID, !signals.contains(where: { $0.id == signalID }) {
            throw DomainError.notFound("signaal \(signalID) in deze zaak")
        }
        let customer = try await store.customer(id: theCase.customerID)
        let destination: ReplyDestination
        do {
            destination = try ReplyDestination.of(answering: signalID, signals: signals, customer: customer, byEmail: byEmail)
        } catch {
            throw error.domainError
        }
        // Refused here, before the outbox: the platform would only reject it after the agent moved on.
        if let problem = destination.lengthProblem(trimmed) { throw DomainError.invalidField("text", problem) }
        let answered = destination.answered
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        var reply = Reply(
            id: .generate(now: now), caseID: caseID, signalID: answered?.id, channel: destination.channel,
            text: trimmed, authorID: author, nextAttemptAt: now, createdAt: now, updatedAt: now)
        if !followUp { reply.waitedSince = theCase.waitingSince }
        reply.formKey = formKey
        if let review {
            let result = review.review(
                draft: trimmed, theCase: theCase, signals: signals, customer: customer, answering: answered?.id,
                byEmail: destination.emailInstead)
            if result.reviewed {
                reply.coachScore = result.score
                var seen = Set<String>()
                reply.coachFindings = result.findings.map(\.code.rawValue).filter { seen.insert($0).inserted }
            }
        }
        try await store.createReply(reply)
        if !followUp {
            await Self.markAnswered(theCase, respondedAt: now, at: now, by: author, takesOwnership: takesOwnership, store: store)
        }
        return reply
    }

    /// One owner from first reply to closing: a colleague answers an owned case only as a lead,
    /// in writing or by a call written down.
    static func checkMayAnswer(_ theCase: Case, by author: UserID?, store: any SignaalStore) async throws {
        guard let author, let owner = theCase.ownerID, owner != author else { return }
        guard let user = try await store.user(id: author) else { throw DomainError.notFound("medewerker") }
        try theCase.checkSteerable(by: user, to: "deze zaak beantwoorden")
    }

    /// Answering puts the ball in the customer's court; a new case is now taken up. The first
    /// reply of an episode stops its first-response clock at `respondedAt` (a call written down
    /// afterwards answered when it was made); the status moves `now`, after what the case has seen.
    static func markAnswered(
        _ theCase: Case, respondedAt: Date, at now: Date, by author: UserID?, takesOwnership: Bool = true, store: any SignaalStore
    ) async {
        // An unowned case already answered (by a lead's status update to many) is still taken by
        // the first colleague who answers it themselves.
        let takes = takesOwnership && author != nil && theCase.ownerID == nil
        guard takes || theCase.status == .new || theCase.status == .open || theCase.respondedAt == nil else { return }
        _ = try? await store.updateCase(id: theCase.id) { updated in
            // One owner from the first reply: whoever answers an unowned case keeps it, so the
            // customer's answer comes back to them and not to nobody.
            if updated.ownerID == nil, takesOwnership, let author { updated.ownerID = author }
            if updated.respondedAt == nil { updated.respondedAt = max(respondedAt, updated.slaStartedAt) }
            guard updated.status == .new || updated.status == .open else { return }
            if updated.status == .new { try updated.transition(to: .open, at: now, actorID: author, reason: StatusReason.firstReply.dutch) }
            try updated.transition(to: .waitingOnCustomer, at: now, actorID: author, reason: StatusReason.replyWritten.dutch)
            updated.waitingSince = nil
        }
    }
}

/// An agent writes down a phone call, a counter visit or a letter: a signal recorded by them,
/// on an existing case or as a new one.
public struct RecordContact: Sendable {
    let ingest: IngestSignal
    let store: any SignaalStore

    public init(ingest: IngestSignal, store: any SignaalStore) {
        self.ingest = ingest
        self.store = store
    }

    public static let channels: [Channel] = [.phone, .counter, .letter]

    public func callAsFunction(
        channel: Channel, text: String, at: Date, recordedBy: UserID, onCase caseID: CaseID? = nil, author: Author = Author()
    ) async throws -> IntakeOutcome {
        guard Self.channels.contains(channel) else {
            throw DomainError.invalidField("channel", "kies telefoon, balie of brief")
        }
        var author = author
        if let caseID {
            guard let theCase = try await store.case(id: caseID), let customer = try await store.customer(id: theCase.customerID) else {
                throw DomainError.notFound("zaak")
            }
            author.name = author.name ?? customer.name
            author.email = author.email ?? customer.identities.first { $0.kind == .email }?.value
            author.phone = author.phone ?? customer.identities.first { $0.kind == .phone }?.value
            if author.name == nil && author.email == nil && author.phone == nil { author.name = "klant van zaak" }
        }
        let draft = SignalDraft(
            channel: channel, author: author, text: text, receivedAt: at, caseHint: caseID, recordedBy: recordedBy)
        return try await ingest(draft)
    }

    /// We called, wrote to or saw the customer: our contact, kept as a reply that reached them, so
    /// it answers the case as a reply does (the first response, the ball in the customer's court)
    /// and is never read as the customer's words: "Klant gebeld: geld staat terug, klant tevreden"
    /// is no compliment from the customer, and the customer did not write again.
    public func outbound(channel: Channel, text: String, at: Date, now: Date, recordedBy: UserID, onCase caseID: CaseID) async throws -> Reply {
        guard Self.channels.contains(channel) else {
            throw DomainError.invalidField("channel", "kies telefoon, balie of brief")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.emptyText }
        guard trimmed.utf8.count <= Reply.maximumTextBytes else { throw DomainError.textTooLong(limit: Reply.maximumTextBytes) }
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        guard theCase.status != .closed else {
            throw DomainError.conflict("Deze zaak is gesloten; leg het contact vast als notitie voor collega's of bij een nieuwe zaak.")
        }
        try theCase.checkAnswerable()
        try await WriteReply.checkMayAnswer(theCase, by: recordedBy, store: store)
        let at = Date(millisecondsSince1970: at.millisecondsSince1970)
        let reply = Reply(
            id: .generate(now: at), caseID: caseID, signalID: nil, channel: channel, text: trimmed, authorID: recordedBy,
            status: .delivered, nextAttemptAt: nil, createdAt: at, sentAt: at, updatedAt: at)
        try await store.createReply(reply)
        await WriteReply.markAnswered(theCase, respondedAt: at, at: now, by: recordedBy, store: store)
        return reply
    }
}
