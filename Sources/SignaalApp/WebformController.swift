import Foundation
import HTTPTypes
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

/// `/melden`: the public complaint form. No account needed; a honeypot field and a per-IP
/// limit keep spam out, a double-submit cookie keeps other sites from posting it. The form's
/// one-time token names the submission's reference (its external id), so posting the same form
/// again is one complaint; a sent form answers with a redirect to its thanks (Post/Redirect/Get),
/// so a refresh of the thanks posts nothing.
struct WebformController: Sendable {
    let ingest: IngestSignal
    let signals: any SignalStore
    let pages: PageRenderer
    let limiter: RateLimiter
    let secureCookies: Bool
    let trustProxy: Bool
    let clock: @Sendable () -> Date

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/melden", use: form)
        router.post("/melden", use: submit)
        router.get("/melden/ontvangen/:reference", use: thanks)
    }

    struct Fields: Sendable {
        var name = ""
        var email = ""
        var phone = ""
        var message = ""
        var orderNumber = ""
        var consent = false
        var honeypot = ""
        var csrf = ""
    }

    /// Why a form came back although nothing in it was wrong: said above the form, all typed kept.
    struct Refusal: Sendable {
        var title: String
        var text: String
        /// The button says "Verstuur opnieuw": the customer's part is only to send it again.
        var resend: Bool
    }

    /// 20,000 characters of message, percent-encoded (up to nine bytes for a character like
    /// "é" or "€"), and the other fields.
    static let bodyLimit = 256 * 1024

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        render(request: request, context: context, fields: Fields(), errors: [:], status: .ok)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let raw = WebController.formFields(String(buffer: try await request.body.collect(upTo: Self.bodyLimit)))
        func field(_ name: String) -> String { raw[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let fields = Fields(
            name: field("name"), email: field("email"), phone: field("phone"), message: field("message"),
            orderNumber: field("order"), consent: field("consent") == "ja", honeypot: field("website"), csrf: field("csrf"))
        // The form posts to `/melden?lang=…`, so these speak the language the form was read in.
        let language = Language.of(request)
        guard let cookie = request.cookies["signaal_form"]?.value, !cookie.isEmpty, cookie == fields.csrf else {
            AppMetrics.webformRejected(reason: "expired")
            // A person gets the form back with a fresh token and what they typed; a script the problem.
            guard ErrorMiddleware.wantsHTML(request) else { throw Problem(.forbidden, language.text("webform_error_expired")) }
            let refusal = Refusal(
                title: language.text("webform_expired_title"), text: language.text("webform_expired_text"), resend: true)
            return render(request: request, context: context, fields: fields, errors: [:], refusal: refusal, status: .forbidden)
        }
        // A filled honeypot is a bot: it gets the same thank-you page and nothing is stored,
        // so it learns nothing.
        if !fields.honeypot.isEmpty {
            AppMetrics.webformRejected(reason: "honeypot")
            return thanksRedirect(request: request, name: fields.name, reference: .random())
        }
        var errors: [String: String] = [:]
        if fields.name.isEmpty { errors["name"] = language.text("webform_error_name_missing") }
        if fields.name.count > 200 { errors["name"] = language.text("webform_error_name_long") }
        let email = fields.email.isEmpty ? nil : Identity(kind: .email, raw: fields.email)
        let phone = fields.phone.isEmpty ? nil : Identity(kind: .phone, raw: fields.phone)
        if !fields.email.isEmpty && email == nil { errors["email"] = language.text("webform_error_email_invalid") }
        if !fields.phone.isEmpty && phone == nil { errors["phone"] = language.text("webform_error_phone_invalid") }
        if fields.email.isEmpty && fields.phone.isEmpty {
            errors["email"] = language.text("webform_error_contact_missing")
        }
        if fields.message.count < 10 { errors["message"] = language.text("webform_error_message_short") }
        if fields.message.count > 20_000 { errors["message"] = language.text("webform_error_message_long") }
        if fields.orderNumber.count > 64 { errors["order"] = language.text("webform_error_order_long") }
        if !fields.consent { errors["consent"] = language.text("webform_error_consent") }
        guard errors.isEmpty else {
            return render(request: request, context: context, fields: fields, errors: errors, status: .unprocessableContent)
        }
        var draft = SignalDraft(
            channel: .webform, externalID: WebformReference.forFormToken(fields.csrf).description,
            author: Author(name: fields.name, email: email?.value, phone: phone?.value), text: fields.message,
            receivedAt: clock(), subject: fields.orderNumber.isEmpty ? nil : "Ordernummer \(fields.orderNumber)")
        // The same form sent again (a refresh, a double click, the back button): the thanks it had.
        // Checked before the limit, which counts complaints, not the times one was sent.
        if try await isStored(draft) { return thanksRedirect(request: request, name: fields.name, draft: draft) }
        // Only complaints that would be stored count: a customer who mends a few mistakes is
        // not someone who sends too often.
        let client = request.clientAddress(context: context, trustProxy: trustProxy)
        guard await limiter.allow(client, submission: Self.submission(draft)) else {
            AppMetrics.webformRejected(reason: "rate_limit")
            let now = clock()
            let again = await limiter.nextAllowed(client)
            let seconds = max(1, Int(again.timeIntervalSince(now).rounded(.up)))
            let text = language.text("webform_error_too_often", ["time": DisplayFormat(language: language, now: now).time(again)])
            guard ErrorMiddleware.wantsHTML(request) else {
                var problem = Problem(.tooManyRequests, text)
                problem.retryAfter = seconds
                throw problem
            }
            let refusal = Refusal(title: language.text("webform_too_often_title"), text: text, resend: false)
            var response = render(request: request, context: context, fields: fields, errors: [:], refusal: refusal, status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        // A duplicate of another text under the same reference is the same token used for a new
        // complaint (edited after the back button) or, rarely, two tokens with one reference: it
        // gets a reference of its own rather than being lost.
        var outcome = try await ingest(draft)
        for _ in 0..<3 {
            guard case .duplicate(let first) = outcome, !Self.isSame(first, as: draft) else { break }
            draft.externalID = WebformReference.random().description
            outcome = try await ingest(draft)
        }
        AppMetrics.record(outcome)
        context.logger.info("web form complaint", metadata: ["signal": "\(outcome.signal.id)", "reference": "\(draft.externalID ?? "")"])
        return thanksRedirect(request: request, name: fields.name, draft: draft)
    }

    /// The thank-you page: only the reference in its address, which the customer already has; the
    /// name comes from a cookie this browser got with the redirect, for this reference only.
    @Sendable func thanks(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let reference = context.parameters.get("reference").flatMap(WebformReference.init(canonical:)) else {
            return .redirect(to: "/melden", type: .normal)
        }
        var values: [String: Any] = ["reference": reference.description]
        if let cookie = request.cookies["signaal_bedankt"]?.value, let split = cookie.firstIndex(of: "."),
            cookie[..<split] == reference.description,
            let name = String(cookie[cookie.index(after: split)...]).removingPercentEncoding, !name.isEmpty
        {
            // Mustache takes an empty string for true: no name, no ", ".
            values["name"] = name
        }
        return pages.render("melden-ontvangen", titleKey: "webform_received_title", values: values, request: request, context: context)
    }

    /// Whether the draft's reference is stored already with this very complaint.
    private func isStored(_ draft: SignalDraft) async throws -> Bool {
        guard let externalID = draft.externalID else { return false }
        return try await signals.signals(externalID: externalID).contains { $0.channel == .webform && Self.isSame($0, as: draft) }
    }

    /// Which submission the limiter counts: the form's reference with what was typed, so a double
    /// click counts once and a new text under a used token counts anew.
    private static func submission(_ draft: SignalDraft) -> Int {
        var hasher = Hasher()
        for part in [draft.externalID, draft.text, draft.author.name, draft.author.email, draft.author.phone] { hasher.combine(part) }
        return hasher.finalize()
    }

    /// The same complaint: the same text and sender, as intake keeps them.
    private static func isSame(_ stored: Signal, as draft: SignalDraft) -> Bool {
        let valid = (try? draft.validated()) ?? draft
        return stored.text == valid.text && stored.author.name == valid.author.name && stored.author.email == valid.author.email
            && stored.author.phone == valid.author.phone
    }

    private func thanksRedirect(request: Request, name: String, draft: SignalDraft) -> Response {
        let reference = draft.externalID.flatMap(WebformReference.init(canonical:)) ?? .random()
        return thanksRedirect(request: request, name: name, reference: reference)
    }

    /// 303 to the thanks, in the form's language; the name travels in a short-lived cookie, never in an address.
    private func thanksRedirect(request: Request, name: String, reference: WebformReference) -> Response {
        let language = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0.lowercased()) }
        var response = Response.redirect(
            to: "/melden/ontvangen/\(reference)" + (language.map { "?lang=\($0.rawValue)" } ?? ""), type: .normal)
        let encodedName = name.addingPercentEncoding(withAllowedCharacters: .rfc3986Unreserved) ?? ""
        response.setCookie(
            .init(
                name: "signaal_bedankt", value: "\(reference).\(encodedName)", maxAge: 3600, path: "/melden", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    /// The fields in the order the form shows them: the error summary lists its problems so.
    static let fieldOrder = ["name", "email", "phone", "order", "message", "consent"]

    private func render(
        request: Request, context: AppRequestContext, fields: Fields, errors: [String: String], refusal: Refusal? = nil,
        status: HTTPResponse.Status
    ) -> Response {
        let token = WebController.randomToken()
        var values: [String: Any] = [
            "formCSRF": token, "errors": errors, "hasErrors": !errors.isEmpty,
            "errorList": Self.fieldOrder.compactMap { field in errors[field].map { ["field": field, "message": $0] } },
            "name": fields.name, "email": fields.email, "phone": fields.phone, "message": fields.message,
            "order": fields.orderNumber, "consent": fields.consent,
        ]
        if let refusal {
            values["refusal"] = ["title": refusal.title, "text": refusal.text]
            values["resend"] = refusal.resend
        }
        var response = pages.render("melden", titleKey: "webform_title", values: values, request: request, context: context, status: status)
        response.setCookie(.init(name: "signaal_form", value: token, path: "/melden", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

}

/// Counts submissions per client in a sliding hour, in memory: each instance limits on its own,
/// which is enough against a single spammer and needs no shared state.
actor RateLimiter {
    let limit: Int
    let window: TimeInterval
    /// Per client, when each submission counted and which it was (nil: not told).
    private var hits: [String: [(at: Date, submission: Int?)]] = [:]
    private let clock: @Sendable () -> Date

    init(limit: Int, window: TimeInterval = 3600, clock: @escaping @Sendable () -> Date = Date.init) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Whether `key` may send now, counting it if so. The same `submission` again within the window
    /// (a double click whose posts arrive together) is let through without counting twice.
    func allow(_ key: String, submission: Int? = nil) -> Bool {
        let now = clock()
        var recent = (hits[key] ?? []).filter { now.timeIntervalSince($0.at) < window }
        if let submission, recent.contains(where: { $0.submission == submission }) { return true }
        guard recent.count < limit else {
            hits[key] = recent
            return false
        }
        recent.append((now, submission))
        hits[key] = recent
        if hits.count > 10_000 { hits = hits.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!.at) < window } }
        return true
    }

    /// When `key` may send again: as the oldest submission in the window leaves it.
    func nextAllowed(_ key: String) -> Date {
        let now = clock()
        guard limit > 0 else { return now.addingTimeInterval(window) }
        let recent = (hits[key] ?? []).filter { now.timeIntervalSince($0.at) < window }
        guard recent.count >= limit, let oldest = recent.dropLast(limit - 1).last else { return now }
        return oldest.at.addingTimeInterval(window)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}

extension Request {
    /// The client the per-client limits count (`/melden`'s, the sign-in's): the peer, or behind a
    /// trusted proxy (`SIGNAAL_TRUST_PROXY`) the last address `X-Forwarded-For` names, the one the
    /// proxy itself added.
    func clientAddress(context: AppRequestContext, trustProxy: Bool) -> String {
        if trustProxy, let forwarded = headers[.xForwardedFor]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress ?? "unknown"
    }
}
