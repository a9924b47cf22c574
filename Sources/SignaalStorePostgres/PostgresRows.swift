import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

/// Row ↔ domain mapping for PostgreSQL.
enum PostgresRows {
    static let signalColumns = """
        id, channel, external_id, customer_id, case_id, author_handle, author_name, author_email, author_phone,
        author_followers, text, received_at, in_reply_to, url, analysis::text AS analysis, created_at,
        details::text AS details, text_pending, removed_at
        """

    static func signal(_ row: PostgresRandomAccessRow) throws -> Signal {
        let channelText = try row["channel"].decode(String.self)
        guard let channel = Channel(rawValue: channelText) else { throw PostgresCorruption("bad channel \(channelText)") }
        let author = Author(
            handle: try row["author_handle"].decode(String?.self), name: try row["author_name"].decode(String?.self),
            email: try row["author_email"].decode(String?.self), phone: try row["author_phone"].decode(String?.self),
            followers: try row["author_followers"].decode(Int?.self))
        var analysis: Analysis?
        if let json = try row["analysis"].decode(String?.self) {
            analysis = try JSONDecoder().decode(Analysis.self, from: Data(json.utf8))
        }
        let draft = SignalDraft(
            channel: channel, externalID: try row["external_id"].decode(String?.self), author: author,
            text: try row["text"].decode(String.self), receivedAt: try row["received_at"].decodeTime(),
            inReplyTo: try row["in_reply_to"].decode(String?.self), url: try row["url"].decode(String?.self),
            textPending: try row["text_pending"].decode(Bool.self))
        var signal = Signal(
            id: SignalID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            customerID: CustomerID(try row["customer_id"].decode(UUID.self)), draft: draft, analysis: analysis,
            createdAt: try row["created_at"].decodeTime())
        try StoredSignalDetails.apply(try row["details"].decode(String?.self), to: &signal)
        signal.removedAt = try row["removed_at"].decodeOptionalTime()
        return signal
    }

    static func reply(_ row: PostgresRandomAccessRow) throws -> Reply {
        let channelText = try row["channel"].decode(String.self)
        let statusText = try row["status"].decode(String.self)
        guard let channel = Channel(rawValue: channelText), let status = Reply.Status(rawValue: statusText) else {
            throw PostgresCorruption("bad reply row \(channelText) \(statusText)")
        }
        var reply = Reply(
            id: ReplyID(try row["id"].decode(UUID.self)), caseID: CaseID(try row["case_id"].decode(UUID.self)),
            signalID: try row["signal_id"].decode(UUID?.self).map(SignalID.init), channel: channel,
            text: try row["text"].decode(String.self), authorID: try row["author_id"].decode(UUID?.self).map(UserID.init),
            status: status, attempts: try row["attempts"].decode(Int.self),
            nextAttemptAt: try row["next_attempt_at"].decodeOptionalTime(), lastError: try row["last_error"].decode(String?.self),
            externalID: try row["external_id"].decode(String?.self), createdAt: try row["created_at"].decodeTime(),
            sentAt: try row["sent_at"].decodeOptionalTime(), updatedAt: try row["updated_at"].decodeTime())
        reply.coachScore = try row["coach_score"].decode(Int?.self)
        reply.coachFindings = try row["coach_findings"].decode(String?.self)?.split(separator: ",").map(String.init) ?? []
        reply.satisfactionToken = try row["satisfaction_token"].decode(String?.self)
        reply.waitedSince = try row["waited_since"].decodeOptionalTime()
        reply.formKey = try row["form_key"].decode(String?.self)
        return reply
    }

    /// The columns `theCase` reads, for statements that must not change shape when a later
    /// migration adds a column (a prepared `SELECT *` would then fail on every connection).
    static let caseColumns = """
        id, customer_id, status, owner_id, team_id, priority, subject, channel, opened_at, updated_at,
        last_inbound_at, waiting_since, signal_count, reopen_count, max_followers, text_score, root_cause,
        sla_started_at, responded_at, sentiment, intent, topics, language, poses_as_brand
        """

