import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func `case`(id: CaseID) async throws -> Case? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [id.description])
            else { return nil }
            let transitions = try Row.fetchAll(
                db, sql: "SELECT * FROM case_transitions WHERE case_id = ? ORDER BY id", arguments: [id.description]
            ).map(SQLiteRows.transition)
            return try SQLiteRows.theCase(row, transitions: transitions)
        }
    }

    public func cases(matching filter: CaseFilter, limit: Int, after cursor: CaseCursor?) async throws -> [Case] {
        var (conditions, arguments) = Self.conditions(filter)
        if let cursor {
            // A row value, which the planner turns into one seek in the (priority, id) order.
            conditions.append("(priority, id) < (?, ?)")
            arguments += [cursor.priority, cursor.id.description]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        let sql = "SELECT * FROM cases \(whereClause) ORDER BY priority DESC, id DESC LIMIT ?"
        let finalArguments = arguments
        return try await writer.read { db in
            try SQLiteRows.all(db.cachedStatement(sql: sql), finalArguments, { try SQLiteRows.theCase($0) })
        }
    }

    public func countCases(matching filter: CaseFilter, cap: Int) async throws -> Int {
        var (conditions, arguments) = Self.conditions(filter)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(cap, 0)]
        let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM cases \(whereClause) LIMIT ?)"
        let finalArguments = arguments
        return try await writer.read { db in try Int.fetchOne(db.cachedStatement(sql: sql), arguments: finalArguments) ?? 0 }
    }

    /// The filter as conditions on the columns of `cases`, with their arguments.
    static func conditions(_ filter: CaseFilter) -> (conditions: [String], arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        let statuses = Set(filter.statuses)
        if !statuses.isEmpty {
            // Word for word the condition of a partial index (`cases_inbox` for the unresolved
            // statuses, `cases_done_priority` for the others), so the planner can use it; then,
            // for part of those statuses, the statuses asked for.
            let partial: (condition: String, statuses: Set<CaseStatus>)? =
                statuses.isSubset(of: Self.unresolvedStatuses) ? (Self.unresolvedCondition, Self.unresolvedStatuses)
                : statuses.isSubset(of: Self.doneStatuses) ? (Self.doneCondition, Self.doneStatuses) : nil
            if let partial { conditions.append(partial.condition) }
            if statuses != partial?.statuses {
                conditions.append("status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))")
                for status in filter.statuses { arguments += [status.rawValue] }
            }
        }
        switch filter.owner {
        case .any: break
        case .unassigned: conditions.append("owner_id IS NULL")
        case .user(let id):
            conditions.append("owner_id = ?")
            arguments += [id.description]
        }
        if let team = filter.teamID {
            conditions.append("team_id = ?")
            arguments += [team.description]
        }
        for (column, value) in filter.equalities {
            conditions.append("\(column) = ?")
            arguments += [value]
        }
        if let topic = filter.topic {
            conditions.append("instr(topics, ?) > 0")
            arguments += [CaseTopicsColumn.needle(topic)]
        }
        if let since = filter.lastInboundSince {
            conditions.append("last_inbound_at >= ?")
            arguments += [since.millisecondsSince1970]
        }
        return (conditions, arguments)
    }

    public func cases(ids: [CaseID]) async throws -> [CaseID: Case] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await writer.read { db in
            let statement = try db.makeStatement(sql: "SELECT * FROM cases WHERE id IN (\(unique.map { _ in "?" }.joined(separator: ", ")))")
            let cases = try SQLiteRows.all(statement, StatementArguments(unique.map(\.description)), { try SQLiteRows.theCase($0) })
            return Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        }
    }

    /// The rows of `table` that belong to one of `caseIDs`, in one query: a customer's export reads
    /// each kind of record once for all their cases.
    func rows<T: Sendable>(of table: String, caseIDs: [CaseID], orderedBy order: String, _ decode: @escaping @Sendable (Row) throws -> T)
        async throws -> [T]
    {
        let unique = Array(Set(caseIDs))
        guard !unique.isEmpty else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM \(table) WHERE case_id IN (\(databaseQuestionMarks(count: unique.count))) ORDER BY \(order)",
                arguments: StatementArguments(unique.map(\.description))
            ).map(decode)
        }
    }

    public func transitions(caseIDs: [CaseID]) async throws -> [CaseID: [CaseTransition]] {
        let unique = Array(Set(caseIDs))
        guard !unique.isEmpty else { return [:] }
        return try await writer.read { db in
            var result: [CaseID: [CaseTransition]] = [:]
            let statement = try db.makeStatement(
                sql: "SELECT * FROM case_transitions WHERE case_id IN (\(unique.map { _ in "?" }.joined(separator: ", "))) ORDER BY id")
            for (caseID, transition) in try SQLiteRows.all(
                statement, StatementArguments(unique.map(\.description)), { (try SQLiteRows.id($0, "case_id") as CaseID, try SQLiteRows.transition($0)) })
            {
                result[caseID, default: []].append(transition)
            }
            return result
        }
    }

    public func casesChasedBeforeFirstReply(_ caseIDs: [CaseID]) async throws -> Set<CaseID> {
        let unique = Array(Set(caseIDs))
        guard !unique.isEmpty else { return [] }
        return try await writer.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT s.case_id FROM signals s JOIN cases c ON c.id = s.case_id
                        WHERE s.case_id IN (\(unique.map { _ in "?" }.joined(separator: ", ")))
                            AND (c.responded_at IS NULL OR s.received_at < c.responded_at)
                        GROUP BY s.case_id HAVING count(*) > 1
                        """,
                    arguments: StatementArguments(unique.map(\.description))
                ).compactMap(CaseID.init))
        }
    }

    public func cases(customerID: CustomerID) async throws -> [Case] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM cases WHERE customer_id = ? ORDER BY opened_at DESC, id DESC",
                arguments: [customerID.description]
            ).map { try SQLiteRows.theCase($0) }
        }
    }

    public func customer(id: CustomerID) async throws -> Customer? {
        try await writer.read { db in try Self.customer(id: id.description, db: db) }
    }

    public func resolvedCases(since: Date, limit: Int) async throws -> [Case] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases WHERE id IN (SELECT case_id FROM case_transitions WHERE to_status = 'resolved' AND at >= ?)
                    ORDER BY id LIMIT ?
                    """,
                arguments: [since.millisecondsSince1970, limit]
            ).map { try SQLiteRows.theCase($0) }
        }
    }

    public func cases(openedIn period: DateInterval) async throws -> [Case] {
        try await writer.read { db in
            try SQLiteRows.all(
                db.cachedStatement(
                    sql: "SELECT * FROM cases WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, priority DESC, id DESC"),
                [period.start.millisecondsSince1970, period.end.millisecondsSince1970], { try SQLiteRows.theCase($0) })
        }
    }

    public func unresolvedCases(limit: Int, after cursor: CaseID?) async throws -> [Case] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases WHERE \(Self.unresolvedCondition) AND id > ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [cursor?.description ?? "", limit]
            ).map { try SQLiteRows.theCase($0) }
        }
    }

    public func updatePriorities(_ priorities: [(CaseID, Double)]) async throws {
        guard !priorities.isEmpty else { return }
        try await writer.write { db in
            for (id, priority) in priorities {
                try db.execute(sql: "UPDATE cases SET priority = ? WHERE id = ?", arguments: [priority, id.description])
            }
        }
    }
}

