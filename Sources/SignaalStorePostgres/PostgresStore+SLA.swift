import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordSLABreaches(_ breaches: [SLABreach]) async throws -> Int {
        guard !breaches.isEmpty else { return 0 }
        return try await transaction { connection in
            var added = 0
            for breach in breaches {
                // Several instances may watch at once: the primary key keeps one row per breach.
                let inserted = try await self.rows(
                    """
                    INSERT INTO sla_breaches (case_id, kind, due_at, recorded_at)
                    VALUES (\(breach.caseID.rawValue), \(breach.kind.rawValue), \(breach.dueAt), \(breach.recordedAt))
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
