import Foundation
import GRDB
import SignaalDomain
import SignaalStore

/// Row ↔ domain mapping; SQL and rows never leave this target.
enum SQLiteRows {
    /// Decodes every row while SQLite still holds it. A copied row (what `Row.fetchAll` and
    /// `Row.fetchOne` give) finds a column by name by lower-casing each column name in turn; a
    /// live row looks the name up in its statement's index. Intake decodes a case row of 24
    /// columns by name several times per signal, on the single writer.
    static func all<T>(_ statement: Statement, _ arguments: StatementArguments, _ decode: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        var result: [T] = []
        while let row = try cursor.next() { result.append(try decode(row)) }
        return result
    }

    /// The first row decoded while SQLite still holds it (see `all`).
    static func one<T>(_ statement: Statement, _ arguments: StatementArguments, _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        return try withExtendedLifetime(cursor) { try cursor.next().map(decode) }
    }

    static func date(_ row: Row, _ column: String) -> Date {
        Date(millisecondsSince1970: row[column])
    }

    static func optionalDate(_ row: Row, _ column: String) -> Date? {
        (row[column] as Int64?).map(Date.init(millisecondsSince1970:))
    }

    static func id<Tag>(_ row: Row, _ column: String) throws -> Identifier<Tag> {
        let text: String = row[column]
        guard let id = Identifier<Tag>(text) else { throw StoreCorruption("bad id in \(column): \(text)") }
        return id
    }

    static func optionalID<Tag>(_ row: Row, _ column: String) throws -> Identifier<Tag>? {
        guard let text = row[column] as String? else { return nil }
        guard let id = Identifier<Tag>(text) else { throw StoreCorruption("bad id in \(column): \(text)") }
        return id
    }

    static func signal(_ row: Row) throws -> Signal {
        let channelText: String = row["channel"]
        guard let channel = Channel(rawValue: channelText) else { throw StoreCorruption("bad channel \(channelText)") }
        let author = Author(
            handle: row["author_handle"], name: row["author_name"], email: row["author_email"],
            phone: row["author_phone"], followers: row["author_followers"])
        var analysis: Analysis?
        if let json = row["analysis"] as String? {
            analysis = try JSONDecoder().decode(Analysis.self, from: Data(json.utf8))
        }
        let draft = SignalDraft(
            channel: channel, externalID: row["external_id"], author: author, text: row["text"],
            receivedAt: date(row, "received_at"), inReplyTo: row["in_reply_to"], url: row["url"],
            textPending: row["text_pending"])
        var signal = Signal(
            id: try id(row, "id"), caseID: try id(row, "case_id"), customerID: try id(row, "customer_id"),
            draft: draft, analysis: analysis, createdAt: date(row, "created_at"))
        try StoredSignalDetails.apply(row["details"], to: &signal)
        signal.removedAt = optionalDate(row, "removed_at")
        return signal
    }

    /// `analysisJSON`, when given, is `signal.analysis` already encoded (see `IntakePlan`).
    static func signalArguments(_ signal: Signal, analysisJSON: String? = nil) throws -> StatementArguments {
        let analysis = analysisJSON ?? signal.analysis?.compactJSON
        return [
            signal.id.description, signal.channel.rawValue, signal.externalID, signal.customerID.description,
            signal.caseID.description, signal.author.handle, signal.author.name, signal.author.email,
            signal.author.phone, signal.author.followers, signal.text, signal.receivedAt.millisecondsSince1970,
            signal.inReplyTo, signal.url, analysis, signal.createdAt.millisecondsSince1970,
            try StoredSignalDetails.json(signal), signal.textPending,
        ] + countedColumns(signal.analysis)
    }

    /// The columns counted beside the analysis (migration 32): sentiment, intent and topics.
    static func countedColumns(_ analysis: Analysis?) -> StatementArguments {
        [analysis?.sentiment.rawValue, analysis?.intent.rawValue, analysis?.topicsJSON]
    }

