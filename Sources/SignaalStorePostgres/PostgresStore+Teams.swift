import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func teams() async throws -> [Team] {
        try await rows("SELECT * FROM teams ORDER BY name").map { row in
            Team(id: TeamID(try row["id"].decode(UUID.self)), name: try row["name"].decode(String.self))
        }
    }

    public func createTeam(_ team: Team, now: Date) async throws {
        do {
            try await rows(
                "INSERT INTO teams (id, name, created_at) VALUES (\(team.id.rawValue), \(team.name), \(now))")
        } catch where Self.isUniqueViolation(error) {
            throw DomainError.conflict("Er is al een team met de naam \(team.name).")
        }
    }

    public func renameTeam(id: TeamID, to name: String) async throws {
        do {
            let renamed = try await rows("UPDATE teams SET name = \(name) WHERE id = \(id.rawValue) RETURNING id")
            if renamed.isEmpty { throw DomainError.notFound("team") }
        } catch where Self.isUniqueViolation(error) {
            throw DomainError.conflict("Er is al een team met de naam \(name).")
        }
    }

    public func setTeam(userID: UserID, teamID: TeamID?) async throws {
        if let teamID, try await rows("SELECT 1 FROM teams WHERE id = \(teamID.rawValue)").isEmpty {
            throw DomainError.notFound("team")
        }
        let updated = try await rows("UPDATE users SET team_id = \(teamID?.rawValue) WHERE id = \(userID.rawValue) RETURNING id")
        if updated.isEmpty { throw DomainError.notFound("medewerker") }
    }

    public func teamRules() async throws -> [TeamRule] {
        try await rows("SELECT * FROM team_rules ORDER BY position, id").map { row in
            let fieldText = try row["field"].decode(String.self)
            guard let field = TeamRule.Field(rawValue: fieldText) else { throw PostgresCorruption("bad team rule field \(fieldText)") }
            return TeamRule(
                id: TeamRuleID(try row["id"].decode(UUID.self)), position: try row["position"].decode(Int.self), field: field,
                value: try row["value"].decode(String.self), teamID: TeamID(try row["team_id"].decode(UUID.self)))
        }
    }

    public func addTeamRule(_ rule: TeamRule) async throws {
        if try await rows("SELECT 1 FROM teams WHERE id = \(rule.teamID.rawValue)").isEmpty { throw DomainError.notFound("team") }
        try await rows(
            """
            INSERT INTO team_rules (id, position, field, value, team_id)
            VALUES (\(rule.id.rawValue), \(rule.position), \(rule.field.rawValue), \(rule.value), \(rule.teamID.rawValue))
            """)
    }

    public func removeTeamRule(id: TeamRuleID) async throws -> Bool {
        !(try await rows("DELETE FROM team_rules WHERE id = \(id.rawValue) RETURNING id").isEmpty)
    }
}
