import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import OpenAPIRuntime
import SignaalDomain
import Synchronization

/// Requests whose handler has not returned yet, for the line a stop that cannot wait for them writes.
public enum InFlightRequests {
    static let counter = Atomic<Int>(0)
    public static var count: Int { counter.load(ordering: .relaxed) }
}

/// Echoes the request id in `X-Request-Id`, so a user's report can be found in the logs. Behind
/// a trusted proxy (`SIGNAAL_TRUST_PROXY=1`) the proxy's own `X-Request-Id` is taken as the id,
/// when it is a plain token, so one id follows the request through the proxy's logs and ours.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    var trustProxy = false

    /// 1–128 letters, digits and `. _ -`: what proxies send (UUIDs, hex), and nothing that could
    /// break a log line.
    static func usable(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if trustProxy, let incoming = request.headers[.requestID], Self.usable(incoming) {
            context.logger[metadataKey: "hb.request.id"] = .string(incoming)
        }
        let id = context.id
        InFlightRequests.counter.add(1, ordering: .relaxed)
        defer { InFlightRequests.counter.subtract(1, ordering: .relaxed) }
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch var error as Problem {
            error.requestID = id
            throw error
        }
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}

/// Turns every error on machine routes (API, webhooks) into problem+json and every error on
/// pages into a Dutch error page; logs the unexpected ones with the request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = Problem.from(error)
            // A known address asked with a method it does not take: 405 with what it does take.
            var allow: [HTTPRequest.Method] = []
            if let http = error as? HTTPError, http.status == .notFound {
                let methods = routes.methods(for: request.uri.path)
                if !methods.isEmpty, !methods.contains(request.method) {
                    allow = methods
                    let list = methods.map(\.rawValue).joined(separator: ", ")
                    problem = Problem(.methodNotAllowed, "Dit adres kent geen \(request.method.rawValue), wel \(list).")
                }
            }
            let allowHeader = allow.map(\.rawValue).joined(separator: ", ")
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(Problem.logDescription(error))"])
            }
            problem.requestID = context.id
            let html = Self.wantsHTML(request)
            // A person sees in their language that the outage is short and that they are still signed in.
            if html, problem.type == Problem.unavailableType {
                problem.sentence = Language.of(request).text("store_unavailable_page")
            }
            var response = html ? pages.errorPage(problem, request: request, context: context) : try problem.response(from: request, context: context)
            if let retryAfter = problem.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            response.headers[.requestID] = context.id
            if !allowHeader.isEmpty { response.headers[.allow] = allowHeader }
            return response
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/webhooks/") || path == "/health" || path == "/ready" || path == "/metrics" { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
    }
}

/// Which methods each route takes, so that a known address asked with another method is told
/// so (405 and `Allow`) rather than that it does not exist. Filled once, when every route is added.
final class RouteMethods: Sendable {
    private let table = Mutex<[(path: RouterPath, methods: [HTTPRequest.Method])]>([])

    init() {}

    func record(_ routes: [Router<AppRequestContext>.RouteDescription]) {
        var byPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            byPath[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        table.withLock { $0 = Array(byPath.values) }
    }

    /// The methods of every route whose path matches `path`, in a stable order.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let found: [HTTPRequest.Method] = table.withLock { table in
            table.filter { Self.matches($0.path, segments) }.flatMap(\.methods)
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0.rawValue).inserted }.sorted { $0.rawValue < $1.rawValue }
    }

    static func matches(_ route: RouterPath, _ segments: [Substring]) -> Bool {
        for (index, element) in route.components.enumerated() {
            if element.description == "**" { return true }
            guard index < segments.count, element ~= segments[index] else { return false }
        }
        return route.components.count == segments.count
    }
}

/// Reads at most `limit` bytes of body, so a huge upload gets a 413 instead of filling memory.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, "Het verzoek is groter dan \(limit / 1024) KiB.")
        }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            request.body = .init(buffer: buffer)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem(.contentTooLarge, "Het verzoek is groter dan \(limit / 1024) KiB.")
        }
        return try await next(request, context)
    }
}

/// The JSON decoder calls a number that does not fit its whole-number field (1.5, 1e30) "not
/// valid JSON", naming no field: on that error the body is read again, and readable JSON with
/// such a number is a wrong value for that field (422), not broken JSON (400). Only on the error,
/// so that intake does not parse every body twice. Goes after `BodyLimitMiddleware`, which keeps
/// the body to read again.
struct UnfitNumberMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            guard case .dataCorrupted(let decoding)? = error.underlyingError as? DecodingError, decoding.codingPath.isEmpty,
                let json = try? JSONSerialization.jsonObject(with: Data(buffer: try await request.body.collect(upTo: .max)))
            else { throw error }
            guard let (field, number) = Self.unfitNumber(in: json) else {
                throw Problem(.unprocessableContent, "De JSON klopt niet: een waarde past niet bij haar veld.",
                              type: "https://signaal.nl/problems/invalid-input")
            }
            throw DomainError.invalidField(field, "moet een geheel getal zijn, niet \(number)")
        }
    }

    /// The first number, keys in order, that is not a whole one within Int's range, with its path.
    static func unfitNumber(in json: Any, at path: [String] = []) -> (String, NSNumber)? {
        switch json {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = unfitNumber(in: object[key]!, at: path + [key]) { return found }
            }
        case let array as [Any]:
            for (index, item) in array.enumerated() {
                if let found = unfitNumber(in: item, at: path + [String(index)]) { return found }
            }
        case let number as NSNumber where !(number is Bool) && (number as? Int) == nil:
            return (path.joined(separator: "."), number)
        default:
            break
        }
        return nil
    }
}
