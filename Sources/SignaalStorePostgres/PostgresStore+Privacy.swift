import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func recordAudit(_ entry: AuditEntry) async throws {
        try await rows(
            """
            INSERT INTO audit_log (at, user_id, action, subject, subject_id, detail, token_name)
            VALUES (\(entry.at), \(entry.userID?.rawValue), \(entry.action.rawValue), \(entry.subject.rawValue), \(entry.subjectID), \(entry.detail),
                    \(entry.tokenName))
            """)
    }

    public func auditEntries(_ filter: AuditFilter, before: Int64?, limit: Int) async throws -> [AuditEntry] {
        let end = before ?? Int64.max
        let found =
            switch filter {
            case .all:
                try await rows("SELECT * FROM audit_log WHERE id < \(end) ORDER BY id DESC LIMIT \(limit)")
            case .subject(let id):
                try await rows("SELECT * FROM audit_log WHERE id < \(end) AND subject_id = \(id) ORDER BY id DESC LIMIT \(limit)")
            case .customer(let customerID):
                // Each kind of subject by the index on subject_id: a customer's ids are few.
                try await rows(
                    """
                    SELECT * FROM audit_log WHERE id < \(end) AND subject_id IN (
                        SELECT \(customerID.description) UNION ALL SELECT id::text FROM cases WHERE customer_id = \(customerID.rawValue)
                        UNION ALL SELECT id::text FROM signals WHERE customer_id = \(customerID.rawValue)
                        UNION ALL SELECT r.id::text FROM replies r JOIN cases c ON c.id = r.case_id WHERE c.customer_id = \(customerID.rawValue)
                        UNION ALL SELECT p.id::text FROM promises p JOIN cases c ON c.id = p.case_id WHERE c.customer_id = \(customerID.rawValue)
                        UNION ALL SELECT id::text FROM compensations WHERE customer_id = \(customerID.rawValue))
                    ORDER BY id DESC LIMIT \(limit)
                    """)
            case .case(let caseID):
                try await rows(
                    """
                    SELECT * FROM audit_log WHERE id < \(end) AND subject_id IN (
                        SELECT \(caseID.description) UNION ALL SELECT id::text FROM signals WHERE case_id = \(caseID.rawValue)
                        UNION ALL SELECT id::text FROM replies WHERE case_id = \(caseID.rawValue)
                        UNION ALL SELECT id::text FROM promises WHERE case_id = \(caseID.rawValue)
                        UNION ALL SELECT id::text FROM compensations WHERE case_id = \(caseID.rawValue))
                    ORDER BY id DESC LIMIT \(limit)
                    """)
            }
        return try found.map { row in
            guard let action = AuditEntry.Action(rawValue: try row["action"].decode(String.self)),
                let subject = AuditEntry.Subject(rawValue: try row["subject"].decode(String.self))
            else { throw DomainError.conflict("onbekende regel in het auditlog") }
            return AuditEntry(
                id: try row["id"].decode(Int64.self), at: try row["at"].decodeTime(), userID: try row["user_id"].decode(UUID?.self).map(UserID.init), action: action,
                subject: subject, subjectID: try row["subject_id"].decode(String?.self), detail: try row["detail"].decode(String.self),
                tokenName: try row["token_name"].decode(String?.self))
        }
    }

    public func eraseCustomer(id: CustomerID, at: Date) async throws {
        let gone = Erasure.placeholder
        let customer = id.rawValue
        _ = try await transaction { connection in
            // The intake locks of the customer's identities and of the customer, in intake's order
            // (identities sorted, then the customer): a message of theirs being taken in now is
            // either in before the erasure (and erased) or comes after it, when no identity leads
            // to this customer any more. Taken before the customer's row, which intake may update.
            // The keys are written as intake writes them (`customer:` + the id as PostgreSQL prints it).
            let identityKeys = try await self.rows(
                "SELECT kind, value FROM customer_identities WHERE customer_id = \(customer)", on: connection
            ).map { "identity:\(try $0["kind"].decode(String.self)):\(try $0["value"].decode(String.self))" }
            try await connection.query(
                """
                SELECT pg_advisory_xact_lock(hashtextextended(key, 0))
                FROM unnest(\(identityKeys.sorted() + ["customer:" + customer.uuidString.lowercased()])::text[]) AS key
                """, logger: self.logger)
            guard try await !self.rows("SELECT 1 FROM customers WHERE id = \(customer) FOR UPDATE", on: connection).isEmpty else {
                throw DomainError.notFound("klant")
            }
            // Read while the customer still has the identities that lead to it. The identity locks
            // above also hold back any message of theirs for those other records.
            let elsewhere = try await self.personalData(customerID: id, on: connection)
            let signals = Array(elsewhere.signalIDs.map(\.rawValue))
            let cases = Array(elsewhere.caseIDs.map(\.rawValue))
            let records = [customer] + elsewhere.customerIDs.map(\.rawValue)
            let subjects = Array(elsewhere.subjectCaseIDs.map(\.rawValue))
            var erasedIDs: (channels: [String], digests: [String], signals: [UUID]) = ([], [], [])
            for row in try await self.rows(
                """
                SELECT id, channel, external_id, author_email, text FROM signals
                WHERE (customer_id = \(customer) OR id = ANY(\(signals))) AND external_id IS NOT NULL
                """, on: connection)
            {
                guard let channel = Channel(rawValue: try row["channel"].decode(String.self)) else {
                    throw PostgresCorruption("bad signal channel")
                }
                for digest in ErasedMessages.digests(
                    channel: channel, externalID: try row["external_id"].decode(String.self),
                    senderEmail: try row["author_email"].decode(String?.self), text: try row["text"].decode(String.self))
                {
                    erasedIDs.channels.append(channel.rawValue)
                    erasedIDs.digests.append(digest)
                    erasedIDs.signals.append(try row["id"].decode(UUID.self))
                }
            }
            let queries: [PostgresQuery] = [
                "DELETE FROM signal_attachments WHERE signal_id IN (SELECT id FROM signals WHERE customer_id = \(customer) OR id = ANY(\(signals)))",
                // A record another person shares had its name from one of their messages.
                """
                UPDATE customers SET name = NULL WHERE EXISTS (
                    SELECT 1 FROM signals s WHERE s.customer_id = customers.id AND s.author_name = customers.name AND s.id = ANY(\(signals)))
                """,
                "UPDATE cases SET subject = \(gone) WHERE id = ANY(\(subjects))",
                """
                INSERT INTO erased_external_ids (channel, digest, signal_id)
                SELECT * FROM unnest(\(erasedIDs.channels)::text[], \(erasedIDs.digests)::text[], \(erasedIDs.signals)::uuid[])
                ON CONFLICT DO NOTHING
                """,
                // The platforms' ids lead straight back to the customer's public post (and a reply
                // still queued would be posted under it).
                """
                UPDATE signals SET text = \(gone), author_handle = NULL, author_name = NULL, author_email = NULL, author_phone = NULL,
                    author_followers = NULL, external_id = NULL, in_reply_to = NULL,
                    url = NULL, details = NULL, text_pending = false, analysis = jsonb_set(analysis, '{evidence}', '[]'::jsonb)
                WHERE customer_id = \(customer) OR id = ANY(\(signals))
                """,
                """
                UPDATE replies SET text = \(gone), external_id = NULL, next_attempt_at = NULL,
                    last_error = CASE WHEN status IN ('queued', 'sending') THEN \(Erasure.cancelledReply) END,
                    status = CASE WHEN status IN ('queued', 'sending') THEN 'failed' ELSE status END
                WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))
                """,
                """
                INSERT INTO case_transitions (case_id, from_status, to_status, at, actor_id, reason)
                SELECT id, status, 'closed', \(at), NULL, \(Erasure.closingReason)
                FROM cases WHERE (customer_id = \(customer) OR id = ANY(\(cases))) AND status <> 'closed'
                """,
                """
                UPDATE cases SET subject = \(gone), status = 'closed', waiting_since = NULL, updated_at = \(at)
                WHERE customer_id = \(customer) OR id = ANY(\(cases))
                """,
                """
                UPDATE case_transitions SET reason = \(gone)
                WHERE to_status = 'resolved' AND case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))
                """,
                "UPDATE handoffs SET briefing = \(gone) WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))",
                "UPDATE internal_notes SET text = \(gone) WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))",
                // What a note said before its author changed it is about the customer as much.
                """
                DELETE FROM internal_note_versions
                WHERE note_id IN (SELECT id FROM internal_notes WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases))))
                """,
                "UPDATE promises SET text = \(gone) WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))",
                """
                UPDATE compensations SET reason = \(gone), decision_note = NULL
                WHERE customer_id = ANY(\(records)) OR case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))
                """,
                """
                UPDATE satisfaction_checks SET comment = NULL
                WHERE case_id IN (SELECT id FROM cases WHERE customer_id = \(customer) OR id = ANY(\(cases)))
                """,
                // Every link and unlink of the customer's identities names them, wherever it was recorded.
                """
                UPDATE identity_events SET value = \(gone) WHERE customer_id = \(customer) OR previous_customer_id = \(customer)
                    OR (kind, value) IN (SELECT kind, value FROM customer_identities WHERE customer_id = \(customer))
                """,
                "DELETE FROM customer_identities WHERE customer_id = \(customer)",
                "UPDATE customers SET name = NULL, erased_at = \(at) WHERE id = ANY(\(records))",
            ]
            for query in queries { try await connection.query(query, logger: self.logger) }
        }
    }

    public func personalData(customerID: CustomerID) async throws -> PersonalData {
        try await personalData(customerID: customerID, on: nil)
    }

    /// Reads what `PersonalData` decides from, on the caller's transaction when given one.
    func personalData(customerID: CustomerID, on connection: PostgresConnection?) async throws -> PersonalData {
        let customer = customerID.rawValue
        let identities = try await rows("SELECT kind, value FROM customer_identities WHERE customer_id = \(customer)", on: connection)
            .compactMap { row -> Identity? in
                guard let kind = Identity.Kind(rawValue: try row["kind"].decode(String.self)) else { return nil }
                return Identity(kind: kind, raw: try row["value"].decode(String.self))
            }
        let history = try await rows(
            """
            SELECT e.customer_id, e.previous_customer_id FROM identity_events e
            JOIN customer_identities i ON i.kind = e.kind AND i.value = e.value WHERE i.customer_id = \(customer)
            """, on: connection)
        var records = Set<UUID>()
        for row in history {
            records.insert(try row["customer_id"].decode(UUID.self))
            if let previous = try row["previous_customer_id"].decode(UUID?.self) { records.insert(previous) }
        }
        records.remove(customer)
        guard !records.isEmpty else { return PersonalData() }
        let list = Array(records)
        let signals = try await rows(
            "SELECT \(unescaped: PostgresRows.signalColumns) FROM signals WHERE customer_id = ANY(\(list))", on: connection
        ).map(PostgresRows.signal)
        let withIdentities = try await rows("SELECT DISTINCT customer_id FROM customer_identities WHERE customer_id = ANY(\(list))", on: connection)
            .map { CustomerID(try $0["customer_id"].decode(UUID.self)) }
        return PersonalData(identities: Set(identities), signals: signals, recordsWithIdentities: Set(withIdentities))
    }

    public func erasedAt(customerID: CustomerID) async throws -> Date? {
        try await rows("SELECT erased_at FROM customers WHERE id = \(customerID.rawValue)").first
            .flatMap { try $0["erased_at"].decodeOptionalTime() }
    }
}
