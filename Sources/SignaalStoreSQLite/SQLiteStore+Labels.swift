import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func addLabel(_ label: SignalLabel) async throws {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM signals WHERE id = ?", arguments: [label.signalID.description]) == true else {
                throw DomainError.notFound("Signaal \(label.signalID)")
            }
            try db.execute(
                sql: "INSERT INTO signal_labels (signal_id, sentiment, intent, topics, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    label.signalID.description, label.sentiment?.rawValue, label.intent?.rawValue,
                    label.topics?.joined(separator: ","), label.userID.description, label.createdAt.millisecondsSince1970,
                ])
        }
    }

    public func labels(signalID: SignalID) async throws -> [SignalLabel] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM signal_labels WHERE signal_id = ? ORDER BY id", arguments: [signalID.description])
                .map(Self.label)
        }
    }

    public func labels(customerID: CustomerID) async throws -> [SignalLabel] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT l.* FROM signal_labels l JOIN signals s ON s.id = l.signal_id WHERE s.customer_id = ? ORDER BY l.id",
                arguments: [customerID.description]
            ).map(Self.label)
        }
    }

    public func latestLabels(limit: Int) async throws -> [(text: String, label: SignalLabel)] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT l.*, s.text AS signal_text FROM signal_labels l JOIN signals s ON s.id = l.signal_id
                    WHERE l.id IN (SELECT MAX(id) FROM signal_labels GROUP BY signal_id)
                    ORDER BY l.id LIMIT ?
                    """,
                arguments: [limit]
            ).map { row in (row["signal_text"] as String, try Self.label(row)) }
        }
    }

    static func label(_ row: Row) throws -> SignalLabel {
        SignalLabel(
            signalID: try SQLiteRows.id(row, "signal_id"),
            sentiment: (row["sentiment"] as String?).flatMap(Analysis.Sentiment.init(rawValue:)),
            intent: (row["intent"] as String?).flatMap(Analysis.Intent.init(rawValue:)),
            topics: (row["topics"] as String?).map { $0.split(separator: ",").map(String.init) },
            userID: try SQLiteRows.id(row, "user_id"), createdAt: SQLiteRows.date(row, "created_at"))
    }
}
