import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func createImprovement(_ action: ImprovementAction) async throws {
        do {
            try await rows(
                """
                INSERT INTO improvements (id, title, topic, plan, cases_since, started_by, started_at, done_at, done_by, done_message,
                    reached, skipped)
                VALUES (\(action.id.rawValue), \(action.title), \(action.topic), \(action.plan), \(action.casesSince),
                    \(action.startedBy.rawValue), \(action.startedAt), \(action.doneAt), \(action.doneBy?.rawValue), \(action.doneMessage),
                    \(action.reached), \(action.skipped))
                """)
        } catch where Self.isUniqueViolation(error) {
            throw DomainError.conflict("Er loopt al een verbeteractie voor deze oorzaak.")
        }
    }

    public func improvement(id: ImprovementID) async throws -> ImprovementAction? {
        try await rows("SELECT * FROM improvements WHERE id = \(id.rawValue)").first.map(Self.improvement)
    }

    public func improvements(limit: Int) async throws -> [ImprovementAction] {
        try await rows(
            """
            SELECT * FROM improvements ORDER BY done_at IS NOT NULL, COALESCE(done_at, started_at) DESC, id DESC LIMIT \(limit)
            """
        ).map(Self.improvement)
    }

    public func finishImprovement(
        id: ImprovementID, message: String, by userID: UserID, at: Date, notices: [UserID: Int], recipients: [CaseID]
    ) async throws -> ImprovementAction? {
        try await transaction { connection in
            // FOR UPDATE: two leads finishing it at once are decided one after the other, and the
            // second gets the conflict, so the customers hear it once.
            guard let action = try await self.rows("SELECT * FROM improvements WHERE id = \(id.rawValue) FOR UPDATE", on: connection)
                .first.map(Self.improvement)
            else { return nil }
            guard !action.isDone else { throw DomainError.conflict("Deze verbeteractie is al afgerond.") }
            try await self.rows(
                "UPDATE improvements SET done_at = \(at), done_by = \(userID.rawValue), done_message = \(message) WHERE id = \(id.rawValue)",
                on: connection)
            for (user, cases) in notices {
                try await self.rows(
                    "INSERT INTO improvement_notices (improvement_id, user_id, cases) VALUES (\(id.rawValue), \(user.rawValue), \(cases))",
                    on: connection)
            }
            try await self.rows(PostgresRecipientQueue.improvements.enqueue(recipients, for: id.rawValue), on: connection)
            return try await self.rows("SELECT * FROM improvements WHERE id = \(id.rawValue)", on: connection).first.map(Self.improvement)
        }
    }

    public func claimImprovementRecipient(id: ImprovementID) async throws -> CaseID? {
        try await rows(PostgresRecipientQueue.improvements.claim(for: id.rawValue)).first.map { CaseID(try $0["case_id"].decode(UUID.self)) }
    }

    public func improvementRecipientOutcomes(id: ImprovementID) async throws -> [RecipientOutcome] {
        try await rows(PostgresRecipientQueue.improvements.outcomes(inGroup: id.rawValue)).map { try PostgresRecipientQueue.outcome($0).outcome }
    }

    public func settleImprovementRecipient(id: ImprovementID, caseID: CaseID, replyID: ReplyID?, reason: String?) async throws {
        try await rows(PostgresRecipientQueue.improvements.settle(caseID, for: id.rawValue, replyID: replyID, reason: reason))
    }

    public func improvementsAwaitingDelivery(finishedBefore before: Date) async throws -> [ImprovementID] {
        try await rows(PostgresRecipientQueue.improvements.awaiting(sentBefore: before)).map { ImprovementID(try $0["id"].decode(UUID.self)) }
    }

    public func improvementNotices(userID: UserID, since: Date) async throws -> [ImprovementNotice] {
        try await rows(
            """
            SELECT i.*, n.user_id AS notice_user, n.cases AS notice_cases, n.seen_at AS notice_seen
            FROM improvement_notices n JOIN improvements i ON i.id = n.improvement_id
            WHERE n.user_id = \(userID.rawValue) AND n.seen_at IS NULL AND i.done_at >= \(since)
            ORDER BY i.done_at DESC, i.id DESC
            """
        ).map { row in
            ImprovementNotice(
                action: try Self.improvement(row), userID: UserID(try row["notice_user"].decode(UUID.self)),
                cases: try row["notice_cases"].decode(Int.self), seenAt: try row["notice_seen"].decodeOptionalTime())
        }
    }

    public func markImprovementNoticeSeen(actionID: ImprovementID, userID: UserID, at: Date) async throws {
        try await rows(
            """
            UPDATE improvement_notices SET seen_at = \(at)
            WHERE improvement_id = \(actionID.rawValue) AND user_id = \(userID.rawValue) AND seen_at IS NULL
            """)
    }

    /// Through the partial root-cause index, then each case's own transitions: there is no index
    /// on transitions by status, and intake should not pay for one.
    public func cases(rootCause topic: String, resolvedSince since: Date, limit: Int) async throws -> [Case] {
        try await rows(
            """
            SELECT * FROM cases c WHERE c.root_cause = \(topic)
            AND EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = c.id AND t.to_status = 'resolved' AND t.at >= \(since))
            ORDER BY c.updated_at DESC, c.id DESC LIMIT \(limit)
            """
        ).map { try PostgresRows.theCase($0) }
    }

    public func rootCauseCounts(resolvedSince since: Date) async throws -> [String: Int] {
        let counted = try await rows(
            """
            SELECT c.root_cause AS cause, COUNT(*) AS n FROM cases c WHERE c.root_cause IS NOT NULL AND NOT c.poses_as_brand
            AND EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = c.id AND t.to_status = 'resolved' AND t.at >= \(since))
            GROUP BY c.root_cause
            """)
        return Dictionary(uniqueKeysWithValues: try counted.map { (try $0["cause"].decode(String.self), try $0["n"].decode(Int.self)) })
    }

    static func improvement(_ row: PostgresRandomAccessRow) throws -> ImprovementAction {
        ImprovementAction(
            id: ImprovementID(try row["id"].decode(UUID.self)), title: try row["title"].decode(String.self),
            topic: try row["topic"].decode(String.self), plan: try row["plan"].decode(String.self),
            casesSince: try row["cases_since"].decodeTime(), startedBy: UserID(try row["started_by"].decode(UUID.self)),
            startedAt: try row["started_at"].decodeTime(), doneAt: try row["done_at"].decodeOptionalTime(),
            doneBy: try row["done_by"].decode(UUID?.self).map(UserID.init), doneMessage: try row["done_message"].decode(String?.self),
            reached: try row["reached"].decode(Int.self), skipped: try row["skipped"].decode(Int.self))
    }
}
