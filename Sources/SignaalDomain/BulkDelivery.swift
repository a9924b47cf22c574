import Foundation

/// One customer of a message a team lead sent to many (an incident's status update, an
/// improvement's news), as far as it got: taken or not, the reply written for it and that reply's
/// state in the outbox, or why nothing was written.
public struct RecipientOutcome: Sendable, Hashable {
    /// The stored state of a recipient: waiting to be taken, being written, written (a reply in
    /// the outbox), or skipped with a reason.
    public enum Stage: String, Sendable, Hashable {
        case pending, sending, reached, skipped
    }

    public var caseID: CaseID
    public var stage: Stage
    /// Why it was skipped.
    public var reason: String?
    /// The reply written for it; nil when skipped, not yet written, or written before Signaal kept
    /// the link (SQLite migration 35, PostgreSQL 37).
    public var replyID: ReplyID?
    /// Where that reply is now; nil without a reply.
    public var replyStatus: Reply.Status?

    public init(caseID: CaseID, stage: Stage, reason: String? = nil, replyID: ReplyID? = nil, replyStatus: Reply.Status? = nil) {
        self.caseID = caseID
        self.stage = stage
        self.reason = reason
        self.replyID = replyID
        self.replyStatus = replyStatus
    }
}

/// What became of a message to many, counted: "klaargezet" is not "aangekomen" (a channel without
/// its credentials fails every reply on it), so the lead sees how many arrived, failed (and which,
/// to act on), are still on their way, were skipped and why.
public struct DeliveryTally: Sendable, Hashable {
    /// Replies written and put in the outbox.
    public var queued: Int { arrived + failed + underway + unknown }
    /// Sent, delivered or read.
    public var arrived = 0
    public var failed = 0
    /// In the outbox, not sent yet (waiting for a retry, or being sent).
    public var underway = 0
    /// Written before Signaal kept which reply was for whom: their fate is in each case only.
    public var unknown = 0
    /// Not taken yet: a server stopped while sending; the next round writes them. One taken and
    /// not settled (being written now, or by a server that stopped mid-write) is counted nowhere,
    /// as in the message's reach: whether its reply was written is not known.
    public var waiting = 0
    /// Not written to, per reason, the most frequent first.
    public var skippedReasons: [SkipReason] = []
    /// The cases whose reply failed, in case order: where an agent can act.
    public var failedCases: [CaseID] = []

    public var skipped: Int { skippedReasons.reduce(0) { $0 + $1.count } }

    public init(_ outcomes: [RecipientOutcome]) {
        var reasons: [String: Int] = [:]
        for outcome in outcomes {
            switch outcome.stage {
            case .pending: waiting += 1
            case .sending: break
            case .skipped: reasons[outcome.reason ?? "", default: 0] += 1
            case .reached:
                switch outcome.replyStatus {
                case .sent, .delivered, .read: arrived += 1
                case .failed:
                    failed += 1
                    failedCases.append(outcome.caseID)
                case .queued, .sending: underway += 1
                case nil: unknown += 1
                }
            }
        }
        skippedReasons = reasons.map { SkipReason(reason: $0.key, count: $0.value) }.sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
    }

    /// Why some recipients were not written to, and how many.
    public struct SkipReason: Sendable, Hashable {
        public var reason: String
        public var count: Int

        public init(reason: String, count: Int) {
            self.reason = reason
            self.count = count
        }
    }
}
