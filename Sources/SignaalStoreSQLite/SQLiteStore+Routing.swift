import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func routingProfiles() async throws -> [RoutingProfile] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM routing_profiles ORDER BY user_id").map { row in
                RoutingProfile(
                    userID: try SQLiteRows.id(row, "user_id"), paused: row["paused"], capacity: row["capacity"],
                    channels: RoutingRows.channels(row["channels"]), topics: RoutingRows.values(row["topics"]),
                    languages: RoutingRows.values(row["languages"]))
            }
        }
    }

    public func saveRoutingProfile(_ profile: RoutingProfile) async throws {
        try await writer.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [profile.userID.description]) != nil else {
                throw DomainError.notFound("medewerker")
            }
            try db.execute(
                sql: """
                    INSERT INTO routing_profiles (user_id, paused, capacity, channels, topics, languages) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET paused = excluded.paused, capacity = excluded.capacity,
                        channels = excluded.channels, topics = excluded.topics, languages = excluded.languages
                    """,
                arguments: [
                    profile.userID.description, profile.paused, profile.capacity, RoutingRows.list(profile.channels.map(\.rawValue)),
                    RoutingRows.list(profile.topics), RoutingRows.list(profile.languages),
                ])
        }
    }

    public func removeRoutingProfile(userID: UserID) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM routing_profiles WHERE user_id = ?", arguments: [userID.description])
        }
    }

    public func openCaseCounts() async throws -> [UserID: Int] {
        try await writer.read { db in
            var counts: [UserID: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT owner_id, COUNT(*) AS open FROM cases
                    WHERE owner_id IS NOT NULL AND \(Self.unresolvedCondition) GROUP BY owner_id
                    """)
            {
                if let id = (row["owner_id"] as String?).flatMap(UserID.init) { counts[id] = row["open"] }
            }
            return counts
        }
    }
}
