import Foundation
import SignaalDomain
import SignaalStore

/// Compensation with mandate (S2 tip 4): whoever takes the complaint can make good at once,
/// without asking the customer for proof; above their mandate a lead approves. Every grant is
/// in the ledger of the case and of the customer.
public struct GrantCompensation: Sendable {
    let store: any SignaalStore
    public let mandate: Mandate
    let clock: @Sendable () -> Date

    public init(store: any SignaalStore, mandate: Mandate = .standard, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.mandate = mandate
        self.clock = clock
    }

    /// Granted when within `user`'s mandate, otherwise waiting for a lead.
    public func request(caseID: CaseID, kind: Compensation.Kind, amountCents: Int, reason: String, by user: User) async throws
        -> Compensation
    {
        guard amountCents > 0 else { throw DomainError.invalidField("amount", "vul een bedrag boven € 0 in") }
        guard amountCents <= Compensation.maximumAmountCents else {
            throw DomainError.invalidField("amount", "een bedrag boven \(Money.format(Compensation.maximumAmountCents)) is geen tegemoetkoming")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= Compensation.maximumReasonCharacters else {
            throw DomainError.invalidField("reason", "houd de toelichting korter dan \(Compensation.maximumReasonCharacters) tekens")
        }
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        guard theCase.status != .closed else { throw DomainError.conflict("Deze zaak is gesloten.") }
        try theCase.checkAnswerable()
        try theCase.checkSteerable(by: user, to: "bij deze zaak een tegemoetkoming geven")
        let now = clock()
        let draft = Compensation(
            id: .generate(now: now), caseID: caseID, customerID: theCase.customerID, kind: kind, amountCents: amountCents,
            reason: reason, status: .pending, requestedBy: user.id, requestedAt: now)
        let mandate = mandate
        let role = user.role
        // Within mandate nobody else decides: the grant has no decider, only its giver.
        let compensation = try await store.recordCompensation(draft) { earlier in
            // Said at once, not after days in a queue: what no role's mandate covers nobody approves here.
            if case .above(let limit, _, let what) = mandate.covers(mandate.highestRole, kind: kind, amountCents: amountCents, onCaseAlready: earlier) {
                throw DomainError.invalidField("amount", Self.beyondEveryMandate(limit: limit, what: what))
            }
            return mandate.covers(role, kind: kind, amountCents: amountCents, onCaseAlready: earlier) == .within ? .granted : .pending
        }
        // Whoever makes good on an unowned case owns it from then on, as whoever answers or resolves it.
        if theCase.ownerID == nil {
            _ = try? await store.updateCase(id: caseID) { updated in
                guard updated.ownerID == nil else { return }
                updated.ownerID = user.id
                if updated.teamID == nil { updated.teamID = user.teamID }
            }
        }
        return compensation
    }

    /// A lead (or admin) approves or rejects a request; approving needs the approver's own
    /// mandate to cover it, so an amount above a lead's goes to an admin.
    public func decide(id: CompensationID, approve: Bool, note: String?, by user: User) async throws -> Compensation {
        guard user.role >= .lead else { throw DomainError.forbidden("Alleen een teamleider keurt een tegemoetkoming goed.") }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let mandate = mandate
        let role = user.role
        return try await store.decideCompensation(
            id: id, status: approve ? .granted : .rejected, by: user.id, note: note?.isEmpty == false ? note : nil, at: clock()
        ) { request, others in
            guard approve else { return }
            if case .above(let limit, _, let what) = Self.approval(of: request, others: others, by: role, mandate: mandate) {
                // Asking an admin helps only when an admin's mandate covers it.
                if case .above = Self.approval(of: request, others: others, by: mandate.highestRole, mandate: mandate) {
                    throw DomainError.forbidden(Self.beyondEveryMandate(limit: limit, what: what))
                }
                throw DomainError.forbidden(
                    "Dit gaat boven uw eigen mandaat (\(Money.format(limit)) voor \(what)); vraag een beheerder om akkoord.")
            }
        }
    }

    /// Above the mandate of every role: Signaal has nobody to approve it.
    public static func beyondEveryMandate(limit: Int, what: String) -> String {
        "dit gaat boven het hoogste mandaat (\(Money.format(limit)) voor \(what)): niemand kan het in Signaal goedkeuren. "
            + "Geef minder, of laat een beheerder het mandaat aanpassen"
    }

    /// Whether `role` may approve `request`, given the other compensations on its case: the one
    /// rule behind the approval and the page that offers it.
    public func approval(of request: Compensation, others: [Compensation], by role: User.Role) -> MandateCheck {
        Self.approval(of: request, others: others, by: role, mandate: mandate)
    }

    static func approval(of request: Compensation, others: [Compensation], by role: User.Role, mandate: Mandate) -> MandateCheck {
        mandate.covers(role, kind: request.kind, amountCents: request.amountCents, onCaseAlready: others)
    }

    /// Leads only: set when the customer received unusually much in twelve months.
    public func flag(customerID: CustomerID) async throws -> CompensationFlag? {
        CompensationFlag.check(try await store.compensations(customerID: customerID), mandate: mandate, now: clock())
    }

    /// Customers over the thresholds, most granted first: for the leads' overview.
    public func flaggedCustomers() async throws -> [(CustomerID, CompensationFlag)] {
        let now = clock()
        let grants = try await store.grantedCompensations(since: now.addingTimeInterval(-365 * 86400))
        let byCustomer = Dictionary(grouping: grants, by: \.customerID)
        return byCustomer.compactMap { customer, list in
            CompensationFlag.check(list, mandate: mandate, now: now).map { (customer, $0) }
        }.sorted { ($0.1.totalCents, $0.0.description) > ($1.1.totalCents, $1.0.description) }
    }
}
