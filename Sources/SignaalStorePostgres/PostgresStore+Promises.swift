import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func createPromise(_ promise: CasePromise) async throws {
        try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM cases WHERE id = \(promise.caseID.rawValue)", on: connection).isEmpty else {
                throw DomainError.notFound("zaak")
            }
            try await connection.query(
                """
                INSERT INTO promises (id, case_id, owner_id, text, due_at, status, created_at, created_by, settled_at, settled_by)
                VALUES (\(promise.id.rawValue), \(promise.caseID.rawValue), \(promise.ownerID.rawValue), \(promise.text), \(promise.dueAt),
                    \(promise.status.rawValue), \(promise.createdAt), \(promise.createdBy.rawValue), \(promise.settledAt),
                    \(promise.settledBy?.rawValue))
                """, logger: self.logger)
        }
    }

    public func promises(caseIDs: [CaseID]) async throws -> [CasePromise] {
        try await rows(of: "promises", caseIDs: caseIDs, orderedBy: "due_at, id", Self.promise)
    }

    public func openPromises(dueBefore before: Date, ownerID: UserID?, limit: Int) async throws -> [CasePromise] {
        let owner = ownerID?.rawValue
        return try await rows(
            """
            SELECT * FROM promises WHERE status = 'open' AND due_at < \(before)
                AND (\(owner)::uuid IS NULL OR owner_id = \(owner))
            ORDER BY due_at DESC, id DESC LIMIT \(limit)
            """
        ).map(Self.promise)
    }

    public func promises(dueSince since: Date) async throws -> [CasePromise] {
        try await rows("SELECT * FROM promises WHERE due_at >= \(since) ORDER BY due_at, id").map(Self.promise)
    }

    public func settlePromise(id: PromiseID, as status: CasePromise.Status, by userID: UserID, at: Date) async throws -> CasePromise {
        try await transaction { connection in
            guard var promise = try await self.rows("SELECT * FROM promises WHERE id = \(id.rawValue) FOR UPDATE", on: connection)
                .first.map(Self.promise)
            else { throw DomainError.notFound("toezegging") }
            try PromiseRules.checkSettle(promise, as: status)
            promise.status = status
            promise.settledAt = at
            promise.settledBy = userID
            try await connection.query(
                """
                UPDATE promises SET status = \(status.rawValue), settled_at = \(at), settled_by = \(userID.rawValue)
                WHERE id = \(id.rawValue) AND status = 'open'
                """, logger: self.logger)
            return promise
        }
    }

    static func promise(_ row: PostgresRandomAccessRow) throws -> CasePromise {
        guard let status = CasePromise.Status(rawValue: try row["status"].decode(String.self)) else {
            throw DomainError.conflict("onbekende status van een toezegging")
        }
        return CasePromise(
            id: PromiseID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            ownerID: UserID(try row["owner_id"].decode(UUID.self)), text: try row["text"].decode(String.self),
            dueAt: try row["due_at"].decodeTime(), status: status, createdAt: try row["created_at"].decodeTime(),
            createdBy: UserID(try row["created_by"].decode(UUID.self)), settledAt: try row["settled_at"].decodeOptionalTime(),
            settledBy: try row["settled_by"].decode(UUID?.self).map(UserID.init))
    }
}
