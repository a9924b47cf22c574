import Foundation
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

/// GDPR pages for leads and admins: a customer's data as readable HTML and as JSON, erasure,
/// and the audit log of who viewed and changed what (written by `WebAuthMiddleware`).
struct PrivacyController: Sendable {
    let store: any SignaalStore
    let privacy: CustomerPrivacy
    let pages: PageRenderer
    let clock: @Sendable () -> Date

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/customers/:id/gegevens", use: dossierPage)
        signedIn.get("/customers/:id/gegevens.json", use: dossierJSON)
        signedIn.post("/customers/:id/wissen", use: erase)
        signedIn.get("/audit", use: auditPage)
    }

    static func customerID(_ context: AppRequestContext) throws -> CustomerID {
        guard let id = CustomerID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("klant") }
        return id
    }

    static func lead(_ context: AppRequestContext) throws -> User {
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        guard user.role >= .lead else {
            throw Problem.notAllowed("Alleen teamleiders en beheerders zien of wissen alle gegevens van een klant.")
        }
        return user
    }

    @Sendable func dossierJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dossier = try await privacy.dossier(customerID: try Self.customerID(context), by: try Self.lead(context))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"signaal-gegevens-\(dossier.customer.id).json\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: try CustomerPrivacy.json(dossier))))
    }

    @Sendable func dossierPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await dossierPage(request, context: context, eraseProblem: nil)
    }

    /// The dossier; after an erasure that was not confirmed, with the reason beside its open form.
    func dossierPage(_ request: Request, context: AppRequestContext, eraseProblem: Problem?) async throws -> Response {
        let dossier = try await privacy.dossier(customerID: try Self.customerID(context), by: try Self.lead(context))
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: clock())
        let customer = dossier.customer
        var values: [String: Any] = [
            "customerID": customer.id.description,
            "name": Self.displayName(customer, language: language),
            "identities": customer.identities.map { ["kind": format.identityKind($0.kind), "value": $0.value] },
            "since": format.dateTime(customer.createdAt), "exported": format.dateTime(dossier.exportedAt),
            "messages": dossier.messages.map { Self.message($0, format: format) },
            "messagesElsewhere": dossier.messagesOnOtherRecords.map { Self.message($0, format: format) },
            "hasMessagesElsewhere": !dossier.messagesOnOtherRecords.isEmpty,
            "linkedRecords": dossier.linkedRecords.map { record -> [String: Any] in
                [
                    "name": Self.displayName(record, language: language), "since": format.dateTime(record.createdAt),
                    "identities": record.identities.map { ["kind": format.identityKind($0.kind), "value": $0.value] },
                ]
            },
            "hasLinkedRecords": !dossier.linkedRecords.isEmpty,
            "corrections": dossier.corrections.map { Self.correction($0, format: format) },
            "hasCorrections": !dossier.corrections.isEmpty, "hasIdentityHistory": !dossier.identityHistory.isEmpty,
            "identityHistory": dossier.identityHistory.map { event -> [String: Any] in
                [
                    "at": format.dateTime(event.at), "kind": format.identityKind(event.identity.kind), "value": event.identity.value,
                    "action": language.text(event.action == .link ? "privacy_identity_linked" : "privacy_identity_unlinked"),
                ]
            },
            "cases": dossier.cases.map { Self.caseRecord($0, format: format) },
            "confirmationWord": CustomerPrivacy.confirmationWord,
        ]
        // Erasure closes them: nobody is left to answer.
        let open = dossier.cases.filter { CaseStatus.unresolved.contains($0.theCase.status) }.count
        if open > 0 { values["openCases"] = Self.openCasesClosed(open, language: language) }
        if let erased = dossier.erasedAt { values["erased"] = format.dateTime(erased) }
        if let eraseProblem { values["eraseProblem"] = eraseProblem.pageDetail }
        return pages.render(
            "gegevens", titleKey: "privacy_dossier_title", values: values, request: request, context: context,
            status: eraseProblem?.status ?? .ok)
    }

    /// "1 open zaak wordt gesloten", "3 open zaken worden gesloten".
    static func openCasesClosed(_ count: Int, language: Language) -> String {
        switch language {
        case .nl: count == 1 ? "1 open zaak wordt gesloten" : "\(count) open zaken worden gesloten"
        case .en: count == 1 ? "1 open case will be closed" : "\(count) open cases will be closed"
        }
    }

    static func displayName(_ customer: Customer, language: Language) -> String {
        customer.name ?? customer.identities.first?.value ?? language.text("privacy_unnamed")
    }

    /// Values a section shows only when present: a template reads an empty text as something.
    static func message(_ signal: Signal, format: DisplayFormat) -> [String: Any] {
        let values: [String: Any?] = [
            "at": format.dateTime(signal.receivedAt), "channel": format.channel(signal.channel), "author": signal.author.displayName,
            "text": signal.text, "subject": signal.subject,
            "attachments": signal.attachments.map { $0.filename ?? $0.contentType }, "hasAttachments": !signal.attachments.isEmpty,
            // An agent's correction keeps the customer's own words: theirs to see.
            "earlierTexts": signal.edits.map { ["text": $0.previousText, "until": format.dateTime($0.editedAt)] },
        ]
        return values.compactMapValues { $0 }
    }

    /// Everything the export holds about one case, in the page's language: its history (with the
    /// outcome named when it was resolved), hand-over briefings and colleagues' notes, which are
    /// written about the customer.
    static func caseRecord(_ record: CustomerPrivacy.Dossier.CaseRecord, format: DisplayFormat) -> [String: Any] {
        let theCase = record.theCase
        let language = format.language
        let values: [String: Any?] = [
            "id": theCase.id.description, "subject": theCase.subject, "status": format.status(theCase.status),
            "opened": format.dateTime(theCase.openedAt), "rootCause": theCase.rootCause,
            "history": theCase.transitions.map {
                ["at": format.dateTime($0.at), "status": format.status($0.to), "reason": format.statusReason($0.reason)]
            },
            "replies": record.replies.map { ["at": format.dateTime($0.createdAt), "text": $0.text] },
            "hasReplies": !record.replies.isEmpty,
            "handoffs": record.handoffs.map { ["at": format.dateTime($0.at), "briefing": $0.briefing] },
            "notes": record.internalNotes.map { note -> [String: Any] in
                [
                    "at": format.dateTime(note.createdAt), "text": note.text,
                    "earlier": note.earlierVersions.map { ["text": $0.text, "until": format.dateTime($0.replacedAt)] },
                ]
            },
            "promises": record.promises.map { ["text": $0.text, "due": format.dateTime($0.dueAt), "status": format.promiseStatus($0.status)] },
            "compensations": record.compensations.map { compensation -> [String: Any] in
                let values: [String: Any?] = [
                    "amount": format.money(compensation.amountCents), "kind": format.compensationKind(compensation.kind),
                    "status": format.compensationStatus(compensation.status), "reason": compensation.reason,
                    "decisionNote": compensation.decisionNote,
                ]
                return values.compactMapValues { $0 }
            },
            "satisfaction": record.satisfaction.map { answer -> [String: Any] in
                let values: [String: Any?] = [
                    "sent": format.dateTime(answer.sentAt), "answered": answer.answeredAt.map(format.dateTime),
                    "score": answer.score, "comment": answer.comment,
                    "solved": answer.solved.map { language.text($0 ? "privacy_solved_yes" : "privacy_solved_no") },
                ]
                return values.compactMapValues { $0 }
            },
        ]
        return values.compactMapValues { $0 }
    }

    /// An agent's correction of how a message was read.
    static func correction(_ label: SignalLabel, format: DisplayFormat) -> [String: Any] {
        let read = [
            label.sentiment.map(format.language.sentiment), label.intent.map(format.language.intent),
            label.topics.map { $0.joined(separator: ", ") },
        ].compactMap { $0 }.filter { !$0.isEmpty }
        return ["at": format.dateTime(label.createdAt), "read": read.joined(separator: " · ")]
    }

    @Sendable func erase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let id = try Self.customerID(context)
        do {
            try await privacy.erase(customerID: id, confirmation: fields["bevestiging"]?.first ?? "", by: try Self.lead(context))
        } catch let error as DomainError {
            guard case .invalidField = error else { throw error }
            return try await dossierPage(request, context: context, eraseProblem: Problem.from(error))
        }
        return .redirect(to: "/customers/\(id)/gegevens", type: .normal)
    }

    @Sendable func auditPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.lead(context)
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: clock())
        let subject = Self.auditSubject(request.uri.queryParameters.get("over").map { String($0) } ?? "")
        var before: Int64?
        if let text = request.uri.queryParameters.get("voor") {
            guard let value = Int64(text), value > 0 else {
                throw DomainError.invalidField("voor", language == .nl ? "een regelnummer uit de link 'Oudere regels'" : "a line number from the 'Older entries' link")
            }
            before = value
        }
        // A customer's number shows what was seen or done with their cases too: the dossier links here.
        let customer = if let id = CustomerID(subject) { try await store.customer(id: id) } else { Customer?.none }
        // A case's number shows what was done in it too: its messages, replies, promises and compensations.
        let theCase = if customer == nil, let id = CaseID(subject) { try await store.case(id: id) } else { Case?.none }
        let filter: AuditFilter =
            if let customer { .customer(customer.id) } else if let theCase { .case(theCase.id) } else { subject.isEmpty ? .all : .subject(subject) }
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        let found = try await store.auditEntries(filter, before: before, limit: Self.auditPageSize + 1)
        let entries = found.prefix(Self.auditPageSize)
        // What each line is about, by name: a list of bare request addresses tells a lead nothing.
        let ids = { (kind: AuditEntry.Subject) in Set(entries.filter { $0.subject == kind }.compactMap(\.subjectID)) }
        let customers = try await store.customers(ids: ids(.customer).compactMap(CustomerID.init))
        // Decisions and replies show with the case they belong to.
        var caseOf: [String: CaseID] = [:]
        for entry in entries {
            guard let id = entry.subjectID, caseOf[id] == nil else { continue }
            switch entry.subject {
            case .compensation: caseOf[id] = try await CompensationID(id).asyncMap { try await store.compensation(id: $0) }??.caseID
            case .reply: caseOf[id] = try await ReplyID(id).asyncMap { try await store.reply(id: $0) }??.caseID
            case .signal: caseOf[id] = try await SignalID(id).asyncMap { try await store.signal(id: $0) }??.caseID
            default: break
            }
        }
        let cases = try await store.cases(ids: Array(Set(ids(.case).compactMap(CaseID.init) + caseOf.values)))
        let rows = entries.map { entry -> [String: Any] in
            // "gewijzigd: besluit over een tegemoetkoming (goedgekeurd: € 20,00 terugbetaling)".
            // Only a change needs naming: a view, an export and an erasure say what they were.
            let named = entry.action == .change ? AuditEntry.actionKey(of: entry.request).map { language.text("audit_do_\($0)") } : nil
            let what = [language.text("privacy_action_\(entry.action.rawValue)"), named].compactMap { $0 }.joined(separator: ": ")
            var row: [String: Any] = [
                "at": format.dateTime(entry.at), "action": what + (entry.note.map { " (\($0))" } ?? ""), "detail": entry.request,
                // An integration's read has its token's name instead of a colleague's.
                "who": entry.userID.flatMap { users[$0] } ?? entry.tokenName.map { "API-token ‘\($0)’" }
                    ?? (entry.isCommandLine ? language.text("audit_command_line") : "?"),
            ]
            let caseID = entry.subject == .case ? entry.subjectID.flatMap(CaseID.init) : entry.subjectID.flatMap { caseOf[$0] }
            if let id = caseID, let theCase = cases[id] {
                row["about"] = "\(language.text("privacy_audit_case")) ‘\(DisplayFormat.shortened(theCase.subject, to: 60))’"
                row["aboutLink"] = "/cases/\(id)"
            }
            if entry.subject == .customer, let id = entry.subjectID.flatMap(CustomerID.init), let customer = customers[id] {
                row["about"] = "\(language.text("privacy_audit_customer")) \(Self.displayName(customer, language: language))"
                row["aboutLink"] = "/customers/\(id)/gegevens"
            }
            if entry.subject == .user, let id = entry.subjectID.flatMap(UserID.init), let colleague = users[id] {
                row["about"] = "\(language.text("privacy_audit_colleague")) \(colleague)"
                row["aboutLink"] = "/gebruikers#user-\(id)"
            }
            return row
        }
        var values: [String: Any] = [
            "entries": rows, "hasEntries": !rows.isEmpty, "over": subject, "filtered": !subject.isEmpty, "customerFilter": customer != nil,
            "customerName": customer.map { Self.displayName($0, language: language) } ?? "", "earlier": before != nil,
        ]
        // A number that names no case, customer or colleague and has no line in the log is a typo
        // or a wrong link: saying "nothing recorded yet" would read as a real case nobody touched.
        let unknown = !subject.isEmpty && customer == nil && theCase == nil && found.isEmpty
            && UserID(subject).map { users[$0] == nil } ?? true
        if unknown { values["unknownSubject"] = "\(language.text("privacy_audit_unknown")) ‘\(subject)’." }
        if found.count > Self.auditPageSize, let last = entries.last?.id {
            let encoded = subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
            values["olderLink"] = "/audit?" + (subject.isEmpty ? "" : "over=\(encoded)&") + "voor=\(last)"
        }
        return pages.render(
            "audit", titleKey: "privacy_audit_title", values: values, request: request, context: context, status: unknown ? .notFound : .ok)
    }

    static let auditPageSize = 200

    /// The number to filter on, also from a case's or customer's address pasted from the browser.
    static func auditSubject(_ text: String) -> String {
        // NUL is in no id or address; PostgreSQL would refuse the query instead of finding nothing.
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased().replacingNUL()
        let path = URLComponents(string: trimmed)?.path ?? trimmed
        let parts = path.split(separator: "/")
        if let index = parts.firstIndex(where: { $0 == "cases" || $0 == "customers" }), index + 1 < parts.count {
            return String(parts[index + 1])
        }
        return trimmed
    }
}
