import Foundation
import SignaalDomain
import SignaalStore

/// Improvement actions (capability 9, S2 tip 3): the organisation removes a root cause, and when
/// it is done the customers who complained about it hear what changed — one message, written
/// once by the team lead, sent in each customer's own case through the outbox — and the
/// colleagues who handled those cases are told on their inbox.
public struct Improvements: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date
    let brand: BrandAccounts

    /// A message reaches at most this many customers, those whose case changed last.
    public static let maximumCases = 1000

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init, brand: BrandAccounts = BrandAccounts(handles: [])) {
        self.store = store
        self.clock = clock
        self.brand = brand
    }

    /// The cases resolved with the action's root cause since its start window, most recently
    /// updated first. Accounts posing as ours are no customers.
    public func cases(of action: ImprovementAction) async throws -> [Case] {
        let cases = try await store.cases(rootCause: action.topic, resolvedSince: action.casesSince, limit: Self.maximumCases)
        return try await brand.withoutImpersonators(cases, store: store)
    }

    /// What happened to one customer's copy of the message.
    public enum Delivery: Sendable, Hashable {
        case queued(CaseID)
        case skipped(CaseID, reason: String)
    }

    /// Finishes the action with `message` (what changed): the colleagues who handled its cases are
    /// told, and with `tellCustomers` every customer of its cases gets the message once, in their
    /// latest case of this cause, `{klant}` being their first name. Finishing twice is a conflict,
    /// so a double click writes to nobody twice.
    public func finish(_ id: ImprovementID, message: String, tellCustomers: Bool, by user: UserID) async throws
        -> (ImprovementAction, [Delivery])
    {
        let text = try ImprovementAction.checkedMessage(message)
        guard let action = try await store.improvement(id: id) else { throw DomainError.notFound("verbeteractie") }
        guard !action.isDone else { throw DomainError.conflict("Deze verbeteractie is al afgerond.") }
        let cases = try await cases(of: action)
        let transitions = try await store.transitions(caseIDs: cases.map(\.id))
        let handlers = ImprovementAction.handlers(of: cases, transitions: transitions)
        // Whole milliseconds, as stored: the action returned equals the one read back.
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        guard var finished = try await store.finishImprovement(id: id, message: text, by: user, at: now, notices: handlers) else {
            throw DomainError.notFound("verbeteractie")
        }
        guard tellCustomers else { return (finished, []) }
        let recipients = ImprovementAction.oneCasePerCustomer(cases)
        let customers = try await store.customers(ids: recipients.map(\.customerID))
        let write = WriteReply(store: store, clock: clock)
        var deliveries: [Delivery] = []
        for theCase in recipients {
            // An erased customer has no identities left: nothing to write to, nor should there be.
            guard let customer = customers[theCase.customerID], !customer.identities.isEmpty else {
                deliveries.append(.skipped(theCase.id, reason: "er is geen adres of account van deze klant (meer) bekend"))
                continue
            }
            do {
                _ = try await write(
                    caseID: theCase.id, text: PersonalText.filled(text, customerName: customer.name), author: user, followUp: true)
                deliveries.append(.queued(theCase.id))
            } catch let error as DomainError {
                // One customer who cannot be reached (nothing to answer, no address) stops no other.
                deliveries.append(.skipped(theCase.id, reason: error.message))
            }
        }
        finished.reached = deliveries.filter { if case .queued = $0 { true } else { false } }.count
        finished.skipped = deliveries.count - finished.reached
        try await store.recordImprovementReach(id: id, reached: finished.reached, skipped: finished.skipped)
        return (finished, deliveries)
    }
}
