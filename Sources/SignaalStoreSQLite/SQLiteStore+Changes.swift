import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func watchCaseChanges(_ onChange: @escaping @Sendable (CaseID?) -> Void) async throws {
        // SQLite serves one app instance: watching this process's commits sees every change.
        let observer = CaseChangeObserver(onChange: onChange)
        writer.add(transactionObserver: observer, extent: .observerLifetime)
        defer { writer.remove(transactionObserver: observer) }
        onChange(nil)  // watching (again): see the protocol
        // The observer sees this process's commits. Another process on the same file (the CLI:
        // `ingest-email` from the mail server, `import`) commits where it cannot look; SQLite's
        // data_version, read on the writer's own connection, changes for those commits only. Their
        // new messages' cases are then announced by name, so that open pages show them.
        var mark = try? await foreignCommitMark()
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.foreignCommitPoll)
            guard let seen = mark else {
                mark = try? await foreignCommitMark()
                continue
            }
            guard let now = try? await foreignCommitMark(since: seen) else { continue }
            if now.version != seen.version {
                if let cases = now.newCases { cases.forEach { onChange($0) } } else { onChange(nil) }
            }
            mark = now
        }
    }

    /// How often the watch looks for another process's commits.
    static let foreignCommitPoll: Duration = .seconds(1)

    struct ForeignCommitMark: Sendable {
        var version: Int64
        var lastSignalRow: Int64
        /// The cases of messages stored after the earlier mark; nil when too many to name.
        var newCases: [CaseID]?
    }

    /// Read on the writer's connection, between its transactions: the version then moves only for
    /// other connections' commits, and no commit of this process falls between the two reads.
    func foreignCommitMark(since earlier: ForeignCommitMark? = nil) async throws -> ForeignCommitMark {
        try await writer.writeWithoutTransaction { db in
            let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            let lastRow = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM signals") ?? 0
            var newCases: [CaseID]? = []
            if let earlier, earlier.version != version {
                let ids = try String.fetchAll(
                    db, sql: "SELECT DISTINCT case_id FROM signals WHERE rowid > ? LIMIT ?",
                    arguments: [earlier.lastSignalRow, CaseChangeObserver.maximumNamed + 1])
                newCases = ids.count > CaseChangeObserver.maximumNamed ? nil : ids.compactMap(CaseID.init)
            }
            return ForeignCommitMark(version: version, lastSignalRow: lastRow, newCases: newCases)
        }
    }
}

/// Names each case a commit opened, whose status, owner, subject or messages it changed, that
/// got a colleague's note or reply, or an analysis correction, so that a case page says
/// "gewijzigd" for its own case only, not for every change anywhere.
///
/// GRDB calls it on the writer's queue only, one transaction after the other: the row ids
/// gathered during a transaction need no lock.
final class CaseChangeObserver: TransactionObserver, @unchecked Sendable {
    private let onChange: @Sendable (CaseID?) -> Void
    /// Row ids per table, for `caseOfRows` to name their cases after the commit.
    private var rows: [String: Set<Int64>] = [:]
    private var unknown = false
    static let watchedColumns: Set<String> = ["status", "owner_id", "subject", "signal_count"]
    /// The tables whose new rows change a case page, and how their rows (ids appended) name their
    /// cases. A reply keeps two colleagues from answering the same customer; an analysis correction
    /// changes what the page shows.
    static let caseOfRows: [String: String] = [
        "cases": "SELECT id FROM cases WHERE rowid IN",
        "internal_notes": "SELECT case_id FROM internal_notes WHERE rowid IN",
        "replies": "SELECT case_id FROM replies WHERE rowid IN",
        "signal_labels": "SELECT s.case_id FROM signal_labels l JOIN signals s ON s.id = l.signal_id WHERE l.rowid IN",
    ]
    /// More changed cases than this in one commit (a bulk load) are announced as "unknown":
    /// every open page reads anew, which is what so many changes call for anyway.
    static let maximumNamed = 500

    init(onChange: @escaping @Sendable (CaseID?) -> Void) {
        self.onChange = onChange
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table): Self.caseOfRows[table] != nil
        case .update(let table, let columns):
            table == "cases" ? !Self.watchedColumns.isDisjoint(with: columns.map { $0.lowercased() })
                // A note its author changed reads anew for whoever has its case open.
                : table == "internal_notes" && columns.contains { $0.lowercased() == "text" }
        case .delete: false
        }
    }

    func databaseDidChange() {
        // Changes GRDB cannot tell apart: which cases is unknown.
        unknown = true
    }

    func databaseDidChange(with event: DatabaseEvent) {
        rows[event.tableName, default: []].insert(event.rowID)
    }

    func databaseDidCommit(_ db: Database) {
        guard unknown || !rows.isEmpty else { return }
        defer { reset() }
        guard !unknown, rows.values.map(\.count).reduce(0, +) <= Self.maximumNamed else { return onChange(nil) }
        // Read on the writer's connection right after its commit: the rows are there.
        do {
            var changed = Set<String>()
            for (table, ids) in rows {
                guard let sql = Self.caseOfRows[table] else { continue }
                changed.formUnion(try String.fetchAll(db, sql: sql + " (\(ids.map(String.init).joined(separator: ",")))"))
            }
            for id in changed.sorted() { onChange(CaseID(id)) }
        } catch {
            onChange(nil)
        }
    }

    func databaseDidRollback(_ db: Database) {
        reset()
    }

    private func reset() {
        rows = [:]
        unknown = false
    }
}
