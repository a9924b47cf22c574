import Foundation
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

/// Compensations from the case page, and the leads' overview of requests above mandate and of
/// customers who received unusually much.
struct CompensationController: Sendable {
    let store: any SignaalStore
    let compensations: GrantCompensation
    let pages: PageRenderer
    let web: WebController
    let clock: @Sendable () -> Date

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.post("/cases/:id/compensations", use: grant)
        signedIn.post("/compensations/:id/decide", use: decide)
        signedIn.get("/tegemoetkomingen", use: overview)
    }

    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let caseID = try CaseActionsController.caseID(context)
        return try await web.backToForm("compensation", request, context, fields) {
            guard let kind = fields["kind"]?.first.flatMap(Compensation.Kind.init(rawValue:)) else {
                throw DomainError.invalidField("kind", "kies terugbetaling, kwijtschelding, tegoedbon of attentie")
            }
            let amountText = fields["amount"]?.first ?? ""
            guard let cents = Money.cents(amountText) else {
                throw DomainError.invalidField("amount", "'\(amountText)' is geen bedrag in euro's (bijvoorbeeld 12,50)")
            }
            let compensation = try await compensations.request(
                caseID: caseID, kind: kind, amountCents: cents, reason: fields["reason"]?.first ?? "", by: user)
            return .redirect(to: "/cases/\(caseID)#compensation-\(compensation.id)", type: .normal)
        }
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        guard user.role >= .lead else { throw Problem.notAllowed(Language.of(request).text("compensations_decide_forbidden")) }
        guard let id = CompensationID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("tegemoetkoming") }
        let approve: Bool
        switch fields["decision"]?.first {
        case "approve": approve = true
        case "reject": approve = false
        default: throw DomainError.invalidField("decision", "kies akkoord of afwijzen")
        }
        let decided = try await compensations.decide(id: id, approve: approve, note: fields["note"]?.first, by: user)
        let money = DisplayFormat(language: .nl, now: Date()).money(decided.amountCents)
        context.audit.say("\(approve ? "goedgekeurd" : "afgewezen"): \(money) \(decided.kind.dutchName)")
        let back = WebController.safeNext(fields["next"]?.first) ?? "/cases/\(decided.caseID)#compensation-\(decided.id)"
        return .redirect(to: back, type: .normal)
    }

    /// Leads and admins: what waits for their approval, and the quiet flags.
    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role >= .lead else {
            throw Problem.notAllowed(Language.of(request).text("compensations_forbidden"))
        }
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: clock())
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0) })
        let pending = try await store.pendingCompensations(limit: 200)
        var pendingItems: [[String: Any]] = []
        for item in pending {
            let theCase = try await store.case(id: item.caseID)
            var values = WebController.compensationItem(item, users: users, format: format, viewer: user)
            values["caseID"] = item.caseID.description
            values["subject"] = theCase?.subject ?? ""
            // Said before the click, not after it: above the viewer's own mandate an admin decides.
            let others = try await store.compensations(customerID: item.customerID).filter { $0.caseID == item.caseID && $0.id != item.id }
            if case .above(let limit, _, let what) = compensations.approval(of: item, others: others, by: user.role) {
                // The limit is the kind's own or the case's: `what` names which, in Dutch.
                let scope = what == item.kind.dutchName
                    ? language.text("compensations_scope_kind", ["kind": format.compensationKind(item.kind)])
                    : language.text("compensations_scope_case")
                let nobody: Bool = if case .above = compensations.approval(of: item, others: others, by: compensations.mandate.highestRole) { true } else { false }
                values["aboveMandate"] = language.text(
                    nobody ? "compensations_above_every_mandate" : "compensations_above_mandate", ["limit": format.money(limit), "scope": scope])
            }
            pendingItems.append(values)
        }
        var flagged: [[String: Any]] = []
        for (customerID, flag) in try await compensations.flaggedCustomers().prefix(100) {
            let customer = try await store.customer(id: customerID)
            let latestCase = try await store.cases(customerID: customerID).max { $0.openedAt < $1.openedAt }
            var item: [String: Any] = [
                "customer": customer?.name ?? customer?.identities.first?.value ?? "?", "grants": flag.grants,
                "total": format.money(flag.totalCents),
            ]
            if let latestCase { item["caseID"] = latestCase.id.description }
            flagged.append(item)
        }
        return pages.render(
            "tegemoetkomingen", titleKey: "compensations_title",
            values: [
                "pending": pendingItems, "hasPending": !pendingItems.isEmpty, "flagged": flagged, "hasFlagged": !flagged.isEmpty,
            ], request: request, context: context)
    }
}

extension WebController {
    /// The case's ledger, the customer's other grants (the dossier), the form with the viewer's
    /// mandate, and — for leads only — a quiet flag when the customer received unusually much.
    func compensationValues(_ theCase: Case, viewer: User?, users: [UserID: User], format: DisplayFormat) async throws -> [String: Any] {
        let all = try await store.compensations(customerID: theCase.customerID)
        let onCase = all.filter { $0.caseID == theCase.id }.reversed().map {
            Self.compensationItem($0, users: users, format: format, viewer: viewer)
        }
        let elsewhere = all.filter { $0.caseID != theCase.id }.reversed().map {
            Self.compensationItem($0, users: users, format: format, viewer: viewer).merging(["caseID": $0.caseID.description]) { $1 }
        }
        var values: [String: Any] = [
            "items": onCase, "hasItems": !onCase.isEmpty, "elsewhere": elsewhere, "hasElsewhere": !elsewhere.isEmpty,
            "kinds": Compensation.Kind.allCases.map { ["value": $0.rawValue, "name": format.compensationKind($0)] },
            "canGrant": theCase.status != .closed && !theCase.posesAsBrand && viewer != nil,
        ]
        if let viewer {
            values["mandate"] = format.money(mandate.limits(for: viewer.role).perCase)
            if viewer.role >= .lead, let flag = CompensationFlag.check(all, mandate: mandate, now: clock()) {
                values["flag"] = ["grants": flag.grants, "total": format.money(flag.totalCents)] as [String: Any]
            }
        }
        return values
    }

    static func compensationItem(_ item: Compensation, users: [UserID: User], format: DisplayFormat, viewer: User?) -> [String: Any] {
        var values: [String: Any] = [
            "id": item.id.description, "kind": format.compensationKind(item.kind), "amount": format.money(item.amountCents),
            "status": format.compensationStatus(item.status), "statusClass": item.status.rawValue, "at": format.dateTime(item.requestedAt),
            "by": users[item.requestedBy]?.name ?? "?",
        ]
        if !item.reason.isEmpty { values["reason"] = item.reason }
        if let decider = item.decidedBy, item.status != .granted || decider != item.requestedBy {
            values["decidedBy"] = users[decider]?.name ?? "?"
        }
        if let note = item.decisionNote { values["note"] = note }
        if item.status == .pending, let viewer, viewer.role >= .lead { values["canDecide"] = true }
        return values
    }
}
