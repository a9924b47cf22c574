import Foundation
import SignaalDomain
import SignaalStore

/// The customer's rights under the GDPR: to see everything kept about them (an access export)
/// and to be forgotten (erasure that keeps the aggregates). Leads and admins only; the web
/// layer writes both to the audit log.
public struct CustomerPrivacy: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Everything Signaal keeps about one customer.
    public struct Dossier: Sendable, Encodable {
        public struct CaseRecord: Sendable, Encodable {
            public var theCase: Case
            public var replies: [Reply]
            public var handoffs: [Handoff]
            /// Colleagues' notes about the case: written about the customer, so theirs to see.
            public var internalNotes: [InternalNote]
            public var promises: [CasePromise]
            public var compensations: [Compensation]
            public var satisfaction: [Answer]

            enum CodingKeys: String, CodingKey { case theCase = "case", replies, handoffs, internalNotes, promises, compensations, satisfaction }
        }

        /// A satisfaction answer without its link's secret.
        public struct Answer: Sendable, Encodable {
            public var sentAt: Date
            public var answeredAt: Date?
            public var score: Int?
            public var solved: Bool?
            public var comment: String?
        }

        public var exportedAt: Date
        public var customer: Customer
        public var erasedAt: Date?
        public var messages: [Signal]
        /// Their messages kept with another customer record, written under an identity an agent
        /// has since linked to this customer (`customerID` names the record). A case there that
        /// holds someone else's messages too is theirs only as far as these messages go; one of
        /// theirs alone is in `cases`.
        public var messagesOnOtherRecords: [Signal]
        /// Other customer records with nothing but their messages: records of theirs an agent
        /// linked into this one.
        public var linkedRecords: [Customer]
        /// Agents' corrections of how their messages were read (sentiment, intent, topics), with
        /// who and when: data about the customer's words, so theirs to see.
        public var corrections: [SignalLabel]
        public var cases: [CaseRecord]
        public var identityHistory: [IdentityEvent]
    }

    public func dossier(customerID: CustomerID, by user: User) async throws -> Dossier {
        try Self.checkRole(user)
        guard let customer = try await store.customer(id: customerID) else { throw DomainError.notFound("klant") }
        let elsewhere = try await store.personalData(customerID: customerID)
        let casesElsewhere = try await store.cases(ids: Array(elsewhere.caseIDs)).values.sorted {
            ($0.openedAt, $0.id.description) < ($1.openedAt, $1.id.description)
        }
        // Each kind of record read once for all cases, not once per case: a customer with hundreds
        // of cases gets the same complete export in a handful of queries.
        let cases = try await store.cases(customerID: customerID) + casesElsewhere
        let ids = cases.map(\.id)
        let transitions = try await store.transitions(caseIDs: ids)
        let replies = Dictionary(grouping: try await store.replies(caseIDs: ids), by: \.caseID)
        let handoffs = Dictionary(grouping: try await store.handoffs(caseIDs: ids), by: \.caseID)
        let notes = Dictionary(grouping: try await store.internalNotes(caseIDs: ids), by: \.caseID)
        let promises = Dictionary(grouping: try await store.promises(caseIDs: ids), by: \.caseID)
        let compensations = Dictionary(grouping: try await store.compensations(caseIDs: ids), by: \.caseID)
        let checks = Dictionary(grouping: try await store.satisfactionChecks(caseIDs: ids), by: \.caseID)
        let records = cases.map { theCase in
            var full = theCase
            full.transitions = transitions[theCase.id] ?? []
            return Dossier.CaseRecord(
                theCase: full, replies: replies[theCase.id] ?? [], handoffs: handoffs[theCase.id] ?? [],
                internalNotes: notes[theCase.id] ?? [], promises: promises[theCase.id] ?? [], compensations: compensations[theCase.id] ?? [],
                satisfaction: (checks[theCase.id] ?? []).map {
                    Dossier.Answer(sentAt: $0.sentAt, answeredAt: $0.answeredAt, score: $0.score, solved: $0.solved, comment: $0.comment)
                })
        }
        var messagesElsewhere: [Signal] = []
        var corrections = try await store.labels(customerID: customerID)
        for id in elsewhere.signalIDs {
            guard let signal = try await store.signal(id: id) else { continue }
            messagesElsewhere.append(signal)
            corrections += try await store.labels(signalID: id)
        }
        return Dossier(
            exportedAt: clock(), customer: customer, erasedAt: try await store.erasedAt(customerID: customerID),
            messages: try await store.signals(customerID: customerID),
            messagesOnOtherRecords: messagesElsewhere.sorted { ($0.receivedAt, $0.id.description) < ($1.receivedAt, $1.id.description) },
            linkedRecords: try await store.customers(ids: Array(elsewhere.customerIDs)).values.sorted {
                ($0.createdAt, $0.id.description) < ($1.createdAt, $1.id.description)
            },
            corrections: corrections.sorted { $0.createdAt < $1.createdAt }, cases: records,
            identityHistory: try await store.identityEvents(customerID: customerID))
    }

    /// The JSON a customer receives: readable keys, ISO dates, stable order.
    public static func json(_ dossier: Dossier) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(dossier)
    }

    /// Erases the customer; `confirmation` must be the word the page asks for, so it never
    /// happens by a slip.
    public func erase(customerID: CustomerID, confirmation: String, by user: User) async throws {
        try Self.checkRole(user)
        guard confirmation.trimmingCharacters(in: .whitespaces).uppercased() == Self.confirmationWord else {
            throw DomainError.invalidField("bevestiging", "typ \(Self.confirmationWord) om te bevestigen")
        }
        // Once is the erasure: a second would log an erasure of nobody.
        guard try await store.erasedAt(customerID: customerID) == nil else {
            throw DomainError.conflict("Deze klant is al gewist; er is niets meer te wissen.")
        }
        try await store.eraseCustomer(id: customerID, at: clock())
    }

    public static let confirmationWord = "WISSEN"

    static func checkRole(_ user: User) throws {
        guard user.role >= .lead else {
            throw DomainError.forbidden("Alleen teamleiders en beheerders zien of wissen alle gegevens van een klant.")
        }
    }
}
