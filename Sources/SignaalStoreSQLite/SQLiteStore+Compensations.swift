import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func recordCompensation(
        _ compensation: Compensation, decide: @escaping @Sendable ([Compensation]) throws -> Compensation.Status
    ) async throws -> Compensation {
        // One write transaction at a time in SQLite: the case's ledger cannot change in between.
        try await writer.write { db in
            guard let customer = try String.fetchOne(db, sql: "SELECT customer_id FROM cases WHERE id = ?", arguments: [compensation.caseID.description])
            else { throw DomainError.notFound("zaak") }
            guard customer == compensation.customerID.description else { throw DomainError.conflict("Deze zaak hoort bij een andere klant.") }
            let earlier = try Row.fetchAll(
                db, sql: "SELECT * FROM compensations WHERE case_id = ? ORDER BY requested_at, id", arguments: [compensation.caseID.description]
            ).map(Self.compensation)
            var stored = compensation
            stored.status = try decide(earlier)
            try db.execute(
                sql: """
                    INSERT INTO compensations (id, case_id, customer_id, kind, amount_cents, reason, status, requested_by, requested_at,
                        decided_by, decided_at, decision_note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.id.description, stored.caseID.description, stored.customerID.description, stored.kind.rawValue,
                    stored.amountCents, stored.reason, stored.status.rawValue, stored.requestedBy.description,
                    stored.requestedAt.millisecondsSince1970, stored.decidedBy?.description, stored.decidedAt?.millisecondsSince1970,
                    stored.decisionNote,
                ])
            return stored
        }
    }

    public func compensation(id: CompensationID) async throws -> Compensation? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM compensations WHERE id = ?", arguments: [id.description]).map(Self.compensation)
        }
    }

    public func compensations(caseIDs: [CaseID]) async throws -> [Compensation] {
        try await rows(of: "compensations", caseIDs: caseIDs, orderedBy: "requested_at, id", Self.compensation)
    }

    public func compensations(customerID: CustomerID) async throws -> [Compensation] {
        try await compensations(where: "customer_id = ?", [customerID.description])
    }

    public func pendingCompensations(limit: Int) async throws -> [Compensation] {
        try await compensations(where: "status = 'pending'", [], limit: limit)
    }

    public func grantedCompensations(since: Date) async throws -> [Compensation] {
        try await compensations(where: "status = 'granted' AND COALESCE(decided_at, requested_at) >= ?", [since.millisecondsSince1970])
    }

    public func decideCompensation(
        id: CompensationID, status: Compensation.Status, by userID: UserID, note: String?, at: Date,
        check: @escaping @Sendable (Compensation, [Compensation]) throws -> Void
    ) async throws -> Compensation {
        try await writer.write { db in
            guard let request = try Row.fetchOne(db, sql: "SELECT * FROM compensations WHERE id = ?", arguments: [id.description])
                .map(Self.compensation)
            else { throw DomainError.notFound("tegemoetkoming") }
            let decided = try CompensationRules.decided(request, as: status, by: userID, note: note, at: at)
            let others = try Row.fetchAll(
                db, sql: "SELECT * FROM compensations WHERE case_id = ? AND id <> ? ORDER BY requested_at, id",
                arguments: [request.caseID.description, id.description]
            ).map(Self.compensation)
            try check(request, others)
            try db.execute(
                sql: "UPDATE compensations SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND status = 'pending'",
                arguments: [status.rawValue, userID.description, at.millisecondsSince1970, note, id.description])
            return decided
        }
    }

    private func compensations(where condition: String, _ arguments: StatementArguments, limit: Int? = nil) async throws
        -> [Compensation]
    {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM compensations WHERE \(condition) ORDER BY requested_at, id" + (limit.map { " LIMIT \($0)" } ?? ""),
                arguments: arguments
            ).map(Self.compensation)
        }
    }

    static func compensation(_ row: Row) throws -> Compensation {
        guard let kind = Compensation.Kind(rawValue: row["kind"]), let status = Compensation.Status(rawValue: row["status"]) else {
            throw StoreCorruption("bad compensation kind or status")
        }
        return Compensation(
            id: try SQLiteRows.id(row, "id"), caseID: try SQLiteRows.id(row, "case_id"), customerID: try SQLiteRows.id(row, "customer_id"),
            kind: kind, amountCents: row["amount_cents"], reason: row["reason"], status: status,
            requestedBy: try SQLiteRows.id(row, "requested_by"), requestedAt: SQLiteRows.date(row, "requested_at"),
            decidedBy: (row["decided_by"] as String?).flatMap(UserID.init), decidedAt: SQLiteRows.optionalDate(row, "decided_at"),
            decisionNote: row["decision_note"])
    }
}
