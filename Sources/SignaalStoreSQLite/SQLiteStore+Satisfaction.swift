import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func createSatisfactionCheck(_ check: SatisfactionCheck) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO satisfaction_checks (token, case_id, sent_at) VALUES (?, ?, ?)",
                arguments: [check.token, check.caseID.description, check.sentAt.millisecondsSince1970])
        }
    }

    public func satisfactionCheck(token: String) async throws -> SatisfactionCheck? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM satisfaction_checks WHERE token = ?", arguments: [token]).map(Self.satisfaction)
        }
    }

    public func satisfactionChecks(caseIDs: [CaseID]) async throws -> [SatisfactionCheck] {
        try await rows(of: "satisfaction_checks", caseIDs: caseIDs, orderedBy: "sent_at", Self.satisfaction)
    }

    public func satisfactionScores(answeredIn period: DateInterval) async throws -> [Int] {
        try await writer.read { db in
            try Int.fetchAll(
                db, sql: "SELECT score FROM satisfaction_checks WHERE answered_at >= ? AND answered_at < ? AND score IS NOT NULL",
                arguments: [period.start.millisecondsSince1970, period.end.millisecondsSince1970])
        }
    }

    public func answerSatisfactionCheck(token: String, score: Int, solved: Bool?, comment: String?, at: Date) async throws -> SatisfactionCheck {
        try await writer.write { db in
            guard let stored = try Row.fetchOne(db, sql: "SELECT * FROM satisfaction_checks WHERE token = ?", arguments: [token])
                .map(Self.satisfaction)
            else { throw DomainError.notFound("vragenlijst") }
            let check = try SatisfactionRules.answered(stored, score: score, solved: solved, comment: comment, at: at)
            try db.execute(
                sql: "UPDATE satisfaction_checks SET score = ?, solved = ?, comment = ?, answered_at = ? WHERE token = ? AND answered_at IS NULL",
                arguments: [score, solved, comment, at.millisecondsSince1970, token])
            return check
        }
    }

    static func satisfaction(_ row: Row) throws -> SatisfactionCheck {
        SatisfactionCheck(
            token: row["token"], caseID: try SQLiteRows.id(row, "case_id"), sentAt: SQLiteRows.date(row, "sent_at"),
            answeredAt: SQLiteRows.optionalDate(row, "answered_at"), score: row["score"], solved: row["solved"], comment: row["comment"])
    }
}
