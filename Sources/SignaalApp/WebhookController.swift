import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SignaalChannels
import SignaalDomain

/// `/webhooks/x`, `/webhooks/meta` and `/webhooks/email`: the platforms' deliveries, verified
/// over the raw bytes before anything is read. Unknown event kinds get 200 (and a metric),
/// so platforms do not retry what we chose not to handle.
struct WebhookController: Sendable {
    let intake: ChannelIntake
    let settings: ChannelSettings
    let clock: @Sendable () -> Date

    /// X and Meta send JSON events, never files.
    static let bodyLimit = 1 << 20

    /// An e-mail carries its attachments, up to `maxAttachmentBytes` kept: base64 with line
    /// breaks grows them by about 1.37, and the text, HTML and headers want room of their own.
    static func emailBodyLimit(maxAttachmentBytes: Int) -> Int {
        maxAttachmentBytes / 2 * 3 + bodyLimit
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let platforms = router.group().add(middleware: BodyLimitMiddleware(limit: Self.bodyLimit))
        platforms.get("/webhooks/x", use: xCRC)
        platforms.post("/webhooks/x", use: xEvents)
        platforms.get("/webhooks/meta", use: metaVerify)
        platforms.post("/webhooks/meta", use: metaEvents)
        router.group().add(middleware: BodyLimitMiddleware(limit: emailBodyLimit))
            .post("/webhooks/email", use: email)
    }

    private var emailBodyLimit: Int { Self.emailBodyLimit(maxAttachmentBytes: settings.maxAttachmentBytes) }

    // MARK: X

    @Sendable func xCRC(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = try Self.required(settings.xConsumerSecret, "X", "SIGNAAL_X_CONSUMER_SECRET")
        guard let token = request.uri.queryParameters.get("crc_token"), !token.isEmpty else {
            throw Problem(.badRequest, "crc_token ontbreekt.")
        }
        guard WebhookSignature.isXCRCToken(token) else {
            throw Problem(.badRequest, "crc_token is geen CRC-token van X (1 tot 256 letters, cijfers en + / = - _).")
        }
        return Self.json(WebhookSignature.xCRCResponseBody(crcToken: token, consumerSecret: secret))
    }

    @Sendable func xEvents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = try Self.required(settings.xConsumerSecret, "X", "SIGNAAL_X_CONSUMER_SECRET")
        let body = try await Self.rawBody(request)
        guard WebhookSignature.verifyX(body: body, signatureHeader: request.headers[.xSignature], consumerSecret: secret) else {
            throw Self.badSignature("x-twitter-webhooks-signature")
        }
        let events = try Self.parse { () throws(ChannelPayloadError) in try XAccountActivity.events(from: body) }
        return try await report(events, source: "x", context: context)
    }

    // MARK: Meta

    @Sendable func metaVerify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let expected = try Self.required(settings.metaVerifyToken, "Meta", "SIGNAAL_META_VERIFY_TOKEN")
        let query = request.uri.queryParameters
        guard query.get("hub.mode") == "subscribe", let token = query.get("hub.verify_token"),
            Self.constantTimeEqual(token, expected), let challenge = query.get("hub.challenge")
        else { throw Problem(.forbidden, "De verificatie van het Meta-abonnement klopt niet (hub.verify_token).") }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: challenge)))
    }

    @Sendable func metaEvents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = try Self.required(settings.metaAppSecret, "Meta", "SIGNAAL_META_APP_SECRET")
        let body = try await Self.rawBody(request)
        guard WebhookSignature.verifyMeta(body: body, signatureHeader: request.headers[.hubSignature256], appSecret: secret) else {
            throw Self.badSignature("X-Hub-Signature-256")
        }
        let events = try Self.parse { () throws(ChannelPayloadError) in try MetaWebhook.events(from: body) }
        return try await report(events, source: "meta", context: context)
    }

    // MARK: E-mail

    @Sendable func email(_ request: Request, context: AppRequestContext) async throws -> Response {
        let expected = try Self.required(settings.emailToken, "e-mail", "SIGNAAL_EMAIL_TOKEN")
        var given = request.uri.queryParameters.get("token").map { String($0) }
        if given == nil, let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            given = String(header.dropFirst("Bearer ".count))
        }
        guard let given, Self.constantTimeEqual(given, expected) else {
            throw Problem(.unauthorized, "Het token voor /webhooks/email ontbreekt of klopt niet.")
        }
        let body = try await Self.rawBody(request, limit: emailBodyLimit)
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let parsed: ParsedEmail
        if type.hasPrefix("application/json") {
            do {
                parsed = try PostmarkInbound.parse(body, maxAttachmentBytes: settings.maxAttachmentBytes)
            } catch {
                throw Problem(.badRequest, "Dit is geen leesbaar Postmark-bericht: \(error)")
            }
        } else if type.hasPrefix("message/rfc822") || type.hasPrefix("text/plain") {
            guard !EmailSignal.isEmpty(body) else {
                throw Problem(.badRequest, EmailSignal.emptyMessage, type: "https://signaal.nl/problems/invalid-input")
            }
            parsed = MIMEParser.parse(body, maxAttachmentBytes: settings.maxAttachmentBytes)
        } else {
            throw Problem(.unsupportedMediaType, "Stuur Postmark-JSON (application/json) of een bericht als message/rfc822.")
        }
        return try await report(settings.events(of: parsed, raw: body, now: clock()), source: "email", context: context)
    }

    // MARK: Helpers

    private func report(_ events: [ChannelEvent], source: String, context: AppRequestContext) async throws -> Response {
        let report = try await intake.apply(events, source: source, logger: context.logger)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Self.json(try encoder.encode(report))
    }

    static func required(_ secret: String?, _ channel: String, _ variable: String) throws -> String {
        guard let secret else {
            throw Problem(.serviceUnavailable, "Het kanaal \(channel) is niet ingesteld: zet \(variable) om deze webhook te gebruiken.")
        }
        return secret
    }

    static func rawBody(_ request: Request, limit: Int = bodyLimit) async throws -> Data {
        var request = request
        do {
            return Data(buffer: try await request.collectBody(upTo: limit))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem(.contentTooLarge, "Een webhook mag hoogstens \(limit >> 20) MiB zijn.")
        }
    }

    static func parse(_ body: () throws(ChannelPayloadError) -> [ChannelEvent]) throws -> [ChannelEvent] {
        do {
            return try body()
        } catch {
            throw Problem(.badRequest, "De inhoud is onleesbaar: \(error.description)")
        }
    }

    static func badSignature(_ header: String) -> Problem {
        Problem(.unauthorized, "De handtekening (\(header)) ontbreekt of klopt niet; er is niets opgeslagen.")
    }

    static func json(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Compares secrets without leaking through timing how much of a guess was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        Data(SHA256.hash(data: Data(a.utf8))) == Data(SHA256.hash(data: Data(b.utf8)))
    }
}

extension HTTPField.Name {
    static let xSignature = Self("x-twitter-webhooks-signature")!
    static let hubSignature256 = Self("X-Hub-Signature-256")!
}
