import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func recordSLABreaches(_ breaches: [SLABreach]) async throws -> Int {
        // Nearly every breach a watch finds is recorded already (a missed target stays missed
        // until the case moves on): those are read first, so the writer, which intake waits for,
        // is taken only for the new ones.
        let candidates = try await unrecorded(breaches)
        guard !candidates.isEmpty else { return 0 }
        return try await writer.write { db in
            var added = 0
            for breach in candidates {
                // One breach per target per episode: when the band changes (the customer wrote
                // again), the due time moves, but it is still the same missed target. Checked
                // again here: another instance may have written it since the read.
                try db.cachedStatement(
                    sql: """
                        INSERT INTO sla_breaches (case_id, kind, due_at, recorded_at)
                        SELECT ?, ?, ?, ?
                        WHERE NOT EXISTS (
                            SELECT 1 FROM sla_breaches b JOIN cases c ON c.id = b.case_id
                            WHERE b.case_id = ? AND b.kind = ? AND b.due_at >= COALESCE(c.sla_started_at, c.opened_at))
                        ON CONFLICT DO NOTHING
                        """
                ).execute(arguments: [
                    breach.caseID.description, breach.kind.rawValue, breach.dueAt.millisecondsSince1970,
                    breach.recordedAt.millisecondsSince1970, breach.caseID.description, breach.kind.rawValue,
                ])
                added += db.changesCount
            }
            return added
        }
    }

    /// Those of `breaches` whose case and kind have none recorded in the current episode, one per
    /// case and kind.
    private func unrecorded(_ breaches: [SLABreach]) async throws -> [SLABreach] {
        guard !breaches.isEmpty else { return [] }
        let caseIDs = Array(Set(breaches.map(\.caseID.description)))
        let recorded = try await writer.read { db in
            var recorded: Set<SLABreachTarget> = []
            // Well below SQLite's limit on parameters per statement.
            for start in stride(from: 0, to: caseIDs.count, by: 500) {
                let chunk = Array(caseIDs[start..<min(start + 500, caseIDs.count)])
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT b.case_id, b.kind FROM sla_breaches b JOIN cases c ON c.id = b.case_id
                        WHERE b.case_id IN (\(chunk.map { _ in "?" }.joined(separator: ", ")))
                            AND b.due_at >= COALESCE(c.sla_started_at, c.opened_at)
                        """, arguments: StatementArguments(chunk))
                for row in rows { recorded.insert(SLABreachTarget(caseID: try SQLiteRows.id(row, "case_id"), kind: row["kind"])) }
            }
            return recorded
        }
        return SLABreachTarget.unrecorded(breaches, recorded: recorded)
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
