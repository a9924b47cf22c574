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

    public func internalNotes(caseID: CaseID) async throws -> [InternalNote] {
        try await rows("SELECT * FROM internal_notes WHERE case_id = \(caseID.rawValue) ORDER BY created_at, id").map(Self.internalNote)
    }

    public func unseenMentions(userID: UserID, since: Date, limit: Int) async throws -> [InternalNote] {
        try await rows(
            """
            SELECT n.* FROM note_mentions m JOIN internal_notes n ON n.id = m.note_id
            WHERE m.user_id = \(userID.rawValue) AND m.seen_at IS NULL AND n.created_at >= \(since)
            ORDER BY n.created_at DESC, n.id DESC LIMIT \(limit)
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
            createdAt: try row["created_at"].decodeTime())
    }
}
