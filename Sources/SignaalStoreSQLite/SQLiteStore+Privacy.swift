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
            case .case(let caseID):
                about = """
                    AND subject_id IN (
                        SELECT ?3 UNION ALL SELECT id FROM signals WHERE case_id = ?3
                        UNION ALL SELECT id FROM replies WHERE case_id = ?3
                        UNION ALL SELECT id FROM promises WHERE case_id = ?3
                        UNION ALL SELECT id FROM compensations WHERE case_id = ?3)
                    """
                arguments += [caseID.description]
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
        // What the erasure overwrites must leave the files, not only the tables: with secure_delete
        // the old bytes are zeroed where SQLite frees them; the search index is then rewritten
        // (FTS5 keeps a deleted message's words in its older segments until they are merged, and
        // this SQLite is older than FTS5's own secure-delete); and the WAL, which still holds the
        // pages as they were, is emptied. The single writer does it all in one go.
        try await writer.writeWithoutTransaction { db in
            let before = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0  // 0 off, 1 on, 2 fast
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = \(before == 2 ? "FAST" : before == 1 ? "ON" : "OFF")") }
            try db.inTransaction {
                try Self.erase(id: id, at: at, gone: gone, db: db)
                return .commit
            }
            try db.execute(sql: "INSERT INTO signals_fts(signals_fts) VALUES ('optimize')")
            // Readers finish within milliseconds; a checkpoint they still block leaves the WAL to be reused.
            _ = try? db.checkpoint(.truncate)
        }
    }

    private static func erase(id: CustomerID, at: Date, gone: String, db: Database) throws {
        let customer = id.description
        guard try Row.fetchOne(db, sql: "SELECT 1 FROM customers WHERE id = ?", arguments: [customer]) != nil else {
            throw DomainError.notFound("klant")
        }
        // Read while the customer still has the identities that lead to it.
        let elsewhere = try Self.personalData(customerID: id, db: db)
        let arguments: StatementArguments = [
            "customer": customer, "signals": try Self.jsonList(elsewhere.signalIDs), "cases": try Self.jsonList(elsewhere.caseIDs),
            "records": try Self.jsonList(elsewhere.customerIDs), "subjects": try Self.jsonList(elsewhere.subjectCaseIDs),
        ]
        let signals = "SELECT id FROM signals WHERE customer_id = :customer OR id IN (SELECT value FROM json_each(:signals))"
        let cases = "SELECT id FROM cases WHERE customer_id = :customer OR id IN (SELECT value FROM json_each(:cases))"
        let records = "SELECT :customer UNION SELECT value FROM json_each(:records)"
        let tombstone = try db.makeStatement(sql: "INSERT OR IGNORE INTO erased_external_ids (channel, digest, signal_id) VALUES (?, ?, ?)")
        for row in try Row.fetchAll(
            db, sql: "SELECT id, channel, external_id, author_email, text FROM signals WHERE external_id IS NOT NULL AND id IN (\(signals))",
            arguments: arguments)
        {
            guard let channel = Channel(rawValue: row["channel"]) else { throw StoreCorruption("bad signal channel") }
            for digest in ErasedMessages.digests(
                channel: channel, externalID: row["external_id"], senderEmail: row["author_email"], text: row["text"])
            {
                try tombstone.execute(arguments: [channel.rawValue, digest, row["id"] as String])
            }
        }
        for sql in [
            "DELETE FROM signal_attachments WHERE signal_id IN (\(signals))",
            // A record another person shares had its name from one of their messages.
            """
            UPDATE customers SET name = NULL, name_folded = NULL WHERE EXISTS (
                SELECT 1 FROM signals s WHERE s.customer_id = customers.id AND s.author_name = customers.name
                    AND s.id IN (SELECT value FROM json_each(:signals)))
            """,
            "UPDATE cases SET subject = '\(gone)' WHERE id IN (SELECT value FROM json_each(:subjects))",
            // The platforms' ids lead straight back to the customer's public post (and a reply
            // still queued would be posted under it).
            """
            UPDATE signals SET text = '\(gone)', author_handle = NULL, author_name = NULL, author_email = NULL, author_phone = NULL,
                author_followers = NULL, external_id = NULL, in_reply_to = NULL,
                url = NULL, details = NULL, text_pending = 0, analysis = json_set(analysis, '$.evidence', json('[]')) WHERE id IN (\(signals))
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
            FROM cases WHERE id IN (\(cases)) AND status <> 'closed'
            """,
            """
            UPDATE cases SET subject = '\(gone)', status = 'closed', waiting_since = NULL, updated_at = \(at.millisecondsSince1970)
            WHERE id IN (\(cases))
            """,
            "UPDATE case_transitions SET reason = '\(gone)' WHERE to_status = 'resolved' AND case_id IN (\(cases))",
            "UPDATE handoffs SET briefing = '\(gone)' WHERE case_id IN (\(cases))",
            "UPDATE internal_notes SET text = '\(gone)' WHERE case_id IN (\(cases))",
            // What a note said before its author changed it is about the customer as much.
            "DELETE FROM internal_note_versions WHERE note_id IN (SELECT id FROM internal_notes WHERE case_id IN (\(cases)))",
            "UPDATE promises SET text = '\(gone)' WHERE case_id IN (\(cases))",
            "UPDATE compensations SET reason = '\(gone)', decision_note = NULL WHERE customer_id IN (\(records)) OR case_id IN (\(cases))",
            "UPDATE satisfaction_checks SET comment = NULL WHERE case_id IN (\(cases))",
            // Every link and unlink of the customer's identities names them, wherever it was recorded.
            """
            UPDATE identity_events SET value = '\(gone)' WHERE customer_id = :customer OR previous_customer_id = :customer
                OR (kind, value) IN (SELECT kind, value FROM customer_identities WHERE customer_id = :customer)
            """,
            "DELETE FROM customer_identities WHERE customer_id = :customer",
            "UPDATE customers SET name = NULL, name_folded = NULL, erased_at = \(at.millisecondsSince1970) WHERE id IN (\(records))",
        ] {
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    public func personalData(customerID: CustomerID) async throws -> PersonalData {
        try await writer.read { db in try Self.personalData(customerID: customerID, db: db) }
    }

    /// Reads what `PersonalData` decides from, inside the caller's transaction.
    static func personalData(customerID: CustomerID, db: Database) throws -> PersonalData {
        let customer = customerID.description
        let identities = try Row.fetchAll(db, sql: "SELECT kind, value FROM customer_identities WHERE customer_id = ?", arguments: [customer])
            .compactMap { row in Identity.Kind(rawValue: row["kind"]).flatMap { Identity(kind: $0, raw: row["value"]) } }
        let history = try Row.fetchAll(
            db,
            sql: """
                SELECT e.customer_id, e.previous_customer_id FROM identity_events e
                JOIN customer_identities i ON i.kind = e.kind AND i.value = e.value WHERE i.customer_id = ?
                """, arguments: [customer])
        let records = Set(history.flatMap { [$0["customer_id"] as String?, $0["previous_customer_id"] as String?] }.compactMap { $0 })
            .subtracting([customer])
        guard !records.isEmpty else { return PersonalData() }
        let list = try jsonList(records)
        let signals = try SQLiteRows.all(
            db.makeStatement(sql: "SELECT * FROM signals WHERE customer_id IN (SELECT value FROM json_each(?))"), [list], SQLiteRows.signal)
        let withIdentities = try String.fetchAll(
            db, sql: "SELECT DISTINCT customer_id FROM customer_identities WHERE customer_id IN (SELECT value FROM json_each(?))",
            arguments: [list])
        return PersonalData(identities: Set(identities), signals: signals, recordsWithIdentities: Set(withIdentities.compactMap(CustomerID.init)))
    }

    /// A list of ids as one JSON argument, for `IN (SELECT value FROM json_each(?))`: one
    /// parameter however long the list, where SQLite limits the number of parameters.
    private static func jsonList(_ ids: some Collection<some CustomStringConvertible>) throws -> String {
        String(decoding: try JSONEncoder().encode(ids.map(\.description)), as: UTF8.self)
    }

    public func erasedAt(customerID: CustomerID) async throws -> Date? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT erased_at FROM customers WHERE id = ?", arguments: [customerID.description])
                .flatMap { SQLiteRows.optionalDate($0, "erased_at") }
        }
    }
}
