import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func addLabel(_ label: SignalLabel) async throws {
        let inserted = try await rows(
            """
            INSERT INTO signal_labels (signal_id, sentiment, intent, topics, user_id, created_at)
            SELECT id, \(label.sentiment?.rawValue), \(label.intent?.rawValue), \(label.topics?.joined(separator: ",")),
                \(label.userID.rawValue), \(label.createdAt)
            FROM signals WHERE id = \(label.signalID.rawValue)
            RETURNING id
            """)
        if inserted.isEmpty { throw DomainError.notFound("Signaal \(label.signalID)") }
    }

    public func labels(signalID: SignalID) async throws -> [SignalLabel] {
        try await rows("SELECT * FROM signal_labels WHERE signal_id = \(signalID.rawValue) ORDER BY id").map(Self.label)
    }

    public func labels(customerID: CustomerID) async throws -> [SignalLabel] {
        try await rows(
            "SELECT l.* FROM signal_labels l JOIN signals s ON s.id = l.signal_id WHERE s.customer_id = \(customerID.rawValue) ORDER BY l.id"
        ).map(Self.label)
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

    static func label(_ row: PostgresRandomAccessRow) throws -> SignalLabel {
        SignalLabel(
            signalID: SignalID(try row["signal_id"].decode(UUID.self)),
            sentiment: try row["sentiment"].decode(String?.self).flatMap(Analysis.Sentiment.init(rawValue:)),
            intent: try row["intent"].decode(String?.self).flatMap(Analysis.Intent.init(rawValue:)),
            topics: try row["topics"].decode(String?.self).map { $0.split(separator: ",").map(String.init) },
            userID: UserID(try row["user_id"].decode(UUID.self)), createdAt: try row["created_at"].decodeTime())
    }
}
