import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordAudit(_ entry: AuditEntry) async throws {
        try await client.query(
            """
            INSERT INTO audit_log (at, user_id, action, subject, subject_id, detail)
            VALUES (\(entry.at), \(entry.userID?.rawValue), \(entry.action.rawValue), \(entry.subject.rawValue), \(entry.subjectID), \(entry.detail))
            """, logger: logger)
    }

    public func auditEntries(subjectID: String?, limit: Int) async throws -> [AuditEntry] {
        let found =
            if let subjectID {
                try await rows("SELECT * FROM audit_log WHERE subject_id = \(subjectID) ORDER BY id DESC LIMIT \(limit)")
            } else {
                try await rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT \(limit)")
            }
        return try found.map { row in
            guard let action = AuditEntry.Action(rawValue: try row["action"].decode(String.self)),
                let subject = AuditEntry.Subject(rawValue: try row["subject"].decode(String.self))
            else { throw DomainError.conflict("onbekende regel in het auditlog") }
            return AuditEntry(
                at: try row["at"].decodeTime(), userID: try row["user_id"].decode(UUID?.self).map(UserID.init), action: action,
                subject: subject, subjectID: try row["subject_id"].decode(String?.self), detail: try row["detail"].decode(String.self))
        }
    }

    public func eraseCustomer(id: CustomerID, at: Date) async throws {
        let gone = Erasure.placeholder
        let customer = id.rawValue
        _ = try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM customers WHERE id = \(customer) FOR UPDATE", on: connection).isEmpty else {
                throw DomainError.notFound("klant")
            }
            let queries: [PostgresQuery] = [
                "DELETE FROM signal_attachments WHERE signal_id IN (SELECT id FROM signals WHERE customer_id = \(customer))",
                """
                UPDATE signals SET text = \(gone), author_handle = NULL, author_name = NULL, author_email = NULL, author_phone = NULL,
                    url = NULL, details = NULL, text_pending = false, analysis = jsonb_set(analysis, '{evidence}', '[]'::jsonb) WHERE customer_id = \(customer)
                """,
                "UPDATE replies SET text = \(gone), last_error = NULL WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer))",
                "UPDATE cases SET subject = \(gone) WHERE customer_id = \(customer)",
                """
                UPDATE case_transitions SET reason = \(gone)
                WHERE to_status = 'resolved' AND case_id IN (SELECT id FROM cases WHERE customer_id = \(customer))
                """,
                "UPDATE handoffs SET briefing = \(gone) WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer))",
                "UPDATE promises SET text = \(gone) WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer))",
                "UPDATE compensations SET reason = \(gone), decision_note = NULL WHERE customer_id = \(customer)",
                "UPDATE satisfaction_checks SET comment = NULL WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer))",
                "UPDATE identity_events SET value = \(gone) WHERE customer_id = \(customer) OR previous_customer_id = \(customer)",
                "DELETE FROM customer_identities WHERE customer_id = \(customer)",
                "UPDATE customers SET name = NULL, erased_at = \(at) WHERE id = \(customer)",
            ]
            for query in queries { try await connection.query(query, logger: self.logger) }
        }
    }

    public func erasedAt(customerID: CustomerID) async throws -> Date? {
        try await rows("SELECT erased_at FROM customers WHERE id = \(customerID.rawValue)").first
            .flatMap { try $0["erased_at"].decodeOptionalTime() }
    }
}
