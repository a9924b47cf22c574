import Foundation
import SignaalDomain
import SignaalStore

/// What happened to one customer's copy of a message a team lead sent to many.
public enum CaseDelivery: Sendable, Hashable {
    /// A reply was written and put in the outbox: queued, not yet arrived.
    case queued(CaseID)
    case skipped(CaseID, reason: String)
}

/// One text from a team lead to many customers (an incident's status update, an improvement's
/// news), each in their own case through the outbox, `{klant}` being their first name. Who is to
/// hear it waits in the database: each recipient is taken once before its reply is written and
/// settled after, so a server that stops halfway leaves the rest to send, and nobody hears it twice.
struct RecipientQueue: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date
    /// Takes the next recipient nobody has taken; nil when none is left.
    let claim: @Sendable () async throws -> CaseID?
    /// Records what became of a taken recipient: reached with the reply written for it, or skipped
    /// with the reason.
    let settle: @Sendable (CaseID, _ reply: ReplyID?, _ reason: String?) async throws -> Void

    /// Recipients written to at once. Each spends most of its time waiting on the database (about
    /// a dozen statements: the case, the customer, the reply, the case's clocks); one at a time,
    /// a storm's thousand took 10 s on PostgreSQL while the team lead waited. The claim hands
    /// every recipient to one worker only, as it does across instances.
    static let workers = 8

    /// Sends `text` to every recipient still waiting; returns what became of those it took. When
    /// the database fails, each worker stops after the recipient it was on, and the first error
    /// is thrown once all have stopped: nobody is left half-written by a cancelled worker.
    func send(_ text: String, author: UserID, followUp: Bool) async throws -> [CaseDelivery] {
        let write = WriteReply(store: store, clock: clock)
        let outcomes = await withTaskGroup(of: ([CaseDelivery], (any Error)?).self) { group in
            for _ in 0..<Self.workers {
                group.addTask {
                    var deliveries: [CaseDelivery] = []
                    do {
                        while let caseID = try await claim() {
                            deliveries.append(try await deliver(text, to: caseID, author: author, followUp: followUp, write: write))
                        }
                        return (deliveries, nil)
                    } catch {
                        return (deliveries, error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        if let error = outcomes.lazy.compactMap(\.1).first { throw error }
        return outcomes.flatMap(\.0)
    }

    /// Writes to one taken recipient and settles it.
    private func deliver(_ text: String, to caseID: CaseID, author: UserID, followUp: Bool, write: WriteReply) async throws -> CaseDelivery {
        var written: ReplyID?
        var skippedBecause = ReplyDestination.Unreachable.noAddress.reason
        if let theCase = try await store.case(id: caseID) {
            let customer = try await store.customer(id: theCase.customerID)
            // The preview's rule (`MessageToMany.reach`): who it says cannot be reached is skipped
            // with that reason rather than queued to fail.
            switch MessageToMany.reach(signals: try await store.signals(caseID: caseID), customer: customer) {
            case .unreachable(let why):
                skippedBecause = why.reason
            case .reachable:
                do {
                    // A lead's text to many makes them nobody's owner (`takesOwnership`).
                    written = try await write(
                        caseID: caseID, text: PersonalText.filled(text, customerName: customer?.name), author: author, followUp: followUp,
                        takesOwnership: false
                    ).id
                } catch DomainError.invalidField(_, let reason) {
                    // The lead reads the reason, not the form field it would be shown beside.
                    skippedBecause = reason
                } catch let error as DomainError {
                    // One customer who cannot be reached (closed meanwhile) stops no other.
                    skippedBecause = error.message
                }
            }
        }
        try await settle(caseID, written, written == nil ? skippedBecause : nil)
        return written == nil ? .skipped(caseID, reason: skippedBecause) : .queued(caseID)
    }

    /// Settles every recipient still waiting as skipped, writing to none: what was to be said no
    /// longer holds. Returns those it settled.
    func withhold(reason: String) async throws -> [CaseDelivery] {
        var deliveries: [CaseDelivery] = []
        while let caseID = try await claim() {
            try await settle(caseID, nil, reason)
            deliveries.append(.skipped(caseID, reason: reason))
        }
        return deliveries
    }
}
