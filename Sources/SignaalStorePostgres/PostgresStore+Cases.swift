import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func `case`(id: CaseID) async throws -> Case? {
        guard let row = try await rows("SELECT * FROM cases WHERE id = \(id.rawValue)").first else { return nil }
        let transitions = try await rows(
            "SELECT * FROM case_transitions WHERE case_id = \(id.rawValue) ORDER BY id"
        ).map(PostgresRows.transition)
        return try PostgresRows.theCase(row, transitions: transitions)
    }

    public func cases(matching filter: CaseFilter, limit: Int, after cursor: CaseCursor?) async throws -> [Case] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        Self.addConditions(filter, to: &conditions, binds: &binds)
        if let cursor {
            binds.append(cursor.priority)
            binds.append(cursor.id.rawValue)
            conditions.append("(priority, id) < ($\(binds.count - 1), $\(binds.count))")
        }
        binds.append(limit)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM cases \(whereClause) ORDER BY priority DESC, id DESC LIMIT $\(binds.count)"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { try PostgresRows.theCase($0) }
    }

    public func countCases(matching filter: CaseFilter, cap: Int) async throws -> Int {
        var conditions: [String] = []
        var binds = PostgresBindings()
        Self.addConditions(filter, to: &conditions, binds: &binds)
        binds.append(max(cap, 0))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT COUNT(*)::int AS n FROM (SELECT 1 FROM cases \(whereClause) LIMIT $\(binds.count)) capped"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).first?["n"].decode(Int.self) ?? 0
    }

    /// Adds the filter's conditions on the columns of `cases`, numbering their parameters after
    /// those already in `binds`.
    static func addConditions(_ filter: CaseFilter, to conditions: inout [String], binds: inout PostgresBindings) {
        if Set(filter.statuses) == Set(CaseStatus.unresolved) {
            // Word for word the condition of the partial index `cases_inbox`, so the planner can use it.
            conditions.append(Self.unresolvedCondition)
        } else if !filter.statuses.isEmpty {
            var placeholders: [String] = []
            for status in filter.statuses {
                binds.append(status.rawValue)
                placeholders.append("$\(binds.count)")
            }
            conditions.append("status IN (\(placeholders.joined(separator: ", ")))")
        }
        switch filter.owner {
        case .any: break
        case .unassigned: conditions.append("owner_id IS NULL")
        case .user(let id):
            binds.append(id.rawValue)
            conditions.append("owner_id = $\(binds.count)")
        }
        if let team = filter.teamID {
            binds.append(team.rawValue)
            conditions.append("team_id = $\(binds.count)")
        }
        for (column, value) in filter.equalities {
            binds.append(value)
            conditions.append("\(column) = $\(binds.count)")
        }
        if let topic = filter.topic {
            binds.append(CaseTopicsColumn.needle(topic))
            conditions.append("strpos(topics, $\(binds.count)) > 0")
        }
        if let since = filter.lastInboundSince {
            binds.append(since)
            conditions.append("last_inbound_at >= $\(binds.count)")
        }
    }

    public func cases(ids: [CaseID]) async throws -> [CaseID: Case] {
        let unique = Array(Set(ids)).map(\.rawValue)
        guard !unique.isEmpty else { return [:] }
        let cases = try await rows("SELECT * FROM cases WHERE id = ANY(\(unique))").map { try PostgresRows.theCase($0) }
        return Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
    }

    public func transitions(caseIDs: [CaseID]) async throws -> [CaseID: [CaseTransition]] {
        let unique = Array(Set(caseIDs)).map(\.rawValue)
        guard !unique.isEmpty else { return [:] }
        var result: [CaseID: [CaseTransition]] = [:]
        for row in try await rows("SELECT * FROM case_transitions WHERE case_id = ANY(\(unique)) ORDER BY id") {
            result[CaseID(try row["case_id"].decode(UUID.self)), default: []].append(try PostgresRows.transition(row))
        }
        return result
    }

    public func cases(customerID: CustomerID) async throws -> [Case] {
        try await rows(
            "SELECT * FROM cases WHERE customer_id = \(customerID.rawValue) ORDER BY opened_at DESC, id DESC"
        ).map { try PostgresRows.theCase($0) }
    }

    public func resolvedCases(since: Date, limit: Int) async throws -> [Case] {
        try await rows(
            """
            SELECT * FROM cases WHERE id IN (SELECT case_id FROM case_transitions WHERE to_status = 'resolved' AND at >= \(since))
            ORDER BY id LIMIT \(limit)
            """
        ).map { try PostgresRows.theCase($0) }
    }

    public func casesChasedBeforeFirstReply(_ caseIDs: [CaseID]) async throws -> Set<CaseID> {
        let unique = Array(Set(caseIDs)).map(\.rawValue)
        guard !unique.isEmpty else { return [] }
        return Set(
            try await rows(
                """
                SELECT s.case_id FROM signals s JOIN cases c ON c.id = s.case_id
                WHERE s.case_id = ANY(\(unique)) AND (c.responded_at IS NULL OR s.received_at < c.responded_at)
                GROUP BY s.case_id HAVING count(*) > 1
                """
            ).map { CaseID(try $0["case_id"].decode(UUID.self)) })
    }

    public func cases(openedIn period: DateInterval) async throws -> [Case] {
        try await rows(
            """
            SELECT * FROM cases WHERE opened_at >= \(period.start) AND opened_at < \(period.end)
            ORDER BY opened_at, priority DESC, id DESC
            """
        ).map { try PostgresRows.theCase($0) }
    }

    public func unresolvedCases(limit: Int, after cursor: CaseID?) async throws -> [Case] {
        let lowest = cursor?.rawValue ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        return try await rows(
            """
            SELECT * FROM cases WHERE \(unescaped: Self.unresolvedCondition) AND id > \(lowest)
            ORDER BY id LIMIT \(limit)
            """
        ).map { try PostgresRows.theCase($0) }
    }

    public func updatePriorities(_ priorities: [(CaseID, Double)]) async throws {
        guard !priorities.isEmpty else { return }
        let ids = priorities.map(\.0.rawValue)
        let values = priorities.map(\.1)
        try await rows(
            """
            UPDATE cases SET priority = p.priority
            FROM unnest(\(ids)::uuid[], \(values)::float8[]) AS p(id, priority) WHERE cases.id = p.id
            """)
    }

    // MARK: Users

    public func createUser(_ user: User, passwordHash: String) async throws {
        do {
            try await rows(
                """
                INSERT INTO users (id, email, name, role, password_hash, team_id, active, created_at)
                VALUES (\(user.id.rawValue), \(user.email), \(user.name), \(user.role.rawValue), \(passwordHash),
                    \(user.teamID?.rawValue), \(user.isActive), \(user.createdAt))
                """)
        } catch where Self.isUniqueViolation(error) {
            throw DomainError.conflict("Er is al een gebruiker met e-mailadres \(user.email).")
        }
    }

    public func user(id: UserID) async throws -> User? {
        try await rows("SELECT * FROM users WHERE id = \(id.rawValue)").first.map(PostgresRows.user)
    }

    public func userWithPasswordHash(email: String) async throws -> (User, String)? {
        guard let row = try await rows("SELECT * FROM users WHERE email = \(email.lowercased())").first else { return nil }
        return (try PostgresRows.user(row), try row["password_hash"].decode(String.self))
    }

    public func userWithPasswordHash(id: UserID) async throws -> (User, String)? {
        guard let row = try await rows("SELECT * FROM users WHERE id = \(id.rawValue)").first else { return nil }
        return (try PostgresRows.user(row), try row["password_hash"].decode(String.self))
    }

    public func users() async throws -> [User] {
        try await rows("SELECT * FROM users ORDER BY name").map(PostgresRows.user)
    }

    public func userCount() async throws -> Int {
        try await rows("SELECT COUNT(*) AS n FROM users").first?["n"].decode(Int.self) ?? 0
    }

    @discardableResult
    public func updateUser(id: UserID, _ change: @escaping @Sendable (inout User, _ activeAdmins: Int) throws -> Void) async throws -> User {
        try await transaction { connection in
            // Changes to accounts queue here (on every instance), so each counts the admins the one before it left.
            try await self.lock(["users:accounts"], on: connection)
            guard var user = try await self.rows("SELECT * FROM users WHERE id = \(id.rawValue)", on: connection).first.map(PostgresRows.user) else {
                throw DomainError.notFound("gebruiker")
            }
            let admins = try await self.rows(
                "SELECT COUNT(*)::int AS n FROM users WHERE role = 'admin' AND active", on: connection
            ).first?["n"].decode(Int.self) ?? 0
            try change(&user, admins)
            let updated = try await self.rows(
                """
                UPDATE users SET name = \(user.name), role = \(user.role.rawValue), active = \(user.isActive)
                WHERE id = \(id.rawValue) RETURNING *
                """, on: connection)
            guard let row = updated.first else { throw DomainError.notFound("gebruiker") }
            return try PostgresRows.user(row)
        }
    }

    public func setPasswordHash(userID: UserID, _ passwordHash: String) async throws {
        let updated = try await rows("UPDATE users SET password_hash = \(passwordHash) WHERE id = \(userID.rawValue) RETURNING id")
        if updated.isEmpty { throw DomainError.notFound("gebruiker") }
    }

    // MARK: Tokens

    public func createToken(_ token: APIToken, secretHash: String) async throws {
        try await rows(
            """
            INSERT INTO api_tokens (id, name, secret_hash, created_at, expires_at)
            VALUES (\(token.id.rawValue), \(token.name), \(secretHash), \(token.createdAt), \(token.expiresAt))
            """)
    }

    public func token(secretHash: String) async throws -> APIToken? {
        try await rows("SELECT * FROM api_tokens WHERE secret_hash = \(secretHash)").first.map(PostgresRows.token)
    }

    public func tokens() async throws -> [APIToken] {
        try await rows("SELECT * FROM api_tokens ORDER BY created_at, id").map(PostgresRows.token)
    }

    public func revokeToken(id: APITokenID, at: Date) async throws -> Bool {
        let updated = try await rows(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, \(at)) WHERE id = \(id.rawValue) RETURNING id")
        return !updated.isEmpty
    }

    // MARK: Key-value

    public func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws {
        try await rows(
            """
            INSERT INTO kv (key, value, expires_at) VALUES (\(key), \(ByteBuffer(bytes: value)), \(expiresAt))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
            """)
    }

    public func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws {
        try await transaction { connection in
            try await connection.query(
                "DELETE FROM kv WHERE key = \(key) AND expires_at IS NOT NULL AND expires_at <= now()", logger: self.logger)
            let inserted = try await self.rows(
                """
                INSERT INTO kv (key, value, expires_at) VALUES (\(key), \(ByteBuffer(bytes: value)), \(expiresAt))
                ON CONFLICT (key) DO NOTHING RETURNING key
                """, on: connection)
            if inserted.isEmpty { throw DomainError.conflict("sleutel bestaat al") }
        }
    }

    public func updateValue(
        forKey key: String, now: Date, _ change: @escaping @Sendable (Data?) -> (value: Data, expiresAt: Date?)
    ) async throws -> Data {
        try await transaction { connection in
            // The row exists before it is locked (an expired placeholder when new), so two callers
            // at once queue on the same row lock instead of both finding nothing.
            try await connection.query(
                """
                INSERT INTO kv (key, value, expires_at) VALUES (\(key), \(ByteBuffer()), \(now))
                ON CONFLICT (key) DO NOTHING
                """, logger: self.logger)
            let row = try await self.rows(
                "SELECT value, expires_at FROM kv WHERE key = \(key) FOR UPDATE", on: connection
            ).first
            var current: Data?
            if let row, try row["expires_at"].decodeOptionalTime().map({ $0 > now }) ?? true {
                current = Data(try row["value"].decode(ByteBuffer.self).readableBytesView)
            }
            let next = change(current)
            try await connection.query(
                "UPDATE kv SET value = \(ByteBuffer(bytes: next.value)), expires_at = \(next.expiresAt) WHERE key = \(key)",
                logger: self.logger)
            return next.value
        }
    }

    public func value(forKey key: String, now: Date) async throws -> Data? {
        guard
            let row = try await rows(
                "SELECT value FROM kv WHERE key = \(key) AND (expires_at IS NULL OR expires_at > \(now))"
            ).first
        else { return nil }
        let buffer = try row["value"].decode(ByteBuffer.self)
        return Data(buffer.readableBytesView)
    }

    public func removeValue(forKey key: String) async throws {
        try await rows("DELETE FROM kv WHERE key = \(key)")
    }
}

