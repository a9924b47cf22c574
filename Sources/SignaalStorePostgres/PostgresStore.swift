import Foundation
import Logging
import NIOSSL
import PostgresNIO
import SignaalDomain
import SignaalStore
import Synchronization

/// PostgreSQL for production: several app instances on one database, a connection pool.
public final class PostgresStore: SignaalStore {
    public let kind = DatabaseKind.postgres
    let client: PostgresClient
    let logger: Logger
    /// The unresolved statuses as SQL, exactly as the partial inbox indexes state them: a planner
    /// uses a partial index only for a query that repeats its condition. (SQLite states them in
    /// its own way, `SQLiteStore.unresolvedCondition`.)
    static let unresolvedCondition = "status IN ('new', 'open', 'waiting_on_customer')"
    private let runTask: Task<Void, Never>
    /// How long a request waits for a connection before it fails with `StoreUnavailable`.
    let connectionWait: Duration
    /// How long one call may take in all (waiting included) before its connection is closed and it
    /// fails with `StoreUnavailable`: a query on a connection that died without a word, or stuck
    /// behind a lock, must not hold a request (and a graceful stop) for ever. Generous, because a
    /// slow answer that comes is better than none; work that runs long by nature (migrations, bulk
    /// loads, ANALYZE) has `longWorkLimit`, and the live updates' listening connection none.
    let callLimit: Duration
    static let longWorkLimit: Duration = .seconds(3600)

