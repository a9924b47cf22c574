import Crypto
import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore
import Synchronization

/// Keeps web sessions in the database, so they survive a restart and are shared by every
/// instance on one PostgreSQL. A session is kept under a digest of its cookie's id, as API tokens
/// are: whoever reads the database (a backup, a copy for reports) cannot sign in as someone with it.
struct StorePersistDriver: PersistDriver {
    let store: any KeyValueStore
    let clock: @Sendable () -> Date

    /// "hbs.<id>" (Hummingbird's key) kept as "hbs#<sha256 of it>".
    static func storedKey(_ key: String) -> String {
        "hbs#" + Hex.lowercase(SHA256.hash(data: Data(key.utf8)))
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await store.createValue(try JSONEncoder().encode(value), forKey: Self.storedKey(key), expiresAt: expiry(expires))
        } catch DomainError.conflict {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.setValue(try JSONEncoder().encode(value), forKey: Self.storedKey(key), expiresAt: expiry(expires))
        // A session from before digests, now kept under its digest: its plain key goes.
        try await store.removeValue(forKey: key)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        let data: Data?
        do {
            // A session begun before digests is still read under its plain key (and moved on its next save).
            if let kept = try await store.value(forKey: Self.storedKey(key), now: clock()) {
                data = kept
            } else {
                data = try await store.value(forKey: key, now: clock())
            }
        } catch {
            // Hummingbird's session middleware takes any failure for "no session": kept for
            // `SessionReadCheck`, so the person is told of the outage, not sent to sign in.
            SessionReadFailure.current?.record(error)
            throw error
        }
        guard let data else { return nil }
        return try? JSONDecoder().decode(Object.self, from: data)
    }

    func remove(key: String) async throws {
        try await store.removeValue(forKey: Self.storedKey(key))
        try await store.removeValue(forKey: key)
    }

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { clock().addingTimeInterval(Double($0.components.seconds)) }
    }
}

/// Why the session of this request could not be read, when it could not: set up by
/// `SessionReadCheck.Start` around the session middleware, filled by `StorePersistDriver`.
final class SessionReadFailure: Sendable {
    @TaskLocal static var current: SessionReadFailure?
    private let error = Mutex<(any Error)?>(nil)

    func record(_ error: any Error) { self.error.withLock { $0 = error } }
    var recorded: (any Error)? { error.withLock { $0 } }
}

/// A session cookie whose session could not be read (the database is away) is not "signed out":
/// the request fails with the store's error (503, and a page that says the person is still signed
/// in) instead of going on without a session to the sign-in page.
enum SessionReadCheck {
    /// Before the session middleware: makes room for its failure.
    struct Start: RouterMiddleware {
        typealias Context = AppRequestContext
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            try await SessionReadFailure.$current.withValue(SessionReadFailure()) { try await next(request, context) }
        }
    }

    /// After it: the failure, if there was one, ends the request.
    struct Check: RouterMiddleware {
        typealias Context = AppRequestContext
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            if let error = SessionReadFailure.current?.recorded { throw error }
            return try await next(request, context)
        }
    }
}
