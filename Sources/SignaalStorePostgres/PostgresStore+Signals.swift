import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func ingest(_ draft: SignalDraft, planning: @escaping IntakePlanning) async throws -> IntakeOutcome {
        // A unique violation can only come from a race the advisory locks did not cover
        // (a hash collision is harmless, a missed lock would not be): try again, then give up.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await transaction { connection in
                    try await self.ingest(draft, planning: planning, connection: connection)
                }
            } catch where Self.isUniqueViolation(error) && attempt < 3 {
                continue
            }
        }
    }

    private func ingest(
        _ draft: SignalDraft, planning: IntakePlanning, connection: PostgresConnection
    ) async throws -> IntakeOutcome {
        let identities = draft.author.identities(on: draft.channel)
        // Serialise intake per message and per person, so that two deliveries of one message,
        // or two messages of one new customer, cannot both create what should exist once.
        var lockKeys = identities.map { "identity:\($0.kind.rawValue):\($0.value)" }
        if let externalID = draft.externalID { lockKeys.append("signal:\(draft.channel.rawValue):\(externalID)") }
        // One statement for all locks (a round trip each was measurable), taken in sorted order so
        // that two intakes sharing keys cannot deadlock; a function scan keeps the array's order.
        _ = try await prepared(IntakeLocks.self, [lockKeys.sorted()], on: connection)

        var context = IntakeContext()
        if let externalID = draft.externalID,
            let row = try await prepared(SignalByExternalID.self, [draft.channel.rawValue, externalID], on: connection).first
        {
            return .duplicate(try PostgresRows.signal(row))
        }
        for identity in identities {
            // The customer's row only: the other identities are inserted "if absent", so intake
            // need not read the whole list.
            if let row = try await prepared(CustomerByIdentity.self, [identity.kind.rawValue, identity.value], on: connection).first {
                context.customer = Customer(
                    id: CustomerID(try row["id"].decode(UUID.self)), name: try row["name"].decode(String?.self),
                    identities: [identity], createdAt: try row["created_at"].decode(Date.self))
                break
            }
        }
        context.threadCase = try await threadCase(of: draft, connection: connection)
        if let customer = context.customer {
            context.unresolvedCase = try await prepared(UnresolvedCaseOfCustomer.self, [customer.id.rawValue], on: connection)
                .first.map { try PostgresRows.theCase($0) }
            if context.unresolvedCase == nil {
                context.resolvedCase = try await prepared(ResolvedCaseOfCustomer.self, [customer.id.rawValue], on: connection)
                    .first.map { try PostgresRows.theCase($0) }
            }
        }
        guard let plan = planning(draft, context) else {
            throw PostgresCorruption("planner refused a signal that is not a duplicate")
        }
        try await write(plan, connection: connection)
        return .created(plan.signal, plan.theCase)
    }

    /// The case of the conversation `draft` continues: the message it answers (a signal of the
    /// customer or one of our replies, e.g. an e-mail's `In-Reply-To`, then its `References`),
    /// else the case it names itself.
    private func threadCase(of draft: SignalDraft, connection: PostgresConnection) async throws -> Case? {
        for key in [draft.inReplyTo].compactMap({ $0 }) + draft.references {
            if let row = try await rows(
                """
                SELECT c.* FROM cases c WHERE c.id = (
                    SELECT case_id FROM signals WHERE channel = \(draft.channel.rawValue) AND external_id = \(key)
                    UNION ALL
                    SELECT case_id FROM replies WHERE channel = \(draft.channel.rawValue) AND external_id = \(key)
                    LIMIT 1)
                """,
                on: connection
            ).first {
                return try PostgresRows.theCase(row)
            }
        }
        if let hint = draft.caseHint {
            return try await rows("SELECT * FROM cases WHERE id = \(hint.rawValue)", on: connection).first.map { try PostgresRows.theCase($0) }
        }
        return nil
    }

    private func write(_ plan: IntakePlan, connection: PostgresConnection) async throws {
        let now = plan.signal.createdAt
        let customer = plan.customer
        if plan.isNewCustomer {
            try await connection.query(
                "INSERT INTO customers (id, name, created_at) VALUES (\(customer.id.rawValue), \(customer.name), \(customer.createdAt))",
                logger: logger)
        } else if plan.learnedName {
            try await connection.query(
                "UPDATE customers SET name = \(customer.name) WHERE id = \(customer.id.rawValue) AND name IS NULL",
                logger: logger)
        }
        for identity in plan.newIdentities {
            try await connection.query(
                """
                INSERT INTO customer_identities (kind, value, customer_id, created_at)
                VALUES (\(identity.kind.rawValue), \(identity.value), \(customer.id.rawValue), \(now))
                ON CONFLICT (kind, value) DO NOTHING
                """, logger: logger)
        }
        let c = plan.theCase
        if plan.isNewCase {
            try await connection.query(
                """
                INSERT INTO cases (id, customer_id, status, owner_id, team_id, priority, subject, channel, opened_at,
                    updated_at, last_inbound_at, waiting_since, signal_count, reopen_count, max_followers, text_score,
                    sla_started_at, responded_at, sentiment, intent, topics, language)
                VALUES (\(c.id.rawValue), \(c.customerID.rawValue), \(c.status.rawValue), \(c.ownerID?.rawValue),
                    \(c.teamID?.rawValue), \(c.priority), \(c.subject), \(c.channel.rawValue), \(c.openedAt),
                    \(c.updatedAt), \(c.lastInboundAt), \(c.waitingSince), \(c.signalCount), \(c.reopenCount),
                    \(c.maxFollowers), \(c.textScore), \(c.slaStartedAt), \(c.respondedAt), \(c.sentiment?.rawValue),
                    \(c.intent?.rawValue), \(CaseTopicsColumn.encode(c.topics)), \(c.language))
                """, logger: logger)
        } else {
            try await connection.query(
                """
                UPDATE cases SET status = \(c.status.rawValue), priority = \(c.priority), updated_at = \(c.updatedAt),
                    last_inbound_at = \(c.lastInboundAt), waiting_since = \(c.waitingSince),
                    signal_count = \(c.signalCount), reopen_count = \(c.reopenCount), max_followers = \(c.maxFollowers),
                    text_score = \(c.textScore), sla_started_at = \(c.slaStartedAt), responded_at = \(c.respondedAt),
                    sentiment = \(c.sentiment?.rawValue), intent = \(c.intent?.rawValue),
                    topics = \(CaseTopicsColumn.encode(c.topics)), language = \(c.language)
                WHERE id = \(c.id.rawValue)
                """, logger: logger)
        }
        for transition in c.transitions {
            try await connection.query(
                """
                INSERT INTO case_transitions (case_id, from_status, to_status, at, actor_id, reason)
                VALUES (\(c.id.rawValue), \(transition.from?.rawValue), \(transition.to.rawValue), \(transition.at),
                    \(transition.actorID?.rawValue), \(transition.reason))
                """, logger: logger)
        }
        let s = plan.signal
        let analysis = try plan.analysisJSON ?? PostgresRows.analysisJSON(s.analysis)
        try await connection.query(
            """
            INSERT INTO signals (id, channel, external_id, customer_id, case_id, author_handle, author_name,
                author_email, author_phone, author_followers, text, received_at, in_reply_to, url, analysis, created_at,
                details, text_pending)
            VALUES (\(s.id.rawValue), \(s.channel.rawValue), \(s.externalID), \(s.customerID.rawValue),
                \(s.caseID.rawValue), \(s.author.handle), \(s.author.name), \(s.author.email), \(s.author.phone),
                \(s.author.followers), \(s.text), \(s.receivedAt), \(s.inReplyTo), \(s.url), \(analysis)::jsonb,
                \(s.createdAt), \(try StoredSignalDetails.json(s))::jsonb, \(s.textPending))
            """, logger: logger)
        for (ordinal, attachment) in plan.attachments.enumerated() {
            try await connection.query(
                """
                INSERT INTO signal_attachments (signal_id, ordinal, filename, content_type, size, content)
                VALUES (\(s.id.rawValue), \(ordinal), \(attachment.filename), \(attachment.contentType), \(attachment.size),
                    \(attachment.content.map { ByteBuffer(bytes: $0) }))
                """, logger: logger)
        }
    }

    public func customer(id: CustomerID) async throws -> Customer? {
        guard let row = try await rows("SELECT * FROM customers WHERE id = \(id.rawValue)").first else {
            return nil
        }
        let identities = try await rows(
            "SELECT kind, value FROM customer_identities WHERE customer_id = \(id.rawValue) ORDER BY created_at, kind"
        ).compactMap { row -> Identity? in
            guard let kind = Identity.Kind(rawValue: try row["kind"].decode(String.self)) else { return nil }
            return Identity(kind: kind, raw: try row["value"].decode(String.self))
        }
        return Customer(
            id: id, name: try row["name"].decode(String?.self), identities: identities,
            createdAt: try row["created_at"].decode(Date.self))
    }

    public func signal(id: SignalID) async throws -> Signal? {
        try await rows("SELECT \(unescaped: PostgresRows.signalColumns) FROM signals WHERE id = \(id.rawValue)")
            .first.map(PostgresRows.signal)
    }

    public func signals(channel: SignaalDomain.Channel?, limit: Int, after cursor: SignalCursor?) async throws -> [Signal] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        if let channel {
            binds.append(channel.rawValue)
            conditions.append("channel = $\(binds.count)")
        }
        if let cursor {
            binds.append(Date(millisecondsSince1970: cursor.receivedAt))
            binds.append(cursor.id.rawValue)
            conditions.append("(received_at, id) < ($\(binds.count - 1), $\(binds.count))")
        }
        binds.append(limit)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(PostgresRows.signalColumns) FROM signals \(whereClause) ORDER BY received_at DESC, id DESC LIMIT $\(binds.count)"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(PostgresRows.signal)
    }

    public func signals(intent: Analysis.Intent, since: Date, limit: Int) async throws -> [Signal] {
        try await rows(
            """
            SELECT \(unescaped: PostgresRows.signalColumns) FROM signals
            WHERE received_at >= \(since) AND analysis->>'intent' = \(intent.rawValue)
            ORDER BY received_at DESC, id DESC LIMIT \(limit)
            """
        ).map(PostgresRows.signal)
    }

    public func signals(caseID: CaseID) async throws -> [Signal] {
        try await rows(
            "SELECT \(unescaped: PostgresRows.signalColumns) FROM signals WHERE case_id = \(caseID.rawValue) ORDER BY received_at, id"
        ).map(PostgresRows.signal)
    }

    public func signals(customerID: CustomerID) async throws -> [Signal] {
        try await rows(
            "SELECT \(unescaped: PostgresRows.signalColumns) FROM signals WHERE customer_id = \(customerID.rawValue) ORDER BY received_at, id"
        ).map(PostgresRows.signal)
    }
}