extension SQLiteStore {
    public func updateCase(id: CaseID, _ change: @escaping @Sendable (inout Case) throws -> Void) async throws -> Case {
        try await writer.write { db in try Self.updateCase(id: id, change, db: db) }
    }

    public func updateCase(
        id: CaseID, ifOwnerBelow capacity: Int, owner: UserID, _ change: @escaping @Sendable (inout Case) throws -> Void
    ) async throws -> Case? {
        // One write transaction: SQLite's single writer makes the count and the change one step.
        try await writer.write { db in
            let open = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM cases WHERE owner_id = ? AND \(Self.unresolvedCondition)", arguments: [owner.description]) ?? 0
            guard open < capacity else { return nil }
            return try Self.updateCase(id: id, change, db: db)
        }
    }

    /// The case's open promises go with it to its new owner, who is the one reminded of them now.
    static func giveOpenPromises(of caseID: CaseID, to owner: UserID, db: Database) throws {
        try db.execute(
            sql: "UPDATE promises SET owner_id = ? WHERE case_id = ? AND status = 'open'", arguments: [owner.description, caseID.description])
    }

    /// `updateCase`'s work inside a write transaction.
    static func updateCase(id: CaseID, _ change: @Sendable (inout Case) throws -> Void, db: Database) throws -> Case {
        // Cached statements: every change to a case comes here (routing places each new case), and
        // preparing the three anew cost more than running them.
        guard
            var theCase = try SQLiteRows.one(
                db.cachedStatement(sql: "SELECT * FROM cases WHERE id = ?"), [id.description], { try SQLiteRows.theCase($0) })
        else { throw DomainError.notFound("Zaak \(id)") }
        let previousOwner = theCase.ownerID
        try change(&theCase)
        try db.cachedStatement(
            sql: """
                UPDATE cases SET status = ?, owner_id = ?, team_id = ?, priority = ?, updated_at = ?,
                    waiting_since = ?, reopen_count = ?, root_cause = ?, sla_started_at = ?, responded_at = ?,
                    sentiment = ?, intent = ?, topics = ?, language = ?
                WHERE id = ?
                """
        ).execute(
            arguments: [
                theCase.status.rawValue, theCase.ownerID?.description, theCase.teamID?.description, theCase.priority,
                theCase.updatedAt.millisecondsSince1970, theCase.waitingSince?.millisecondsSince1970,
                theCase.reopenCount, theCase.rootCause, theCase.slaStartedAt.millisecondsSince1970,
                theCase.respondedAt?.millisecondsSince1970, theCase.sentiment?.rawValue, theCase.intent?.rawValue,
                CaseTopicsColumn.encode(theCase.topics), theCase.language, id.description,
            ])
        if let owner = theCase.ownerID, owner != previousOwner { try giveOpenPromises(of: id, to: owner, db: db) }
        try Self.insertTransitions(theCase.transitions, of: id, db: db)
        let history = try SQLiteRows.all(
            db.cachedStatement(sql: "SELECT * FROM case_transitions WHERE case_id = ? ORDER BY id"), [id.description],
            SQLiteRows.transition)
        theCase.transitions = history
        return theCase
    }
}

