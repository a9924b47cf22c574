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
}
