import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func recordAudit(_ entry: AuditEntry) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO audit_log (at, user_id, action, subject, subject_id, detail, token_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    entry.at.millisecondsSince1970, entry.userID?.description, entry.action.rawValue, entry.subject.rawValue,
                    entry.subjectID, entry.detail, entry.tokenName,
                ])
        }
    }

    public func auditEntries(_ filter: AuditFilter, before: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            // Numbered parameters: ?1 the page's end, ?2 the limit, ?3 what the entries are about.
            var arguments: StatementArguments = [before ?? Int64.max, limit]
            let about: String
            switch filter {
            case .all:
                about = ""
            case .subject(let id):
                about = "AND subject_id = ?3"
                arguments += [id]
            case .customer(let customerID):
                // Each kind of subject by the index on subject_id: a customer's ids are few.
                about = """
                    AND subject_id IN (
                        SELECT ?3 UNION ALL SELECT id FROM cases WHERE customer_id = ?3
                        UNION ALL SELECT id FROM signals WHERE customer_id = ?3
                        UNION ALL SELECT r.id FROM replies r JOIN cases c ON c.id = r.case_id WHERE c.customer_id = ?3
                        UNION ALL SELECT p.id FROM promises p JOIN cases c ON c.id = p.case_id WHERE c.customer_id = ?3
                        UNION ALL SELECT id FROM compensations WHERE customer_id = ?3)
                    """
                arguments += [customerID.description]
            }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE id < ?1 \(about) ORDER BY id DESC LIMIT ?2", arguments: arguments)
            return try rows.map { row in
                guard let action = AuditEntry.Action(rawValue: row["action"]), let subject = AuditEntry.Subject(rawValue: row["subject"]) else {
                    throw StoreCorruption("bad audit row")
                }
                return AuditEntry(
                    id: row["id"], at: SQLiteRows.date(row, "at"), userID: (row["user_id"] as String?).flatMap(UserID.init), action: action,
                    subject: subject, subjectID: row["subject_id"], detail: row["detail"], tokenName: row["token_name"])
            }
        }
    }

    public func eraseCustomer(id: CustomerID, at: Date) async throws {
        let gone = Erasure.placeholder
        try await writer.write { db in
            let customer = id.description
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM customers WHERE id = ?", arguments: [customer]) != nil else {
                throw DomainError.notFound("klant")
            }
            let cases = "SELECT id FROM cases WHERE customer_id = ?"
            for sql in [
                "DELETE FROM signal_attachments WHERE signal_id IN (SELECT id FROM signals WHERE customer_id = ?)",
                // The platforms' ids lead straight back to the customer's public post (and a reply
                // still queued would be posted under it).
                """
                UPDATE signals SET text = '\(gone)', author_handle = NULL, author_name = NULL, author_email = NULL, author_phone = NULL,
                    author_followers = NULL, external_id = NULL, in_reply_to = NULL,
                    url = NULL, details = NULL, text_pending = 0, analysis = json_set(analysis, '$.evidence', json('[]')) WHERE customer_id = ?
                """,
                """
                UPDATE replies SET text = '\(gone)', external_id = NULL, next_attempt_at = NULL,
                    last_error = CASE WHEN status IN ('queued', 'sending') THEN '\(Erasure.cancelledReply)' END,
                    status = CASE WHEN status IN ('queued', 'sending') THEN 'failed' ELSE status END
                WHERE case_id IN (\(cases))
                """,
                """
                INSERT INTO case_transitions (case_id, from_status, to_status, at, actor_id, reason)
                SELECT id, status, 'closed', \(at.millisecondsSince1970), NULL, '\(Erasure.closingReason)'
                FROM cases WHERE customer_id = ? AND status <> 'closed'
                """,
                """
                UPDATE cases SET subject = '\(gone)', status = 'closed', waiting_since = NULL, updated_at = \(at.millisecondsSince1970)
                WHERE customer_id = ?
                """,
                "UPDATE case_transitions SET reason = '\(gone)' WHERE to_status = 'resolved' AND case_id IN (\(cases))",
                "UPDATE handoffs SET briefing = '\(gone)' WHERE case_id IN (\(cases))",
                "UPDATE promises SET text = '\(gone)' WHERE case_id IN (\(cases))",
                "UPDATE compensations SET reason = '\(gone)', decision_note = NULL WHERE customer_id = ?",
                "UPDATE satisfaction_checks SET comment = NULL WHERE case_id IN (\(cases))",
                "UPDATE identity_events SET value = '\(gone)' WHERE customer_id = ? OR previous_customer_id = ?",
                "DELETE FROM customer_identities WHERE customer_id = ?",
            ] {
                let count = sql.components(separatedBy: "?").count - 1
                try db.execute(sql: sql, arguments: StatementArguments(Array(repeating: customer, count: count)))
            }
            try db.execute(sql: "UPDATE customers SET name = NULL, erased_at = ? WHERE id = ?", arguments: [at.millisecondsSince1970, customer])
        }
    }

    public func erasedAt(customerID: CustomerID) async throws -> Date? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT erased_at FROM customers WHERE id = ?", arguments: [customerID.description])
                .flatMap { SQLiteRows.optionalDate($0, "erased_at") }
        }
    }
}
