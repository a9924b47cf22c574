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
}
