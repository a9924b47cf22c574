import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func addInternalNote(_ note: InternalNote, mentioning: [UserID]) async throws {
        // One statement: the note and its mentions together, or neither.
        try await rows(
            """
            WITH note AS (
                INSERT INTO internal_notes (id, case_id, author_id, text, created_at)
                VALUES (\(note.id.rawValue), \(note.caseID.rawValue), \(note.authorID.rawValue), \(note.text), \(note.createdAt))
                RETURNING id)
            INSERT INTO note_mentions (note_id, user_id)
            SELECT note.id, mentioned FROM note, unnest(\(Array(Set(mentioning)).map(\.rawValue))::uuid[]) AS mentioned
            """)
    }

    public func editInternalNote(
        id: InternalNoteID, mentioning: [UserID], _ edit: @escaping @Sendable (inout InternalNote) throws -> Bool
    ) async throws -> InternalNote {
        try await transaction { connection in
            // Locked until the end: another instance's change of the same note waits for this one.
            guard var note = try await self.rows("SELECT * FROM internal_notes WHERE id = \(id.rawValue) FOR UPDATE", on: connection).first.map(Self.internalNote)
            else { throw DomainError.notFound("notitie") }
            note.earlierVersions = try await self.versions(noteIDs: [id], on: connection)[id] ?? []
            let before = note
            guard try edit(&note), note.text != before.text, let editedAt = note.editedAt else { return before }
            try await self.rows(
                """
                WITH version AS (
                    INSERT INTO internal_note_versions (note_id, text, written_at, replaced_at)
                    VALUES (\(id.rawValue), \(before.text), \(before.editedAt ?? before.createdAt), \(editedAt))),
                mentions AS (
                    INSERT INTO note_mentions (note_id, user_id)
                    SELECT \(id.rawValue), mentioned FROM unnest(\(Array(Set(mentioning)).map(\.rawValue))::uuid[]) AS mentioned
                    ON CONFLICT DO NOTHING)
                UPDATE internal_notes SET text = \(note.text), edited_at = \(editedAt) WHERE id = \(id.rawValue)
                """, on: connection)
            return note
        }
    }

    public func internalNotes(caseIDs: [CaseID]) async throws -> [InternalNote] {
        let unique = Array(Set(caseIDs)).map(\.rawValue)
        guard !unique.isEmpty else { return [] }
        return try await withConnection { connection in
            var notes = try await self.rows(
                "SELECT * FROM internal_notes WHERE case_id = ANY(\(unique)) ORDER BY created_at, id", on: connection
            ).map(Self.internalNote)
            let edited = notes.filter { $0.editedAt != nil }.map(\.id)
            guard !edited.isEmpty else { return notes }
            let versions = try await self.versions(noteIDs: edited, on: connection)
            for index in notes.indices { notes[index].earlierVersions = versions[notes[index].id] ?? [] }
            return notes
        }
    }

    /// The earlier versions of the notes, oldest first per note.
    func versions(noteIDs: [InternalNoteID], on connection: PostgresConnection) async throws -> [InternalNoteID: [InternalNote.Version]] {
        var result: [InternalNoteID: [InternalNote.Version]] = [:]
        let found = try await rows(
            """
            SELECT note_id, text, written_at, replaced_at FROM internal_note_versions
            WHERE note_id = ANY(\(noteIDs.map(\.rawValue))::uuid[]) ORDER BY replaced_at, ctid
            """, on: connection)
        for row in found {
            result[InternalNoteID(try row["note_id"].decode(UUID.self)), default: []].append(
                InternalNote.Version(
                    text: try row["text"].decode(String.self), writtenAt: try row["written_at"].decodeTime(),
                    replacedAt: try row["replaced_at"].decodeTime()))
        }
        return result
    }

    public func unseenMentions(userID: UserID, since: Date, limit: Int) async throws -> [InternalNote] {
        try await rows(
            """
            SELECT n.* FROM note_mentions m JOIN internal_notes n ON n.id = m.note_id
            WHERE m.user_id = \(userID.rawValue) AND m.seen_at IS NULL AND COALESCE(n.edited_at, n.created_at) >= \(since)
            ORDER BY COALESCE(n.edited_at, n.created_at) DESC, n.id DESC LIMIT \(limit)
            """
        ).map(Self.internalNote)
    }

    public func markMentionsSeen(userID: UserID, caseID: CaseID?, at: Date) async throws {
        if let caseID {
            try await rows(
                """
                UPDATE note_mentions SET seen_at = \(at) WHERE user_id = \(userID.rawValue) AND seen_at IS NULL
                AND note_id IN (SELECT id FROM internal_notes WHERE case_id = \(caseID.rawValue))
                """)
        } else {
            try await rows("UPDATE note_mentions SET seen_at = \(at) WHERE user_id = \(userID.rawValue) AND seen_at IS NULL")
        }
    }

    static func internalNote(_ row: PostgresRandomAccessRow) throws -> InternalNote {
        InternalNote(
            id: InternalNoteID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            authorID: UserID(try row["author_id"].decode(UUID.self)), text: try row["text"].decode(String.self),
            createdAt: try row["created_at"].decodeTime(), editedAt: try row["edited_at"].decodeOptionalTime())
    }
}
