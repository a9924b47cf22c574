import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func createUser(_ user: User, passwordHash: String) async throws {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (id, email, name, role, password_hash, team_id, active, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        user.id.description, user.email, user.name, user.role.rawValue, passwordHash,
                        user.teamID?.description, user.isActive, user.createdAt.millisecondsSince1970,
                    ])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw DomainError.conflict("Er is al een gebruiker met e-mailadres \(user.email).")
        }
    }

    public func user(id: UserID) async throws -> User? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id.description])
                .map(SQLiteRows.user)
        }
    }

    public func userWithPasswordHash(email: String) async throws -> (User, String)? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email.lowercased()])
            else { return nil }
            return (try SQLiteRows.user(row), row["password_hash"] as String)
        }
    }

    public func userWithPasswordHash(id: UserID) async throws -> (User, String)? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id.description]) else { return nil }
            return (try SQLiteRows.user(row), row["password_hash"] as String)
        }
    }

    public func users() async throws -> [User] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(SQLiteRows.user)
        }
    }

    public func userCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    @discardableResult
    public func updateUser(id: UserID, _ change: @escaping @Sendable (inout User, _ activeAdmins: Int) throws -> Void) async throws -> User {
        // One write transaction: SQLite's single writer makes the count and the change one step.
        try await writer.write { db in
            let select = "SELECT * FROM users WHERE id = ?"
            guard var user = try Row.fetchOne(db, sql: select, arguments: [id.description]).map(SQLiteRows.user) else {
                throw DomainError.notFound("gebruiker")
            }
            let admins = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active") ?? 0
            try change(&user, admins)
            try db.execute(
                sql: "UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?",
                arguments: [user.name, user.role.rawValue, user.isActive, id.description])
            return try SQLiteRows.user(try Row.fetchOne(db, sql: select, arguments: [id.description])!)
        }
    }

    public func setPasswordHash(userID: UserID, _ passwordHash: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, userID.description])
            if db.changesCount == 0 { throw DomainError.notFound("gebruiker") }
        }
    }

    // MARK: Tokens

    public func createToken(_ token: APIToken, secretHash: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (id, name, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    token.id.description, token.name, secretHash, token.createdAt.millisecondsSince1970, token.expiresAt?.millisecondsSince1970,
                ])
        }
    }

    public func token(secretHash: String) async throws -> APIToken? {
        try await writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_tokens WHERE secret_hash = ?"), arguments: [secretHash])
                .map(SQLiteRows.token)
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY created_at, id").map(SQLiteRows.token)
        }
    }

    public func revokeToken(id: APITokenID, at: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                arguments: [at.millisecondsSince1970, id.description])
            return db.changesCount > 0
        }
    }

    // MARK: Key-value

    public func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                    """,
                arguments: [key, value, expiresAt?.millisecondsSince1970])
        }
    }

    public func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws {
        let now = Date().millisecondsSince1970
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM kv WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?",
                arguments: [key, now])
            do {
                try db.execute(
                    sql: "INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)",
                    arguments: [key, value, expiresAt?.millisecondsSince1970])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw DomainError.conflict("sleutel bestaat al")
            }
        }
    }

    public func value(forKey key: String, now: Date) async throws -> Data? {
        try await writer.read { db in
            try Data.fetchOne(
                db, sql: "SELECT value FROM kv WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
                arguments: [key, now.millisecondsSince1970])
        }
    }

    public func updateValue(
        forKey key: String, now: Date, _ change: @escaping @Sendable (Data?) -> (value: Data, expiresAt: Date?)
    ) async throws -> Data {
        // One write transaction: SQLite's single writer makes the read and the write one step.
        try await writer.write { db in
            let current = try Data.fetchOne(
                db, sql: "SELECT value FROM kv WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
                arguments: [key, now.millisecondsSince1970])
            let next = change(current)
            try db.execute(
                sql: """
                    INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                    """,
                arguments: [key, next.value, next.expiresAt?.millisecondsSince1970])
            return next.value
        }
    }

    public func removeValue(forKey key: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM kv WHERE key = ?", arguments: [key])
        }
    }
}
