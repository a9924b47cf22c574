import Foundation
import SignaalDomain
import SignaalStore

/// What happened to one customer's copy of a message a team lead sent to many.
public enum CaseDelivery: Sendable, Hashable {
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
    /// Records what became of a taken recipient (reached, or skipped with the reason).
    let settle: @Sendable (CaseID, _ reached: Bool, _ reason: String?) async throws -> Void

    /// Sends `text` to every recipient still waiting; returns what became of those it took.
    func send(_ text: String, author: UserID, followUp: Bool) async throws -> [CaseDelivery] {
        let write = WriteReply(store: store, clock: clock)
        var deliveries: [CaseDelivery] = []
        while let caseID = try await claim() {
            let delivery: CaseDelivery
            // An erased customer has no identities left: nothing to write to, nor should there be.
            if let theCase = try await store.case(id: caseID), let customer = try await store.customer(id: theCase.customerID),
                !customer.identities.isEmpty
            {
                do {
                    _ = try await write(
                        caseID: caseID, text: PersonalText.filled(text, customerName: customer.name), author: author, followUp: followUp)
                    delivery = .queued(caseID)
                } catch let error as DomainError {
                    // One customer who cannot be reached (closed meanwhile, no address) stops no other.
                    delivery = .skipped(caseID, reason: error.message)
                }
            } else {
                delivery = .skipped(caseID, reason: "er is geen adres of account van deze klant (meer) bekend")
            }
            switch delivery {
            case .queued: try await settle(caseID, true, nil)
            case .skipped(_, let reason): try await settle(caseID, false, reason)
            }
            deliveries.append(delivery)
        }
        return deliveries
    }

    /// Settles every recipient still waiting as skipped, writing to none: what was to be said no
    /// longer holds. Returns those it settled.
    func withhold(reason: String) async throws -> [CaseDelivery] {
        var deliveries: [CaseDelivery] = []
        while let caseID = try await claim() {
            try await settle(caseID, false, reason)
            deliveries.append(.skipped(caseID, reason: reason))
        }
        return deliveries
    }
}