extension SQLiteStore {
    public func searchCases(_ query: SearchQuery, matching filter: CaseFilter, limit: Int) async throws -> [Case] {
        // Each word quoted: FTS5 reads it as a plain term (stemmed by the 'dutch' tokenizer), never as syntax.
        let match = query.words.map { "\"\($0)\"" }.joined(separator: " ")
        let (conditions, filterArguments) = Self.conditions(filter)
        // The filter applies while the matches are read, not after the newest `scanLimit` of them:
        // a match counts only when its case passes (a lookup by key per match). The unqualified
        // columns of the conditions are the inner `cases`'.
        let passes = conditions.isEmpty ? "" : "AND EXISTS (SELECT 1 FROM cases WHERE cases.id = s.case_id AND \(conditions.joined(separator: " AND ")))"
        var arguments: StatementArguments = [match]
        arguments += filterArguments
        arguments += [query.scanLimit, limit]
        return try await writer.read { [arguments] db in
            try Row.fetchAll(
                db,
                // Newest matching messages first: FTS5 walks its index backwards and the scan stops
                // at `scanLimit`, so without a filter a common word costs no more than a rare one.
                sql: """
                    SELECT c.* FROM cases c
                    JOIN (SELECT hits.case_id, MAX(hits.received_at) AS latest
                          FROM (SELECT s.case_id, s.received_at FROM signals_fts JOIN signals s ON s.rowid = signals_fts.rowid
                                WHERE signals_fts MATCH ? \(passes) ORDER BY signals_fts.rowid DESC LIMIT ?) hits
                          GROUP BY hits.case_id) m ON m.case_id = c.id
                    ORDER BY m.latest DESC, c.id DESC LIMIT ?
                    """,
                arguments: arguments
            ).map { try SQLiteRows.theCase($0) }
        }
    }
}
