import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func addLabel(_ label: SignalLabel) async throws {
        try await transaction { connection in
            let inserted = try await self.rows(
                """
                INSERT INTO signal_labels (signal_id, sentiment, intent, topics, user_id, created_at)
                SELECT id, \(label.sentiment?.rawValue), \(label.intent?.rawValue), \(label.topics?.joined(separator: ",")),
                    \(label.userID.rawValue), \(label.createdAt)
                FROM signals WHERE id = \(label.signalID.rawValue)
                RETURNING id
                """, on: connection)
            if inserted.isEmpty { throw DomainError.notFound("Signaal \(label.signalID)") }
            try await self.readCaseAgain(withCorrectionOf: label.signalID, on: connection)
        }
    }

    /// The case of the corrected signal, read again from its messages (their analysis, each
    /// message's latest correction in its place). The case row is locked first, so two
    /// corrections at once cannot each write a reading without the other's.
    func readCaseAgain(withCorrectionOf signalID: SignalID, on connection: PostgresConnection) async throws {
        guard
            let caseID = try await rows(
                """
                SELECT c.id FROM cases c JOIN signals s ON s.case_id = c.id WHERE s.id = \(signalID.rawValue) FOR UPDATE OF c
                """, on: connection
            ).first.map({ try $0["id"].decode(UUID.self) })
        else { return }
        let messages = try await rows(
            """
            SELECT s.analysis->>'sentiment' AS sentiment, s.analysis->>'intent' AS intent,
                COALESCE(s.analysis->'topics', '[]'::jsonb)::text AS topics, l.signal_id, l.sentiment AS label_sentiment,
                l.intent AS label_intent, l.topics AS label_topics, l.user_id, l.created_at
            FROM signals s LEFT JOIN LATERAL (
                SELECT * FROM signal_labels WHERE signal_id = s.id ORDER BY id DESC LIMIT 1) l ON true
            WHERE s.case_id = \(caseID) ORDER BY s.received_at, s.id
            """, on: connection
        ).map { row in
            let analysed = CaseReading.Message(
                topics: try JSONDecoder().decode([String].self, from: Data(try row["topics"].decode(String.self).utf8)),
                sentiment: try row["sentiment"].decode(String?.self).flatMap(Analysis.Sentiment.init(rawValue:)),
                intent: try row["intent"].decode(String?.self).flatMap(Analysis.Intent.init(rawValue:)))
            let label = try row["signal_id"].decode(UUID?.self).map { _ in
                try Self.label(row, sentiment: "label_sentiment", intent: "label_intent", topics: "label_topics")
            }
            return CaseReading.Message(analysed: analysed, corrected: label)
        }
        let reading = CaseReading.of(messages)
        try await rows(
            """
            UPDATE cases SET topics = \(CaseTopicsColumn.encode(reading.topics)),
                sentiment = COALESCE(\(reading.sentiment?.rawValue), sentiment), intent = COALESCE(\(reading.intent?.rawValue), intent)
            WHERE id = \(caseID)
            """, on: connection)
    }

    public func labels(signalID: SignalID) async throws -> [SignalLabel] {
        try await rows("SELECT * FROM signal_labels WHERE signal_id = \(signalID.rawValue) ORDER BY id").map { try Self.label($0) }
    }

    public func labels(customerID: CustomerID) async throws -> [SignalLabel] {
        try await rows(
            "SELECT l.* FROM signal_labels l JOIN signals s ON s.id = l.signal_id WHERE s.customer_id = \(customerID.rawValue) ORDER BY l.id"
        ).map { try Self.label($0) }
    }

    public func latestLabels(limit: Int) async throws -> [(text: String, label: SignalLabel)] {
        try await rows(
            """
            SELECT DISTINCT ON (l.signal_id) l.*, s.text AS signal_text
            FROM signal_labels l JOIN signals s ON s.id = l.signal_id
            ORDER BY l.signal_id, l.id DESC LIMIT \(limit)
            """
        ).map { row in (try row["signal_text"].decode(String.self), try Self.label(row)) }
            .sorted { $0.1.createdAt < $1.1.createdAt }
    }

    static func label(
        _ row: PostgresRandomAccessRow, sentiment: String = "sentiment", intent: String = "intent", topics: String = "topics"
    ) throws -> SignalLabel {
        SignalLabel(
            signalID: SignalID(try row["signal_id"].decode(UUID.self)),
            sentiment: try row[sentiment].decode(String?.self).flatMap(Analysis.Sentiment.init(rawValue:)),
            intent: try row[intent].decode(String?.self).flatMap(Analysis.Intent.init(rawValue:)),
            topics: try row[topics].decode(String?.self).map { $0.split(separator: ",").map(String.init) },
            userID: UserID(try row["user_id"].decode(UUID.self)), createdAt: try row["created_at"].decodeTime())
    }
}
