import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func addInternalNote(_ note: InternalNote, mentioning: [UserID]) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO internal_notes (id, case_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    note.id.description, note.caseID.description, note.authorID.description, note.text, note.createdAt.millisecondsSince1970,
                ])
            for user in Set(mentioning) {
                try db.execute(
                    sql: "INSERT INTO note_mentions (note_id, user_id) VALUES (?, ?)", arguments: [note.id.description, user.description])
            }
        }
    }

    public func internalNotes(caseID: CaseID) async throws -> [InternalNote] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM internal_notes WHERE case_id = ? ORDER BY created_at, id", arguments: [caseID.description]
            ).map(Self.internalNote)
        }
    }

    public func unseenMentions(userID: UserID, since: Date, limit: Int) async throws -> [InternalNote] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT n.* FROM note_mentions m JOIN internal_notes n ON n.id = m.note_id
                    WHERE m.user_id = ? AND m.seen_at IS NULL AND n.created_at >= ?
                    ORDER BY n.created_at DESC, n.id DESC LIMIT ?
                    """,
                arguments: [userID.description, since.millisecondsSince1970, limit]
            ).map(Self.internalNote)
        }
    }

    public func markMentionsSeen(userID: UserID, caseID: CaseID?, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE note_mentions SET seen_at = ? WHERE user_id = ? AND seen_at IS NULL
                    AND (? IS NULL OR note_id IN (SELECT id FROM internal_notes WHERE case_id = ?))
                    """,
                arguments: [at.millisecondsSince1970, userID.description, caseID?.description, caseID?.description])
        }
    }

    static func internalNote(_ row: Row) throws -> InternalNote {
        InternalNote(
            id: try SQLiteRows.id(row, "id"), caseID: try SQLiteRows.id(row, "case_id"), authorID: try SQLiteRows.id(row, "author_id"),
            text: row["text"], createdAt: SQLiteRows.date(row, "created_at"))
    }
}
