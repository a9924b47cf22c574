import Crypto
import Foundation
import HTTPTypes
import OpenAPIRuntime
import SignaalDomain
import SignaalStore

/// Issues and checks API tokens. The secret is shown once; only its SHA-256 is stored, which is
/// enough for 256-bit random secrets (no password stretching needed: nothing to guess).
public struct APITokens: Sendable {
    let store: any TokenStore

    public init(store: any TokenStore) { self.store = store }

    /// Creates a token and returns it with the secret to show once.
    public func create(name: String, now: Date = Date()) async throws -> (APIToken, secret: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw DomainError.invalidField("name", "geef de token een naam van 1 tot 200 tekens")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let secret = "sgl_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let token = APIToken(id: .generate(now: now), name: trimmed, createdAt: now)
        try await store.createToken(token, secretHash: Self.hash(secret))
        return (token, secret)
    }

    /// The active token for `secret`, or nil when it is unknown or revoked.
    public func verify(_ secret: String) async throws -> APIToken? {
        guard secret.hasPrefix("sgl_"), secret.utf8.count < 200 else { return nil }
        guard let token = try await store.token(secretHash: Self.hash(secret)), token.revokedAt == nil else { return nil }
        return token
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Guards every `/api/v1` operation with a Bearer token.
struct BearerAuthMiddleware: ServerMiddleware {
    let tokens: APITokens

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let header = request.headerFields[.authorization] else {
            throw Problem.unauthorized("Geen token: stuur 'Authorization: Bearer <token>' (maak er een met 'signaal token create').")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthorized("De Authorization-header moet 'Bearer <token>' zijn.")
        }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        guard try await tokens.verify(secret) != nil else {
            throw Problem.unauthorized("Dit token is onbekend of ingetrokken.")
        }
        return try await next(request, body, metadata)
    }
}
