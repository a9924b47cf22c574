import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordSLABreaches(_ breaches: [SLABreach]) async throws -> Int {
        guard !breaches.isEmpty else { return 0 }
        return try await transaction { connection in
            // Several instances may watch at once, and see one missed target with different due
            // times: the check below reads before it writes, so it must see the other's row. The
            // lock is per case, not on the case's row, so that intake and agents never wait for it.
            try await self.lock(breaches.map { "sla:\($0.caseID)" }, on: connection)
            var added = 0
            for breach in breaches {
                // One breach per target per episode: when the band changes (the customer wrote
                // again), the due time moves, but it is still the same missed target.
                let inserted = try await self.rows(
                    """
                    INSERT INTO sla_breaches (case_id, kind, due_at, recorded_at)
                    SELECT \(breach.caseID.rawValue), \(breach.kind.rawValue), \(breach.dueAt), \(breach.recordedAt)
                    WHERE NOT EXISTS (
                        SELECT 1 FROM sla_breaches b JOIN cases c ON c.id = b.case_id
                        WHERE b.case_id = \(breach.caseID.rawValue) AND b.kind = \(breach.kind.rawValue)
                            AND b.due_at >= COALESCE(c.sla_started_at, c.opened_at))
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, on: connection)
                added += inserted.count
            }
            return added
        }
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
