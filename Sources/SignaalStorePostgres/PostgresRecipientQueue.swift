import Foundation
import PostgresNIO
import SignaalDomain

/// A stored queue of the customers a message to many is for (an improvement's news, an incident's
/// status update): each recipient goes pending → sending (taken by one caller) → reached or skipped
/// (settled, and counted in the message's reach), so no customer hears it twice.
struct PostgresRecipientQueue {
    /// The queue's table, its column naming the message, the message's table (with `reached` and
    /// `skipped` counts) and when the message was sent off. Names of our own schema, never input.
    let table: String
    let key: String
    let parent: String
    let sentAt: String

    static let improvements = PostgresRecipientQueue(
        table: "improvement_recipients", key: "improvement_id", parent: "improvements", sentAt: "done_at")
    static let incidentUpdates = PostgresRecipientQueue(
        table: "incident_update_recipients", key: "update_id", parent: "incident_updates", sentAt: "posted_at")

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

    func settle(_ caseID: CaseID, for id: UUID, reached: Bool, reason: String?) -> PostgresQuery {
        let count = reached ? "reached" : "skipped"
        return """
            WITH settled AS (
                UPDATE \(unescaped: table) SET state = \(count), reason = \(reason)
                WHERE \(unescaped: key) = \(id) AND case_id = \(caseID.rawValue) AND state = 'sending'
                RETURNING \(unescaped: key) AS id)
            UPDATE \(unescaped: parent) SET \(unescaped: count) = \(unescaped: count) + 1 WHERE id IN (SELECT id FROM settled)
            """
    }
}
