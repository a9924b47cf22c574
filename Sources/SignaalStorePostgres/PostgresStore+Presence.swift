import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func markPresent(_ presence: CasePresence) async throws {
        try await rows(
            """
            INSERT INTO case_presence (case_id, user_id, typing, seen_at)
            VALUES (\(presence.caseID.rawValue), \(presence.userID.rawValue), \(presence.typing), \(presence.seenAt))
            ON CONFLICT (case_id, user_id) DO UPDATE SET typing = excluded.typing, seen_at = excluded.seen_at
            """)
        try await rows(
            "DELETE FROM case_presence WHERE seen_at < \(presence.seenAt.addingTimeInterval(-CasePresence.retention))")
    }

    public func leaveCase(caseID: CaseID, userID: UserID) async throws {
        try await rows("DELETE FROM case_presence WHERE case_id = \(caseID.rawValue) AND user_id = \(userID.rawValue)")
    }

    public func presence(caseID: CaseID, since: Date) async throws -> [CasePresence] {
        try await rows(
            "SELECT * FROM case_presence WHERE case_id = \(caseID.rawValue) AND seen_at >= \(since) ORDER BY seen_at DESC, user_id"
        ).map { row in
            CasePresence(
                caseID: CaseID(try row["case_id"].decode(UUID.self)), userID: UserID(try row["user_id"].decode(UUID.self)),
                typing: try row["typing"].decode(Bool.self), seenAt: try row["seen_at"].decodeTime())
        }
    }

    public func recordWork(caseID: CaseID, userID: UserID, at: Date) async throws {
        try await transaction { connection in
            // Reports of one colleague on one case queue here: two at once (two tabs, two
            // instances) would each find no running spell and each start one, counting the time twice.
            try await self.lock(["work:\(caseID):\(userID)"], on: connection)
            // Extend the spell that is still running (either way: reports may arrive out of order), else start one.
            try await connection.query(
                """
                WITH extended AS (
                    UPDATE work_spells SET started_at = LEAST(started_at, \(at)), last_at = GREATEST(last_at, \(at)) WHERE id = (
                        SELECT id FROM work_spells WHERE case_id = \(caseID.rawValue) AND user_id = \(userID.rawValue)
                        AND last_at >= \(at.addingTimeInterval(-WorkTime.gap)) ORDER BY last_at DESC LIMIT 1)
                    RETURNING id)
                INSERT INTO work_spells (case_id, user_id, started_at, last_at)
                SELECT \(caseID.rawValue), \(userID.rawValue), \(at), \(at) WHERE NOT EXISTS (SELECT 1 FROM extended)
                """, logger: self.logger)
        }
    }

    public func workTotals(in interval: DateInterval) async throws -> WorkTotals {
        let found = try await rows(
            """
            SELECT COALESCE(SUM(EXTRACT(EPOCH FROM last_at - started_at)), 0)::float8 AS seconds, COUNT(*)::int8 AS spells,
                COUNT(DISTINCT case_id)::int8 AS cases,
                (SELECT COUNT(*) FROM signals WHERE received_at < \(interval.end) AND case_id IN (
                    SELECT case_id FROM work_spells WHERE started_at >= \(interval.start) AND started_at < \(interval.end)))::int8 AS messages
            FROM work_spells WHERE started_at >= \(interval.start) AND started_at < \(interval.end)
            """)
        guard let row = found.first else { return WorkTotals(seconds: 0, cases: 0, messages: 0) }
        let spells = try row["spells"].decode(Int.self)
        return WorkTotals(
            seconds: WorkTime.seconds(reported: try row["seconds"].decode(Double.self), spells: spells), cases: try row["cases"].decode(Int.self),
            messages: try row["messages"].decode(Int.self))
    }

    public func workSeconds(caseID: CaseID) async throws -> TimeInterval {
        let found = try await rows(
            """
            SELECT COALESCE(SUM(EXTRACT(EPOCH FROM last_at - started_at)), 0)::float8 AS seconds, COUNT(*)::int8 AS spells
            FROM work_spells WHERE case_id = \(caseID.rawValue)
            """)
        guard let row = found.first else { return 0 }
        return WorkTime.seconds(reported: try row["seconds"].decode(Double.self), spells: try row["spells"].decode(Int.self))
    }
}
