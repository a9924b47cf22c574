import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func bulkLoad(customers: [Customer], cases: [Case], signals: [Signal]) async throws {
        try await writer.write { db in
            let customer = try db.makeStatement(sql: "INSERT INTO customers (id, name, name_folded, created_at) VALUES (?, ?, ?, ?)")
            let identity = try db.makeStatement(
                sql: "INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)")
            for each in customers {
                let created = each.createdAt.millisecondsSince1970
                try customer.execute(arguments: [each.id.description, each.name, each.name.map(CustomerNameSearch.folded), created])
                for known in each.identities {
                    try identity.execute(arguments: [known.kind.rawValue, known.value, each.id.description, created])
                }
            }
            let theCase = try db.makeStatement(sql: SQLiteRows.insertCaseSQL)
            for each in cases { try theCase.execute(arguments: SQLiteRows.caseArguments(each)) }
            let indexed = try SQLiteStore.lastSignalRow(db)
            let signal = try db.makeStatement(sql: SQLiteRows.insertSignalSQL)
            for each in signals { try signal.execute(arguments: try SQLiteRows.signalArguments(each)) }
            try SQLiteStore.indexSignals(after: indexed, db: db)
        }
    }

    public func analyze() async throws {
        try await writer.write { db in try db.execute(sql: "ANALYZE") }
    }

    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// The customers holding any of `identities`, in the order of the identities, each once.
    public func customerIDs(having identities: [Identity]) async throws -> [CustomerID] {
        guard !identities.isEmpty else { return [] }
        return try await writer.read { db in
            var found: [CustomerID] = []
            for identity in identities {
                let id = try String.fetchOne(
                    db, sql: "SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?",
                    arguments: [identity.kind.rawValue, identity.value])
                if let id = id.flatMap(CustomerID.init), !found.contains(id) { found.append(id) }
            }
            return found
        }
    }

    public func customerIDs(named words: [String], limit: Int) async throws -> [CustomerID] {
        guard !words.isEmpty else { return [] }
        // A word starts the name or follows a space; `\` escapes LIKE's wildcards in what was typed.
        let condition = words.map { _ in "(name_folded LIKE ? ESCAPE '\\' OR name_folded LIKE ? ESCAPE '\\')" }.joined(separator: " AND ")
        let arguments = words.flatMap { word -> [String] in
            let escaped = CustomerNameSearch.escapedForLike(CustomerNameSearch.folded(word))
            return [escaped + "%", "% " + escaped + "%"]
        }
        return try await writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM customers WHERE name_folded IS NOT NULL AND \(condition) ORDER BY name, id LIMIT ?",
                arguments: StatementArguments(arguments) + [limit]
            ).compactMap(CustomerID.init)
        }
    }

    /// One query: the customers with their identities joined, one row per identity.
    public func customers(ids: [CustomerID]) async throws -> [CustomerID: Customer] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await writer.read { db in
            let placeholders = unique.map { _ in "?" }.joined(separator: ", ")
            var result: [CustomerID: Customer] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, c.created_at, i.kind, i.value FROM customers c
                    LEFT JOIN customer_identities i ON i.customer_id = c.id
                    WHERE c.id IN (\(placeholders)) ORDER BY c.id, i.created_at, i.kind
                    """,
                arguments: StatementArguments(unique.map(\.description)))
            {
                let id: CustomerID = try SQLiteRows.id(row, "id")
                if result[id] == nil {
                    result[id] = Customer(id: id, name: row["name"], identities: [], createdAt: SQLiteRows.date(row, "created_at"))
                }
                if let kindText: String = row["kind"], let kind = Identity.Kind(rawValue: kindText),
                    let identity = Identity(kind: kind, raw: row["value"])
                {
                    result[id]?.identities.append(identity)
                }
            }
            return result
        }
    }
}
