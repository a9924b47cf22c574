import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func createImprovement(_ action: ImprovementAction) async throws {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO improvements (id, title, topic, plan, cases_since, started_by, started_at, done_at, done_by, done_message,
                            reached, skipped)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        action.id.description, action.title, action.topic, action.plan, action.casesSince.millisecondsSince1970,
                        action.startedBy.description, action.startedAt.millisecondsSince1970, action.doneAt?.millisecondsSince1970,
                        action.doneBy?.description, action.doneMessage, action.reached, action.skipped,
                    ])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw DomainError.conflict("Er loopt al een verbeteractie voor deze oorzaak.")
        }
    }

    public func improvement(id: ImprovementID) async throws -> ImprovementAction? {
        try await writer.read { db in try Self.improvement(id: id, db: db) }
    }

    static func improvement(id: ImprovementID, db: Database) throws -> ImprovementAction? {
        try Row.fetchOne(db, sql: "SELECT * FROM improvements WHERE id = ?", arguments: [id.description]).map(Self.improvement)
    }

    public func improvements(limit: Int) async throws -> [ImprovementAction] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM improvements
                    ORDER BY done_at IS NOT NULL, COALESCE(done_at, started_at) DESC, id DESC LIMIT ?
                    """,
                arguments: [limit]
            ).map(Self.improvement)
        }
    }

    public func finishImprovement(
        id: ImprovementID, message: String, by userID: UserID, at: Date, notices: [UserID: Int], recipients: [CaseID]
    ) async throws -> ImprovementAction? {
        try await writer.write { db in
            guard let action = try Self.improvement(id: id, db: db) else { return nil }
            guard !action.isDone else { throw DomainError.conflict("Deze verbeteractie is al afgerond.") }
            try db.execute(
                sql: "UPDATE improvements SET done_at = ?, done_by = ?, done_message = ? WHERE id = ? AND done_at IS NULL",
                arguments: [at.millisecondsSince1970, userID.description, message, id.description])
            for (user, cases) in notices.sorted(by: { $0.key.description < $1.key.description }) {
                try db.execute(
                    sql: "INSERT INTO improvement_notices (improvement_id, user_id, cases) VALUES (?, ?, ?)",
                    arguments: [id.description, user.description, cases])
            }
            try SQLiteRecipientQueue.improvements.enqueue(recipients, for: id.description, db: db)
            return try Self.improvement(id: id, db: db)
        }
    }

    public func claimImprovementRecipient(id: ImprovementID) async throws -> CaseID? {
        try await writer.write { db in try SQLiteRecipientQueue.improvements.claim(for: id.description, db: db) }
    }

    public func improvementRecipientOutcomes(id: ImprovementID) async throws -> [RecipientOutcome] {
        try await writer.read { db in try SQLiteRecipientQueue.improvements.outcomes(inGroup: id.description, db: db).map(\.outcome) }
    }

    public func settleImprovementRecipient(id: ImprovementID, caseID: CaseID, replyID: ReplyID?, reason: String?) async throws {
        try await writer.write { db in
            try SQLiteRecipientQueue.improvements.settle(caseID, for: id.description, replyID: replyID, reason: reason, db: db)
        }
    }

    public func improvementsAwaitingDelivery(finishedBefore before: Date) async throws -> [ImprovementID] {
        try await writer.read { db in try SQLiteRecipientQueue.improvements.awaiting(sentBefore: before, db: db).compactMap(ImprovementID.init) }
    }

    public func improvementNotices(userID: UserID, since: Date) async throws -> [ImprovementNotice] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.*, n.user_id AS notice_user, n.cases AS notice_cases, n.seen_at AS notice_seen
                    FROM improvement_notices n JOIN improvements i ON i.id = n.improvement_id
                    WHERE n.user_id = ? AND n.seen_at IS NULL AND i.done_at >= ?
                    ORDER BY i.done_at DESC, i.id DESC
                    """,
                arguments: [userID.description, since.millisecondsSince1970]
            ).map { row in
                ImprovementNotice(
                    action: try Self.improvement(row), userID: try SQLiteRows.id(row, "notice_user"), cases: row["notice_cases"],
                    seenAt: SQLiteRows.optionalDate(row, "notice_seen"))
            }
        }
    }

    public func markImprovementNoticeSeen(actionID: ImprovementID, userID: UserID, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE improvement_notices SET seen_at = ? WHERE improvement_id = ? AND user_id = ? AND seen_at IS NULL",
                arguments: [at.millisecondsSince1970, actionID.description, userID.description])
        }
    }

    /// Through the partial root-cause index, then each case's own transitions: there is no index
    /// on transitions by status, and intake should not pay for one.
    public func cases(rootCause topic: String, resolvedSince since: Date, limit: Int) async throws -> [Case] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases c WHERE c.root_cause = ?
                    AND EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = c.id AND t.to_status = 'resolved' AND t.at >= ?)
                    ORDER BY c.updated_at DESC, c.id DESC LIMIT ?
                    """,
                arguments: [topic, since.millisecondsSince1970, limit]
            ).map { try SQLiteRows.theCase($0) }
        }
    }

    public func rootCauseCounts(resolvedSince since: Date) async throws -> [String: Int] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.root_cause AS cause, COUNT(*) AS n FROM cases c WHERE c.root_cause IS NOT NULL AND NOT c.poses_as_brand
                    AND EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = c.id AND t.to_status = 'resolved' AND t.at >= ?)
                    GROUP BY c.root_cause
                    """,
                arguments: [since.millisecondsSince1970])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["cause"] as String, $0["n"] as Int) })
        }
    }

    static func improvement(_ row: Row) throws -> ImprovementAction {
        ImprovementAction(
            id: try SQLiteRows.id(row, "id"), title: row["title"], topic: row["topic"], plan: row["plan"],
            casesSince: SQLiteRows.date(row, "cases_since"), startedBy: try SQLiteRows.id(row, "started_by"),
            startedAt: SQLiteRows.date(row, "started_at"), doneAt: SQLiteRows.optionalDate(row, "done_at"),
            doneBy: try SQLiteRows.optionalID(row, "done_by"), doneMessage: row["done_message"], reached: row["reached"],
            skipped: row["skipped"])
    }
}
