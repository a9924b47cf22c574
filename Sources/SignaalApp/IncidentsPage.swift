import Foundation
import Hummingbird
import Logging
import SignaalDomain
import SignaalServices
import SignaalStore

/// Incidents (capability 11, S3's storm): a surge becomes an incident whose cases are the
/// customers who wrote about it, and a team lead sends them all one status update. Everyone
/// signed in reads them (agents answer in line with the update); leads open, update and close.
extension WebController {
    func addIncidentRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/incidenten", use: incidentsPage)
        signedIn.post("/incidenten", use: openIncident)
        signedIn.get("/incidenten/:id", use: incidentPage)
        signedIn.post("/incidenten/:id/statusupdate", use: postIncidentUpdate)
        signedIn.post("/incidenten/:id/statusupdate/aanvullen", use: completeIncidentUpdate)
        signedIn.post("/incidenten/:id/sluiten", use: closeIncident)
        signedIn.post("/incidenten/:id/zaken", use: addIncidentCase)
        signedIn.post("/incidenten/:id/zaken/:case/verwijderen", use: removeIncidentCase)
        signedIn.post("/incidenten/:id/zaken/:case/toevoegen", use: restoreIncidentCase)
    }

    var incidentUpdates: IncidentUpdates { IncidentUpdates(store: store, clock: clock, brand: brand) }

    /// Incidents listed on the page: the open ones and the latest closed.
    static let incidentListLimit = 30

    /// The signed-in team lead or admin; others get 403 with the page's own reason (`forbiddenKey`).
    static func requireLead(_ context: AppRequestContext, _ language: Language, forbiddenKey: String = "incidents_forbidden") throws -> User {
        try context.user(atLeast: .lead, language, forbiddenKey: forbiddenKey)
    }

    func incidentTopicLabel(_ topic: String?, language: Language) -> String {
        topic.map { topics.label($0, language: language) } ?? language.text("inbox_surge_all")
    }

    @Sendable func incidentsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await incidentsPage(request, context: context, failed: nil)
    }

    /// The list; after opening one failed, with the reason and what the lead typed in the form.
    func incidentsPage(_ request: Request, context: AppRequestContext, failed: FailedForm?) async throws -> Response {
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: clock())
        let incidents = try await store.incidents(limit: Self.incidentListLimit)
        let openTopics = Set(incidents.filter(\.isOpen).map { $0.topic ?? "" })
        let isLead = (context.user?.role ?? .agent) >= .lead
        var open: [[String: Any]] = []
        for incident in incidents where incident.isOpen {
            let count = try await incidentUpdates.cases(of: incident).count
            open.append([
                "id": incident.id.description, "title": incident.title, "topic": incidentTopicLabel(incident.topic, language: language),
                "opened": language.text("incidents_opened_at", ["at": format.dateTime(incident.openedAt)]), "cases": count,
            ])
        }
        let closed = incidents.filter { !$0.isOpen }.map { incident -> [String: Any] in
            [
                "id": incident.id.description, "title": incident.title, "topic": incidentTopicLabel(incident.topic, language: language),
                "opened": format.dateTime(incident.openedAt), "closed": format.dateTime(incident.closedAt ?? incident.openedAt),
            ]
        }
        // Surges without an incident yet: the lead's reason to open one.
        let surges = await currentSurges(logger: context.logger).filter { !openTopics.contains($0.topic ?? "") }.map { surge -> [String: Any] in
            let label = incidentTopicLabel(surge.topic, language: language)
            return [
                "topic": surge.topic ?? "", "label": label, "count": surge.count,
                "title": language.text("incidents_default_title", ["topic": label, "date": format.dateTime(clock())]),
            ]
        }
        let values: [String: Any] = [
            "open": open, "hasOpen": !open.isEmpty, "closed": closed, "hasClosed": !closed.isEmpty, "surges": surges,
            "hasSurges": !surges.isEmpty, "isLead": isLead,
            "topics": topicNames.map {
                ["value": $0, "label": topics.label($0, language: language), "selected": $0 == failed?.fields["onderwerp"]]
            },
        ]
        return pages.render("incidenten", titleKey: "incidents_title", values: values, request: request, context: context, failed: failed)
    }

    @Sendable func openIncident(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let language = Language.of(request)
        let user = try Self.requireLead(context, language)
        return try await FailedForm.backToForm("incident", fields) {
            try await openIncident(fields, by: user, language: language)
        } page: {
            try await incidentsPage(request, context: context, failed: $0)
        }
    }

    private func openIncident(_ fields: [String: [String]], by user: User, language: Language) async throws -> Response {
        let topicText = (fields["onderwerp"]?.first ?? "").trimmingCharacters(in: .whitespaces)
        guard topicText.isEmpty || topicNames.contains(topicText) else {
            throw DomainError.invalidField("onderwerp", "kies een onderwerp uit de lijst, of alle berichten")
        }
        let topic = topicText.isEmpty ? nil : topicText
        let incident = try Incident.open(title: fields["titel"]?.first ?? "", topic: topic, by: user.id, now: clock())
        do {
            try await store.createIncident(incident)
        } catch DomainError.conflict {
            // A colleague opened it a moment ago: go to theirs rather than fail.
            if let existing = try await store.incidents(limit: Self.incidentListLimit).first(where: { $0.isOpen && $0.topic == topic }) {
                return .redirect(to: "/incidenten/\(existing.id)", type: .normal)
            }
            throw DomainError.conflict(language.text("incidents_exists"))
        }
        return .redirect(to: "/incidenten/\(incident.id)", type: .normal)
    }

    func incident(_ context: AppRequestContext) async throws -> Incident {
        guard let id = IncidentID(context.parameters.get("id") ?? ""), let incident = try await store.incident(id: id) else {
            throw DomainError.notFound("incident")
        }
        return incident
    }

    /// The incident page lists this many of its cases (highest priority first), with the total.
    static let listedCases = 200

    @Sendable func incidentPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await incidentPage(request, context: context, failed: nil)
    }

    /// The incident; after a status update failed, with the reason and the lead's text still in the form.
    func incidentPage(_ request: Request, context: AppRequestContext, failed: FailedForm?) async throws -> Response {
        let language = Language.of(request)
        let incident = try await incident(context)
        let format = DisplayFormat(language: language, now: clock())
        // Every case of the incident, to say the real total; an update reaches the first
        // `maximumCases` (highest priority), and the page lists fewer still.
        let allCases = try await incidentUpdates.cases(of: incident, limit: nil)
        let cases = Array(allCases.prefix(IncidentUpdates.maximumCases))
        let listed = Array(allCases.prefix(Self.listedCases))
        let customers = try await store.customers(ids: listed.map(\.customerID))
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        let decisions = try await store.incidentCaseDecisions(incidentID: incident.id)
        let addedByHand = Set(decisions.filter(\.included).map(\.caseID))
        let caseRows = listed.map { theCase -> [String: Any] in
            var row: [String: Any] = [
                "id": theCase.id.description, "customer": customers[theCase.customerID]?.name ?? language.text("incidents_unknown_customer"),
                "channel": format.channel(theCase.channel), "subject": theCase.subject, "status": format.status(theCase.status),
                "last": format.dateTime(theCase.lastInboundAt),
            ]
            if addedByHand.contains(theCase.id) { row["byHand"] = language.text("incidents_added_by_hand") }
            return row
        }
        let outcomes = try await store.incidentRecipientOutcomes(incidentID: incident.id)
        let history = try await store.incidentUpdates(incidentID: incident.id)
        // Customers who wrote since the latest update did not get it: the lead may send it to them too.
        var newcomers = 0
        if incident.isOpen, let latest = history.last { newcomers = try await incidentUpdates.withoutLatestUpdate(cases, latest: latest).count }
        var updates: [[String: Any]] = []
        for update in history.reversed() {
            var item: [String: Any] = [
                "text": update.text, "at": format.dateTime(update.postedAt), "by": users[update.postedBy] ?? "?",
                "delivery": try await deliveryValues(DeliveryTally(outcomes[update.id] ?? []), format: format),
            ]
            if update.id == history.last?.id, newcomers > 0 {
                item["newcomers"] = newcomers == 1
                    ? language.text("incidents_newcomers_one") : language.text("incidents_newcomers", ["count": String(newcomers)])
            }
            updates.append(item)
        }
        var values: [String: Any] = [
            "id": incident.id.description, "incidentID": incident.id.description, "title": incident.title, "topic": incidentTopicLabel(incident.topic, language: language),
            "opened": language.text(
                "incidents_opened_at_by", ["at": format.dateTime(incident.openedAt), "by": users[incident.openedBy] ?? "?"]),
            // The look-back is which messages belong to it, not when it started: said apart.
            "lookBack": language.text(
                "incidents_look_back",
                ["time": format.date(incident.startedAt) == format.date(incident.openedAt)
                    ? format.time(incident.startedAt) : format.dateTime(incident.startedAt)]),
            "isOpen": incident.isOpen,
            "cases": caseRows, "hasCases": !caseRows.isEmpty, "caseCount": allCases.count, "updates": updates, "hasUpdates": !updates.isEmpty,
            "isLead": (context.user?.role ?? .agent) >= .lead, "wide": true,
            // Said plainly when an update does not reach every case, and how many it leaves out.
            "full": allCases.count > IncidentUpdates.maximumCases
                ? language.text("incidents_full", [
                    "maximum": String(IncidentUpdates.maximumCases), "total": String(allCases.count),
                    "left": String(allCases.count - IncidentUpdates.maximumCases),
                ]) as Any : false,
            "listedPart": listed.count < allCases.count
                ? language.text("incidents_listed_part", ["shown": String(listed.count), "total": String(allCases.count)]) as Any : false,
        ]
        if incident.isOpen, !cases.isEmpty { values["reach"] = try await reachText(cases, language: language, format: format) }
        let removed = try await takenOutRows(decisions, users: users, language: language, format: format)
        if incident.isOpen, !removed.isEmpty {
            values["removedCases"] = removed
            values["hasRemoved"] = true
        }
        if let closedAt = incident.closedAt {
            values["closed"] = language.text(
                "incidents_closed_by", ["at": format.dateTime(closedAt), "by": incident.closedBy.flatMap { users[$0] } ?? "?"])
        }
        if let sent = request.uri.queryParameters.get("verstuurd"), let count = Int(sent) {
            values["sent"] = language.text("incidents_sent", ["count": String(count)])
        }
        if let completed = request.uri.queryParameters.get("aangevuld"), let count = Int(completed) {
            values["sent"] = count == 1 ? language.text("incidents_completed_one") : language.text("incidents_completed", ["count": String(count)])
        }
        return pages.render("incident", title: incident.title, values: values, request: request, context: context, failed: failed)
    }

    @Sendable func postIncidentUpdate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let user = try Self.requireLead(context, Language.of(request))
        let incident = try await incident(context)
        return try await FailedForm.backToForm("update", fields) {
            let (update, _) = try await incidentUpdates.send(fields["tekst"]?.first ?? "", incidentID: incident.id, by: user.id)
            context.logger.info(
                "incident status update sent",
                metadata: ["incident": "\(incident.id)", "reached": "\(update.reached)", "skipped": "\(update.skipped)"])
            return .redirect(to: "/incidenten/\(incident.id)?verstuurd=\(update.reached)", type: .normal)
        } page: {
            try await incidentPage(request, context: context, failed: $0)
        }
    }

    @Sendable func completeIncidentUpdate(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await CaseActionsController.checkedForm(request, context: context)
        let user = try Self.requireLead(context, Language.of(request))
        let incident = try await incident(context)
        let (update, deliveries) = try await incidentUpdates.sendLatestToNewcomers(incidentID: incident.id, by: user.id)
        let queued = deliveries.filter { if case .queued = $0 { true } else { false } }.count
        context.logger.info(
            "incident status update sent to newcomers", metadata: ["incident": "\(incident.id)", "update": "\(update.id)", "queued": "\(queued)"])
        return .redirect(to: "/incidenten/\(incident.id)?aangevuld=\(queued)", type: .normal)
    }

    @Sendable func closeIncident(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await CaseActionsController.checkedForm(request, context: context)
        let user = try Self.requireLead(context, Language.of(request))
        let incident = try await incident(context)
        _ = try await store.closeIncident(id: incident.id, by: user.id, at: clock())
        return .redirect(to: "/incidenten/\(incident.id)", type: .normal)
    }

    /// The cases a lead took out, with who did and when, for the page's list to put one back.
    func takenOutRows(
        _ decisions: [IncidentCaseDecision], users: [UserID: String], language: Language, format: DisplayFormat
    ) async throws -> [[String: Any]] {
        let takenOut = decisions.filter { !$0.included }
        let cases = try await store.cases(ids: takenOut.map(\.caseID))
        let customers = try await store.customers(ids: cases.values.map(\.customerID))
        return takenOut.compactMap { decision in
            guard let theCase = cases[decision.caseID] else { return nil }
            return [
                "caseID": theCase.id.description, "subject": theCase.subject,
                "customer": customers[theCase.customerID]?.name ?? language.text("incidents_unknown_customer"),
                "by": language.text(
                    "incidents_taken_out_by", ["by": users[decision.decidedBy] ?? "?", "at": format.dateTime(decision.decidedAt)]),
            ]
        }
    }

    /// A lead takes a case out of the incident: linked by mistake, it gets no further updates.
    @Sendable func removeIncidentCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decideIncidentCase(request, context: context, included: false)
    }

    /// A lead puts a case taken out back in.
    @Sendable func restoreIncidentCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decideIncidentCase(request, context: context, included: true)
    }

    private func decideIncidentCase(_ request: Request, context: AppRequestContext, included: Bool) async throws -> Response {
        _ = try await CaseActionsController.checkedForm(request, context: context)
        let user = try Self.requireLead(context, Language.of(request))
        let incident = try await incident(context)
        guard let caseID = CaseID(context.parameters.get("case") ?? "") else { throw DomainError.notFound("zaak") }
        try await incidentUpdates.decide(caseID, included: included, incidentID: incident.id, by: user.id)
        context.logger.info(
            "incident case decided by hand", metadata: ["incident": "\(incident.id)", "case": "\(caseID)", "included": "\(included)"])
        return .redirect(to: "/incidenten/\(incident.id)", type: .normal)
    }

    /// A lead adds a case by hand, by its link or number: a customer who wrote about the incident
    /// in words the analysis did not read as its topic.
    @Sendable func addIncidentCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let user = try Self.requireLead(context, Language.of(request))
        let incident = try await incident(context)
        return try await FailedForm.backToForm("addcase", fields) {
            let typed = (fields["zaak"]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            // "https://…/cases/<id>", "/cases/<id>" or the id alone.
            let last = typed.split(separator: "/").last.map { String($0.prefix { $0 != "?" && $0 != "#" }) } ?? ""
            guard let caseID = CaseID(last.lowercased()), try await store.case(id: caseID) != nil else {
                throw DomainError.invalidField("zaak", "plak de link van de zaak (…/cases/…) of het nummer ervan")
            }
            try await incidentUpdates.decide(caseID, included: true, incidentID: incident.id, by: user.id)
            context.logger.info("incident case added by hand", metadata: ["incident": "\(incident.id)", "case": "\(caseID)"])
            return .redirect(to: "/incidenten/\(incident.id)", type: .normal)
        } page: {
            try await incidentPage(request, context: context, failed: $0)
        }
    }

    /// The open incident a case belongs to, with its latest update as this customer read it, for
    /// the case page: the agent answers in line with it. False when there is none (or the lookup
    /// fails: logged).
    func incidentNote(_ theCase: Case, customer: Customer, format: DisplayFormat, logger: Logger) async -> Any {
        // An account posing as ours gets no status updates (see `IncidentUpdates.cases`).
        guard theCase.status.isUnresolved, impersonated(customer, on: theCase.channel) == nil else { return false }
        do {
            guard let incident = try await incidentUpdates.openIncident(of: theCase) else { return false }
            var note: [String: Any] = ["id": incident.id.description, "title": incident.title]
            if let latest = try await store.incidentUpdates(incidentID: incident.id).last {
                note["update"] = PersonalText.filled(latest.text, customerName: customer.name)
                note["updateAt"] = format.dateTime(latest.postedAt)
            }
            return note
        } catch {
            logger.warning("looking up incidents failed", metadata: ["error": "\(error)"])
            return false
        }
    }
}