    public struct Endpoint: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tls: TLSMode
        public init(host: String, port: Int, username: String, password: String?, database: String, tls: TLSMode = .prefer) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.tls = tls
        }
    }

    /// TLS to the server, as libpq's `sslmode` says it: `prefer` (the default) and `require`
    /// encrypt without checking the certificate; `verify-ca` checks it against the root
    /// certificate (`sslrootcert`, else the system's), `verify-full` also the host name.
    public enum TLSMode: Sendable, Hashable {
        case disable, prefer, require
        case verifyCA(rootCertificate: String?)
        case verifyFull(rootCertificate: String?)

        var configuration: TLSConfiguration? {
            var configuration = TLSConfiguration.makeClientConfiguration()
            switch self {
            case .disable: return nil
            case .prefer, .require: configuration.certificateVerification = .none
            case .verifyCA(let root):
                configuration.certificateVerification = .noHostnameVerification
                if let root { configuration.trustRoots = .file(root) }
            case .verifyFull(let root):
                configuration.certificateVerification = .fullVerification
                if let root { configuration.trustRoots = .file(root) }
            }
            return configuration
        }

        var forPool: PostgresClient.Configuration.TLS {
            guard let configuration else { return .disable }
            return self == .prefer ? .prefer(configuration) : .require(configuration)
        }

        func forConnection() throws -> PostgresConnection.Configuration.TLS {
            guard let configuration else { return .disable }
            let context = try NIOSSLContext(configuration: configuration)
            return self == .prefer ? .prefer(context) : .require(context)
        }
    }

    /// Connects once to fail fast with a clear error, then starts the pool.
    /// - Parameter searchPath: a schema to work in instead of `public` (tests isolate themselves so).
    /// - Parameter connectionWait: how long a request may wait for a free connection.
    /// - Parameter callLimit: how long one call may take in all (see `callLimit`).
    public static func connect(
        to endpoint: Endpoint, maximumConnections: Int = 20, searchPath: String? = nil, connectionWait: Duration = .seconds(10),
        callLimit: Duration = .seconds(60), logger: Logger = Logger(label: "signaal.postgres")
    ) async throws -> PostgresStore {
        let connectionConfiguration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: try endpoint.tls.forConnection())
        let probe = try await withThrowingTaskGroup(of: PostgresConnection?.self) { group in
            group.addTask {
                try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: logger)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let probe else { throw PostgresUnreachable(endpoint: endpoint) }
        try await probe.close()

        var configuration = PostgresClient.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: endpoint.tls.forPool)
        configuration.options.maximumConnections = maximumConnections
        if let searchPath { configuration.options.additionalStartupParameters = [("search_path", searchPath)] }
        // The pool logs every reconnect attempt at info: during an outage a line a second per
        // connection, while Signaal's own work already says once that the database is away.
        var poolLogger = logger
        if poolLogger.logLevel > .debug { poolLogger.logLevel = max(poolLogger.logLevel, .warning) }
        let store = PostgresStore(
            client: PostgresClient(configuration: configuration, backgroundLogger: poolLogger), connectionWait: connectionWait,
            callLimit: callLimit, logger: logger)
        // Let the pool's run loop start before the first query leases a connection.
        try await Task.sleep(for: .milliseconds(20))
        return store
    }

    init(client: PostgresClient, connectionWait: Duration, callLimit: Duration, logger: Logger) {
        self.client = client
        self.connectionWait = connectionWait
        self.callLimit = callLimit
        self.logger = logger
        self.runTask = Task { await client.run() }
    }

    /// Whether this store's connections are encrypted (TLS), as the server sees it.
    public func isEncrypted() async throws -> Bool {
        try await withConnection { connection in
            try await self.rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", on: connection).first?["ssl"].decode(Bool.self)
                ?? false
        }
    }

    public func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    // MARK: Migrations

    public func migrate() async throws {
        let logger = self.logger
        try await transaction(limit: Self.longWorkLimit) { connection in
            // Several instances may start at once: one migrates, the others wait and find it done.
            try await connection.query("SELECT pg_advisory_xact_lock(7301001)", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int.self)
            {
                applied.insert(version)
            }
            for migration in PostgresMigrations.all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
            }
        }
    }

    public func appliedMigrations() async throws -> [Int] {
        var versions: [Int] = []
        for row in try await rows("SELECT version FROM schema_migrations ORDER BY version") {
            versions.append(try row["version"].decode(Int.self))
        }
        return versions
    }

    // MARK: Helpers

    /// The rows of `table` that belong to one of `caseIDs`, in one query: a customer's export reads
    /// each kind of record once for all their cases.
    func rows<T>(of table: String, caseIDs: [CaseID], orderedBy order: String, _ decode: (PostgresRandomAccessRow) throws -> T)
        async throws -> [T]
    {
        let unique = Array(Set(caseIDs)).map(\.rawValue)
        guard !unique.isEmpty else { return [] }
        return try await rows("SELECT * FROM \(unescaped: table) WHERE case_id = ANY(\(unique)) ORDER BY \(unescaped: order)").map(decode)
    }

    @discardableResult
    func rows(_ query: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> [PostgresRandomAccessRow] {
        guard let connection else { return try await withConnection { try await self.rows(query, on: $0) } }
        let sequence = try await connection.query(query, logger: logger)
        var result: [PostgresRandomAccessRow] = []
        for try await row in sequence { result.append(PostgresRandomAccessRow(row)) }
        return result
    }

    /// Runs `Statement.sql` as a prepared statement: each connection parses and plans it once.
    @discardableResult
    func prepared<Statement: PreparedSQL>(
        _ statement: Statement.Type, _ values: [any PostgresThrowingDynamicTypeEncodable], on connection: PostgresConnection
    ) async throws -> [PostgresRandomAccessRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return try await prepared(statement, bindings, on: connection)
    }

    /// The same with bindings built by the caller (they may hold NULLs, which a list of values
    /// cannot).
    @discardableResult
    func prepared<Statement: PreparedSQL>(
        _ statement: Statement.Type, _ bindings: PostgresBindings, on connection: PostgresConnection
    ) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await connection.execute(Prepared<Statement>(bindings: bindings), logger: logger) {
            result.append(row)
        }
        return result
    }

    /// Leases a connection for `body`, waiting at most `connectionWait` for one: PostgresNIO's
    /// pool lets a request wait until its circuit breaker trips after a minute of failed attempts,
    /// so while the database restarts every request hung, and was often stored after its caller
    /// gave up. The whole call may take at most `limit` (nil: no limit, for a connection held on
    /// purpose): then its connection is closed, which ends the query and rolls its transaction
    /// back. A connection that drops during the call (a restart, `pg_terminate_backend`) is
    /// `StoreUnavailable` too, not an unexplained 500. `limit` left out is `callLimit`; `.some(nil)`
    /// is no limit.
    ///
    /// The call runs in a task of its own that the caller does not wait for once the limit has
    /// passed (`FirstResult`).
    func withConnection<Result: Sendable>(
        limit: Duration?? = .none, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let limit = limit ?? callLimit
        let race = LeaseRace()
        let outcome = FirstResult<Result>()
        let call = Task {
            do {
                while true {
                    do {
                        let result = try await self.client.withConnection { connection in
                            // Just after the server ended it, the pool may not know yet that a connection
                            // is closed, and nothing written to it would be answered: take another.
                            guard !connection.isClosed else { throw ClosedLease() }
                            // The wait ran out just as the connection came: the caller was told already.
                            guard race.win(.leased(connection)) else { throw StoreUnavailable(waited: self.connectionWait) }
                            return try await body(connection)
                        }
                        outcome.finish(.success(result))
                        return
                    } catch is ClosedLease {
                        // Until the wait for a connection runs out (the timer then cancels this task).
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let timer = Task {
            let wait = min(self.connectionWait, limit ?? self.connectionWait)
            do { try await Task.sleep(for: wait) } catch { return }
            if race.win(.waitedTooLong) {
                outcome.finish(.failure(StoreUnavailable(waited: wait)))
                call.cancel()
                return
            }
            guard let limit else { return }
            if limit > wait {
                do { try await Task.sleep(for: limit - wait) } catch { return }
            }
            // Closing ends a query however it is stuck; the server rolls back what it began.
            if let connection = race.leasedConnection { let _: EventLoopFuture<Void> = connection.close() }
            outcome.finish(.failure(StoreUnavailable(.tookTooLong(limit))))
            call.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await outcome.value
            } onCancel: {
                call.cancel()
            }
        } catch {
            throw Self.unavailable(error) ?? error
        }
    }

    /// `StoreUnavailable` for an error that says the connection went away: the server ended it
    /// (57P01 admin shutdown, 57P02 crash, 57P03 starting up), it closed or reset, or it could not
    /// be made; nil for any other error, which keeps its meaning.
    static func unavailable(_ error: any Error) -> StoreUnavailable? {
        if let error = error as? StoreUnavailable { return error }
        if error is ChannelError || error is IOError { return StoreUnavailable(.connectionDropped(String(describing: error))) }
        guard let psql = error as? PSQLError else { return nil }
        if let state = psql.serverInfo?[.sqlState] {
            // Class 08: connection exception; 57P0x: the server is stopping, crashed or starting.
            guard state.hasPrefix("08") || state.hasPrefix("57P0") else { return nil }
            return StoreUnavailable(.connectionDropped("\(state) \(psql.serverInfo?[.message] ?? "")"))
        }
        switch psql.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return StoreUnavailable(.connectionDropped("\(psql.code)"))
        default:
            return nil
        }
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    /// A transaction whose failure is the closure's own error, so domain errors keep their meaning
    /// for callers. Not PostgresNIO's `withTransaction`: after a failure it always sends ROLLBACK,
    /// and a query written to a connection that has just closed (the server ended it, or the call
    /// limit closed it) is never answered, so the request hung for ever. A connection that is gone
    /// has nothing to roll back: the server does it when the connection ends.
    func transaction<Result: Sendable>(
        limit: Duration?? = .none, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let limit = limit ?? callLimit
        let deadline: ContinuousClock.Instant? = limit.map { ContinuousClock.now + $0 }
        let logger = self.logger
        return try await withConnection(limit: limit) { connection in
            try await connection.query("BEGIN", logger: logger)
            let result: Result
            do {
                result = try await body(connection)
                // Past the limit the caller has been told nothing was stored, and the connection's
                // close may not have reached the server yet: roll back rather than commit late.
                if Task.isCancelled || deadline.map({ ContinuousClock.now >= $0 }) == true {
                    throw StoreUnavailable(.tookTooLong(limit ?? .zero))
                }
            } catch {
                if Self.unavailable(error) != nil || connection.isClosed {
                    // Closing ends the transaction on the server; nothing more is written to it.
                    let _: EventLoopFuture<Void> = connection.close()
                } else {
                    // A failed ROLLBACK leaves a broken connection; the caller's error still stands.
                    do { try await connection.query("ROLLBACK", logger: logger) } catch {
                        let _: EventLoopFuture<Void> = connection.close()
                    }
                }
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return result
        }
    }
}

/// A connection the pool handed out already closed.
private struct ClosedLease: Error {}

/// Which came first: the connection or the end of the wait for it.
private final class LeaseRace: Sendable {
    enum Winner { case leased(PostgresConnection), waitedTooLong }
    private let winner = Mutex<Winner?>(nil)

    func win(_ candidate: Winner) -> Bool {
        winner.withLock { winner in
            guard winner == nil else { return false }
            winner = candidate
            return true
        }
    }

    /// The connection the call runs on, once it has one.
    var leasedConnection: PostgresConnection? {
        winner.withLock { if case .leased(let connection) = $0 { connection } else { nil } }
    }
}

/// The database did not answer within the time allowed.
public struct PostgresUnreachable: Error, CustomStringConvertible {
    public let endpoint: PostgresStore.Endpoint
    public var description: String {
        "PostgreSQL op \(endpoint.host):\(endpoint.port) antwoordt niet binnen 5 seconden"
    }
}

extension PostgresStore {
    /// Holds an advisory lock on each key until the transaction ends, serialising whoever locks the
    /// same key on any instance. One statement for all keys (a round trip each was measurable),
    /// taken in sorted order so that two transactions sharing keys cannot deadlock; a function scan
    /// keeps the array's order. A hash collision only makes someone wait.
    func lock(_ keys: [String], on connection: PostgresConnection) async throws {
        _ = try await prepared(AdvisoryLocks.self, [keys.sorted()], on: connection)
    }
}

private enum AdvisoryLocks: PreparedSQL {
    static let name = "signaal_intake_locks"
    static let sql = "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest($1::text[]) AS key"
}

/// A statement to prepare (see `PostgresStore.prepared`).
protocol PreparedSQL {
    /// Unique and at most 63 bytes: PostgreSQL cuts longer names, so that two long ones with a
    /// common start (as PostgresNIO's default, the type's full name, would be) collide.
    static var name: String { get }
    static var sql: String { get }
}

struct Prepared<Statement: PreparedSQL>: PostgresPreparedStatement {
    typealias Row = PostgresRandomAccessRow
    static var name: String { Statement.name }
    static var sql: String { Statement.sql }
    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRandomAccessRow { PostgresRandomAccessRow(row) }
}
