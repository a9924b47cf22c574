import Foundation
import NIOCore
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    /// COPY in PostgreSQL's text format: one round trip per table, however many rows.
    public func bulkLoad(customers: [Customer], cases: [Case], signals: [Signal]) async throws {
        try await transaction(limit: Self.longWorkLimit) { connection in
            try await Self.copy(
                "customers", ["id", "name", "created_at"], customers, on: connection, logger: self.logger
            ) { [.text($0.id.rawValue.uuidString), .text($0.name), .date($0.createdAt)] }
            let identities = customers.flatMap { customer in customer.identities.map { (customer, $0) } }
            try await Self.copy(
                "customer_identities", ["kind", "value", "customer_id", "created_at"], identities, on: connection, logger: self.logger
            ) { [.text($0.1.kind.rawValue), .text($0.1.value), .text($0.0.id.rawValue.uuidString), .date($0.0.createdAt)] }
            try await Self.copy(
                "cases",
                [
                    "id", "customer_id", "status", "owner_id", "team_id", "priority", "subject", "channel", "opened_at", "updated_at",
                    "last_inbound_at", "waiting_since", "signal_count", "reopen_count", "max_followers", "text_score",
                    "sla_started_at", "responded_at", "sentiment", "intent", "topics", "language", "poses_as_brand",
                ],
                cases, on: connection, logger: self.logger
            ) { c in
                [
                    .text(c.id.rawValue.uuidString), .text(c.customerID.rawValue.uuidString), .text(c.status.rawValue),
                    .text(c.ownerID?.rawValue.uuidString), .text(c.teamID?.rawValue.uuidString), .number(c.priority), .text(c.subject),
                    .text(c.channel.rawValue), .date(c.openedAt), .date(c.updatedAt), .date(c.lastInboundAt), .date(c.waitingSince),
                    .number(Double(c.signalCount)), .number(Double(c.reopenCount)), .number(Double(c.maxFollowers)),
                    .number(c.textScore), .date(c.slaStartedAt), .date(c.respondedAt), .text(c.sentiment?.rawValue),
                    .text(c.intent?.rawValue), .text(CaseTopicsColumn.encode(c.topics)), .text(c.language),
                    .text(c.posesAsBrand ? "t" : "f"),
                ]
            }
            try await Self.copy(
                "signals",
                [
                    "id", "channel", "external_id", "customer_id", "case_id", "author_handle", "author_name", "author_email",
                    "author_phone", "author_followers", "text", "received_at", "in_reply_to", "url", "analysis", "created_at",
                    "details", "text_pending",
                ],
                signals, on: connection, logger: self.logger
            ) { s in
                [
                    .text(s.id.rawValue.uuidString), .text(s.channel.rawValue), .text(s.externalID), .text(s.customerID.rawValue.uuidString),
                    .text(s.caseID.rawValue.uuidString), .text(s.author.handle), .text(s.author.name), .text(s.author.email),
                    .text(s.author.phone), .number(s.author.followers.map(Double.init)), .text(s.text), .date(s.receivedAt),
                    .text(s.inReplyTo), .text(s.url), .text(s.analysis?.compactJSON), .date(s.createdAt),
                    .text(try StoredSignalDetails.json(s)), .text(s.textPending ? "t" : "f"),
                ]
            }
        }
    }

    public func analyze() async throws {
        // The tables a load fills, in this store's schema only: a database-wide ANALYZE would also
        // wait for (and read) every other schema's tables.
        try await withConnection(limit: Self.longWorkLimit) {
            _ = try await self.rows("ANALYZE customers, customer_identities, cases, signals", on: $0)
        }
    }

    public func ping() async throws {
        _ = try await rows("SELECT 1")
    }

    /// The customers holding any of `identities`, in the order of the identities, each once.
    public func customerIDs(having identities: [Identity]) async throws -> [CustomerID] {
        guard !identities.isEmpty else { return [] }
        var found: [CustomerID] = []
        for row in try await rows(
            """
            SELECT i.customer_id FROM unnest(\(identities.map(\.kind.rawValue))::text[], \(identities.map(\.value))::text[])
                WITH ORDINALITY AS wanted(kind, value, position)
            JOIN customer_identities i ON i.kind = wanted.kind AND i.value = wanted.value
            ORDER BY wanted.position
            """)
        {
            let id = CustomerID(try row["customer_id"].decode(UUID.self))
            if !found.contains(id) { found.append(id) }
        }
        return found
    }

    public func customerIDs(named words: [String], limit: Int) async throws -> [CustomerID] {
        guard !words.isEmpty else { return [] }
        // Every word starts the name or a word in it; `\` (LIKE's default escape) guards what was typed.
        let patterns = words.map { CustomerNameSearch.escapedForLike(CustomerNameSearch.folded($0)) }
        return try await rows(
            """
            SELECT id FROM customers
            WHERE name_folded IS NOT NULL
                AND (SELECT bool_and(name_folded LIKE w || '%' OR name_folded LIKE '% ' || w || '%') FROM unnest(\(patterns)::text[]) AS w)
            ORDER BY name, id LIMIT \(limit)
            """
        ).map { CustomerID(try $0["id"].decode(UUID.self)) }
    }

    /// One round trip: the customers with their identities joined, one row per identity.
    public func customers(ids: [CustomerID]) async throws -> [CustomerID: Customer] {
        let unique = Array(Set(ids)).map(\.rawValue)
        guard !unique.isEmpty else { return [:] }
        var result: [CustomerID: Customer] = [:]
        for row in try await rows(
            """
            SELECT c.id, c.name, c.created_at, i.kind, i.value FROM customers c
            LEFT JOIN customer_identities i ON i.customer_id = c.id
            WHERE c.id = ANY(\(unique)) ORDER BY c.id, i.created_at, i.kind
            """)
        {
            let id = CustomerID(try row["id"].decode(UUID.self))
            if result[id] == nil {
                result[id] = Customer(
                    id: id, name: try row["name"].decode(String?.self), identities: [], createdAt: try row["created_at"].decodeTime())
            }
            if let kindText = try row["kind"].decode(String?.self), let kind = Identity.Kind(rawValue: kindText),
                let identity = Identity(kind: kind, raw: try row["value"].decode(String.self))
            {
                result[id]?.identities.append(identity)
            }
        }
        return result
    }

    /// One value in COPY's text format.
    enum CopyValue {
        case text(String?)
        case number(Double?)
        case date(Date?)
    }

    static func copy<Row>(
        _ table: String, _ columns: [String], _ rows: [Row], on connection: PostgresConnection, logger: Logger,
        values: (Row) throws -> [CopyValue]
    ) async throws {
        guard !rows.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            for row in rows {
                var first = true
                for value in try values(row) {
                    if !first { buffer.writeString("\t") }
                    first = false
                    buffer.writeString(copyText(value))
                }
                buffer.writeString("\n")
                if buffer.readableBytes > 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    static func copyText(_ value: CopyValue) -> String {
        switch value {
        case .text(nil), .number(nil), .date(nil): return "\\N"
        case .text(let text?):
            // Backslash first, then the characters COPY's text format gives meaning to.
            return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        case .number(let number?):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .date(let date?):
            // ISO 8601 in UTC to the millisecond: what intake stores, with no time zone to guess.
            return Self.copyDateFormat.format(date)
        }
    }

    static let copyDateFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
}
