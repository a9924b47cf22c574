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

    /// The colleagues who handled `cases`, with how many each (see `ImprovementAction.handlers`).
    public func handlers(of cases: [Case]) async throws -> [UserID: Int] {
        let ids = cases.map(\.id)
        return ImprovementAction.handlers(
            of: cases, transitions: try await store.transitions(caseIDs: ids), handoffs: try await store.handoffs(caseIDs: ids))
    }

    /// What happened to one customer's copy of the message.
    public typealias Delivery = CaseDelivery

    /// Finishes the action with `message` (what changed): the colleagues who handled its cases are
    /// told, and with `tellCustomers` every customer of its cases gets the message once, in their
    /// latest case of this cause, `{klant}` being their first name. Finishing twice is a conflict,
    /// so a double click writes to nobody twice. Who is to hear it is stored with the finishing:
    /// if the server stops while sending, `resumeDeliveries` sends the rest after the restart.
    public func finish(_ id: ImprovementID, message: String, tellCustomers: Bool, by user: UserID) async throws
        -> (ImprovementAction, [Delivery])
    {
        // A finished action first: its page has no form left to show a problem with the message beside.
        guard let action = try await store.improvement(id: id) else { throw DomainError.notFound("verbeteractie") }
        guard !action.isDone else { throw DomainError.conflict("Deze verbeteractie is al afgerond.") }
        let text = try ImprovementAction.checkedMessage(message)
        // The news goes to every customer and colleague at once: a slip reaches them all.
        if let problem = MessageToMany.placeholderProblem(text) { throw DomainError.invalidField("bericht", problem) }
        let cases = try await cases(of: action)
        let handlers = try await handlers(of: cases)
        let recipientCases = tellCustomers ? ImprovementAction.oneCasePerCustomer(cases) : []
        // Too long for some platform: refused as a whole, the action not finished yet.
        if let problem = MessageToMany.lengthProblem(text, reaching: try await MessageToMany.reach(of: recipientCases, store: store)) {
            throw DomainError.invalidField("bericht", problem)
        }
        let recipients = recipientCases.map(\.id)
        // Whole milliseconds, as stored: the action returned equals the one read back.
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        guard try await store.finishImprovement(id: id, message: text, by: user, at: now, notices: handlers, recipients: recipients) != nil
        else { throw DomainError.notFound("verbeteractie") }
        let deliveries = try await deliver(id)
        guard let finished = try await store.improvement(id: id) else { throw DomainError.notFound("verbeteractie") }
        return (finished, deliveries)
    }

    /// Sends a finished action's message to each recipient nobody has taken yet, one at a time,
    /// each at most once (see `claimImprovementRecipient`); returns what became of those it took.
    @discardableResult
    public func deliver(_ id: ImprovementID) async throws -> [Delivery] {
        guard let action = try await store.improvement(id: id), let text = action.doneMessage, let author = action.doneBy else { return [] }
        let queue = RecipientQueue(
            store: store, clock: clock, claim: { [store] in try await store.claimImprovementRecipient(id: id) },
            settle: { [store] caseID, reply, reason in
                try await store.settleImprovementRecipient(id: id, caseID: caseID, replyID: reply, reason: reason)
            })
        return try await queue.send(text, author: author, followUp: true)
    }

    /// After a restart: sends what a stopped server left unsent, for actions finished longer than
    /// `grace` ago (a request still sending has its own recipients meanwhile). Returns how many.
    @discardableResult
    public func resumeDeliveries(grace: TimeInterval = 120) async throws -> Int {
        var sent = 0
        for id in try await store.improvementsAwaitingDelivery(finishedBefore: clock().addingTimeInterval(-grace)) {
            sent += try await deliver(id).count
        }
        return sent
    }
}
