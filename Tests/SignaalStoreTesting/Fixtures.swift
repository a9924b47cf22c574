import Foundation
import SignaalDomain
import SignaalStore

/// Small builders for realistic drafts, shared by the store, service and app tests.
public enum Fixtures {
    public static let base = Date(millisecondsSince1970: 1_795_000_000_000)  // 2026-11-18

    public static func draft(
        channel: Channel = .x, externalID: String? = nil, handle: String? = "sanne_dv", name: String? = "Sanne de Vries",
        email: String? = nil, phone: String? = nil, followers: Int? = 120,
        text: String = "@NS_online alweer 20 minuten vertraging tussen Utrecht en Amsterdam. Dit is de derde keer deze week!",
        receivedAt: Date = base, inReplyTo: String? = nil
    ) -> SignalDraft {
        SignalDraft(
            channel: channel, externalID: externalID,
            author: Author(handle: handle, name: name, email: email, phone: phone, followers: followers),
            text: text, receivedAt: receivedAt, inReplyTo: inReplyTo, url: nil)
    }

    /// Takes a draft in the way the intake use case does, at `now`.
    @discardableResult
    public static func ingest(
        _ draft: SignalDraft, into store: any SignalStore, now: Date = base.addingTimeInterval(60), analysis: Analysis? = nil
    ) async throws -> IntakeOutcome {
        let valid = try draft.validated()
        let planner = IntakePlanner(now: Date(millisecondsSince1970: now.millisecondsSince1970), analysis: analysis)
        return try await store.ingest(valid) { draft, context in planner.plan(draft, context: context) }
    }
}

extension Fixtures {
    /// An analysis as the analyser would give it, with only what filters and team rules read.
    public static func analysis(
        _ sentiment: Analysis.Sentiment, _ intent: Analysis.Intent, topics: [String] = [], language: String = "nl"
    ) -> Analysis {
        Analysis(
            language: language, sentiment: sentiment, score: sentiment == .negative ? -0.6 : 0.4, intent: intent, topics: topics,
            urgency: 0.2, cues: [], evidence: [])
    }
}

extension IntakeOutcome {
    public var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }

    public var createdCase: Case? {
        if case .created(_, let theCase) = self { return theCase }
        return nil
    }
}

extension Fixtures {
    /// A reply by `author` on the case, put in the outbox and, with `outcome`, sent off to it (a
    /// delivery report for `.delivered`), as the outbox would.
    @discardableResult
    public static func reply(
        on caseID: CaseID, by author: UserID?, into store: any SignaalStore, at now: Date = base.addingTimeInterval(120),
        outcome: Reply.Status = .queued
    ) async throws -> Reply {
        let reply = Reply(
            id: .generate(now: now), caseID: caseID, signalID: nil, channel: .email, text: "Hoi, het werkt weer.", authorID: author,
            nextAttemptAt: now, createdAt: now, updatedAt: now)
        try await store.createReply(reply)
        guard outcome != .queued else { return reply }
        // Claimed alone: an earlier reply of the test is sent or failed already.
        guard let claimed = try await store.claimDueReplies(now: now, limit: 100).first(where: { $0.id == reply.id }) else { return reply }
        switch outcome {
        case .failed:
            return try await store.finishReply(id: reply.id, attempt: claimed.attempts, outcome: .failed(error: "X is niet ingesteld"), now: now)
                ?? claimed
        case .sending: return reply
        default:
            let sent = try await store.finishReply(id: reply.id, attempt: claimed.attempts, outcome: .sent(externalID: "ext-\(reply.id)"), now: now)
                ?? claimed
            guard outcome == .delivered || outcome == .read else { return sent }
            return try await store.recordDeliveryStatus(channel: .email, externalID: "ext-\(reply.id)", status: outcome, detail: nil, at: now)
                ?? sent
        }
    }
}
