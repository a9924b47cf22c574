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
        try await lock(lockKeys, on: connection)

        var context = IntakeContext()
        if let externalID = draft.externalID,
            let row = try await prepared(
                SignalByExternalID.self, [draft.channel.rawValue, externalID, ErasedMessages.digest(of: externalID)], on: connection
            ).first
        {
            return .duplicate(try PostgresRows.signal(row))
        }
        var owners: [Customer?] = []
        for identity in identities {
            // The customer's row only: the other identities are inserted "if absent", so intake
            // need not read the whole list.
            let owner = try await prepared(CustomerByIdentity.self, [identity.kind.rawValue, identity.value], on: connection).first
                .map { row in
                    Customer(
                        id: CustomerID(try row["id"].decode(UUID.self)), name: try row["name"].decode(String?.self),
                        identities: [identity], createdAt: try row["created_at"].decodeTime())
                }
            owners.append(owner)
            if owner != nil && !draft.channel.identitiesAreClaims { break }
        }
        context.customer = IntakeContext.customer(owning: owners, channel: draft.channel)
        context.threadCase = try await threadCase(of: draft, connection: connection)
        if let customer = context.customer {
            // The newest unresolved case, else the newest resolved one (the planner reopens that),
            // picked from one read: a customer has a case or a few that are not closed.
            let cases = try await prepared(CasesOfCustomerNotClosed.self, [customer.id.rawValue], on: connection)
                .map { try PostgresRows.theCase($0) }
            let newest = { (status: (CaseStatus) -> Bool) in cases.filter { status($0.status) }.max { $0.updatedAt < $1.updatedAt } }
            context.unresolvedCase = newest { CaseStatus.unresolved.contains($0) }
            if context.unresolvedCase == nil { context.resolvedCase = newest { $0 == .resolved } }
        }
        // Duplicates were answered above: a plan of nothing is a message not to keep.
        guard let plan = planning(draft, context) else { throw IntakeIgnored.automaticReplyWithoutCase }
        try await write(plan, connection: connection)
        return .created(plan.signal, plan.theCase)
    }

    /// Records `transitions` of a case, in order.
    func insertTransitions(_ transitions: [CaseTransition], of caseID: CaseID, on connection: PostgresConnection) async throws {
        for transition in transitions {
            var bindings = PostgresBindings(capacity: 6)
            bindings.append(caseID.rawValue)
            bindings.append(transition.from?.rawValue)
            bindings.append(transition.to.rawValue)
            bindings.append(transition.at)
            bindings.append(transition.actorID?.rawValue)
            bindings.append(transition.reason)
            try await prepared(InsertTransition.self, bindings, on: connection)
        }
    }

    /// The case of the conversation `draft` continues: the message it answers (a signal of the
    /// customer or one of our replies, e.g. an e-mail's `In-Reply-To`, then its `References`),
    /// else the case it names itself. Locked as the customer's cases are (see
    /// `CasesOfCustomerNotClosed`).
    private func threadCase(of draft: SignalDraft, connection: PostgresConnection) async throws -> Case? {
        for key in [draft.inReplyTo].compactMap({ $0 }) + draft.references {
            if let row = try await rows(
                """
                SELECT c.* FROM cases c WHERE c.id = (
                    SELECT case_id FROM signals WHERE channel = \(draft.channel.rawValue) AND external_id = \(key)
                    UNION ALL
                    SELECT case_id FROM replies WHERE channel = \(draft.channel.rawValue) AND external_id = \(key)
                    LIMIT 1)
                FOR UPDATE OF c
                """,
                on: connection
            ).first {
                return try PostgresRows.theCase(row)
            }
        }
        if let hint = draft.caseHint {
            return try await rows("SELECT * FROM cases WHERE id = \(hint.rawValue) FOR UPDATE", on: connection).first
                .map { try PostgresRows.theCase($0) }
        }
        return nil
    }

    private func write(_ plan: IntakePlan, connection: PostgresConnection) async throws {
        let now = plan.signal.createdAt
        let customer = plan.customer
        if plan.isNewCustomer {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(customer.id.rawValue)
            bindings.append(customer.name)
            bindings.append(customer.createdAt)
            try await prepared(InsertCustomer.self, bindings, on: connection)
        } else if plan.learnedName {
            try await connection.query(
                "UPDATE customers SET name = \(customer.name) WHERE id = \(customer.id.rawValue) AND name IS NULL",
                logger: logger)
        }
        for identity in plan.newIdentities {
            try await prepared(InsertIdentity.self, [identity.kind.rawValue, identity.value, customer.id.rawValue, now], on: connection)
        }
        let c = plan.theCase
        let s = plan.signal
        // The case's write and the signal's insert go in one statement, a round trip fewer per
        // intake. The columns intake may change come first, in the update's order; a new case adds
        // the rest; the signal's follow.
        var bindings = PostgresBindings(capacity: 40)
        bindings.append(c.id.rawValue)
        bindings.append(c.status.rawValue)
        bindings.append(c.priority)
        bindings.append(c.updatedAt)
        bindings.append(c.lastInboundAt)
        bindings.append(c.waitingSince)
        bindings.append(c.signalCount)
        bindings.append(c.reopenCount)
        bindings.append(c.maxFollowers)
        bindings.append(c.textScore)
        bindings.append(c.slaStartedAt)
        bindings.append(c.respondedAt)
        bindings.append(c.sentiment?.rawValue)
        bindings.append(c.intent?.rawValue)
        bindings.append(CaseTopicsColumn.encode(c.topics))
        bindings.append(c.language)
        if plan.isNewCase {
            bindings.append(c.customerID.rawValue)
            bindings.append(c.ownerID?.rawValue)
            bindings.append(c.teamID?.rawValue)
            bindings.append(c.subject)
            bindings.append(c.channel.rawValue)
            bindings.append(c.openedAt)
            bindings.append(c.posesAsBrand)
        }
        bindings.append(s.id.rawValue)
        bindings.append(s.channel.rawValue)
        bindings.append(s.externalID)
        bindings.append(s.customerID.rawValue)
        bindings.append(s.caseID.rawValue)
        bindings.append(s.author.handle)
        bindings.append(s.author.name)
        bindings.append(s.author.email)
        bindings.append(s.author.phone)
        bindings.append(s.author.followers)
        bindings.append(s.text)
        bindings.append(s.receivedAt)
        bindings.append(s.inReplyTo)
        bindings.append(s.url)
        bindings.append(try plan.analysisJSON ?? PostgresRows.analysisJSON(s.analysis))
        bindings.append(s.createdAt)
        bindings.append(try StoredSignalDetails.json(s))
        bindings.append(s.textPending)
        if plan.isNewCase {
            try await prepared(InsertCaseAndSignal.self, bindings, on: connection)
        } else {
            try await prepared(UpdateCaseAndInsertSignal.self, bindings, on: connection)
        }
        try await insertTransitions(c.transitions, of: c.id, on: connection)
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
            createdAt: try row["created_at"].decodeTime())
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

    public func signals(externalID: String) async throws -> [Signal] {
        // Every channel named, so the (channel, external_id) index answers it.
        let channels = SignaalDomain.Channel.allCases.map(\.rawValue)
        return try await rows(
            """
            SELECT \(unescaped: PostgresRows.signalColumns) FROM signals
            WHERE channel = ANY(\(channels)) AND external_id = \(externalID)
            """
        ).map(PostgresRows.signal)
    }

    public func signals(answering externalIDs: [String], on channel: SignaalDomain.Channel) async throws -> [Signal] {
        let ids = Array(Set(externalIDs))
        guard !ids.isEmpty else { return [] }
        return try await rows(
            """
            SELECT \(unescaped: PostgresRows.signalColumns) FROM signals
            WHERE channel = \(channel.rawValue) AND in_reply_to = ANY(\(ids))
            ORDER BY received_at, id
            """
        ).map(PostgresRows.signal)
    }

    public func windowCounts(_ windows: [DateInterval]) async throws -> [WindowCount] {
        guard !windows.isEmpty else { return [] }
        // Each window is a range of the received_at index; the topics come from the stored analysis.
        let starts = windows.map(\.start)
        let ends = windows.map(\.end)
        return try await rows(
            """
            WITH w AS (
                SELECT (ordinality - 1)::int AS i, start, finish
                FROM unnest(\(starts)::timestamptz[], \(ends)::timestamptz[]) WITH ORDINALITY AS w(start, finish)
            ),
            counted AS (
                SELECT w.i, s.analysis FROM w JOIN signals s ON s.received_at >= w.start AND s.received_at < w.finish
                WHERE COALESCE(s.analysis->>'intent', '') <> 'compliment'
                    -- Accounts posing as the brand are no customers (index cases_posing).
                    AND s.case_id NOT IN (SELECT id FROM cases WHERE poses_as_brand)
            )
            SELECT i, NULL::text AS topic, count(*)::int AS n FROM counted GROUP BY i
            UNION ALL
            SELECT i, t.topic, count(*)::int AS n
            FROM counted CROSS JOIN LATERAL jsonb_array_elements_text(counted.analysis->'topics') AS t(topic)
            WHERE jsonb_typeof(counted.analysis->'topics') = 'array'
            GROUP BY i, t.topic
            """
        ).map { row in
            WindowCount(
                window: Int(try row["i"].decode(Int32.self)), topic: try row["topic"].decode(String?.self),
                count: Int(try row["n"].decode(Int32.self)))
        }
    }

    public func hourlyCounts(in period: DateInterval) async throws -> [Date: Int] {
        // Epoch hours rather than date_trunc, which would follow the session's time zone.
        let rows = try await rows(
            """
            SELECT floor(extract(epoch FROM received_at) / 3600)::bigint AS h, count(*)::bigint AS n FROM signals
            WHERE received_at >= \(period.start) AND received_at < \(period.end) GROUP BY h
            """
        )
        var counts: [Date: Int] = [:]
        for row in rows {
            counts[Date(timeIntervalSince1970: Double(try row["h"].decode(Int64.self)) * 3600)] = Int(try row["n"].decode(Int64.self))
        }
        return counts
    }

    public func agentLoads(since: Date) async throws -> [UserID: AgentLoad] {
        var loads: [UserID: AgentLoad] = [:]
        for row in try await rows(
            """
            SELECT owner_id, count(*)::int AS n FROM cases
            WHERE owner_id IS NOT NULL AND \(unescaped: Self.unresolvedCondition) GROUP BY owner_id
            """
        ) {
            loads[UserID(try row["owner_id"].decode(UUID.self)), default: AgentLoad()].openCases = Int(try row["n"].decode(Int32.self))
        }
        for row in try await rows(
            """
            SELECT c.owner_id, count(*)::int AS n, (count(*) FILTER (WHERE s.analysis->>'sentiment' = 'negative'))::int AS negative
            FROM signals s JOIN cases c ON c.id = s.case_id
            WHERE s.received_at >= \(since) AND c.owner_id IS NOT NULL GROUP BY c.owner_id
            """
        ) {
            let owner = UserID(try row["owner_id"].decode(UUID.self))
            loads[owner, default: AgentLoad()].messages = Int(try row["n"].decode(Int32.self))
            loads[owner, default: AgentLoad()].negative = Int(try row["negative"].decode(Int32.self))
        }
        return loads
    }

    public func signalCounts(in period: DateInterval) async throws -> (counts: [SignalCount], cases: Int, complainants: Int) {
        let counts = try await rows(
            """
            SELECT floor(extract(epoch FROM received_at) / 3600)::bigint AS h, analysis->>'sentiment' AS sentiment,
                analysis->>'intent' AS intent, count(*)::bigint AS n
            FROM signals WHERE received_at >= \(period.start) AND received_at < \(period.end)
                AND case_id NOT IN (SELECT id FROM cases WHERE poses_as_brand)
            GROUP BY 1, 2, 3
            """
        ).map { row in
            SignalCount(
                hour: Date(timeIntervalSince1970: Double(try row["h"].decode(Int64.self)) * 3600),
                sentiment: try row["sentiment"].decode(String?.self).flatMap(Analysis.Sentiment.init),
                intent: try row["intent"].decode(String?.self).flatMap(Analysis.Intent.init), count: Int(try row["n"].decode(Int64.self)))
        }
        let cases = try await rows(
            """
            SELECT count(DISTINCT case_id)::bigint AS n FROM signals WHERE received_at >= \(period.start) AND received_at < \(period.end)
                AND COALESCE(analysis->>'intent', '') <> 'compliment' AND case_id NOT IN (SELECT id FROM cases WHERE poses_as_brand)
            """
        ).first.map { Int(try $0["n"].decode(Int64.self)) } ?? 0
        // The silent majority stands behind each customer who complained, not each message.
        let complainants = try await rows(
            """
            SELECT count(DISTINCT customer_id)::bigint AS n FROM signals WHERE received_at >= \(period.start) AND received_at < \(period.end)
                AND analysis->>'intent' = 'complaint' AND case_id NOT IN (SELECT id FROM cases WHERE poses_as_brand)
            """
        ).first.map { Int(try $0["n"].decode(Int64.self)) } ?? 0
        return (counts, cases, complainants)
    }

    public func signals(intent: Analysis.Intent, in period: DateInterval, limit: Int) async throws -> [Signal] {
        try await rows(
            """
            SELECT \(unescaped: PostgresRows.signalColumns) FROM signals
            WHERE received_at >= \(period.start) AND received_at < \(period.end) AND analysis->>'intent' = \(intent.rawValue)
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
// They name their columns, so that a migration that adds one does not break them
// (`PreparedStatementTests`).

/// The message itself, or the placeholder of an erased message with that id (`ErasedMessages`),
/// in one round trip.
private enum SignalByExternalID: PreparedSQL {
    static let name = "signaal_intake_duplicate"
    static let sql = """
        SELECT \(PostgresRows.signalColumns) FROM signals WHERE channel = $1 AND external_id = $2
        UNION ALL
        SELECT \(PostgresRows.signalColumns) FROM signals
        WHERE id = (SELECT signal_id FROM erased_external_ids WHERE channel = $1 AND digest = $3)
        LIMIT 1
        """
}

/// Also locks the customer for the rest of the transaction: one customer writing on two channels
/// at once (an e-mail and a WhatsApp message, each with one of their identities) passes two
/// different identity locks, and both would find no open case and open one each.
private enum CustomerByIdentity: PreparedSQL {
    static let name = "signaal_intake_customer"
    static let sql = """
        SELECT c.id, c.name, c.created_at, pg_advisory_xact_lock(hashtextextended('customer:' || c.id::text, 0))
        FROM customer_identities i JOIN customers c ON c.id = i.customer_id
        WHERE i.kind = $1 AND i.value = $2
        """
}

/// `status <> 'closed'` on purpose, not the unresolved list: that list is the predicate of the
/// partial inbox indexes, and on a table filled since its last ANALYZE the planner ANDed a whole
/// partial index with `cases_customer` (5,000 entries read, 300 µs instead of 20). A `<>` implies
/// no partial index and cannot use `cases_status_priority`, so only `cases_customer` remains.
///
/// `FOR UPDATE`: intake writes the case back whole, so it must read it as an agent's change in
/// flight (which holds the row the same way, in `updateCase`) leaves it, not from before; else a
/// resolve or a reply at the same moment as the customer's message was silently undone.
private enum CasesOfCustomerNotClosed: PreparedSQL {
    static let name = "signaal_intake_customer_cases"
    static let sql = "SELECT \(PostgresRows.caseColumns) FROM cases WHERE customer_id = $1 AND status <> 'closed' FOR UPDATE"
}

// Intake's writes, prepared for the same reason. The server infers each parameter's type from its
// column, so each binding must be of that type exactly (text for the JSON, cast after).

private enum InsertCustomer: PreparedSQL {
    static let name = "signaal_intake_customer_insert"
    static let sql = "INSERT INTO customers (id, name, created_at) VALUES ($1, $2, $3)"
}

private enum InsertIdentity: PreparedSQL {
    static let name = "signaal_intake_identity_insert"
    static let sql = """
        INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (kind, value) DO NOTHING
        """
}

/// The statements of a case's insert or update and a signal's insert, as fragments of the two below.
private enum IntakeSQL {
    static let insertCase = """
        INSERT INTO cases (id, status, priority, updated_at, last_inbound_at, waiting_since, signal_count,
            reopen_count, max_followers, text_score, sla_started_at, responded_at, sentiment, intent, topics, language,
            customer_id, owner_id, team_id, subject, channel, opened_at, poses_as_brand)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
        """
    static let updateCase = """
        UPDATE cases SET status = $2, priority = $3, updated_at = $4, last_inbound_at = $5, waiting_since = $6,
            signal_count = $7, reopen_count = $8, max_followers = $9, text_score = $10, sla_started_at = $11,
            responded_at = $12, sentiment = $13, intent = $14, topics = $15, language = $16
        WHERE id = $1
        """
    /// With its parameters after the case statement's `offset` ones.
    static func insertSignal(after offset: Int) -> String {
        let columns = [
            "id", "channel", "external_id", "customer_id", "case_id", "author_handle", "author_name", "author_email",
            "author_phone", "author_followers", "text", "received_at", "in_reply_to", "url", "analysis", "created_at",
            "details", "text_pending",
        ]
        // The JSON columns are bound as text and cast (the server infers each parameter's type).
        let values = columns.enumerated().map { index, column in
            "$\(offset + index + 1)" + (column == "analysis" || column == "details" ? "::text::jsonb" : "")
        }
        return "INSERT INTO signals (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
    }
}

/// A data-modifying WITH runs both in one statement; the foreign key of the signal on the new case
/// is checked at the statement's end, when the case exists.
private enum InsertCaseAndSignal: PreparedSQL {
    static let name = "signaal_intake_case_insert_signal"
    static let sql = "WITH new_case AS (\(IntakeSQL.insertCase)) \(IntakeSQL.insertSignal(after: 23))"
}

private enum UpdateCaseAndInsertSignal: PreparedSQL {
    static let name = "signaal_intake_case_update_signal"
    static let sql = "WITH updated_case AS (\(IntakeSQL.updateCase)) \(IntakeSQL.insertSignal(after: 16))"
}

private enum InsertTransition: PreparedSQL {
    static let name = "signaal_intake_transition_insert"
    static let sql = """
        INSERT INTO case_transitions (case_id, from_status, to_status, at, actor_id, reason)
        VALUES ($1, $2, $3, $4, $5, $6)
        """
}
