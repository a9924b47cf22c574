import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func bulkLoad(customers: [Customer], cases: [Case], signals: [Signal]) async throws {
        try await writer.write { db in
            let customer = try db.makeStatement(sql: "INSERT INTO customers (id, name, created_at) VALUES (?, ?, ?)")
            let identity = try db.makeStatement(
                sql: "INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)")
            for each in customers {
                let created = each.createdAt.millisecondsSince1970
                try customer.execute(arguments: [each.id.description, each.name, created])
                for known in each.identities {
                    try identity.execute(arguments: [known.kind.rawValue, known.value, each.id.description, created])
                }
            }
            let theCase = try db.makeStatement(sql: SQLiteRows.insertCaseSQL)
            for each in cases { try theCase.execute(arguments: SQLiteRows.caseArguments(each)) }
            let signal = try db.makeStatement(sql: SQLiteRows.insertSignalSQL)
            for each in signals { try signal.execute(arguments: try SQLiteRows.signalArguments(each)) }
        }
    }

    public func analyze() async throws {
        try await writer.write { db in try db.execute(sql: "ANALYZE") }
    }

    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func customers(ids: [CustomerID]) async throws -> [CustomerID: Customer] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await writer.read { db in
            let placeholders = unique.map { _ in "?" }.joined(separator: ", ")
            let arguments = StatementArguments(unique.map(\.description))
            var identities: [String: [Identity]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT customer_id, kind, value FROM customer_identities WHERE customer_id IN (\(placeholders)) ORDER BY created_at, kind",
                arguments: arguments)
            {
                guard let kind = Identity.Kind(rawValue: row["kind"]), let identity = Identity(kind: kind, raw: row["value"]) else { continue }
                identities[row["customer_id"], default: []].append(identity)
            }
            var result: [CustomerID: Customer] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM customers WHERE id IN (\(placeholders))", arguments: arguments) {
                let id: CustomerID = try SQLiteRows.id(row, "id")
                result[id] = Customer(
                    id: id, name: row["name"], identities: identities[id.description] ?? [], createdAt: SQLiteRows.date(row, "created_at"))
            }
            return result
        }
    }
}
