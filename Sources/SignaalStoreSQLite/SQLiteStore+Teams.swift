import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func teams() async throws -> [Team] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM teams ORDER BY name").map { row in
                Team(id: try SQLiteRows.id(row, "id"), name: row["name"])
            }
        }
    }

    public func createTeam(_ team: Team, now: Date) async throws {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: "INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)",
                    arguments: [team.id.description, team.name, now.millisecondsSince1970])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw DomainError.conflict("Er is al een team met de naam \(team.name).")
        }
    }

    public func renameTeam(id: TeamID, to name: String) async throws {
        do {
            try await writer.write { db in
                try db.execute(sql: "UPDATE teams SET name = ? WHERE id = ?", arguments: [name, id.description])
                if db.changesCount == 0 { throw DomainError.notFound("team") }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw DomainError.conflict("Er is al een team met de naam \(name).")
        }
    }

    public func setTeam(userID: UserID, teamID: TeamID?) async throws {
        try await writer.write { db in
            if let teamID, try Row.fetchOne(db, sql: "SELECT 1 FROM teams WHERE id = ?", arguments: [teamID.description]) == nil {
                throw DomainError.notFound("team")
            }
            try db.execute(sql: "UPDATE users SET team_id = ? WHERE id = ?", arguments: [teamID?.description, userID.description])
            if db.changesCount == 0 { throw DomainError.notFound("medewerker") }
        }
    }

    public func teamRules() async throws -> [TeamRule] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM team_rules ORDER BY position, id").map { row in
                let fieldText: String = row["field"]
                guard let field = TeamRule.Field(rawValue: fieldText) else { throw StoreCorruption("bad team rule field \(fieldText)") }
                return TeamRule(
                    id: try SQLiteRows.id(row, "id"), position: row["position"], field: field, value: row["value"],
                    teamID: try SQLiteRows.id(row, "team_id"))
            }
        }
    }

    public func addTeamRule(_ rule: TeamRule) async throws {
        try await writer.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM teams WHERE id = ?", arguments: [rule.teamID.description]) != nil else {
                throw DomainError.notFound("team")
            }
            try db.execute(
                sql: "INSERT INTO team_rules (id, position, field, value, team_id) VALUES (?, ?, ?, ?, ?)",
                arguments: [rule.id.description, rule.position, rule.field.rawValue, rule.value, rule.teamID.description])
        }
    }

    public func removeTeamRule(id: TeamRuleID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM team_rules WHERE id = ?", arguments: [id.description])
            return db.changesCount > 0
        }
    }
}
