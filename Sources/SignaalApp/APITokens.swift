import Crypto
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import SignaalDomain
import SignaalStore
import Synchronization

/// Issues and checks API tokens. The secret is shown once; only its SHA-256 is stored, which is
/// enough for 256-bit random secrets (no password stretching needed: nothing to guess).
///
/// Verified tokens are remembered for `cacheLifetime` (one second), so a busy integration does not
/// cost a database read per request; a revocation therefore takes effect within that second, on
/// every instance.
public struct APITokens: Sendable {
    let store: any TokenStore
    private let cache = TokenCache()
    static let cacheLifetime = Duration.seconds(1)

    public init(store: any TokenStore) { self.store = store }

    /// The longest life a token can be given: ten years.
    public static let maximumLifetimeDays = 3650

    /// Creates a token and returns it with the secret to show once; with `lifetimeDays` it is
    /// refused from that many days after `now` on, else it works until revoked.
    public func create(name: String, lifetimeDays: Int? = nil, now: Date = Date()) async throws -> (APIToken, secret: String) {
        if let lifetimeDays, !(1...Self.maximumLifetimeDays).contains(lifetimeDays) {
            throw DomainError.invalidField("expires-in-days", "geef een aantal dagen van 1 tot \(Self.maximumLifetimeDays)")
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw DomainError.invalidField("name", "geef de token een naam van 1 tot 200 tekens")
        }
        // `token list` prints a line per token with tabs between the fields.
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError.invalidField("name", "een naam is één regel, zonder tabs of regeleinden")
        }
        // Two active tokens called "CRM" leave whoever revokes one guessing which; a revoked name is free again.
        let folded = CustomerNameSearch.folded(trimmed)
        if let existing = try await store.tokens().first(where: {
            $0.revokedAt == nil && !$0.hasExpired(at: now) && CustomerNameSearch.folded($0.name) == folded
        }) {
            throw DomainError.conflict(
                "er is al een actief token '\(existing.name)' (\(existing.id)); kies een andere naam of trek dat eerst in")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let secret = "sgl_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let token = APIToken(
            id: .generate(now: now), name: trimmed, createdAt: now, expiresAt: lifetimeDays.map { now.addingTimeInterval(Double($0) * 86400) })
        try await store.createToken(token, secretHash: Self.hash(secret))
        return (token, secret)
    }

    /// The token for `secret` while it is active, or nil when it is unknown or revoked; an expired
    /// one is returned too, for the caller to refuse with its date (`APIToken.hasExpired`).
    public func verify(_ secret: String) async throws -> APIToken? {
        guard secret.hasPrefix("sgl_"), secret.utf8.count < 200 else { return nil }
        let hash = Self.hash(secret)
        let now = ContinuousClock.now
        if let token = cache.token(for: hash, at: now) { return token }
        guard let token = try await store.token(secretHash: hash), token.revokedAt == nil else { return nil }
        cache.remember(token, for: hash, until: now + Self.cacheLifetime)
        return token
    }

    static func hash(_ secret: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(secret.utf8)))
    }
}

/// Guards every `/api/v1` operation with a Bearer token, and writes what a token read to the
/// audit log: an integration that reads cases sees customers' data as an agent does.
struct BearerAuthMiddleware: ServerMiddleware {
    let tokens: APITokens
    let store: any SignaalStore

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
        let secret = String(parts[1]).trimmingWhitespace()
        guard let token = try await tokens.verify(secret) else {
            throw Problem.unauthorized("Dit token is onbekend of ingetrokken.")
        }
        if let expiresAt = token.expiresAt, token.hasExpired(at: Date()) {
            throw Problem.unauthorized(
                "Dit token is verlopen op \(expiresAt.formatted(.iso8601)); maak een nieuw met 'signaal token create'.")
        }
        let (response, responseBody) = try await next(request, body, metadata)
        let path = request.path ?? ""
        if response.status.kind == .successful,
            let (subject, subjectID) = AuditEntry.classifyAPI(method: request.method.rawValue, path: String(path.prefix { $0 != "?" }))
        {
            let entry = AuditEntry(
                at: Date(), userID: nil, action: .view, subject: subject, subjectID: subjectID, detail: "\(request.method.rawValue) \(path)",
                tokenName: token.name)
            do {
                try await store.recordAudit(entry)
            } catch {
                Logger(label: "signaal.api").error("audit log write failed", metadata: ["error": "\(error)", "detail": "\(entry.detail)"])
            }
        }
        return (response, responseBody)
    }
}

/// Recently verified tokens by hash; bounded, so random secrets cannot grow it.
final class TokenCache: Sendable {
    private let entries = Mutex<[String: (token: APIToken, until: ContinuousClock.Instant)]>([:])

    func token(for hash: String, at now: ContinuousClock.Instant) -> APIToken? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            if entry.until < now {
                entries[hash] = nil
                return nil
            }
            return entry.token
        }
    }

    func remember(_ token: APIToken, for hash: String, until: ContinuousClock.Instant) {
        entries.withLock { entries in
            if entries.count >= 1024 { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (token, until)
        }
    }
}