extension PostgresStore {
    public func updateCase(id: CaseID, _ change: @escaping @Sendable (inout Case) throws -> Void) async throws -> Case {
        try await transaction { connection in try await self.updateCase(id: id, on: connection, change) }
    }

    public func updateCase(
        id: CaseID, ifOwnerBelow capacity: Int, owner: UserID, _ change: @escaping @Sendable (inout Case) throws -> Void
    ) async throws -> Case? {
        try await transaction { connection in
            // Assignments to one owner queue here, so each counts what the one before it left.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(\("owner:\(owner.rawValue)"), 0))", logger: self.logger)
            let open = try await self.rows(
                "SELECT COUNT(*)::int AS open FROM cases WHERE owner_id = \(owner.rawValue) AND \(unescaped: Self.unresolvedCondition)",
                on: connection
            ).first?["open"].decode(Int.self) ?? 0
            guard open < capacity else { return nil }
            return try await self.updateCase(id: id, on: connection, change)
        }
    }

    /// The case's open promises go with it to its new owner, who is the one reminded of them now.
    func giveOpenPromises(of caseID: CaseID, to owner: UserID, on connection: PostgresConnection) async throws {
        try await connection.query(
            "UPDATE promises SET owner_id = \(owner.rawValue) WHERE case_id = \(caseID.rawValue) AND status = 'open'", logger: self.logger)
    }

