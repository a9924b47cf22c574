import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordSLABreaches(_ breaches: [SLABreach]) async throws -> Int {
        // A missed target stays missed until the case moves on, so nearly every breach a watch
        // finds is recorded already: those are read in one query, without locks, and only the
        // rest is written (writing all 77,700 again, one statement each, made a pass outlast
        // the five minutes its result is shown).
        let candidates = try await unrecorded(breaches)
        guard !candidates.isEmpty else { return 0 }
        return try await transaction { connection in
            // Several instances may watch at once, and see one missed target with different due
            // times: the check below reads before it writes, so it must see the other's row. The
            // lock is per case, not on the case's row, so that intake and agents never wait for it.
            try await self.lock(Array(Set(candidates.map { "sla:\($0.caseID)" })), on: connection)
            // One breach per target per episode: when the band changes (the customer wrote
            // again), the due time moves, but it is still the same missed target.
            let inserted = try await self.rows(
                """
                INSERT INTO sla_breaches (case_id, kind, due_at, recorded_at)
                SELECT n.case_id, n.kind, n.due_at, n.recorded_at
                FROM unnest(\(candidates.map(\.caseID.rawValue))::uuid[], \(candidates.map(\.kind.rawValue))::text[],
                    \(candidates.map(\.dueAt))::timestamptz[], \(candidates.map(\.recordedAt))::timestamptz[]) AS n(case_id, kind, due_at, recorded_at)
                WHERE NOT EXISTS (
                    SELECT 1 FROM sla_breaches b JOIN cases c ON c.id = b.case_id
                    WHERE b.case_id = n.case_id AND b.kind = n.kind AND b.due_at >= COALESCE(c.sla_started_at, c.opened_at))
                ON CONFLICT DO NOTHING RETURNING 1
                """, on: connection)
            return inserted.count
        }
    }

    /// Those of `breaches` whose case and kind have none recorded in the current episode, one per
    /// case and kind (one statement checks them all against the rows from before it).
    private func unrecorded(_ breaches: [SLABreach]) async throws -> [SLABreach] {
        guard !breaches.isEmpty else { return [] }
        let caseIDs = Array(Set(breaches.map(\.caseID.rawValue)))
        var recorded: Set<SLABreachTarget> = []
        for row in try await rows(
            """
            SELECT DISTINCT b.case_id, b.kind FROM sla_breaches b JOIN cases c ON c.id = b.case_id
            WHERE b.case_id = ANY(\(caseIDs)) AND b.due_at >= COALESCE(c.sla_started_at, c.opened_at)
            """)
        {
            recorded.insert(SLABreachTarget(caseID: CaseID(try row["case_id"].decode(UUID.self)), kind: try row["kind"].decode(String.self)))
        }
        return SLABreachTarget.unrecorded(breaches, recorded: recorded)
    }

    public func slaBreaches(caseID: CaseID) async throws -> [SLABreach] {
        try await rows("SELECT * FROM sla_breaches WHERE case_id = \(caseID.rawValue) ORDER BY due_at, kind").map(Self.breach)
    }

    public func slaBreaches(recordedSince since: Date) async throws -> [SLABreach] {
        try await rows("SELECT * FROM sla_breaches WHERE recorded_at >= \(since) ORDER BY recorded_at, case_id, kind").map(Self.breach)
    }

    static func breach(_ row: PostgresRandomAccessRow) throws -> SLABreach {
        guard let kind = SLATargetKind(rawValue: try row["kind"].decode(String.self)) else {
            throw DomainError.conflict("onbekende soort SLA-overschrijding")
        }
        return SLABreach(
            caseID: CaseID(try row["case_id"].decode(UUID.self)), kind: kind, dueAt: try row["due_at"].decodeTime(),
            recordedAt: try row["recorded_at"].decodeTime())
    }
}
