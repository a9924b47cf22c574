import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func addInternalNote(_ note: InternalNote) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO internal_notes (id, case_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    note.id.description, note.caseID.description, note.authorID.description, note.text, note.createdAt.millisecondsSince1970,
                ])
        }
    }

    public func internalNotes(caseID: CaseID) async throws -> [InternalNote] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM internal_notes WHERE case_id = ? ORDER BY created_at, id", arguments: [caseID.description]
            ).map { row in
                InternalNote(
                    id: try SQLiteRows.id(row, "id"), caseID: try SQLiteRows.id(row, "case_id"), authorID: try SQLiteRows.id(row, "author_id"),
                    text: row["text"], createdAt: SQLiteRows.date(row, "created_at"))
            }
        }
    }
}
