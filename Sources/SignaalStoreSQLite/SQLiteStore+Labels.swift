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
            try Self.readCaseAgain(withCorrectionOf: label.signalID, db: db)
        }
    }

    /// The case of the corrected signal, read again from its messages (the analyser's counted
    /// columns, each message's latest correction in their place).
    static func readCaseAgain(withCorrectionOf signalID: SignalID, db: Database) throws {
        guard let caseID = try String.fetchOne(db, sql: "SELECT case_id FROM signals WHERE id = ?", arguments: [signalID.description])
        else { return }
        let messages = try Row.fetchAll(
            db,
            sql: """
                SELECT s.sentiment, s.intent, s.topics, l.signal_id, l.sentiment AS label_sentiment, l.intent AS label_intent,
                    l.topics AS label_topics, l.user_id, l.created_at
                FROM signals s LEFT JOIN signal_labels l ON l.id = (SELECT MAX(id) FROM signal_labels WHERE signal_id = s.id)
                WHERE s.case_id = ? ORDER BY s.received_at, s.rowid
                """,
            arguments: [caseID]
        ).map { row in
            let analysed = CaseReading.Message(
                topics: try (row["topics"] as String?).map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? [],
                sentiment: (row["sentiment"] as String?).flatMap(Analysis.Sentiment.init(rawValue:)),
                intent: (row["intent"] as String?).flatMap(Analysis.Intent.init(rawValue:)))
            let label = try (row["signal_id"] as String?).map { _ in
                try Self.label(row, sentiment: "label_sentiment", intent: "label_intent", topics: "label_topics")
            }
            return CaseReading.Message(analysed: analysed, corrected: label)
        }
        let reading = CaseReading.of(messages)
        try db.execute(
            sql: "UPDATE cases SET topics = ?, sentiment = COALESCE(?, sentiment), intent = COALESCE(?, intent) WHERE id = ?",
            arguments: [CaseTopicsColumn.encode(reading.topics), reading.sentiment?.rawValue, reading.intent?.rawValue, caseID])
    }

    public func labels(signalID: SignalID) async throws -> [SignalLabel] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM signal_labels WHERE signal_id = ? ORDER BY id", arguments: [signalID.description])
                .map { try Self.label($0) }
        }
    }

    public func labels(customerID: CustomerID) async throws -> [SignalLabel] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT l.* FROM signal_labels l JOIN signals s ON s.id = l.signal_id WHERE s.customer_id = ? ORDER BY l.id",
                arguments: [customerID.description]
            ).map { try Self.label($0) }
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

    static func label(_ row: Row, sentiment: String = "sentiment", intent: String = "intent", topics: String = "topics") throws -> SignalLabel {
        SignalLabel(
            signalID: try SQLiteRows.id(row, "signal_id"),
            sentiment: (row[sentiment] as String?).flatMap(Analysis.Sentiment.init(rawValue:)),
            intent: (row[intent] as String?).flatMap(Analysis.Intent.init(rawValue:)),
            topics: (row[topics] as String?).map { $0.split(separator: ",").map(String.init) },
            userID: try SQLiteRows.id(row, "user_id"), createdAt: SQLiteRows.date(row, "created_at"))
    }
}
