import Foundation
import Logging
import PostgresNIO
import SignaalStore
import SignaalStorePostgres
import SignaalStoreSQLite
import Synchronization

/// The databases the tests run on: SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set
/// (scripts/test starts one and sets `SIGNAAL_REQUIRE_POSTGRES=1`, so it can never be skipped there).
public enum TestDatabase: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    public static var all: [TestDatabase] {
        let environment = ProcessInfo.processInfo.environment
        let hasPostgres = !(environment["TEST_DATABASE_URL"] ?? "").isEmpty
        return hasPostgres || environment["SIGNAAL_REQUIRE_POSTGRES"] == "1" ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// One isolated database for one test: a temp file, or a fresh PostgreSQL schema.
public struct TestDatabaseLocation: Sendable {
    public let kind: TestDatabase
    let sqlitePath: String?
    /// The SQLite database file, for a test that reads what the file itself holds.
    public var sqliteFile: String? { sqlitePath }
    let endpoint: PostgresStore.Endpoint?
    let schema: String?
    /// Held from `make` to `destroy` (or until the last copy of the location is gone).
    let slot: PostgresTestSlots.Slot?

    public static func make(_ kind: TestDatabase) async throws -> TestDatabaseLocation {
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return TestDatabaseLocation(
                kind: kind, sqlitePath: directory.appendingPathComponent("test.sqlite").path, endpoint: nil, schema: nil, slot: nil)
        case .postgres:
            let endpoint = try testEndpoint()
            let slot = await PostgresTestSlots.shared.acquire()
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await adminQuery(endpoint, "CREATE SCHEMA \(schema)")
            return TestDatabaseLocation(kind: kind, sqlitePath: nil, endpoint: endpoint, schema: String(schema), slot: slot)
        }
    }

    /// Opens a migrated store on this location; call again to simulate a restart.
    /// - Parameter maximumConnections: PostgreSQL's pool size.
    /// - Parameter callLimit: how long one PostgreSQL call may take in all.
    public func open(maximumConnections: Int = 8, callLimit: Duration = .seconds(60)) async throws -> any SignaalStore {
        let store: any SignaalStore
        if let sqlitePath {
            store = try SQLiteStore(path: sqlitePath)
        } else if let endpoint {
            store = try await PostgresStore.connect(
                to: endpoint, maximumConnections: maximumConnections, searchPath: schema, callLimit: callLimit)
        } else {
            fatalError("empty location")
        }
        try await store.migrate()
        return store
    }

    /// Runs one statement from another connection, as a second instance migrating the database
    /// would; `{schema}` in `sql` names this location's PostgreSQL schema.
    public func executeInSchema(_ sql: String) async throws {
        guard let endpoint, let schema else { fatalError("not a PostgreSQL location") }
        try await Self.adminQuery(endpoint, sql.replacingOccurrences(of: "{schema}", with: schema))
    }

    /// Locks `table` of this PostgreSQL schema from another connection until `release`: a store
    /// call that touches it waits, as a request does on a database that stopped answering; the
    /// waiting backends can then be ended as a database restart ends them.
    public func holdLock(on table: String) async throws -> HeldLock {
        guard let endpoint, let schema else { fatalError("not a PostgreSQL location") }
        return try await HeldLock.take(on: "\(schema).\(table)", endpoint: endpoint)
    }

    /// A whole PostgreSQL database of its own, for `signaal serve` (which works in `public`):
    /// its URL and its name, for `dropPostgresDatabase` and `HeldLock.take`.
    public static func makePostgresDatabase() async throws -> (url: String, name: String) {
        let endpoint = try testEndpoint()
        let name = endpoint.database + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try await adminQuery(endpoint, "CREATE DATABASE \(name)")
        let password = endpoint.password.map { ":\($0)" } ?? ""
        return ("postgres://\(endpoint.username)\(password)@\(endpoint.host):\(endpoint.port)/\(name)", name)
    }

    public static func dropPostgresDatabase(_ name: String) async {
        guard let endpoint = try? testEndpoint() else { return }
        try? await adminQuery(endpoint, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The test endpoint with another database.
    public static func endpoint(database: String) throws -> PostgresStore.Endpoint {
        var endpoint = try testEndpoint()
        endpoint.database = database
        return endpoint
    }

    /// Runs `body` while another connection holds PostgreSQL's advisory lock on `key`, as a second
    /// instance does in the middle of writing.
    public func holdingAdvisoryLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        guard let endpoint else { fatalError("not a PostgreSQL location") }
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: .disable)
        let logger = Logger(label: "test")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(hashtextextended(\(key), 0))", logger: logger)
            let result = try await body()
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The `sqlite://` URL of a SQLite location (for the CLI), nil for PostgreSQL schemas.
    public var sqliteURL: String? { sqlitePath.map { "sqlite://\($0)" } }

    public func destroy() async {
        if let sqlitePath {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().path)
        }
        if let endpoint, let schema {
            try? await Self.adminQuery(endpoint, "DROP SCHEMA \(schema) CASCADE")
        }
        slot?.release()
    }