    static let insertCaseSQL = """
        INSERT INTO cases (id, customer_id, status, owner_id, team_id, priority, subject, channel, opened_at,
            updated_at, last_inbound_at, waiting_since, signal_count, reopen_count, max_followers, text_score,
            sla_started_at, responded_at, sentiment, intent, topics, language, poses_as_brand)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func caseArguments(_ c: Case) -> StatementArguments {
        [
            c.id.description, c.customerID.description, c.status.rawValue, c.ownerID?.description,
            c.teamID?.description, c.priority, c.subject, c.channel.rawValue,
            c.openedAt.millisecondsSince1970, c.updatedAt.millisecondsSince1970,
            c.lastInboundAt.millisecondsSince1970, c.waitingSince?.millisecondsSince1970, c.signalCount,
            c.reopenCount, c.maxFollowers, c.textScore, c.slaStartedAt.millisecondsSince1970,
            c.respondedAt?.millisecondsSince1970, c.sentiment?.rawValue, c.intent?.rawValue,
            CaseTopicsColumn.encode(c.topics), c.language, c.posesAsBrand,
        ]
    }

    /// The columns of a case that intake may change, in a fixed order.
    static func intakeColumns(_ c: Case) -> [(name: String, value: DatabaseValue)] {
        [
            ("status", c.status.rawValue.databaseValue), ("priority", c.priority.databaseValue),
            ("updated_at", c.updatedAt.millisecondsSince1970.databaseValue),
            ("last_inbound_at", c.lastInboundAt.millisecondsSince1970.databaseValue),
            ("waiting_since", c.waitingSince?.millisecondsSince1970.databaseValue ?? .null),
            ("signal_count", c.signalCount.databaseValue), ("reopen_count", c.reopenCount.databaseValue),
            ("max_followers", c.maxFollowers.databaseValue), ("text_score", c.textScore.databaseValue),
            ("sla_started_at", c.slaStartedAt.millisecondsSince1970.databaseValue),
            ("responded_at", c.respondedAt?.millisecondsSince1970.databaseValue ?? .null),
            ("sentiment", c.sentiment?.rawValue.databaseValue ?? .null),
            ("intent", c.intent?.rawValue.databaseValue ?? .null),
            ("topics", CaseTopicsColumn.encode(c.topics).databaseValue), ("language", c.language?.databaseValue ?? .null),
        ]
    }

    static let insertSignalSQL = """
        INSERT INTO signals (id, channel, external_id, customer_id, case_id, author_handle, author_name,
            author_email, author_phone, author_followers, text, received_at, in_reply_to, url, analysis, created_at,
            details, text_pending, sentiment, intent, topics)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func theCase(_ row: Row, transitions: [CaseTransition] = []) throws -> Case {
        let statusText: String = row["status"]
        let channelText: String = row["channel"]
        guard let status = CaseStatus(rawValue: statusText), let channel = Channel(rawValue: channelText) else {
            throw StoreCorruption("bad case row \(statusText) \(channelText)")
        }
        var theCase = Case(
            id: try id(row, "id"), customerID: try id(row, "customer_id"), status: status,
            ownerID: try optionalID(row, "owner_id"), teamID: try optionalID(row, "team_id"),
            priority: row["priority"], subject: row["subject"], channel: channel,
            openedAt: date(row, "opened_at"), updatedAt: date(row, "updated_at"),
            lastInboundAt: date(row, "last_inbound_at"), waitingSince: optionalDate(row, "waiting_since"),
            signalCount: row["signal_count"], reopenCount: row["reopen_count"], maxFollowers: row["max_followers"],
            textScore: row["text_score"], transitions: transitions)
        theCase.rootCause = row["root_cause"]
        theCase.slaStartedAt = optionalDate(row, "sla_started_at") ?? theCase.openedAt
        theCase.respondedAt = optionalDate(row, "responded_at")
        theCase.sentiment = (row["sentiment"] as String?).flatMap(Analysis.Sentiment.init(rawValue:))
        theCase.intent = (row["intent"] as String?).flatMap(Analysis.Intent.init(rawValue:))
        theCase.topics = CaseTopicsColumn.decode(row["topics"] ?? "")
        theCase.language = row["language"]
        theCase.posesAsBrand = row["poses_as_brand"] ?? false
        return theCase
    }

    static func reply(_ row: Row) throws -> Reply {
        let channelText: String = row["channel"]
        let statusText: String = row["status"]
        guard let channel = Channel(rawValue: channelText), let status = Reply.Status(rawValue: statusText) else {
            throw StoreCorruption("bad reply row \(channelText) \(statusText)")
        }
        var reply = Reply(
            id: try id(row, "id"), caseID: try id(row, "case_id"), signalID: try optionalID(row, "signal_id"),
            channel: channel, text: row["text"], authorID: try optionalID(row, "author_id"), status: status,
            attempts: row["attempts"], nextAttemptAt: optionalDate(row, "next_attempt_at"), lastError: row["last_error"],
            externalID: row["external_id"], createdAt: date(row, "created_at"), sentAt: optionalDate(row, "sent_at"),
            updatedAt: date(row, "updated_at"))
        reply.coachScore = row["coach_score"]
        reply.coachFindings = (row["coach_findings"] as String?)?.split(separator: ",").map(String.init) ?? []
        reply.satisfactionToken = row["satisfaction_token"]
        reply.waitedSince = optionalDate(row, "waited_since")
        reply.formKey = row["form_key"]
        return reply
    }

    static func transition(_ row: Row) throws -> CaseTransition {
        let to: String = row["to_status"]
        guard let toStatus = CaseStatus(rawValue: to) else { throw StoreCorruption("bad status \(to)") }
        let from = (row["from_status"] as String?).flatMap(CaseStatus.init(rawValue:))
        return CaseTransition(
            from: from, to: toStatus, at: date(row, "at"), actorID: try optionalID(row, "actor_id"),
            reason: row["reason"])
    }

    static func user(_ row: Row) throws -> User {
        let roleText: String = row["role"]
        guard let role = User.Role(rawValue: roleText) else { throw StoreCorruption("bad role \(roleText)") }
        return User(
            id: try id(row, "id"), email: row["email"], name: row["name"], role: role,
            teamID: try optionalID(row, "team_id"), isActive: row["active"], createdAt: date(row, "created_at"))
    }

    static func token(_ row: Row) throws -> APIToken {
        APIToken(
            id: try id(row, "id"), name: row["name"], createdAt: date(row, "created_at"),
            revokedAt: optionalDate(row, "revoked_at"), expiresAt: optionalDate(row, "expires_at"))
    }
}

/// The database holds something the code cannot read: a bug or a hand edit, never user input.
public struct StoreCorruption: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
