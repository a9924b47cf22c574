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

    public func editInternalNote(
        id: InternalNoteID, mentioning: [UserID], _ edit: @escaping @Sendable (inout InternalNote) throws -> Bool
    ) async throws -> InternalNote {
        try await writer.write { db in
            // The single writer: nobody changes the note between this read and the write.
            guard var note = try Row.fetchOne(db, sql: "SELECT * FROM internal_notes WHERE id = ?", arguments: [id.description]).map(Self.internalNote)
            else { throw DomainError.notFound("notitie") }
            note.earlierVersions = try Self.versions(db, noteIDs: [id])[id] ?? []
            let before = note
            guard try edit(&note), note.text != before.text, let editedAt = note.editedAt else { return before }
            try db.execute(
                sql: "INSERT INTO internal_note_versions (note_id, text, written_at, replaced_at) VALUES (?, ?, ?, ?)",
                arguments: [id.description, before.text, (before.editedAt ?? before.createdAt).millisecondsSince1970, editedAt.millisecondsSince1970])
            try db.execute(
                sql: "UPDATE internal_notes SET text = ?, edited_at = ? WHERE id = ?",
                arguments: [note.text, editedAt.millisecondsSince1970, id.description])
            for user in Set(mentioning) {
                try db.execute(
                    sql: "INSERT INTO note_mentions (note_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [id.description, user.description])
            }
            return note
        }
    }

    public func internalNotes(caseIDs: [CaseID]) async throws -> [InternalNote] {
        let unique = Array(Set(caseIDs))
        guard !unique.isEmpty else { return [] }
        return try await writer.read { db in
            var notes = try Row.fetchAll(
                db, sql: "SELECT * FROM internal_notes WHERE case_id IN (\(databaseQuestionMarks(count: unique.count))) ORDER BY created_at, id",
                arguments: StatementArguments(unique.map(\.description))
            ).map(Self.internalNote)
            let versions = try Self.versions(db, noteIDs: notes.filter { $0.editedAt != nil }.map(\.id))
            for index in notes.indices { notes[index].earlierVersions = versions[notes[index].id] ?? [] }
            return notes
        }
    }

    /// The earlier versions of the notes, oldest first per note.
    static func versions(_ db: Database, noteIDs: [InternalNoteID]) throws -> [InternalNoteID: [InternalNote.Version]] {
        guard !noteIDs.isEmpty else { return [:] }
        var result: [InternalNoteID: [InternalNote.Version]] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT * FROM internal_note_versions WHERE note_id IN (\(databaseQuestionMarks(count: noteIDs.count))) ORDER BY replaced_at, rowid",
            arguments: StatementArguments(noteIDs.map(\.description)))
        for row in rows {
            let noteID: InternalNoteID = try SQLiteRows.id(row, "note_id")
            result[noteID, default: []].append(
                InternalNote.Version(text: row["text"], writtenAt: SQLiteRows.date(row, "written_at"), replacedAt: SQLiteRows.date(row, "replaced_at")))
        }
        return result
    }

    public func unseenMentions(userID: UserID, since: Date, limit: Int) async throws -> [InternalNote] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT n.* FROM note_mentions m JOIN internal_notes n ON n.id = m.note_id
                    WHERE m.user_id = ? AND m.seen_at IS NULL AND COALESCE(n.edited_at, n.created_at) >= ?
                    ORDER BY COALESCE(n.edited_at, n.created_at) DESC, n.id DESC LIMIT ?
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
            text: row["text"], createdAt: SQLiteRows.date(row, "created_at"), editedAt: SQLiteRows.optionalDate(row, "edited_at"))
    }
}