    /// `updateCase`'s work inside a transaction on `connection`. Prepared statements: every change to
    /// a case comes here (routing places each new case), and planning them anew each time cost more
    /// than running them.
    private func updateCase(
        id: CaseID, on connection: PostgresConnection, _ change: @Sendable (inout Case) throws -> Void
    ) async throws -> Case {
        guard
            var theCase = try await prepared(CaseForUpdate.self, [id.rawValue], on: connection)
                .first.map({ try PostgresRows.theCase($0) })
        else { throw DomainError.notFound("Zaak \(id)") }
        let previousOwner = theCase.ownerID
        try change(&theCase)
        var bindings = PostgresBindings(capacity: 15)
        bindings.append(id.rawValue)
        bindings.append(theCase.status.rawValue)
        bindings.append(theCase.ownerID?.rawValue)
        bindings.append(theCase.teamID?.rawValue)
        bindings.append(theCase.priority)
        bindings.append(theCase.updatedAt)
        bindings.append(theCase.waitingSince)
        bindings.append(theCase.reopenCount)
        bindings.append(theCase.rootCause)
        bindings.append(theCase.slaStartedAt)
        bindings.append(theCase.respondedAt)
        bindings.append(theCase.sentiment?.rawValue)
        bindings.append(theCase.intent?.rawValue)
        bindings.append(CaseTopicsColumn.encode(theCase.topics))
        bindings.append(theCase.language)
        try await prepared(UpdateCase.self, bindings, on: connection)
        if let owner = theCase.ownerID, owner != previousOwner { try await giveOpenPromises(of: id, to: owner, on: connection) }
        try await insertTransitions(theCase.transitions, of: id, on: connection)
        theCase.transitions = try await prepared(TransitionsOfCase.self, [id.rawValue], on: connection).map(PostgresRows.transition)
        return theCase
    }
}

