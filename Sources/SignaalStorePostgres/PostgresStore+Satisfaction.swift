import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func createSatisfactionCheck(_ check: SatisfactionCheck) async throws {
        _ = try await transaction { connection in
            try await connection.query(
                "INSERT INTO satisfaction_checks (token, case_id, sent_at) VALUES (\(check.token), \(check.caseID.rawValue), \(check.sentAt))",
                logger: self.logger)
        }
    }

    public func satisfactionCheck(token: String) async throws -> SatisfactionCheck? {
        try await rows("SELECT * FROM satisfaction_checks WHERE token = \(token)").first.map(Self.satisfaction)
    }

    public func satisfactionChecks(caseIDs: [CaseID]) async throws -> [SatisfactionCheck] {
        try await rows(of: "satisfaction_checks", caseIDs: caseIDs, orderedBy: "sent_at", Self.satisfaction)
    }

    public func satisfactionScores(answeredIn period: DateInterval) async throws -> [Int] {
        try await rows(
            """
            SELECT score FROM satisfaction_checks
            WHERE answered_at >= \(period.start) AND answered_at < \(period.end) AND score IS NOT NULL
            """
        ).map { Int(try $0["score"].decode(Int32.self)) }
    }

    public func answerSatisfactionCheck(token: String, score: Int, solved: Bool?, comment: String?, at: Date) async throws -> SatisfactionCheck {
        try await transaction { connection in
            guard let stored = try await self.rows("SELECT * FROM satisfaction_checks WHERE token = \(token) FOR UPDATE", on: connection)
                .first.map(Self.satisfaction)
            else { throw DomainError.notFound("vragenlijst") }
            let check = try SatisfactionRules.answered(stored, score: score, solved: solved, comment: comment, at: at)
            try await connection.query(
                """
                UPDATE satisfaction_checks SET score = \(score), solved = \(solved), comment = \(comment), answered_at = \(at)
                WHERE token = \(token) AND answered_at IS NULL
                """, logger: self.logger)
            return check
        }
    }

    static func satisfaction(_ row: PostgresRandomAccessRow) throws -> SatisfactionCheck {
        SatisfactionCheck(
            token: try row["token"].decode(String.self), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            sentAt: try row["sent_at"].decodeTime(), answeredAt: try row["answered_at"].decodeOptionalTime(),
            score: try row["score"].decode(Int?.self), solved: try row["solved"].decode(Bool?.self),
            comment: try row["comment"].decode(String?.self))
    }
}
