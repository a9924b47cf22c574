import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import OpenAPIRuntime
import SignaalDomain

/// Echoes the request id in `X-Request-Id`, so a user's report can be found in the logs.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = context.id
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

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = Problem.from(error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(Problem.logDescription(error))"])
            }
            problem.requestID = context.id
            if Self.wantsHTML(request) {
                return pages.errorPage(problem, request: request, context: context)
            }
            var response = try problem.response(from: request, context: context)
            response.headers[.requestID] = context.id
            return response
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/webhooks/") || path == "/health" || path == "/ready" || path == "/metrics" { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
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
