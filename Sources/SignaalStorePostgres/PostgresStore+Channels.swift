import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func editSignal(
        channel: SignaalDomain.Channel, externalID: String, newText: String, analysis: Analysis?, at: Date
    ) async throws -> Signal? {
        try await transaction { connection in
            guard
                var signal = try await self.rows(
                    """
                    SELECT \(unescaped: PostgresRows.signalColumns) FROM signals
                    WHERE channel = \(channel.rawValue) AND external_id = \(externalID) FOR UPDATE
                    """, on: connection
                ).first.map(PostgresRows.signal)
            else { return nil }
            guard signal.text != newText else { return signal }
            signal.edits.append(SignalEdit(previousText: signal.text, editedAt: at))
            signal.text = newText
            signal.textPending = false
            signal.analysis = analysis ?? signal.analysis
            try await connection.query(
                """
                UPDATE signals SET text = \(signal.text), analysis = \(try PostgresRows.analysisJSON(signal.analysis))::jsonb,
                    details = \(try StoredSignalDetails.json(signal))::jsonb, text_pending = false
                WHERE id = \(signal.id.rawValue)
                """, logger: self.logger)
            return signal
        }
    }

    public func markSignalRemoved(channel: SignaalDomain.Channel, externalID: String, at: Date) async throws -> Signal? {
        try await rows(
            """
            UPDATE signals SET removed_at = COALESCE(removed_at, \(at))
            WHERE channel = \(channel.rawValue) AND external_id = \(externalID)
            RETURNING \(unescaped: PostgresRows.signalColumns)
            """
        ).first.map(PostgresRows.signal)
    }

    public func pendingTextSignals(limit: Int) async throws -> [Signal] {
        try await rows(
            "SELECT \(unescaped: PostgresRows.signalColumns) FROM signals WHERE text_pending ORDER BY received_at LIMIT \(limit)"
        ).map(PostgresRows.signal)
    }

    public func completePendingText(id: SignalID, text: String, handle: String?, analysis: Analysis?) async throws -> Signal? {
        try await rows(
            """
            UPDATE signals SET text = \(text), analysis = \(try PostgresRows.analysisJSON(analysis))::jsonb,
                author_handle = COALESCE(\(handle), author_handle), text_pending = false
            WHERE id = \(id.rawValue) AND text_pending
            RETURNING \(unescaped: PostgresRows.signalColumns)
            """
        ).first.map(PostgresRows.signal)
    }

    public func attachments(signalID: SignalID) async throws -> [Attachment] {
        try await rows(
            """
            SELECT filename, content_type, size, content FROM signal_attachments
            WHERE signal_id = \(signalID.rawValue) ORDER BY ordinal
            """
        ).map { row in
            Attachment(
                filename: try row["filename"].decode(String?.self), contentType: try row["content_type"].decode(String.self),
                size: try row["size"].decode(Int.self),
                content: try row["content"].decode(ByteBuffer?.self).map { Data(buffer: $0) })
        }
    }

    // MARK: Replies

    public func createReply(_ reply: Reply) async throws {
        do {
            try await rows(
                """
                INSERT INTO replies (id, case_id, signal_id, channel, text, author_id, status, attempts, next_attempt_at,
                    last_error, external_id, created_at, sent_at, updated_at, coach_score, coach_findings, satisfaction_token,
                    waited_since, form_key)
                VALUES (\(reply.id.rawValue), \(reply.caseID.rawValue), \(reply.signalID?.rawValue), \(reply.channel.rawValue),
                    \(reply.text), \(reply.authorID?.rawValue), \(reply.status.rawValue), \(reply.attempts),
                    \(reply.nextAttemptAt), \(reply.lastError), \(reply.externalID), \(reply.createdAt), \(reply.sentAt),
                    \(reply.updatedAt), \(reply.coachScore), \(reply.coachFindings.isEmpty ? nil : reply.coachFindings.joined(separator: ",")),
                    \(reply.satisfactionToken), \(reply.waitedSince), \(reply.formKey))
                """)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503" {
            throw DomainError.notFound("zaak")
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" && error.serverInfo?[.constraintName] == "replies_form_key" {
            // The same form, stored a moment ago by another request: that one stands.
            guard let key = reply.formKey, let existing = try await self.reply(formKey: key) else { throw error }
            throw ReplyAlreadyWritten(existing: existing)
        }
    }

    public func replies(authoredSince since: Date) async throws -> [Reply] {
        try await rows(
            """
            SELECT * FROM replies r WHERE author_id IS NOT NULL AND created_at >= \(since)
            AND NOT EXISTS (SELECT 1 FROM incident_update_recipients i WHERE i.reply_id = r.id)
            AND NOT EXISTS (SELECT 1 FROM improvement_recipients m WHERE m.reply_id = r.id)
            ORDER BY created_at
            """)
            .map(PostgresRows.reply)
    }

    public func reply(formKey: String) async throws -> Reply? {
        try await rows("SELECT * FROM replies WHERE form_key = \(formKey)").first.map(PostgresRows.reply)
    }

    public func reply(id: ReplyID) async throws -> Reply? {
        try await rows("SELECT * FROM replies WHERE id = \(id.rawValue)").first.map(PostgresRows.reply)
    }

    public func replies(caseIDs: [CaseID]) async throws -> [Reply] {
        try await rows(of: "replies", caseIDs: caseIDs, orderedBy: "created_at, id", PostgresRows.reply)
    }

    public func replyBacklog() async throws -> [Reply.Status: Int] {
        var counts: [Reply.Status: Int] = [:]
        for row in try await rows(
            "SELECT status, COUNT(*)::bigint AS n FROM replies WHERE status IN ('queued', 'sending', 'failed') GROUP BY status")
        {
            if let status = Reply.Status(rawValue: try row["status"].decode(String.self)) { counts[status] = try row["n"].decode(Int.self) }
        }
        return counts
    }

    public func claimDueReplies(now: Date, limit: Int) async throws -> [Reply] {
        // SKIP LOCKED: instances polling together each take different replies, none waits.
        try await rows(
            """
            UPDATE replies SET status = 'sending', attempts = attempts + 1, updated_at = \(now)
            WHERE id IN (
                SELECT id FROM replies WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
                ORDER BY created_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING *
            """
        ).map(PostgresRows.reply).sorted { $0.createdAt < $1.createdAt }
    }

    public func failInterruptedReplies(sendingSince cutoff: Date, reason: String, now: Date) async throws -> [ReplyID] {
        try await rows(
            """
            UPDATE replies SET status = 'failed', last_error = \(reason), next_attempt_at = NULL, updated_at = \(now)
            WHERE status = 'sending' AND updated_at < \(cutoff) RETURNING id
            """
        ).map { ReplyID(try $0["id"].decode(UUID.self)) }
    }

    public func finishReply(id: ReplyID, attempt: Int, outcome: ReplySendOutcome, now: Date) async throws -> Reply? {
        try await updateReply(id: id, changesOnly: true) { reply in reply.finish(attempt: attempt, with: outcome, now: now) }
    }

    public func requeueReply(id: ReplyID, now: Date) async throws -> Reply {
        try await updateReply(id: id) { reply in try reply.requeue(now: now) }
    }

    public func recordDeliveryStatus(
        channel: SignaalDomain.Channel, externalID: String, status: Reply.Status, detail: String?, at: Date
    ) async throws -> Reply? {
        guard
            let id = try await rows(
                "SELECT id FROM replies WHERE channel = \(channel.rawValue) AND external_id = \(externalID)"
            ).first.map({ ReplyID(try $0["id"].decode(UUID.self)) })
        else { return nil }
        return try await updateReply(id: id) { reply in reply.recordDelivery(status, detail: detail, at: at) }
    }

    private func updateReply(id: ReplyID, _ change: @escaping @Sendable (inout Reply) throws -> Void) async throws -> Reply {
        // Never nil: every change is written.
        try await updateReply(id: id, changesOnly: false) { reply in
            try change(&reply)
            return true
        }!
    }

    /// `change` says whether it changed anything; with `changesOnly`, nothing is written and nil
    /// returned when it did not.
    private func updateReply(
        id: ReplyID, changesOnly: Bool, _ change: @escaping @Sendable (inout Reply) throws -> Bool
    ) async throws -> Reply? {
        try await transaction { connection in
            guard
                var reply = try await self.rows("SELECT * FROM replies WHERE id = \(id.rawValue) FOR UPDATE", on: connection)
                    .first.map(PostgresRows.reply)
            else { throw DomainError.notFound("antwoord") }
            guard try change(&reply) || !changesOnly else { return nil }
            try await connection.query(
                """
                UPDATE replies SET status = \(reply.status.rawValue), next_attempt_at = \(reply.nextAttemptAt),
                    last_error = \(reply.lastError), external_id = \(reply.externalID), sent_at = \(reply.sentAt),
                    updated_at = \(reply.updatedAt)
                WHERE id = \(id.rawValue)
                """, logger: self.logger)
            return reply
        }
    }

    // MARK: Identities

    public func linkIdentity(_ identity: Identity, to customerID: CustomerID, by userID: UserID?, at: Date) async throws {
        try await transaction { connection in
            guard try await !self.rows("SELECT 1 FROM customers WHERE id = \(customerID.rawValue)", on: connection).isEmpty else {
                throw DomainError.notFound("klant")
            }
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(\("identity:\(identity.kind.rawValue):\(identity.value)"), 0))",
                logger: self.logger)
            let previous = try await self.rows(
                "SELECT customer_id FROM customer_identities WHERE kind = \(identity.kind.rawValue) AND value = \(identity.value)",
                on: connection
            ).first.map { CustomerID(try $0["customer_id"].decode(UUID.self)) }
            if previous == customerID { return }
            try await connection.query(
                """
                INSERT INTO customer_identities (kind, value, customer_id, created_at)
                VALUES (\(identity.kind.rawValue), \(identity.value), \(customerID.rawValue), \(at))
                ON CONFLICT (kind, value) DO UPDATE SET customer_id = excluded.customer_id
                """, logger: self.logger)
            try await self.recordIdentityEvent(
                IdentityEvent(customerID: customerID, identity: identity, action: .link, previousCustomerID: previous, userID: userID, at: at),
                connection: connection)
        }
    }

    public func unlinkIdentity(_ identity: Identity, from customerID: CustomerID, by userID: UserID?, at: Date) async throws {
        try await transaction { connection in
            let removed = try await self.rows(
                """
                DELETE FROM customer_identities
                WHERE kind = \(identity.kind.rawValue) AND value = \(identity.value) AND customer_id = \(customerID.rawValue)
                RETURNING kind
                """, on: connection)
            guard !removed.isEmpty else { throw DomainError.notFound("identiteit") }
            try await self.recordIdentityEvent(
                IdentityEvent(customerID: customerID, identity: identity, action: .unlink, previousCustomerID: nil, userID: userID, at: at),
                connection: connection)
        }
    }

    public func identityEvents(customerID: CustomerID) async throws -> [IdentityEvent] {
        try await rows("SELECT * FROM identity_events WHERE customer_id = \(customerID.rawValue) ORDER BY id DESC").compactMap { row in
            guard let kind = Identity.Kind(rawValue: try row["kind"].decode(String.self)),
                let identity = Identity(kind: kind, raw: try row["value"].decode(String.self)),
                let action = IdentityEvent.Action(rawValue: try row["action"].decode(String.self))
            else { return nil }
            return IdentityEvent(
                customerID: customerID, identity: identity, action: action,
                previousCustomerID: try row["previous_customer_id"].decode(UUID?.self).map(CustomerID.init),
                userID: try row["user_id"].decode(UUID?.self).map(UserID.init), at: try row["at"].decodeTime())
        }
    }

    private func recordIdentityEvent(_ event: IdentityEvent, connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO identity_events (customer_id, kind, value, action, previous_customer_id, user_id, at)
            VALUES (\(event.customerID.rawValue), \(event.identity.kind.rawValue), \(event.identity.value),
                \(event.action.rawValue), \(event.previousCustomerID?.rawValue), \(event.userID?.rawValue), \(event.at))
            """, logger: logger)
    }
}