    static func testEndpoint() throws -> PostgresStore.Endpoint {
        guard let text = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !text.isEmpty else {
            throw TestSetupError("TEST_DATABASE_URL is not set but PostgreSQL is required (SIGNAAL_REQUIRE_POSTGRES=1); run scripts/test")
        }
        guard let components = URLComponents(string: text), let host = components.host, let user = components.user else {
            throw TestSetupError("TEST_DATABASE_URL is not a postgres:// URL: \(text)")
        }
        return .init(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: String(components.path.dropFirst()))
    }

    static func adminQuery(_ endpoint: PostgresStore.Endpoint, _ sql: String) async throws {
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

/// How many PostgreSQL test databases may be in use at once. Swift Testing starts every test at
/// once, and each PostgreSQL location holds a pool of up to 8 connections (16 when a test opens a
/// second instance); unlimited, a slow 2-core CI machine ran past the server's 200 connections
/// ("sorry, too many clients already", stop 23). Eight at a time stays well below that.
public final class PostgresTestSlots: Sendable {
    public static let shared = PostgresTestSlots(count: 8)

    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state: Mutex<State>

    public init(count: Int) { state = Mutex(State(free: count)) }

    /// Waits for a free slot, first come first served.
    public func acquire() async -> Slot {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
        return Slot(owner: self)
    }

    /// Slots in use or waited for, for tests of the gate itself.
    public var free: Int { state.withLock { $0.free } }

    fileprivate func giveBack() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// One slot; given back once, by `release()` or, for a test that ended early, when dropped.
    public final class Slot: Sendable {
        private let owner: PostgresTestSlots
        private let released = Atomic<Bool>(false)

        fileprivate init(owner: PostgresTestSlots) { self.owner = owner }

        public func release() {
            if !released.exchange(true, ordering: .acquiringAndReleasing) { owner.giveBack() }
        }

        deinit { release() }
    }
}

/// Runs `body` with a fresh migrated store and removes it afterwards, also on failure.
public func withTestStore<T: Sendable>(
    _ kind: TestDatabase, _ body: (any SignaalStore, TestDatabaseLocation) async throws -> T
) async throws -> T {
    let location = try await TestDatabaseLocation.make(kind)
    let store = try await location.open()
    do {
        let result = try await body(store, location)
        await store.shutdown()
        await location.destroy()
        return result
    } catch {
        await store.shutdown()
        await location.destroy()
        throw error
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What `work` ended in, or an error once `limit` has passed: a hung call fails its test instead
/// of stalling the whole run.
public func answer<T: Sendable>(within limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await FirstResult.within(limit, otherwise: { TestSetupError("no answer within \(limit)") }, work)
}

/// A table lock held by the test (see `TestDatabaseLocation.holdLock`).
public struct HeldLock: Sendable {
    let connection: PostgresConnection

    /// Locks `table` (schema-qualified where needed) of `endpoint`'s database until `release`.
    public static func take(on table: String, endpoint: PostgresStore.Endpoint) async throws -> HeldLock {
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: Logger(label: "test"))
        do {
            try await connection.query("BEGIN", logger: Logger(label: "test"))
            try await connection.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE"), logger: Logger(label: "test"))
        } catch {
            try? await connection.close()
            throw error
        }
        return HeldLock(connection: connection)
    }
    private static let blockedSQL = "SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))"

    /// The backends that wait for this lock now.
    public func blocked() async throws -> [Int] {
        var pids: [Int] = []
        for try await pid in try await connection.query(PostgresQuery(unsafeSQL: Self.blockedSQL), logger: Logger(label: "test")).decode(Int.self) {
            pids.append(pid)
        }
        return pids
    }

    /// Waits until at least one backend waits for this lock (at most 20 s).
    public func waitForBlocked() async throws {
        for _ in 0..<200 {
            if try await !blocked().isEmpty { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("no store call came to wait for the lock")
    }

    /// Ends the waiting backends as a PostgreSQL restart or an administrator does (57P01).
    public func terminateBlocked() async throws {
        try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT pg_terminate_backend(pid) FROM (\(Self.blockedSQL)) AS waiting"), logger: Logger(label: "test"))
    }

    public func release() async {
        _ = try? await connection.query("ROLLBACK", logger: Logger(label: "test"))
        try? await connection.close()
    }
}
