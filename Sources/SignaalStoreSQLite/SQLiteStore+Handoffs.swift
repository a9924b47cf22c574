import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func recordHandoff(_ handoff: Handoff, now: Date) async throws -> Case {
        try await writer.write { db in
            guard var theCase = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [handoff.caseID.description])
                .map({ try SQLiteRows.theCase($0) })
            else { throw DomainError.notFound("zaak") }
            try HandoffRules.check(handoff, against: theCase)
            theCase.apply(handoff, now: now)
            try db.execute(
                sql: "UPDATE cases SET owner_id = ?, team_id = ?, updated_at = ? WHERE id = ?",
                arguments: [
                    theCase.ownerID?.description, theCase.teamID?.description, now.millisecondsSince1970, handoff.caseID.description,
                ])
            if let receiver = handoff.toUserID { try Self.giveOpenPromises(of: handoff.caseID, to: receiver, db: db) }
            try db.execute(
                sql: """
                    INSERT INTO handoffs (id, case_id, from_user_id, to_user_id, to_team_id, by_user_id, briefing, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    handoff.id.description, handoff.caseID.description, handoff.fromUserID?.description, handoff.toUserID?.description,
                    handoff.toTeamID?.description, handoff.byUserID.description, handoff.briefing, handoff.at.millisecondsSince1970,
                ])
            theCase.transitions = try Row.fetchAll(
                db, sql: "SELECT * FROM case_transitions WHERE case_id = ? ORDER BY id", arguments: [handoff.caseID.description]
            ).map(SQLiteRows.transition)
            return theCase
        }
    }

    public func handoffs(caseIDs: [CaseID]) async throws -> [Handoff] {
        try await rows(of: "handoffs", caseIDs: caseIDs, orderedBy: "at, id", Self.handoff)
    }

    public func handoffs(since: Date) async throws -> [Handoff] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM handoffs WHERE at >= ? ORDER BY at, id", arguments: [since.millisecondsSince1970])
                .map(Self.handoff)
        }
    }

    static func handoff(_ row: Row) throws -> Handoff {
        Handoff(
            id: try SQLiteRows.id(row, "id"), caseID: try SQLiteRows.id(row, "case_id"),
            fromUserID: (row["from_user_id"] as String?).flatMap(UserID.init), toUserID: try SQLiteRows.optionalID(row, "to_user_id"),
            toTeamID: try SQLiteRows.optionalID(row, "to_team_id"), byUserID: try SQLiteRows.id(row, "by_user_id"), briefing: row["briefing"], at: SQLiteRows.date(row, "at"))
    }
}
