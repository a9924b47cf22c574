import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func addInternalNote(_ note: InternalNote) async throws {
        try await rows(
            """
            INSERT INTO internal_notes (id, case_id, author_id, text, created_at)
            VALUES (\(note.id.rawValue), \(note.caseID.rawValue), \(note.authorID.rawValue), \(note.text), \(note.createdAt))
            """)
    }

    public func internalNotes(caseID: CaseID) async throws -> [InternalNote] {
        try await rows("SELECT * FROM internal_notes WHERE case_id = \(caseID.rawValue) ORDER BY created_at, id").map { row in
            InternalNote(
                id: InternalNoteID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
                authorID: UserID(try row["author_id"].decode(UUID.self)), text: try row["text"].decode(String.self),
                createdAt: try row["created_at"].decodeTime())
        }
    }
}
