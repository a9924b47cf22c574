import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func recordSLABreaches(_ breaches: [SLABreach]) async throws -> Int {
        guard !breaches.isEmpty else { return 0 }
        return try await writer.write { db in
            var added = 0
            for breach in breaches {
                try db.execute(
                    sql: "INSERT INTO sla_breaches (case_id, kind, due_at, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [
                        breach.caseID.description, breach.kind.rawValue, breach.dueAt.millisecondsSince1970,
                        breach.recordedAt.millisecondsSince1970,
                    ])
                added += db.changesCount
            }
            return added
        }
    }

    public func slaBreaches(caseID: CaseID) async throws -> [SLABreach] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sla_breaches WHERE case_id = ? ORDER BY due_at, kind", arguments: [caseID.description])
                .map(Self.breach)
        }
    }

    public func slaBreaches(recordedSince since: Date) async throws -> [SLABreach] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sla_breaches WHERE recorded_at >= ? ORDER BY recorded_at, case_id, kind",
                arguments: [since.millisecondsSince1970]
            ).map(Self.breach)
        }
    }

    static func breach(_ row: Row) throws -> SLABreach {
        guard let kind = SLATargetKind(rawValue: row["kind"]) else { throw StoreCorruption("bad SLA breach kind") }
        return SLABreach(
            caseID: try SQLiteRows.id(row, "case_id"), kind: kind, dueAt: SQLiteRows.date(row, "due_at"),
            recordedAt: SQLiteRows.date(row, "recorded_at"))
    }
}
