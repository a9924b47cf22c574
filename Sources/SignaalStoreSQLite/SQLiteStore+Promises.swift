import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func createPromise(_ promise: CasePromise) async throws {
        try await writer.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [promise.caseID.description]) != nil else {
                throw DomainError.notFound("zaak")
            }
            try db.execute(
                sql: """
                    INSERT INTO promises (id, case_id, owner_id, text, due_at, status, created_at, created_by, settled_at, settled_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    promise.id.description, promise.caseID.description, promise.ownerID.description, promise.text,
                    promise.dueAt.millisecondsSince1970, promise.status.rawValue, promise.createdAt.millisecondsSince1970,
                    promise.createdBy.description, promise.settledAt?.millisecondsSince1970, promise.settledBy?.description,
                ])
        }
    }

    public func promises(caseIDs: [CaseID]) async throws -> [CasePromise] {
        try await rows(of: "promises", caseIDs: caseIDs, orderedBy: "due_at, id", Self.promise)
    }

    public func openPromises(dueBefore before: Date, ownerID: UserID?, limit: Int) async throws -> [CasePromise] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM promises WHERE status = 'open' AND due_at < ? AND (? IS NULL OR owner_id = ?)
                    ORDER BY due_at DESC, id DESC LIMIT ?
                    """,
                arguments: [before.millisecondsSince1970, ownerID?.description, ownerID?.description, limit]
            ).map(Self.promise)
        }
    }

    public func promises(dueSince since: Date) async throws -> [CasePromise] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM promises WHERE due_at >= ? ORDER BY due_at, id", arguments: [since.millisecondsSince1970])
                .map(Self.promise)
        }
    }

    public func settlePromise(id: PromiseID, as status: CasePromise.Status, by userID: UserID, at: Date) async throws -> CasePromise {
        try await writer.write { db in
            guard var promise = try Row.fetchOne(db, sql: "SELECT * FROM promises WHERE id = ?", arguments: [id.description]).map(Self.promise)
            else { throw DomainError.notFound("toezegging") }
            try PromiseRules.checkSettle(promise, as: status)
            promise.status = status
            promise.settledAt = at
            promise.settledBy = userID
            try db.execute(
                sql: "UPDATE promises SET status = ?, settled_at = ?, settled_by = ? WHERE id = ? AND status = 'open'",
                arguments: [status.rawValue, at.millisecondsSince1970, userID.description, id.description])
            return promise
        }
    }

    static func promise(_ row: Row) throws -> CasePromise {
        guard let status = CasePromise.Status(rawValue: row["status"]) else { throw StoreCorruption("bad promise status") }
        return CasePromise(
            id: try SQLiteRows.id(row, "id"), caseID: try SQLiteRows.id(row, "case_id"), ownerID: try SQLiteRows.id(row, "owner_id"),
            text: row["text"], dueAt: SQLiteRows.date(row, "due_at"), status: status, createdAt: SQLiteRows.date(row, "created_at"),
            createdBy: try SQLiteRows.id(row, "created_by"), settledAt: SQLiteRows.optionalDate(row, "settled_at"),
            settledBy: (row["settled_by"] as String?).flatMap(UserID.init))
    }
}