// Intake's reads as prepared statements: planned once per connection, where planning them anew at
// every intake cost PostgreSQL more than running them (pg_stat_statements: ~0.5 ms per intake).
// They name their columns, so that a migration that adds one does not break them.

private enum IntakeLocks: PreparedSQL {
    static let name = "signaal_intake_locks"
    static let sql = "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest($1::text[]) AS key"
}

private enum SignalByExternalID: PreparedSQL {
    static let name = "signaal_intake_duplicate"
    static let sql = "SELECT \(PostgresRows.signalColumns) FROM signals WHERE channel = $1 AND external_id = $2"
}

private enum CustomerByIdentity: PreparedSQL {
    static let name = "signaal_intake_customer"
    static let sql = """
        SELECT c.id, c.name, c.created_at FROM customer_identities i JOIN customers c ON c.id = i.customer_id
        WHERE i.kind = $1 AND i.value = $2
        """
}

private enum UnresolvedCaseOfCustomer: PreparedSQL {
    static let name = "signaal_intake_unresolved_case"
    static let sql = """
        SELECT \(PostgresRows.caseColumns) FROM cases WHERE customer_id = $1
        AND \(PostgresStore.unresolvedCondition) ORDER BY updated_at DESC LIMIT 1
        """
}

private enum ResolvedCaseOfCustomer: PreparedSQL {
    static let name = "signaal_intake_resolved_case"
    static let sql = """
        SELECT \(PostgresRows.caseColumns) FROM cases WHERE customer_id = $1 AND status = 'resolved'
        ORDER BY updated_at DESC LIMIT 1
        """
}