    static func theCase(_ row: PostgresRandomAccessRow, transitions: [CaseTransition] = []) throws -> Case {
        let statusText = try row["status"].decode(String.self)
        let channelText = try row["channel"].decode(String.self)
        guard let status = CaseStatus(rawValue: statusText), let channel = Channel(rawValue: channelText) else {
            throw PostgresCorruption("bad case row \(statusText) \(channelText)")
        }
        var theCase = Case(
            id: CaseID(try row["id"].decode(UUID.self)), customerID: CustomerID(try row["customer_id"].decode(UUID.self)),
            status: status, ownerID: try row["owner_id"].decode(UUID?.self).map(UserID.init),
            teamID: try row["team_id"].decode(UUID?.self).map(TeamID.init), priority: try row["priority"].decode(Double.self),
            subject: try row["subject"].decode(String.self), channel: channel,
            openedAt: try row["opened_at"].decodeTime(), updatedAt: try row["updated_at"].decodeTime(),
            lastInboundAt: try row["last_inbound_at"].decodeTime(),
            waitingSince: try row["waiting_since"].decodeOptionalTime(), signalCount: try row["signal_count"].decode(Int.self),
            reopenCount: try row["reopen_count"].decode(Int.self), maxFollowers: try row["max_followers"].decode(Int.self),
            textScore: try row["text_score"].decode(Double.self), transitions: transitions)
        theCase.rootCause = try row["root_cause"].decode(String?.self)
        theCase.slaStartedAt = try row["sla_started_at"].decodeOptionalTime() ?? theCase.openedAt
        theCase.respondedAt = try row["responded_at"].decodeOptionalTime()
        theCase.sentiment = try row["sentiment"].decode(String?.self).flatMap(Analysis.Sentiment.init(rawValue:))
        theCase.intent = try row["intent"].decode(String?.self).flatMap(Analysis.Intent.init(rawValue:))
        theCase.topics = CaseTopicsColumn.decode(try row["topics"].decode(String.self))
        theCase.language = try row["language"].decode(String?.self)
        theCase.posesAsBrand = try row["poses_as_brand"].decode(Bool.self)
        return theCase
    }

    static func transition(_ row: PostgresRandomAccessRow) throws -> CaseTransition {
        let to = try row["to_status"].decode(String.self)
        guard let toStatus = CaseStatus(rawValue: to) else { throw PostgresCorruption("bad status \(to)") }
        return CaseTransition(
            from: try row["from_status"].decode(String?.self).flatMap(CaseStatus.init(rawValue:)), to: toStatus,
            at: try row["at"].decodeTime(), actorID: try row["actor_id"].decode(UUID?.self).map(UserID.init),
            reason: try row["reason"].decode(String.self))
    }

    static func user(_ row: PostgresRandomAccessRow) throws -> User {
        let roleText = try row["role"].decode(String.self)
        guard let role = User.Role(rawValue: roleText) else { throw PostgresCorruption("bad role \(roleText)") }
        return User(
            id: UserID(try row["id"].decode(UUID.self)), email: try row["email"].decode(String.self),
            name: try row["name"].decode(String.self), role: role,
            teamID: try row["team_id"].decode(UUID?.self).map(TeamID.init), isActive: try row["active"].decode(Bool.self),
            createdAt: try row["created_at"].decodeTime())
    }

    static func token(_ row: PostgresRandomAccessRow) throws -> APIToken {
        APIToken(
            id: APITokenID(try row["id"].decode(UUID.self)), name: try row["name"].decode(String.self),
            createdAt: try row["created_at"].decodeTime(), revokedAt: try row["revoked_at"].decodeOptionalTime(),
            expiresAt: try row["expires_at"].decodeOptionalTime())
    }

    static func analysisJSON(_ analysis: Analysis?) throws -> String? {
        analysis?.compactJSON
    }
}

/// The database holds something the code cannot read.
struct PostgresCorruption: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension PostgresCell {
    /// Every time Signaal stores is a whole millisecond, but PostgresNIO writes a `Date` as
    /// microseconds by truncating a Double, so …21:57.001 is stored as …21:57.000999. Read back to
    /// the millisecond, so that a cursor or a comparison binds exactly the instant that is stored.
    func decodeTime() throws -> Date {
        Self.toMillisecond(try decode(Date.self))
    }

    func decodeOptionalTime() throws -> Date? {
        try decode(Date?.self).map(Self.toMillisecond)
    }

    private static func toMillisecond(_ date: Date) -> Date {
        Date(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }
}
