import Foundation
import GRDB
import SignaalDomain

/// A stored queue of the customers a message to many is for (an improvement's news, an incident's
/// status update): each recipient goes pending → sending (taken by one caller) → reached or skipped
/// (settled, and counted in the message's reach), so no customer hears it twice.
struct SQLiteRecipientQueue {
    /// The queue's table, its column naming the message, the message's table (with `reached` and
    /// `skipped` counts), when the message was sent off, and the message's column that groups
    /// messages read together (an incident's updates). Names of our own schema, never input.
    let table: String
    let key: String
    let parent: String
    let sentAt: String
    let group: String

    static let improvements = SQLiteRecipientQueue(
        table: "improvement_recipients", key: "improvement_id", parent: "improvements", sentAt: "done_at", group: "id")
    static let incidentUpdates = SQLiteRecipientQueue(
        table: "incident_update_recipients", key: "update_id", parent: "incident_updates", sentAt: "posted_at", group: "incident_id")

    func enqueue(_ caseIDs: [CaseID], for id: String, db: Database) throws {
        for caseID in Set(caseIDs) {
            try db.execute(
                sql: "INSERT INTO \(table) (\(key), case_id) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [id, caseID.description])
        }
    }

    func members(of id: String, db: Database) throws -> Set<CaseID> {
        Set(try String.fetchAll(db, sql: "SELECT case_id FROM \(table) WHERE \(key) = ?", arguments: [id]).compactMap(CaseID.init))
    }

    /// Messages sent off before `before` with recipients nobody took: a stopped server's leftovers.
    func awaiting(sentBefore before: Date, db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT r.\(key) FROM \(table) r JOIN \(parent) p ON p.id = r.\(key)
                WHERE r.state = 'pending' AND p.\(sentAt) < ?
                """,
            arguments: [before.millisecondsSince1970])
    }

    func claim(for id: String, db: Database) throws -> CaseID? {
        guard let caseID = try String.fetchOne(
            db, sql: "SELECT case_id FROM \(table) WHERE \(key) = ? AND state = 'pending' ORDER BY case_id LIMIT 1", arguments: [id])
        else { return nil }
        try db.execute(sql: "UPDATE \(table) SET state = 'sending' WHERE \(key) = ? AND case_id = ?", arguments: [id, caseID])
        return CaseID(caseID)
    }

    /// Reached with the reply written for it, or skipped for `reason` without one.
    func settle(_ caseID: CaseID, for id: String, replyID: ReplyID?, reason: String?, db: Database) throws {
        let reached = replyID != nil
        try db.execute(
            sql: "UPDATE \(table) SET state = ?, reason = ?, reply_id = ? WHERE \(key) = ? AND case_id = ? AND state = 'sending'",
            arguments: [reached ? "reached" : "skipped", reached ? nil : reason, replyID?.description, id, caseID.description])
        guard db.changesCount > 0 else { return }
        let count = reached ? "reached" : "skipped"
        try db.execute(sql: "UPDATE \(parent) SET \(count) = \(count) + 1 WHERE id = ?", arguments: [id])
    }

    /// The recipients of the messages whose `group` column is `id`, each with its message's id and
    /// the state of the reply written for it (none when that reply is not known).
    func outcomes(inGroup id: String, db: Database) throws -> [(message: String, outcome: RecipientOutcome)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.\(key) AS message, r.case_id, r.state, r.reason, r.reply_id, p.status AS reply_status
                FROM \(table) r LEFT JOIN replies p ON p.id = r.reply_id
                WHERE r.\(key) IN (SELECT id FROM \(parent) WHERE \(group) = ?) ORDER BY r.\(key), r.case_id
                """,
            arguments: [id]
        ).map { row in
            let state: String = row["state"]
            guard let stage = RecipientOutcome.Stage(rawValue: state) else { throw StoreCorruption("bad recipient state \(state)") }
            let status = (row["reply_status"] as String?).flatMap(Reply.Status.init(rawValue:))
            return (
                row["message"],
                RecipientOutcome(
                    caseID: try SQLiteRows.id(row, "case_id"), stage: stage, reason: row["reason"], replyID: try SQLiteRows.optionalID(row, "reply_id"),
                    replyStatus: status)
            )
        }
    }
}
