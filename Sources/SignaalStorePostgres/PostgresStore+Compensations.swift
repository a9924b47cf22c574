import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordCompensation(
        _ compensation: Compensation, decide: @escaping @Sendable ([Compensation]) throws -> Compensation.Status
    ) async throws -> Compensation {
        try await transaction { connection in
            // FOR UPDATE on the case: two grants on one case at once are decided one after the other.
            guard
                let customer = try await self.rows(
                    "SELECT customer_id FROM cases WHERE id = \(compensation.caseID.rawValue) FOR UPDATE", on: connection
                ).first.map({ try $0["customer_id"].decode(UUID.self) })
            else { throw DomainError.notFound("zaak") }
            guard customer == compensation.customerID.rawValue else { throw DomainError.conflict("Deze zaak hoort bij een andere klant.") }
            let earlier = try await self.rows(
                "SELECT * FROM compensations WHERE case_id = \(compensation.caseID.rawValue) ORDER BY requested_at, id", on: connection
            ).map(Self.compensation)
            var stored = compensation
            stored.status = try decide(earlier)
            try await connection.query(
                """
                INSERT INTO compensations (id, case_id, customer_id, kind, amount_cents, reason, status, requested_by, requested_at,
                    decided_by, decided_at, decision_note)
                VALUES (\(stored.id.rawValue), \(stored.caseID.rawValue), \(stored.customerID.rawValue), \(stored.kind.rawValue),
                    \(Int64(stored.amountCents)), \(stored.reason), \(stored.status.rawValue), \(stored.requestedBy.rawValue),
                    \(stored.requestedAt), \(stored.decidedBy?.rawValue), \(stored.decidedAt), \(stored.decisionNote))
                """, logger: self.logger)
            return stored
        }
    }

    public func compensation(id: CompensationID) async throws -> Compensation? {
        try await rows("SELECT * FROM compensations WHERE id = \(id.rawValue)").first.map(Self.compensation)
    }

    public func compensations(caseIDs: [CaseID]) async throws -> [Compensation] {
        try await rows(of: "compensations", caseIDs: caseIDs, orderedBy: "requested_at, id", Self.compensation)
    }

    public func compensations(customerID: CustomerID) async throws -> [Compensation] {
        try await rows("SELECT * FROM compensations WHERE customer_id = \(customerID.rawValue) ORDER BY requested_at, id")
            .map(Self.compensation)
    }

    public func pendingCompensations(limit: Int) async throws -> [Compensation] {
        try await rows("SELECT * FROM compensations WHERE status = 'pending' ORDER BY requested_at, id LIMIT \(limit)").map(Self.compensation)
    }

    public func grantedCompensations(since: Date) async throws -> [Compensation] {
        try await rows(
            "SELECT * FROM compensations WHERE status = 'granted' AND COALESCE(decided_at, requested_at) >= \(since) ORDER BY requested_at, id"
        ).map(Self.compensation)
    }

    public func decideCompensation(
        id: CompensationID, status: Compensation.Status, by userID: UserID, note: String?, at: Date,
        check: @escaping @Sendable (Compensation, [Compensation]) throws -> Void
    ) async throws -> Compensation {
        try await transaction { connection in
            guard
                let caseID = try await self.rows("SELECT case_id FROM compensations WHERE id = \(id.rawValue)", on: connection)
                    .first.map({ try $0["case_id"].decode(UUID.self) })
            else { throw DomainError.notFound("tegemoetkoming") }
            // Lock the case first, as a new grant does, so a decision and a grant cannot interleave.
            _ = try await self.rows("SELECT 1 FROM cases WHERE id = \(caseID) FOR UPDATE", on: connection)
            guard let request = try await self.rows("SELECT * FROM compensations WHERE id = \(id.rawValue)", on: connection)
                .first.map(Self.compensation)
            else { throw DomainError.notFound("tegemoetkoming") }
            let decided = try CompensationRules.decided(request, as: status, by: userID, note: note, at: at)
            let others = try await self.rows(
                "SELECT * FROM compensations WHERE case_id = \(caseID) AND id <> \(id.rawValue) ORDER BY requested_at, id", on: connection
            ).map(Self.compensation)
            try check(request, others)
            try await connection.query(
                """
                UPDATE compensations SET status = \(status.rawValue), decided_by = \(userID.rawValue), decided_at = \(at),
                    decision_note = \(note) WHERE id = \(id.rawValue) AND status = 'pending'
                """, logger: self.logger)
            return decided
        }
    }

    static func compensation(_ row: PostgresRandomAccessRow) throws -> Compensation {
        guard let kind = Compensation.Kind(rawValue: try row["kind"].decode(String.self)),
            let status = Compensation.Status(rawValue: try row["status"].decode(String.self))
        else { throw DomainError.conflict("onbekende soort of status van een tegemoetkoming") }
        return Compensation(
            id: CompensationID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            customerID: CustomerID(try row["customer_id"].decode(UUID.self)), kind: kind,
            amountCents: Int(try row["amount_cents"].decode(Int64.self)), reason: try row["reason"].decode(String.self), status: status,
            requestedBy: UserID(try row["requested_by"].decode(UUID.self)), requestedAt: try row["requested_at"].decodeTime(),
            decidedBy: try row["decided_by"].decode(UUID?.self).map(UserID.init), decidedAt: try row["decided_at"].decodeOptionalTime(),
            decisionNote: try row["decision_note"].decode(String?.self))
    }
}
