import Foundation
import HTTPTypes
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

/// What an agent does on a case besides reading it: reply, write down a call or visit, resend
/// a failed reply, link or unlink a customer's identity, open an attachment.
struct CaseActionsController: Sendable {
    let store: any SignaalStore
    let writeReply: WriteReply
    let recordContact: RecordContact
    let reviewDraft: ReviewDraft
    let ownership: Ownership
    let promises: KeepPromises
    let resolve: ResolveCase
    let satisfaction: CheckSatisfaction
    let pages: PageRenderer
    let web: WebController
    let clock: @Sendable () -> Date
    /// Whether active case pages count as handling time (`AppConfig.measureWork`).
    let measureWork: Bool

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.post("/cases/:id/replies", use: reply)
        signedIn.post("/cases/:id/coach", use: coach)
        signedIn.post("/cases/:id/aanwezig", use: presence)
        signedIn.post("/cases/:id/take", use: take)
        signedIn.post("/cases/:id/handoff", use: handOver)
        signedIn.post("/promises/:id/settle", use: settlePromise)
        signedIn.post("/cases/:id/resolve", use: resolveCase)
        signedIn.post("/cases/:id/close", use: closeCase)
        signedIn.post("/replies/:id/retry", use: retry)
        signedIn.post("/cases/:id/notes", use: noteOnCase)
        signedIn.post("/cases/:id/intern", use: internalNote)
        signedIn.post("/cases/:id/intern/:note", use: editInternalNote)
        signedIn.get("/notes/new", use: newNoteForm)
        signedIn.post("/notes", use: newNote)
        signedIn.post("/customers/:id/identities", use: identity)
        signedIn.get("/signals/:id/attachments/:n", use: attachment)
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        return try await web.backToForm("reply", request, context, fields) { try await reply(fields, context: context) }
    }

    private func reply(_ fields: [String: [String]], context: AppRequestContext) async throws -> Response {
        let caseID = try Self.caseID(context)
        // A promise in the reply is checked first, so the reply and its promise fail together.
        var promise: (text: String, due: Date)?
        if let text = fields["promise_text"]?.first, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let dueText = fields["promise_due"]?.first, !dueText.isEmpty else {
                throw DomainError.invalidField("promise_due", "kies wanneer u de toezegging nakomt")
            }
            let due = try Self.localTime(dueText, field: "promise_due")
            promise = (try promises.validate(text: text, dueAt: due), due)
        } else if let dueText = fields["promise_due"]?.first, !dueText.trimmingCharacters(in: .whitespaces).isEmpty {
            // A time without its promise would be dropped unseen: the agent meant to track something.
            throw DomainError.invalidField("promise_text", "schrijf op wat u toezegt, of maak 'Uiterlijk' leeg")
        }
        // A value the form never sends is refused rather than read as "none" or "the platform":
        // the reply would otherwise answer another message, or go where the agent did not choose.
        var answering: SignalID?
        if let text = fields["signal"]?.first, !text.isEmpty {
            guard let id = SignalID(text) else { throw DomainError.notFound("signaal \(text) in deze zaak") }
            answering = id
        }
        let via = fields["via"]?.first ?? ""
        guard ["", "email"].contains(via) else {
            throw DomainError.invalidField("via", "kies het kanaal van het bericht of e-mail")
        }
        // The form's one-time key: sent again (a network retry, back and resubmit), the form stores
        // and sends nothing and lands where the first sending did. A page from before keys has none.
        let formKey = fields["reply_key"]?.first.flatMap { $0.isEmpty ? nil : $0 }
        if let formKey, formKey.count > 64 { throw DomainError.invalidField("reply_key", "onbekende formuliersleutel; laad de pagina opnieuw") }
        let reply: Reply
        do {
            reply = try await writeReply(
                caseID: caseID, text: fields["text"]?.first ?? "", author: context.user?.id, answering: answering,
                byEmail: via == "email", formKey: formKey)
        } catch let again as ReplyAlreadyWritten {
            context.logger.info("reply form sent again; nothing stored", metadata: ["reply": "\(again.existing.id)"])
            return .redirect(to: "/cases/\(again.existing.caseID)#reply-\(again.existing.id)", type: .normal)
        }
        if let promise, let user = context.user {
            _ = try await promises.make(caseID: caseID, text: promise.text, dueAt: promise.due, by: user)
        }
        return .redirect(to: "/cases/\(caseID)#reply-\(reply.id)", type: .normal)
    }

    /// The composer's live review: JSON in (`{draft, signal?}`), the coach's review out. Called
    /// as the agent types, so it only reads.
    @Sendable func coach(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let expected = context.sessions.session?.csrfToken, request.headers[Self.csrfHeader] == expected else {
            throw Problem.formExpired
        }
        struct Body: Decodable {
            var draft: String
            var signal: String?
            /// "email" when the agent chose to send it by e-mail instead of on the platform.
            var via: String?
        }
        let caseID = try Self.caseID(context)
        let buffer = try await request.body.collect(upTo: Self.coachBodyLimit)
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch {
            throw Problem(.badRequest, "Verwacht JSON met een veld 'draft' (het concept).")
        }
        var answering: SignalID?
        if let signal = body.signal, !signal.isEmpty {
            guard let id = SignalID(signal) else { throw DomainError.notFound("signaal \(signal)") }
            answering = id
        }
        let review = try await reviewDraft(caseID: caseID, draft: body.draft, answering: answering, byEmail: body.via == "email")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A promise's `due` as ISO 8601 in UTC; the page shows it in Amsterdam time.
        encoder.dateEncodingStrategy = .iso8601
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(review))))
    }

    /// The case page reports every few seconds that it is open, and whether its reply is being
    /// written (`{"typing": true}`); the answer says who else has the case open and who types.
    /// Leaving the page reports `{"typing": false, "leaving": true}`, so colleagues stop seeing one.
    /// `"active": true` (the page is in view and was used in the last minutes) also counts as work
    /// on the case: measured handling time. A report without it (an older page) counts as none.
    @Sendable func presence(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let expected = context.sessions.session?.csrfToken, request.headers[Self.csrfHeader] == expected else {
            throw Problem.formExpired
        }
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        struct Body: Decodable { var typing: Bool; var leaving: Bool?; var active: Bool? }
        let caseID = try Self.caseID(context)
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(buffer: try await request.body.collect(upTo: 4096)))
        } catch {
            throw Problem(.badRequest, "Verwacht JSON met een veld 'typing' (true of false) en eventueel 'leaving' en 'active'.")
        }
        guard try await store.case(id: caseID) != nil else { throw DomainError.notFound("Zaak \(caseID)") }
        if body.leaving == true {
            try await store.leaveCase(caseID: caseID, userID: user.id)
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
        let now = clock()
        try await store.markPresent(CasePresence(caseID: caseID, userID: user.id, typing: body.typing, seenAt: now))
        if measureWork, body.active == true { try await store.recordWork(caseID: caseID, userID: user.id, at: now) }
        struct Other: Encodable { var name: String; var typing: Bool }
        struct Answer: Encodable { var others: [Other] }
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        let others = try await store.presence(caseID: caseID, since: now.addingTimeInterval(-CasePresence.window))
            .filter { $0.userID != user.id }
            .map { Other(name: users[$0.userID] ?? "?", typing: $0.typing) }
        let answer = Answer(others: others)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(answer))))
    }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// A reply is at most 64 KiB; a pasted draft may be longer and still deserves an answer.
    static let coachBodyLimit = 512 * 1024

    @Sendable func take(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await Self.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let caseID = try Self.caseID(context)
        _ = try await ownership.take(caseID: caseID, by: user)
        // Back where the agent was: a keyboard user goes on from the owner's box, not the page top.
        return .redirect(to: "/cases/\(caseID)#ownership-title", type: .normal)
    }

    @Sendable func handOver(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let caseID = try Self.caseID(context)
        return try await web.backToForm("handoff", request, context, fields) {
            guard let receiver = fields["to"]?.first.flatMap(HandoffReceiver.init(formValue:)) else {
                throw DomainError.invalidField("to", "kies aan wie of welk team u de zaak overdraagt")
            }
            _ = try await ownership.handOver(caseID: caseID, to: receiver, briefing: fields["briefing"]?.first ?? "", by: user)
            return .redirect(to: "/cases/\(caseID)", type: .normal)
        }
    }

    @Sendable func settlePromise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        guard let id = PromiseID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("toezegging") }
        guard let outcome = fields["outcome"]?.first.flatMap(CasePromise.Status.init(rawValue:)), outcome != .open else {
            throw DomainError.invalidField("outcome", "kies nagekomen of niet nagekomen")
        }
        let promise = try await promises.settle(id: id, as: outcome, by: user)
        context.audit.say("\(outcome == .kept ? "nagekomen" : "niet nagekomen"): ‘\(DisplayFormat.shortened(promise.text, to: 80))’")
        return .redirect(to: "/cases/\(promise.caseID)#promise-\(promise.id)", type: .normal)
    }

    @Sendable func resolveCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let caseID = try Self.caseID(context)
        return try await web.backToForm("resolve", request, context, fields) {
            try await resolve(
                caseID, outcome: fields["outcome"]?.first ?? "", rootCause: fields["root_cause"]?.first ?? "", by: user,
                confirmed: fields["confirm"]?.first == "1")
            if fields["check"]?.first == "1" { _ = try await satisfaction.send(caseID: caseID, by: user) }
            return .redirect(to: "/cases/\(caseID)", type: .normal)
        }
    }

    @Sendable func closeCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await Self.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let caseID = try Self.caseID(context)
        try await resolve.close(caseID, by: user)
        return .redirect(to: "/cases/\(caseID)", type: .normal)
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await Self.checkedForm(request, context: context)
        guard let id = ReplyID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("antwoord") }
        let reply = try await store.requeueReply(id: id, now: clock())
        return .redirect(to: "/cases/\(reply.caseID)#reply-\(reply.id)", type: .normal)
    }

    @Sendable func noteOnCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        let caseID = try Self.caseID(context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        return try await web.backToForm("note", request, context, fields) {
            let channel = try Self.noteChannel(fields)
            let text = fields["text"]?.first ?? ""
            let at = try Self.noteTime(fields, now: clock())
            // Who made contact decides what the note is: the customer's words, or our answer. A form
            // from before the choice existed was always the customer's contact.
            switch fields["direction"]?.first ?? "klant" {
            case "klant":
                let outcome = try await recordContact(channel: channel, text: text, at: at, recordedBy: user.id, onCase: caseID)
                return .redirect(to: "/cases/\(outcome.signal.caseID)#signal-\(outcome.signal.id)", type: .normal)
            case "wij":
                let reply = try await recordContact.outbound(
                    channel: channel, text: text, at: at, now: clock(), recordedBy: user.id, onCase: caseID)
                return .redirect(to: "/cases/\(caseID)#reply-\(reply.id)", type: .normal)
            default:
                throw DomainError.invalidField("direction", "kies wie contact opnam: de klant of wij")
            }
        }
    }

    /// A note for colleagues only (never sent to the customer), kept with the case.
    @Sendable func internalNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        let caseID = try Self.caseID(context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        guard try await store.case(id: caseID) != nil else { throw DomainError.notFound("Zaak \(caseID)") }
        return try await web.backToForm("internal", request, context, fields) {
            let text = try InternalNote.checkedText(fields["text"]?.first ?? "")
            let note = InternalNote(id: .generate(now: clock()), caseID: caseID, authorID: user.id, text: text, createdAt: clock())
            // "@Bram": the note reaches Bram's inbox until he has seen it.
            try await store.addInternalNote(note, mentioning: InternalNote.mentioned(in: text, among: try await store.users(), author: user.id))
            return .redirect(to: "/cases/\(caseID)#note-\(note.id)", type: .normal)
        }
    }

    /// Its author changes a note (a wrong time, a typo, news since); the earlier text stays
    /// readable under it, and a colleague it now calls on with "@Naam" is told.
    @Sendable func editInternalNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        let caseID = try Self.caseID(context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        guard let noteID = InternalNoteID(context.parameters.get("note") ?? "") else { throw DomainError.notFound("Notitie") }
        return try await web.backToForm("internalEdit", request, context, fields.merging(["note": [noteID.description]]) { $1 }) {
            let text = fields["text"]?.first ?? ""
            let now = clock()
            let mentioned = InternalNote.mentioned(in: text, among: try await store.users(), author: user.id)
            let note = try await store.editInternalNote(id: noteID, mentioning: mentioned) { note in
                guard note.caseID == caseID else { throw DomainError.notFound("Notitie") }
                return try note.edit(to: text, by: user.id, at: now)
            }
            return .redirect(to: "/cases/\(caseID)#note-\(note.id)", type: .normal)
        }
    }

    @Sendable func newNoteForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        newNoteForm(request, context: context, failed: nil)
    }

    /// The form; after a note failed, with the reason and what the agent typed (a call written
    /// down must not be lost), under the failure's status.
    func newNoteForm(_ request: Request, context: AppRequestContext, failed: FailedForm?) -> Response {
        let format = DisplayFormat(language: Language.of(request), now: clock())
        let chosen = failed?.fields["channel"]
        let channels = RecordContact.channels.map {
            ["value": $0.rawValue, "name": format.channel($0), "selected": $0.rawValue == chosen] as [String: Any]
        }
        return pages.render("note", titleKey: "note_title", values: ["channels": channels], request: request, context: context, failed: failed)
    }

    @Sendable func newNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        return try await FailedForm.backToForm("note", fields) { try await newNote(fields, by: user) } page: {
            newNoteForm(request, context: context, failed: $0)
        }
    }

    private func newNote(_ fields: [String: [String]], by user: User) async throws -> Response {
        func value(_ name: String) -> String? {
            guard let text = fields[name]?.first?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        if let email = value("email"), Identity(kind: .email, raw: email) == nil {
            throw DomainError.invalidField("email", "dit e-mailadres klopt niet")
        }
        if let phone = value("phone"), Identity(kind: .phone, raw: phone) == nil {
            throw DomainError.invalidField("phone", "dit telefoonnummer klopt niet")
        }
        let outcome = try await recordContact(
            channel: try Self.noteChannel(fields), text: value("text") ?? "", at: try Self.noteTime(fields, now: clock()),
            recordedBy: user.id, author: Author(name: value("name"), email: value("email"), phone: value("phone")))
        return .redirect(to: "/cases/\(outcome.signal.caseID)#signal-\(outcome.signal.id)", type: .normal)
    }

    @Sendable func identity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await Self.checkedForm(request, context: context)
        guard let customerID = CustomerID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("klant") }
        guard let kind = fields["kind"]?.first.flatMap(Identity.Kind.init(rawValue:)),
            let identity = Identity(kind: kind, raw: fields["value"]?.first ?? "")
        else { throw DomainError.invalidField("value", "dit is geen geldig adres, nummer of handle voor dit soort identiteit") }
        switch fields["action"]?.first {
        case "link": try await store.linkIdentity(identity, to: customerID, by: context.user?.id, at: clock())
        case "unlink": try await store.unlinkIdentity(identity, from: customerID, by: context.user?.id, at: clock())
        default: throw DomainError.invalidField("action", "kies koppelen of ontkoppelen")
        }
        let back = WebController.safeNext(fields["back"]?.first) ?? "/"
        return .redirect(to: back, type: .normal)
    }

    /// Served as a download, never rendered inline: a customer's file must not run as our page.
    @Sendable func attachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = SignalID(context.parameters.get("id") ?? ""), let index = Int(context.parameters.get("n") ?? ""),
            let file = try await store.attachments(signalID: id)[safe: index]
        else { throw DomainError.notFound("bijlage") }
        guard let content = file.content else {
            throw Problem(.gone, "Deze bijlage was groter dan de limiet; alleen naam, type en grootte zijn bewaard.")
        }
        let name = (file.filename ?? "bijlage").replacingOccurrences(of: "\"", with: "'")
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 32 ? Character($0) : "_" })
        // RFC 8187: only ASCII attr-chars stay unescaped (Foundation escapes every non-ASCII byte).
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .rfc3986Unreserved) ?? ascii
        var headers: HTTPFields = [
            .contentType: "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
        ]
        headers[.xContentTypeOptions] = "nosniff"
        headers[.contentSecurityPolicy] = "sandbox"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: content)))
    }

    // MARK: Helpers

    static func checkedForm(_ request: Request, context: AppRequestContext) async throws -> [String: [String]] {
        let fields = WebController.formFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        guard let expected = context.sessions.session?.csrfToken, fields["csrf"]?.first == expected else {
            throw Problem.formExpired
        }
        return fields
    }

    static func caseID(_ context: AppRequestContext) throws -> CaseID {
        guard let id = CaseID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("zaak") }
        return id
    }

    static func noteChannel(_ fields: [String: [String]]) throws -> Channel {
        guard let channel = fields["channel"]?.first.flatMap(Channel.init(rawValue:)), RecordContact.channels.contains(channel) else {
            throw DomainError.invalidField("channel", "kies telefoon, balie of brief")
        }
        return channel
    }

    /// "2026-11-23T14:05" from a datetime-local field, read in Amsterdam time; now when empty.
    static func noteTime(_ fields: [String: [String]], now: Date) throws -> Date {
        guard let text = fields["at"]?.first, !text.isEmpty else { return now }
        let date = try localTime(text, field: "at")
        guard !SignalDraft.isAhead(date, of: now) else { throw DomainError.invalidField("at", "het contact kan niet in de toekomst liggen") }
        return date
    }

    /// A datetime-local field's value, which the browser gives in the agent's (Amsterdam) time.
    static func localTime(_ text: String, field: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = DisplayFormat.amsterdam
        formatter.dateFormat = text.count > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"
        guard let date = formatter.date(from: text) else {
            // A time the clock skips (the last Sunday of March, 02:00–03:00) reads fine in UTC.
            formatter.timeZone = TimeZone(identifier: "UTC")
            if formatter.date(from: text) != nil {
                throw DomainError.invalidField(field, "'\(text)' bestaat niet in Nederland: die nacht gaat de klok van 2:00 naar 3:00")
            }
            throw DomainError.invalidField(field, "'\(text)' is geen datum en tijd; kies die in het veld (dag en tijd), zoals 2026-12-08T12:00")
        }
        return date
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
