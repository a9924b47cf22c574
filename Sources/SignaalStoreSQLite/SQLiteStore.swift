import Foundation
import GRDB
import SignaalDomain
import SignaalStore

/// The embedded default: one SQLite file in WAL mode, through GRDB.
public final class SQLiteStore: SignaalStore {
    public let kind = DatabaseKind.sqlite
    let writer: any DatabaseWriter
    /// A second connection that copies the WAL back into the database file, so that the single
    /// writer never stalls on a checkpoint's copying and fsync.
    private let checkpointer: Checkpointer?
    private let batcher: IngestBatcher
    /// The directory of the database file, locked while migrating; nil in memory.
    private let directory: String?

    /// Opens (and creates) the database at `path`, or an in-memory database for `nil`.
    public init(path: String?) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL stays consistent after a crash; only the last
            // commits before a power loss can be lost, never half of one.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Read pages through a memory map instead of a system call each, keep more of
            // them cached, and checkpoint the WAL less often (each checkpoint is an fsync).
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            db.add(tokenizer: DutchStemTokenizer.self)
            db.add(function: SQLiteMigrations.foldName)
        }
        if let path {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            self.directory = directory
            // The first process to open a new file makes it a WAL database, which needs the file
            // to itself; another process opening it at that moment would wait, and give up.
            let lock = try DirectoryLock(path: directory)
            defer { lock.release() }
            writer = try DatabasePool(path: path, configuration: configuration)
            try writer.writeWithoutTransaction { db in
                _ = try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                _ = try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            }
            checkpointer = try Checkpointer(path: path, writer: writer)
        } else {
            writer = try DatabaseQueue(configuration: configuration)
            checkpointer = nil
            directory = nil
        }
        batcher = IngestBatcher(writer: writer)
    }

    /// The unresolved statuses as SQLite should test them, word for word the condition of the
    /// partial index `cases_inbox` (a planner uses a partial index only for a query that repeats
    /// it). The statuses are checked on insert, so this is `CaseStatus.unresolved`; a list of two
    /// is compared in place, where SQLite builds a temporary table for a list of three.
    static let unresolvedCondition = "status NOT IN ('resolved', 'closed')"
    static let unresolvedStatuses = Set(CaseStatus.unresolved)
    /// The condition of the partial index `cases_done_priority`, for resolved and closed cases.
    static let doneCondition = "status IN ('resolved', 'closed')"
    static let doneStatuses: Set<CaseStatus> = [.resolved, .closed]

    public func migrate() async throws {
        // GRDB reads which migrations are applied outside the transaction of each, so two
        // processes starting on a new or older file (serve, and the mail server's ingest-email)
        // would both run the same one, and one would fail. One migrates while the other waits.
        let lock = try directory.map(DirectoryLock.init(path:))
        defer { lock?.release() }
        try SQLiteMigrations.migrator().migrate(writer)
    }

    public func appliedMigrations() async throws -> [Int] {
        try await writer.read { db in
            try SQLiteMigrations.migrator().appliedIdentifiers(db).compactMap { Int($0.prefix(4)) }.sorted()
        }
    }

    public func shutdown() async {
        await batcher.stop()
        await checkpointer?.stop()
        try? (writer as? DatabasePool)?.close()
    }

    // MARK: Signals

    public func ingest(_ draft: SignalDraft, planning: @escaping IntakePlanning) async throws -> IntakeOutcome {
        try await batcher.ingest(draft, planning: planning)
    }

    /// Stores a batch of intakes in the current transaction, in order, and puts their texts in
    /// the search index. Throws at the first intake that fails (the caller rolls back).
    static func ingest(_ jobs: [(draft: SignalDraft, planning: IntakePlanning)], db: Database) throws -> [IntakeOutcome] {
        let indexed = try lastSignalRow(db)
        let outcomes = try jobs.map { job in try ingest(job.draft, planning: job.planning, db: db) }
        try indexSignals(after: indexed, db: db)
        return outcomes
    }

    /// The row number of the newest signal: signals inserted after it get higher ones.
    static func lastSignalRow(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(rowid), 0) FROM signals")) ?? 0
    }

    /// Adds the signals inserted since `row` to the search index in one statement. Every
    /// statement that writes to FTS5 or checks a foreign key begins a statement savepoint, and
    /// FTS5 (3.40) writes its pending terms as a new segment at each one; so a transaction
    /// that indexes as it goes makes a segment per signal, and this makes one per transaction.
    static func indexSignals(after row: Int64, db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO signals_fts (rowid, text) SELECT rowid, text FROM signals WHERE rowid > ?")
            .execute(arguments: [row])
    }

    private static func ingest(_ draft: SignalDraft, planning: IntakePlanning, db: Database) throws -> IntakeOutcome {
        var context = IntakeContext()
        if let externalID = draft.externalID,
            let signal = try SQLiteRows.one(
                db.cachedStatement(sql: "SELECT * FROM signals WHERE channel = ? AND external_id = ?"),
                [draft.channel.rawValue, externalID], SQLiteRows.signal)
        {
            return .duplicate(signal)
        }
        if let externalID = draft.externalID,
            let erased = try SQLiteRows.one(
                db.cachedStatement(
                    sql: "SELECT s.* FROM erased_external_ids e JOIN signals s ON s.id = e.signal_id WHERE e.channel = ? AND e.digest = ?"),
                [draft.channel.rawValue, ErasedMessages.digest(of: externalID)], SQLiteRows.signal)
        {
            return .duplicate(erased)
        }
        let identities = draft.author.identities(on: draft.channel)
        var owners: [Customer?] = []
        for identity in identities {
            // The customer's row only: the other identities are inserted "if absent" below, so
            // intake need not read the whole list.
            let owner = try SQLiteRows.one(
                db.cachedStatement(
                    sql: """
                        SELECT c.id, c.name, c.created_at FROM customer_identities i JOIN customers c ON c.id = i.customer_id
                        WHERE i.kind = ? AND i.value = ?
                        """),
                [identity.kind.rawValue, identity.value],
                { row in
                    Customer(
                        id: try SQLiteRows.id(row, "id"), name: row["name"], identities: [identity],
                        createdAt: SQLiteRows.date(row, "created_at"))
                })
            owners.append(owner)
            if owner != nil && !draft.channel.identitiesAreClaims { break }
        }
        context.customer = IntakeContext.customer(owning: owners, channel: draft.channel)
        context.threadCase = try threadCase(of: draft, db: db)
        if let customer = context.customer {
            // A customer has one unresolved case or a few: the newest is picked here rather than
            // by an ORDER BY, which would cost SQLite a sorter on every intake.
            context.unresolvedCase = try SQLiteRows.all(
                db.cachedStatement(sql: "SELECT * FROM cases WHERE customer_id = ? AND \(unresolvedCondition)"),
                [customer.id.description], { try SQLiteRows.theCase($0) }
            ).max { $0.updatedAt < $1.updatedAt }
            // The planner reopens a resolved case only when no unresolved one exists.
            if context.unresolvedCase == nil {
                context.resolvedCase = try SQLiteRows.one(
                    db.cachedStatement(
                        sql: "SELECT * FROM cases WHERE customer_id = ? AND status = 'resolved' ORDER BY updated_at DESC LIMIT 1"),
                    [customer.id.description], { try SQLiteRows.theCase($0) })
            }
        }
        // Duplicates were answered above: a plan of nothing is a message not to keep.
        guard let plan = planning(draft, context) else { throw IntakeIgnored.automaticReplyWithoutCase }
        try write(plan, context: context, db: db)
        return .created(plan.signal, plan.theCase)
    }

    /// The case of the conversation `draft` continues: the message it answers (a signal of the
    /// customer or one of our replies, e.g. an e-mail's `In-Reply-To`, then its `References`),
    /// else the case it names itself.
    static func threadCase(of draft: SignalDraft, db: Database) throws -> Case? {
        for key in [draft.inReplyTo].compactMap({ $0 }) + draft.references {
            let caseID =
                try String.fetchOne(
                    db.cachedStatement(sql: "SELECT case_id FROM signals WHERE channel = ? AND external_id = ?"),
                    arguments: [draft.channel.rawValue, key])
                ?? String.fetchOne(
                    db.cachedStatement(sql: "SELECT case_id FROM replies WHERE channel = ? AND external_id = ?"),
                    arguments: [draft.channel.rawValue, key])
            if let caseID {
                return try SQLiteRows.one(
                    db.cachedStatement(sql: "SELECT * FROM cases WHERE id = ?"), [caseID], { try SQLiteRows.theCase($0) })
            }
        }
        if let hint = draft.caseHint {
            return try SQLiteRows.one(
                db.cachedStatement(sql: "SELECT * FROM cases WHERE id = ?"), [hint.description], { try SQLiteRows.theCase($0) })
        }
        return nil
    }

    static func write(_ plan: IntakePlan, context: IntakeContext, db: Database) throws {
        let now = plan.signal.createdAt.millisecondsSince1970
        let customer = plan.customer
        if plan.isNewCustomer {
            try db.cachedStatement(
                sql: "INSERT INTO customers (id, name, name_folded, created_at) VALUES (?, ?, ?, ?)"
            ).execute(arguments: [
                customer.id.description, customer.name, customer.name.map(CustomerNameSearch.folded), customer.createdAt.millisecondsSince1970,
            ])
        } else if plan.learnedName {
            try db.cachedStatement(
                sql: "UPDATE customers SET name = ?, name_folded = ? WHERE id = ? AND name IS NULL"
            ).execute(arguments: [customer.name, customer.name.map(CustomerNameSearch.folded), customer.id.description])
        }
        for identity in plan.newIdentities {
            // An identity that already belongs to someone else stays theirs; linking two
            // customers is a decision for an agent, not for intake.
            try db.cachedStatement(
                sql: """
                    INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (kind, value) DO NOTHING
                    """
                ).execute(arguments: [identity.kind.rawValue, identity.value, customer.id.description, now])
        }
        let c = plan.theCase
        if plan.isNewCase {
            try db.cachedStatement(sql: SQLiteRows.insertCaseSQL).execute(arguments: SQLiteRows.caseArguments(c))
        } else {
            // Only the columns intake changed: SQLite rewrites every index on a column that is
            // SET, changed or not (the status, for one, rarely changes).
            let before = [context.threadCase, context.unresolvedCase, context.resolvedCase].lazy.compactMap { $0 }
                .first { $0.id == c.id }
            let old = before.map(SQLiteRows.intakeColumns) ?? []
            let changed = SQLiteRows.intakeColumns(c).enumerated().filter { index, column in
                index >= old.count || old[index].value != column.value
            }.map(\.element)
            if !changed.isEmpty {
                try db.cachedStatement(
                    sql: "UPDATE cases SET \(changed.map { "\($0.name) = ?" }.joined(separator: ", ")) WHERE id = ?"
                ).execute(arguments: StatementArguments(changed.map(\.value) + [c.id.description.databaseValue]))
            }
        }
        // Cases in the context carry no history, so every transition in the plan is new.
        try insertTransitions(c.transitions, of: c.id, db: db)
        try db.cachedStatement(sql: SQLiteRows.insertSignalSQL).execute(
            arguments: try SQLiteRows.signalArguments(plan.signal, analysisJSON: plan.analysisJSON))
        for (ordinal, attachment) in plan.attachments.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO signal_attachments (signal_id, ordinal, filename, content_type, size, content)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                plan.signal.id.description, ordinal, attachment.filename, attachment.contentType, attachment.size,
                attachment.content,
            ])
        }
    }

    static func insertTransitions(_ transitions: [CaseTransition], of caseID: CaseID, db: Database) throws {
        for transition in transitions {
            try db.cachedStatement(
                sql: "INSERT INTO case_transitions (case_id, from_status, to_status, at, actor_id, reason) VALUES (?, ?, ?, ?, ?, ?)"
            ).execute(arguments: [
                caseID.description, transition.from?.rawValue, transition.to.rawValue,
                transition.at.millisecondsSince1970, transition.actorID?.description, transition.reason,
            ])
        }
    }

    static func customer(id: String, db: Database) throws -> Customer? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE id = ?"), arguments: [id]) else {
            return nil
        }
        let identities = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY created_at, kind"),
            arguments: [id]
        ).compactMap { row -> Identity? in
            guard let kind = Identity.Kind(rawValue: row["kind"]) else { return nil }
            return Identity(kind: kind, raw: row["value"])
        }
        return Customer(
            id: try SQLiteRows.id(row, "id"), name: row["name"], identities: identities,
            createdAt: SQLiteRows.date(row, "created_at"))
    }

    public func signal(id: SignalID) async throws -> Signal? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM signals WHERE id = ?", arguments: [id.description])
                .map(SQLiteRows.signal)
        }
    }

    public func signals(channel: Channel?, limit: Int, after cursor: SignalCursor?) async throws -> [Signal] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let channel {
            conditions.append("channel = ?")
            arguments += [channel.rawValue]
        }
        if let cursor {
            conditions.append("(received_at < ? OR (received_at = ? AND id < ?))")
            arguments += [cursor.receivedAt, cursor.receivedAt, cursor.id.description]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        let sql = "SELECT * FROM signals \(whereClause) ORDER BY received_at DESC, id DESC LIMIT ?"
        let finalArguments = arguments
        return try await writer.read { db in
            try SQLiteRows.all(db.cachedStatement(sql: sql), finalArguments, SQLiteRows.signal)
        }
    }

    public func signals(externalID: String) async throws -> [Signal] {
        // Every channel named, so the (channel, external_id) index answers it.
        let channels = Channel.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await writer.read { db in
            try SQLiteRows.all(
                db.cachedStatement(sql: "SELECT * FROM signals WHERE channel IN (\(channels)) AND external_id = ?"),
                [externalID], SQLiteRows.signal
            )
        }
    }

    public func signals(answering externalIDs: [String], on channel: Channel) async throws -> [Signal] {
        let ids = Array(Set(externalIDs))
        guard !ids.isEmpty else { return [] }
        return try await writer.read { db in
            try SQLiteRows.all(
                db.makeStatement(
                    sql: """
                        SELECT * FROM signals WHERE channel = ? AND in_reply_to IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
                        ORDER BY received_at, id
                        """),
                StatementArguments([channel.rawValue] + ids), SQLiteRows.signal)
        }
    }

    /// The cases of accounts posing as the brand (index `cases_posing`): their messages are no
    /// customer's, so the counts of customer messages leave them out.
    static let posingCases = "SELECT id FROM cases WHERE poses_as_brand = 1"

    public func windowCounts(_ windows: [DateInterval]) async throws -> [WindowCount] {
        guard !windows.isEmpty else { return [] }
        // Each window is a range of the received_at index; the topics come from the stored analysis.
        let values = windows.indices.map { _ in "(?, ?, ?)" }.joined(separator: ", ")
        let arguments = windows.enumerated().flatMap { index, window -> [Int64] in
            [Int64(index), window.start.millisecondsSince1970, window.end.millisecondsSince1970]
        }
        // The counted columns, read from the covering index `signals_counted` (migration 32).
        let sql = """
            WITH w(i, start, finish) AS (VALUES \(values)),
            counted AS (
                SELECT w.i, s.topics FROM w JOIN signals s ON s.received_at >= w.start AND s.received_at < w.finish
                WHERE COALESCE(s.intent, '') <> 'compliment' AND s.case_id NOT IN (\(Self.posingCases))
            )
            SELECT i, NULL AS topic, count(*) AS n FROM counted GROUP BY i
            UNION ALL
            SELECT i, t.value AS topic, count(*) AS n FROM counted, json_each(counted.topics) t
            WHERE counted.topics IS NOT NULL GROUP BY i, t.value
            """
        return try await writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                WindowCount(window: row["i"], topic: row["topic"], count: row["n"])
            }
        }
    }

    public func hourlyCounts(in period: DateInterval) async throws -> [Date: Int] {
        try await writer.read { db in
            var counts: [Date: Int] = [:]
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: "SELECT received_at / 3600000 AS h, count(*) AS n FROM signals WHERE received_at >= ? AND received_at < ? GROUP BY h"),
                arguments: [period.start.millisecondsSince1970, period.end.millisecondsSince1970])
            while let row = try rows.next() {
                counts[Date(timeIntervalSince1970: Double(row["h"] as Int64) * 3600)] = row["n"]
            }
            return counts
        }
    }

    public func agentLoads(since: Date) async throws -> [UserID: AgentLoad] {
        try await writer.read { db in
            var loads: [UserID: AgentLoad] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT owner_id, count(*) AS n FROM cases WHERE owner_id IS NOT NULL AND \(Self.unresolvedCondition) GROUP BY owner_id")
            {
                loads[try SQLiteRows.id(row, "owner_id"), default: AgentLoad()].openCases = row["n"]
            }
            // A stored analysis SQLite could not parse counts as a message, not as a negative one.
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.owner_id, count(*) AS n,
                        sum(CASE WHEN s.sentiment = 'negative' THEN 1 ELSE 0 END) AS negative
                    FROM signals s JOIN cases c ON c.id = s.case_id
                    WHERE s.received_at >= ? AND c.owner_id IS NOT NULL GROUP BY c.owner_id
                    """, arguments: [since.millisecondsSince1970])
            {
                let owner: UserID = try SQLiteRows.id(row, "owner_id")
                loads[owner, default: AgentLoad()].messages = row["n"]
                loads[owner, default: AgentLoad()].negative = row["negative"]
            }
            return loads
        }
    }

    public func signalCounts(in period: DateInterval) async throws -> (counts: [SignalCount], cases: Int, complainants: Int) {
        let bounds: StatementArguments = [period.start.millisecondsSince1970, period.end.millisecondsSince1970]
        return try await writer.read { db in
            // The counted columns, from the covering index `signals_counted` (migration 32); a stored
            // analysis SQLite could not parse counts as not analysed.
            let counts = try Row.fetchAll(
                db,
                sql: """
                    SELECT received_at / 3600000 AS h, sentiment, intent, count(*) AS n
                    FROM signals WHERE received_at >= ? AND received_at < ? AND case_id NOT IN (\(Self.posingCases))
                    GROUP BY h, sentiment, intent
                    """, arguments: bounds
            ).map { row in
                SignalCount(
                    hour: Date(timeIntervalSince1970: Double(row["h"] as Int64) * 3600),
                    sentiment: (row["sentiment"] as String?).flatMap(Analysis.Sentiment.init), intent: (row["intent"] as String?).flatMap(Analysis.Intent.init),
                    count: row["n"])
            }
            let cases = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(DISTINCT case_id) FROM signals WHERE received_at >= ? AND received_at < ?
                    AND COALESCE(intent, '') <> 'compliment' AND case_id NOT IN (\(Self.posingCases))
                    """,
                arguments: bounds) ?? 0
            // The silent majority stands behind each customer who complained, not each message.
            let complainants = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(DISTINCT customer_id) FROM signals WHERE received_at >= ? AND received_at < ?
                    AND intent = 'complaint' AND case_id NOT IN (\(Self.posingCases))
                    """,
                arguments: bounds) ?? 0
            return (counts, cases, complainants)
        }
    }

    public func signals(intent: Analysis.Intent, in period: DateInterval, limit: Int) async throws -> [Signal] {
        try await writer.read { db in
            try SQLiteRows.all(
                db.cachedStatement(
                    sql: """
                        SELECT * FROM signals WHERE received_at >= ? AND received_at < ? AND intent = ?
                        ORDER BY received_at DESC, id DESC LIMIT ?
                        """),
                [period.start.millisecondsSince1970, period.end.millisecondsSince1970, intent.rawValue, limit], SQLiteRows.signal)
        }
    }

    public func signals(caseID: CaseID) async throws -> [Signal] {
        try await writer.read { db in
            try SQLiteRows.all(
                db.cachedStatement(sql: "SELECT * FROM signals WHERE case_id = ? ORDER BY received_at, id"), [caseID.description],
                SQLiteRows.signal)
        }
    }

    public func signals(customerID: CustomerID) async throws -> [Signal] {
        try await writer.read { db in
            try SQLiteRows.all(
                db.cachedStatement(sql: "SELECT * FROM signals WHERE customer_id = ? ORDER BY received_at, id"), [customerID.description],
                SQLiteRows.signal)
        }
    }
}

/// Runs passive WAL checkpoints on its own connection every quarter second, and lets the WAL
/// start over when it has grown.
final class Checkpointer: @unchecked Sendable {
    private let connection: DatabaseQueue
    private var task: Task<Void, Never>?
    /// WAL frames (4 KiB pages) above which the writer is asked to let the WAL start over: 16 MiB.
    static let restartFrames = 4096

    init(path: String, writer: any DatabaseWriter) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        task = Task.detached(priority: .utility) { [connection] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                // PASSIVE never blocks the writer or readers: it copies what it can.
                let frames = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.passive).walFrameCount }
                // SQLite starts the WAL over only when a write transaction begins with every frame
                // copied back. Under sustained intake the writer's transactions follow each other
                // without such a moment, and the WAL grew by ~30 KB per intake (1.5 GB in 35 s)
                // until intake paused. A PASSIVE checkpoint on the writer's own connection, between
                // two of its transactions, copies the few frames this one has not yet, so that the
                // writer's next transaction starts the WAL from its beginning (and
                // journal_size_limit truncates the file).
                if let frames, frames > Self.restartFrames {
                    _ = try? await writer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                }
            }
        }
    }

    func stop() async {
        task?.cancel()
        await task?.value
        _ = try? await connection.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try? connection.close()
    }
}

/// An exclusive `flock` on a directory, held between processes until released. A lock on the
/// database file itself would be unsafe: closing any descriptor of that file drops SQLite's own
/// POSIX locks on it.
final class DirectoryLock {
    private var descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)  // also releases the lock
        descriptor = -1
    }

    deinit { release() }
}
