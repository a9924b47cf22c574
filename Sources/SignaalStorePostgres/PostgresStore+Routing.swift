import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func routingProfiles() async throws -> [RoutingProfile] {
        try await rows("SELECT * FROM routing_profiles ORDER BY user_id").map { row in
            RoutingProfile(
                userID: UserID(try row["user_id"].decode(UUID.self)), paused: try row["paused"].decode(Bool.self),
                capacity: try row["capacity"].decode(Int.self), channels: RoutingRows.channels(try row["channels"].decode(String.self)),
                topics: RoutingRows.values(try row["topics"].decode(String.self)),
                languages: RoutingRows.values(try row["languages"].decode(String.self)))
        }
    }

    public func saveRoutingProfile(_ profile: RoutingProfile) async throws {
        try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM users WHERE id = \(profile.userID.rawValue)", on: connection).isEmpty else {
                throw DomainError.notFound("medewerker")
            }
            try await connection.query(
                """
                INSERT INTO routing_profiles (user_id, paused, capacity, channels, topics, languages)
                VALUES (\(profile.userID.rawValue), \(profile.paused), \(profile.capacity), \(RoutingRows.list(profile.channels.map(\.rawValue))),
                    \(RoutingRows.list(profile.topics)), \(RoutingRows.list(profile.languages)))
                ON CONFLICT (user_id) DO UPDATE SET paused = excluded.paused, capacity = excluded.capacity,
                    channels = excluded.channels, topics = excluded.topics, languages = excluded.languages
                """, logger: self.logger)
        }
    }

    public func removeRoutingProfile(userID: UserID) async throws {
        try await rows("DELETE FROM routing_profiles WHERE user_id = \(userID.rawValue)")
    }

    public func openCaseCounts() async throws -> [UserID: Int] {
        var counts: [UserID: Int] = [:]
        for row in try await rows(
            """
            SELECT owner_id, COUNT(*)::int AS open FROM cases
            WHERE owner_id IS NOT NULL AND \(unescaped: Self.unresolvedCondition) GROUP BY owner_id
            """)
        {
            counts[UserID(try row["owner_id"].decode(UUID.self))] = try row["open"].decode(Int.self)
        }
        return counts
    }
}
