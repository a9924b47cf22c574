import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func markPresent(_ presence: CasePresence) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO case_presence (case_id, user_id, typing, seen_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (case_id, user_id) DO UPDATE SET typing = excluded.typing, seen_at = excluded.seen_at
                    """,
                arguments: [
                    presence.caseID.description, presence.userID.description, presence.typing, presence.seenAt.millisecondsSince1970,
                ])
            try db.execute(
                sql: "DELETE FROM case_presence WHERE seen_at < ?",
                arguments: [presence.seenAt.addingTimeInterval(-CasePresence.retention).millisecondsSince1970])
        }
    }

    public func leaveCase(caseID: CaseID, userID: UserID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM case_presence WHERE case_id = ? AND user_id = ?", arguments: [caseID.description, userID.description])
        }
    }

    public func presence(caseID: CaseID, since: Date) async throws -> [CasePresence] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM case_presence WHERE case_id = ? AND seen_at >= ? ORDER BY seen_at DESC, user_id",
                arguments: [caseID.description, since.millisecondsSince1970]
            ).map { row in
                CasePresence(
                    caseID: try SQLiteRows.id(row, "case_id"), userID: try SQLiteRows.id(row, "user_id"), typing: row["typing"],
                    seenAt: SQLiteRows.date(row, "seen_at"))
            }
        }
    }

    public func recordWork(caseID: CaseID, userID: UserID, at: Date) async throws {
        let at = at.millisecondsSince1970
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE work_spells SET started_at = MIN(started_at, :at), last_at = MAX(last_at, :at) WHERE id = (
                        SELECT id FROM work_spells WHERE case_id = :case AND user_id = :user AND last_at >= :since
                        ORDER BY last_at DESC LIMIT 1)
                    """,
                arguments: ["at": at, "case": caseID.description, "user": userID.description, "since": at - Int64(WorkTime.gap * 1000)])
            guard db.changesCount == 0 else { return }
            try db.execute(
                sql: "INSERT INTO work_spells (case_id, user_id, started_at, last_at) VALUES (?, ?, ?, ?)",
                arguments: [caseID.description, userID.description, at, at])
        }
    }

    public func workTotals(in interval: DateInterval) async throws -> WorkTotals {
        try await writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(last_at - started_at), 0) AS milliseconds, COUNT(*) AS spells, COUNT(DISTINCT case_id) AS cases
                    FROM work_spells WHERE started_at >= ? AND started_at < ?
                    """,
                arguments: [interval.start.millisecondsSince1970, interval.end.millisecondsSince1970])
            let milliseconds: Int64 = row?["milliseconds"] ?? 0
            let spells: Int = row?["spells"] ?? 0
            let messages = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM signals WHERE received_at < ? AND case_id IN (
                        SELECT case_id FROM work_spells WHERE started_at >= ? AND started_at < ?)
                    """,
                arguments: [interval.end.millisecondsSince1970, interval.start.millisecondsSince1970, interval.end.millisecondsSince1970]) ?? 0
            return WorkTotals(
                seconds: WorkTime.seconds(reported: Double(milliseconds) / 1000, spells: spells), cases: row?["cases"] ?? 0, messages: messages)
        }
    }

    public func workSeconds(caseID: CaseID) async throws -> TimeInterval {
        try await writer.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT COALESCE(SUM(last_at - started_at), 0) AS milliseconds, COUNT(*) AS spells FROM work_spells WHERE case_id = ?",
                arguments: [caseID.description])
            let milliseconds: Int64 = row?["milliseconds"] ?? 0
            let spells: Int = row?["spells"] ?? 0
            return WorkTime.seconds(reported: Double(milliseconds) / 1000, spells: spells)
        }
    }
}