private enum CaseForUpdate: PreparedSQL {
    static let name = "signaal_case_for_update"
    static let sql = "SELECT \(PostgresRows.caseColumns) FROM cases WHERE id = $1 FOR UPDATE"
}

private enum UpdateCase: PreparedSQL {
    static let name = "signaal_case_update"
    static let sql = """
        UPDATE cases SET status = $2, owner_id = $3, team_id = $4, priority = $5, updated_at = $6, waiting_since = $7,
            reopen_count = $8, root_cause = $9, sla_started_at = $10, responded_at = $11, sentiment = $12, intent = $13,
            topics = $14, language = $15
        WHERE id = $1
        """
}

private enum TransitionsOfCase: PreparedSQL {
    static let name = "signaal_case_transitions"
    static let sql = "SELECT from_status, to_status, at, actor_id, reason FROM case_transitions WHERE case_id = $1 ORDER BY id"
}

extension PostgresStore {
    public func searchCases(_ query: SearchQuery, matching filter: CaseFilter, limit: Int) async throws -> [Case] {
        // plainto_tsquery ANDs the words after Dutch stemming (every word kept, see migration 20);
        // it reads no operators. Newest
        // matching messages first, from the newest `scanLimit` matches (no per-row ranking, which
        // would recompute every match's tsvector). A filter applies while the matches are read, so
        // that the window holds matches of cases that pass it; its unqualified columns are the
        // inner `cases`'.
        var binds = PostgresBindings()
        binds.append(query.words.joined(separator: " "))
        var conditions: [String] = []
        Self.addConditions(filter, to: &conditions, binds: &binds)
        let passes = conditions.isEmpty ? "" : "AND EXISTS (SELECT 1 FROM cases WHERE cases.id = s.case_id AND \(conditions.joined(separator: " AND ")))"
        binds.append(query.scanLimit)
        let scanLimit = binds.count
        binds.append(limit)
        let sql = """
            SELECT c.* FROM cases c
            JOIN (SELECT case_id, MAX(received_at) AS latest
                  FROM (SELECT s.case_id, s.received_at FROM signals s
                        WHERE s.text_dutch @@ plainto_tsquery('signaal_dutch', \(PostgresMigrations.searchText("$1"))) \(passes)
                        ORDER BY s.received_at DESC LIMIT $\(scanLimit)) hits
                  GROUP BY case_id) m ON m.case_id = c.id
            ORDER BY m.latest DESC, c.id DESC LIMIT $\(binds.count)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { try PostgresRows.theCase($0) }
    }
}
