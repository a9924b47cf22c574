import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime
import SignaalDomain

/// An RFC 9457 problem: the one error shape of the API and the webhooks.
struct Problem: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var type: String
    var requestID: String?
    /// The detail as a page says it to a person, without the API's field names; nil when the
    /// detail already reads well.
    var sentence: String?
    /// What a page shows.
    var pageDetail: String { sentence ?? detail }
    /// Seconds after which the same request may well succeed (`Retry-After`).
    var retryAfter: Int?

    /// What a person's role does not allow (not an expired form or a failed signature): it did not
    /// happen, and the attempt is kept in the audit log with who made it.
    static func notAllowed(_ detail: String) -> Problem {
        Problem(.forbidden, detail, type: notAllowedType)
    }

    static let notAllowedType = "https://signaal.nl/problems/not-allowed"
    /// The database is away for a moment (`StoreUnavailable`).
    static let unavailableType = "https://signaal.nl/problems/unavailable"

    /// A form whose CSRF token is not the session's (opened before a sign-in, or left too long).
    static let formExpired = Problem(.forbidden, "Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.")

    var isRefusal: Bool { type == Self.notAllowedType }

    init(_ status: HTTPResponse.Status, _ detail: String, title: String? = nil, type: String? = nil) {
        self.status = status
        self.detail = detail
        self.title = title ?? status.reasonPhrase
        self.type = type ?? "about:blank"
    }

    var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/problem+json"]
        if let requestID { fields[.requestID] = requestID }
        if status == .unauthorized { fields[.wwwAuthenticate] = "Bearer realm=\"signaal\"" }
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        return fields
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    var body: [UInt8] {
        struct Body: Encodable {
            let type: String
            let title: String
            let status: Int
            let detail: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(Body(type: type, title: title, status: status.code, detail: detail))) ?? Data())
    }

    /// A body the API reads only as JSON, sent as something else.
    static let notJSON = Problem(
        .unsupportedMediaType, "Stuur JSON, met Content-Type: application/json.", type: "https://signaal.nl/problems/unsupported-media-type")

    static func unauthorized(_ detail: String) -> Problem {
        Problem(.unauthorized, detail, type: "https://signaal.nl/problems/unauthorized")
    }

    /// Maps any error to the problem a client should see; unknown errors become a 500
    /// that says nothing about internals.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as DomainError:
            return from(domain)
        case let server as ServerError:
            if server.underlyingError is Problem || server.underlyingError is DomainError || server.underlyingError is StoreUnavailable {
                return from(server.underlyingError)
            }
            // Input that could not be decoded, on a route without a body: the address's parameters.
            if server.operationInput == nil, [.get, .head, .delete].contains(server.request.method) {
                return invalidParameters(server.request.path ?? "")
            }
            if let decoding = server.underlyingError as? DecodingError {
                return from(decoding)
            }
            if server.httpStatus == .unsupportedMediaType { return notJSON }
            if server.httpStatus.code < 500 {
                return Problem(server.httpStatus, "Het verzoek klopt niet: \(server.causeDescription).")
            }
            return Problem(.internalServerError, "Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        case let http as HTTPError:
            let detail: String =
                switch http.status {
                case .notFound: "Deze pagina of dit adres bestaat niet."
                case .contentTooLarge: "Het verzoek is te groot."
                case .methodNotAllowed: "Deze methode is hier niet toegestaan."
                default: http.body ?? http.status.reasonPhrase
                }
            return Problem(http.status, http.body ?? detail)
        case is StoreUnavailable:
            // Nothing was stored: the caller can safely send the same request again.
            var problem = Problem(
                .serviceUnavailable, "De database is even niet bereikbaar; er is niets opgeslagen. Probeer het over een minuut opnieuw.",
                type: unavailableType)
            problem.retryAfter = 60
            return problem
        case let decoding as DecodingError:
            return from(decoding)
        case is NIOTooManyBytesError:
            // A form or body beyond what its route reads (a pasted letter in a note).
            return Problem(.contentTooLarge, "Het verzoek is te groot.", type: "https://signaal.nl/problems/too-large")
        default:
            return Problem(.internalServerError, "Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        }
    }

    /// Which query parameter of an `/api/v1` address is wrong, naming the choices where there are
    /// some; the generated decoder only says that something was.
    static func invalidParameters(_ path: String) -> Problem {
        typealias Query = Operations.ListCases.Input.Query
        let choices: [String: [String]] = [
            "sort": Query.SortPayload.allCases.map(\.rawValue),
            "sentiment": Query.SentimentPayload.allCases.map(\.rawValue),
            "intent": Query.IntentPayload.allCases.map(\.rawValue),
        ]
        let items = URLComponents(string: path)?.queryItems ?? []
        for item in items {
            let value = item.value ?? ""
            if let allowed = choices[item.name], !allowed.contains(value) {
                return Problem(
                    .unprocessableContent, "Onbekende waarde '\(value)' voor '\(item.name)': kies uit \(allowed.joined(separator: ", ")).",
                    type: "https://signaal.nl/problems/invalid-input")
            }
            if item.name == "limit", Int(value) == nil {
                return Problem(
                    .unprocessableContent, "'limit' moet een geheel getal zijn, niet '\(value)'.", type: "https://signaal.nl/problems/invalid-input")
            }
        }
        // `?channel` without '=': the same as an empty value.
        if let bare = items.first(where: { $0.value == nil && !$0.name.isEmpty }) {
            return from(CaseFilterParameters.empty(bare.name))
        }
        return Problem(
            .badRequest, "De parameters in het adres zijn niet te lezen (een leeg of onvolledig paar?).",
            type: "https://signaal.nl/problems/invalid-input")
    }

    /// What the log says of an error: a generated server error describes the whole request,
    /// bearer token included, so only its operation and cause are kept.
    static func logDescription(_ error: any Error) -> String {
        if let server = error as? ServerError {
            return "\(server.operationID): \(String(reflecting: server.underlyingError))"
        }
        return String(reflecting: error)
    }

    static func from(_ error: DomainError) -> Problem {
        var problem = problem(for: error)
        if case .invalidField(_, let reason) = error {
            problem.sentence = reason.prefix(1).uppercased() + reason.dropFirst() + "."
        }
        return problem
    }

    private static func problem(for error: DomainError) -> Problem {
        switch error {
        case .emptyText, .unknownChannel, .invalidTimestamp, .invalidField, .invalidTransition:
            Problem(.unprocessableContent, error.message, type: "https://signaal.nl/problems/invalid-input")
        case .textTooLong:
            Problem(.contentTooLarge, error.message, type: "https://signaal.nl/problems/too-large")
        case .notFound:
            Problem(.notFound, error.message, type: "https://signaal.nl/problems/not-found")
        case .conflict:
            Problem(.conflict, error.message)
        case .forbidden:
            Problem.notAllowed(error.message)
        }
    }

    /// Unreadable JSON is a 400; readable JSON with a missing or mistyped field is a 422.
    static func from(_ error: DecodingError) -> Problem {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
            return Problem(.badRequest, "Het verzoek bevat geen geldige JSON.", type: "https://signaal.nl/problems/malformed-json")
        }
        return Problem(.unprocessableContent, "De JSON klopt niet: \(describe(error)).",
                       type: "https://signaal.nl/problems/invalid-input")
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "onleesbaar" }
        switch decoding {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "geen geldige JSON" : "ongeldige waarde bij \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "veld '\(path(context.codingPath + [key]))' ontbreekt"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "veld '\(path(context.codingPath))' heeft het verkeerde type"
        @unknown default:
            return "onleesbaar"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
