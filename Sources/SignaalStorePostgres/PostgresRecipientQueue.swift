import Foundation
import PostgresNIO
import SignaalDomain

/// A stored queue of the customers a message to many is for (an improvement's news, an incident's
/// status update): each recipient goes pending → sending (taken by one caller) → reached or skipped
/// (settled, and counted in the message's reach), so no customer hears it twice.
struct PostgresRecipientQueue {
    /// The queue's table, its column naming the message, the message's table (with `reached` and
    /// `skipped` counts), when the message was sent off, and the message's column that groups
    /// messages read together (an incident's updates). Names of our own schema, never input.
    let table: String
    let key: String
    let parent: String
    let sentAt: String
    let group: String

    static let improvements = PostgresRecipientQueue(
        table: "improvement_recipients", key: "improvement_id", parent: "improvements", sentAt: "done_at", group: "id")
    static let incidentUpdates = PostgresRecipientQueue(
        table: "incident_update_recipients", key: "update_id", parent: "incident_updates", sentAt: "posted_at", group: "incident_id")

    func enqueue(_ caseIDs: [CaseID], for id: UUID) -> PostgresQuery {
        """
        INSERT INTO \(unescaped: table) (\(unescaped: key), case_id)
        SELECT \(id), unnest(\(Array(Set(caseIDs)).map(\.rawValue))::uuid[])
        ON CONFLICT DO NOTHING
        """
    }

    func members(of id: UUID) -> PostgresQuery {
        "SELECT case_id FROM \(unescaped: table) WHERE \(unescaped: key) = \(id)"
    }

    /// Messages sent off before `before` with recipients nobody took (as `id`): a stopped server's leftovers.
    func awaiting(sentBefore before: Date) -> PostgresQuery {
        """
        SELECT DISTINCT r.\(unescaped: key) AS id FROM \(unescaped: table) r JOIN \(unescaped: parent) p ON p.id = r.\(unescaped: key)
        WHERE r.state = 'pending' AND p.\(unescaped: sentAt) < \(before)
        """
    }

    /// SKIP LOCKED: instances sending the same message at once each take their own recipients.
    func claim(for id: UUID) -> PostgresQuery {
        """
        UPDATE \(unescaped: table) SET state = 'sending'
        WHERE \(unescaped: key) = \(id) AND case_id = (
            SELECT case_id FROM \(unescaped: table) WHERE \(unescaped: key) = \(id) AND state = 'pending'
            ORDER BY case_id LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND state = 'pending'
        RETURNING case_id
        """
    }

    /// Reached with the reply written for it, or skipped for `reason` without one.
    func settle(_ caseID: CaseID, for id: UUID, replyID: ReplyID?, reason: String?) -> PostgresQuery {
        let count = replyID != nil ? "reached" : "skipped"
        return """
            WITH settled AS (
                UPDATE \(unescaped: table) SET state = \(count), reason = \(replyID == nil ? reason : nil), reply_id = \(replyID?.rawValue)
                WHERE \(unescaped: key) = \(id) AND case_id = \(caseID.rawValue) AND state = 'sending'
                RETURNING \(unescaped: key) AS id)
            UPDATE \(unescaped: parent) SET \(unescaped: count) = \(unescaped: count) + 1 WHERE id IN (SELECT id FROM settled)
            """
    }

    /// The recipients of the messages whose `group` column is `id` (as `message`, `case_id`,
    /// `state`, `reason`, `reply_id`), with the state of the reply written for each (`reply_status`,
    /// none when that reply is not known).
    func outcomes(inGroup id: UUID) -> PostgresQuery {
        """
        SELECT r.\(unescaped: key) AS message, r.case_id, r.state, r.reason, r.reply_id, p.status AS reply_status
        FROM \(unescaped: table) r LEFT JOIN replies p ON p.id = r.reply_id
        WHERE r.\(unescaped: key) IN (SELECT id FROM \(unescaped: parent) WHERE \(unescaped: group) = \(id))
        ORDER BY r.\(unescaped: key), r.case_id
        """
    }

    /// One row of `outcomes`, with its message's id.
    static func outcome(_ row: PostgresRandomAccessRow) throws -> (message: UUID, outcome: RecipientOutcome) {
        let state = try row["state"].decode(String.self)
        guard let stage = RecipientOutcome.Stage(rawValue: state) else { throw PostgresCorruption("bad recipient state \(state)") }
        return (
            try row["message"].decode(UUID.self),
            RecipientOutcome(
                caseID: CaseID(try row["case_id"].decode(UUID.self)), stage: stage, reason: try row["reason"].decode(String?.self),
                replyID: try row["reply_id"].decode(UUID?.self).map(ReplyID.init),
                replyStatus: try row["reply_status"].decode(String?.self).flatMap(Reply.Status.init(rawValue:)))
        )
    }
}
