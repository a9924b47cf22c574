import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func editSignal(
        channel: Channel, externalID: String, newText: String, analysis: Analysis?, at: Date
    ) async throws -> Signal? {
        try await writer.write { db in
            guard
                var signal = try Row.fetchOne(
                    db, sql: "SELECT * FROM signals WHERE channel = ? AND external_id = ?",
                    arguments: [channel.rawValue, externalID]
                ).map(SQLiteRows.signal)
            else { return nil }
            // A platform may repeat an edit delivery: the same text again is no new edit.
            guard signal.text != newText else { return signal }
            signal.edits.append(SignalEdit(previousText: signal.text, editedAt: at))
            signal.text = newText
            signal.textPending = false
            signal.analysis = analysis ?? signal.analysis
            try db.execute(
                sql: """
                    UPDATE signals SET text = ?, analysis = ?, details = ?, text_pending = 0, sentiment = ?, intent = ?, topics = ?
                    WHERE id = ?
                    """,
                arguments: [signal.text, signal.analysis?.compactJSON, try StoredSignalDetails.json(signal)]
                    + SQLiteRows.countedColumns(signal.analysis) + [signal.id.description])
            return signal
        }
    }

    public func markSignalRemoved(channel: Channel, externalID: String, at: Date) async throws -> Signal? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE signals SET removed_at = COALESCE(removed_at, ?) WHERE channel = ? AND external_id = ?",
                arguments: [at.millisecondsSince1970, channel.rawValue, externalID])
            return try Row.fetchOne(
                db, sql: "SELECT * FROM signals WHERE channel = ? AND external_id = ?", arguments: [channel.rawValue, externalID]
            ).map(SQLiteRows.signal)
        }
    }

    public func pendingTextSignals(limit: Int) async throws -> [Signal] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM signals WHERE text_pending = 1 ORDER BY received_at LIMIT ?", arguments: [limit]
            ).map(SQLiteRows.signal)
        }
    }

    public func completePendingText(id: SignalID, text: String, handle: String?, analysis: Analysis?) async throws -> Signal? {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE signals SET text = ?, analysis = ?, author_handle = COALESCE(?, author_handle), text_pending = 0,
                        sentiment = ?, intent = ?, topics = ?
                    WHERE id = ? AND text_pending = 1
                    """,
                arguments: [text, analysis?.compactJSON, handle] + SQLiteRows.countedColumns(analysis) + [id.description])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM signals WHERE id = ?", arguments: [id.description])
                .map(SQLiteRows.signal)
        }
    }

    public func attachments(signalID: SignalID) async throws -> [Attachment] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM signal_attachments WHERE signal_id = ? ORDER BY ordinal", arguments: [signalID.description]
            ).map { row in
                Attachment(filename: row["filename"], contentType: row["content_type"], size: row["size"], content: row["content"])
            }
        }
    }

    // MARK: Replies

    public func createReply(_ reply: Reply) async throws {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [reply.caseID.description]) != nil else {
                throw DomainError.notFound("zaak")
            }
            // One writer: no other insert comes between this look and the insert (the unique
            // index stands behind it).
            if let key = reply.formKey,
                let existing = try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE form_key = ?", arguments: [key]).map(SQLiteRows.reply)
            {
                throw ReplyAlreadyWritten(existing: existing)
            }
            try db.execute(
                sql: """
                    INSERT INTO replies (id, case_id, signal_id, channel, text, author_id, status, attempts, next_attempt_at,
                        last_error, external_id, created_at, sent_at, updated_at, coach_score, coach_findings, satisfaction_token,
                        waited_since, form_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    reply.id.description, reply.caseID.description, reply.signalID?.description, reply.channel.rawValue,
                    reply.text, reply.authorID?.description, reply.status.rawValue, reply.attempts,
                    reply.nextAttemptAt?.millisecondsSince1970, reply.lastError, reply.externalID,
                    reply.createdAt.millisecondsSince1970, reply.sentAt?.millisecondsSince1970,
                    reply.updatedAt.millisecondsSince1970, reply.coachScore,
                    reply.coachFindings.isEmpty ? nil : reply.coachFindings.joined(separator: ","), reply.satisfactionToken,
                    reply.waitedSince?.millisecondsSince1970, reply.formKey,
                ])
        }
    }

    public func replies(authoredSince since: Date) async throws -> [Reply] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM replies r WHERE author_id IS NOT NULL AND created_at >= ?
                    AND NOT EXISTS (SELECT 1 FROM incident_update_recipients i WHERE i.reply_id = r.id)
                    AND NOT EXISTS (SELECT 1 FROM improvement_recipients m WHERE m.reply_id = r.id)
                    ORDER BY created_at
                    """,
                arguments: [since.millisecondsSince1970]
            ).map(SQLiteRows.reply)
        }
    }

    public func reply(formKey: String) async throws -> Reply? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE form_key = ?", arguments: [formKey]).map(SQLiteRows.reply)
        }
    }

    public func reply(id: ReplyID) async throws -> Reply? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE id = ?", arguments: [id.description]).map(SQLiteRows.reply)
        }
    }

    public func replies(caseIDs: [CaseID]) async throws -> [Reply] {
        try await rows(of: "replies", caseIDs: caseIDs, orderedBy: "created_at, id", SQLiteRows.reply)
    }

    public func replyBacklog() async throws -> [Reply.Status: Int] {
        try await writer.read { db in
            var counts: [Reply.Status: Int] = [:]
            // Read from the (status, next_attempt_at) index alone.
            for row in try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) AS n FROM replies WHERE status IN ('queued', 'sending', 'failed') GROUP BY status")
            {
                if let status = Reply.Status(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    public func claimDueReplies(now: Date, limit: Int) async throws -> [Reply] {
        // One writer connection: the select and the update cannot interleave with another claim.
        try await writer.write { db in
            let due = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM replies WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                    ORDER BY created_at LIMIT ?
                    """,
                arguments: [now.millisecondsSince1970, limit]
            ).map(SQLiteRows.reply)
            return try due.map { reply in
                var claimed = reply
                claimed.status = .sending
                claimed.attempts += 1
                claimed.updatedAt = now
                try db.execute(
                    sql: "UPDATE replies SET status = 'sending', attempts = ?, updated_at = ? WHERE id = ?",
                    arguments: [claimed.attempts, now.millisecondsSince1970, reply.id.description])
                return claimed
            }
        }
    }

    public func failInterruptedReplies(sendingSince cutoff: Date, reason: String, now: Date) async throws -> [ReplyID] {
        try await writer.write { db in
            try String.fetchAll(
                db,
                sql: """
                    UPDATE replies SET status = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ?
                    WHERE status = 'sending' AND updated_at < ? RETURNING id
                    """,
                arguments: [reason, now.millisecondsSince1970, cutoff.millisecondsSince1970]
            ).compactMap(ReplyID.init)
        }
    }

    public func finishReply(id: ReplyID, attempt: Int, outcome: ReplySendOutcome, now: Date) async throws -> Reply? {
        try await writer.write { db in
            guard var reply = try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE id = ?", arguments: [id.description])
                .map(SQLiteRows.reply)
            else { throw DomainError.notFound("antwoord") }
            guard reply.finish(attempt: attempt, with: outcome, now: now) else { return nil }
            try db.execute(
                sql: """
                    UPDATE replies SET status = ?, next_attempt_at = ?, last_error = ?, external_id = ?, sent_at = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    reply.status.rawValue, reply.nextAttemptAt?.millisecondsSince1970, reply.lastError, reply.externalID,
                    reply.sentAt?.millisecondsSince1970, now.millisecondsSince1970, id.description,
                ])
            return reply
        }
    }

    public func requeueReply(id: ReplyID, now: Date) async throws -> Reply {
        try await writer.write { db in
            guard var reply = try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE id = ?", arguments: [id.description])
                .map(SQLiteRows.reply)
            else { throw DomainError.notFound("antwoord") }
            try reply.requeue(now: now)
            try db.execute(
                sql: "UPDATE replies SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?",
                arguments: [now.millisecondsSince1970, now.millisecondsSince1970, id.description])
            return reply
        }
    }

    public func recordDeliveryStatus(
        channel: Channel, externalID: String, status: Reply.Status, detail: String?, at: Date
    ) async throws -> Reply? {
        try await writer.write { db in
            guard
                var reply = try Row.fetchOne(
                    db, sql: "SELECT * FROM replies WHERE channel = ? AND external_id = ?", arguments: [channel.rawValue, externalID]
                ).map(SQLiteRows.reply)
            else { return nil }
            reply.recordDelivery(status, detail: detail, at: at)
            try db.execute(
                sql: "UPDATE replies SET status = ?, last_error = ?, updated_at = ? WHERE id = ?",
                arguments: [reply.status.rawValue, reply.lastError, reply.updatedAt.millisecondsSince1970, reply.id.description])
            return reply
        }
    }

    // MARK: Identities

    public func linkIdentity(_ identity: Identity, to customerID: CustomerID, by userID: UserID?, at: Date) async throws {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM customers WHERE id = ?", arguments: [customerID.description]) != nil
            else { throw DomainError.notFound("klant") }
            let previous = try String.fetchOne(
                db, sql: "SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?",
                arguments: [identity.kind.rawValue, identity.value])
            if previous == customerID.description { return }
            try db.execute(
                sql: """
                    INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (kind, value) DO UPDATE SET customer_id = excluded.customer_id
                    """,
                arguments: [identity.kind.rawValue, identity.value, customerID.description, at.millisecondsSince1970])
            try Self.recordIdentityEvent(
                IdentityEvent(
                    customerID: customerID, identity: identity, action: .link, previousCustomerID: previous.flatMap(CustomerID.init),
                    userID: userID, at: at), db: db)
        }
    }

    public func unlinkIdentity(_ identity: Identity, from customerID: CustomerID, by userID: UserID?, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM customer_identities WHERE kind = ? AND value = ? AND customer_id = ?",
                arguments: [identity.kind.rawValue, identity.value, customerID.description])
            guard db.changesCount > 0 else { throw DomainError.notFound("identiteit") }
            try Self.recordIdentityEvent(
                IdentityEvent(customerID: customerID, identity: identity, action: .unlink, previousCustomerID: nil, userID: userID, at: at),
                db: db)
        }
    }

    public func identityEvents(customerID: CustomerID) async throws -> [IdentityEvent] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM identity_events WHERE customer_id = ? ORDER BY id DESC", arguments: [customerID.description]
            ).compactMap { row -> IdentityEvent? in
                guard let kind = Identity.Kind(rawValue: row["kind"]), let identity = Identity(kind: kind, raw: row["value"]),
                    let action = IdentityEvent.Action(rawValue: row["action"])
                else { return nil }
                return IdentityEvent(
                    customerID: try SQLiteRows.id(row, "customer_id"), identity: identity, action: action,
                    previousCustomerID: try SQLiteRows.optionalID(row, "previous_customer_id"),
                    userID: try SQLiteRows.optionalID(row, "user_id"), at: SQLiteRows.date(row, "at"))
            }
        }
    }

    private static func recordIdentityEvent(_ event: IdentityEvent, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO identity_events (customer_id, kind, value, action, previous_customer_id, user_id, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.customerID.description, event.identity.kind.rawValue, event.identity.value, event.action.rawValue,
                event.previousCustomerID?.description, event.userID?.description, event.at.millisecondsSince1970,
            ])
    }
}
