import Foundation
import HTTPTypes
import Hummingbird
import SignaalDomain
import SignaalServices

/// `/melden`: the public complaint form. No account needed; a honeypot field and a per-IP
/// limit keep spam out, a double-submit cookie keeps other sites from posting it.
struct WebformController: Sendable {
    let ingest: IngestSignal
    let pages: PageRenderer
    let limiter: RateLimiter
    let secureCookies: Bool
    let trustProxy: Bool

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/melden", use: form)
        router.post("/melden", use: submit)
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
            throw Problem(.forbidden, language.text("webform_error_expired"))
        }
        // A filled honeypot is a bot: it gets the same thank-you page and nothing is stored,
        // so it learns nothing.
        if !fields.honeypot.isEmpty {
            AppMetrics.webformRejected(reason: "honeypot")
            return confirmation(request: request, context: context, name: fields.name, reference: Self.newReference())
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
        // Only complaints that would be stored count: a customer who mends a few mistakes is
        // not someone who sends too often.
        guard await limiter.allow(clientAddress(request, context: context)) else {
            AppMetrics.webformRejected(reason: "rate_limit")
            throw Problem(.tooManyRequests, language.text("webform_error_too_often"))
        }
        let reference = Self.newReference()
        let draft = SignalDraft(
            channel: .webform, externalID: reference,
            author: Author(name: fields.name, email: email?.value, phone: phone?.value), text: fields.message,
            receivedAt: Date(), subject: fields.orderNumber.isEmpty ? nil : "Ordernummer \(fields.orderNumber)")
        let outcome = try await ingest(draft)
        AppMetrics.record(outcome)
        context.logger.info("web form complaint", metadata: ["signal": "\(outcome.signal.id)", "reference": "\(reference)"])
        return confirmation(request: request, context: context, name: fields.name, reference: reference)
    }

    private func render(
        request: Request, context: AppRequestContext, fields: Fields, errors: [String: String], status: HTTPResponse.Status
    ) -> Response {
        let token = WebController.randomToken()
        var response = pages.render(
            "melden", titleKey: "webform_title",
            values: [
                "formCSRF": token, "errors": errors, "hasErrors": !errors.isEmpty,
                "errorList": errors.sorted { $0.key < $1.key }.map { ["field": $0.key, "message": $0.value] },
                "name": fields.name, "email": fields.email, "phone": fields.phone, "message": fields.message,
                "order": fields.orderNumber, "consent": fields.consent,
            ],
            request: request, context: context, status: status)
        response.setCookie(.init(name: "signaal_form", value: token, path: "/melden", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    private func confirmation(request: Request, context: AppRequestContext, name: String, reference: String) -> Response {
        pages.render(
            "melden-ontvangen", titleKey: "webform_received_title", values: ["name": name, "reference": reference],
            request: request, context: context)
    }

    /// The address the limit counts: the peer, or behind a trusted proxy the client it names.
    private func clientAddress(_ request: Request, context: AppRequestContext) -> String {
        if trustProxy, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress ?? "unknown"
    }

    /// "SG-7KQ2-M9XD": short enough to read out on the phone; no 0/O or 1/I to confuse.
    static func newReference() -> String {
        let code = RandomText.make(count: 8, alphabet: Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"))
        return "SG-" + code.prefix(4) + "-" + code.suffix(4)
    }
}

/// Counts submissions per client in a sliding hour, in memory: each instance limits on its own,
/// which is enough against a single spammer and needs no shared state.
actor RateLimiter {
    let limit: Int
    let window: TimeInterval
    private var hits: [String: [Date]] = [:]
    private let clock: @Sendable () -> Date

    init(limit: Int, window: TimeInterval = 3600, clock: @escaping @Sendable () -> Date = Date.init) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    func allow(_ key: String) -> Bool {
        let now = clock()
        var recent = (hits[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < limit else {
            hits[key] = recent
            return false
        }
        recent.append(now)
        hits[key] = recent
        if hits.count > 10_000 { hits = hits.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < window } }
        return true
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
