import Foundation

/// One status change of a case, kept forever.
public struct CaseTransition: Sendable, Hashable, Codable {
    public var from: CaseStatus?
    public var to: CaseStatus
    public var at: Date
    public var actorID: UserID?
    public var reason: String

    public init(from: CaseStatus?, to: CaseStatus, at: Date, actorID: UserID? = nil, reason: String) {
        self.from = from
        self.to = to
        self.at = at
        self.actorID = actorID
        self.reason = reason
    }
}

/// One customer problem, with one owner from first reply to closing.
public struct Case: Sendable, Hashable, Codable, Identifiable {
    public var id: CaseID
    public var customerID: CustomerID
    public var status: CaseStatus
    public var ownerID: UserID?
    public var teamID: TeamID?
    /// 0...100, higher first; see `CasePriority`.
    public var priority: Double
    /// The opening words of the first signal, for lists.
    public var subject: String
    /// The channel of the first signal.
    public var channel: Channel
    public var openedAt: Date
    public var updatedAt: Date
    public var lastInboundAt: Date
    /// Since when the customer waits for us; nil when the last word was ours.
    public var waitingSince: Date?
    public var signalCount: Int
    public var reopenCount: Int
    /// Largest follower count of any author on this case.
    public var maxFollowers: Int
    /// The text part of the priority (0...1), from the latest analysed signal.
    public var textScore: Double
    public var transitions: [CaseTransition]
    /// The root-cause topic named when the case was last resolved: what the organisation
    /// should fix so the next customer does not have to complain.
    public var rootCause: String?
    /// When the SLA clocks of this episode started: opening, or the latest reopen.
    public var slaStartedAt: Date
    /// The first reply of this episode: stops the first-response clock.
    public var respondedAt: Date?
    /// What the customer's words on this case say, for inbox filters and team rules: the
    /// sentiment and intent of the latest analysed message (a complaint that ends in thanks is
    /// no longer angry), every topic any message named, and the language the customer began in.
    public var sentiment: Analysis.Sentiment?
    public var intent: Analysis.Intent?
    public var topics: [String] = []
    public var language: String?
    /// Opened by an account posing as the brand's care team (S3's fake "Klantenservice"): nobody
    /// waits for our answer, so it has no service level, and nobody is assigned to answer it.
    public var posesAsBrand = false

    public init(
        id: CaseID, customerID: CustomerID, status: CaseStatus, ownerID: UserID? = nil, teamID: TeamID? = nil,
        priority: Double, subject: String, channel: Channel, openedAt: Date, updatedAt: Date,
        lastInboundAt: Date, waitingSince: Date?, signalCount: Int, reopenCount: Int, maxFollowers: Int,
        textScore: Double = 0, transitions: [CaseTransition]
    ) {
        self.id = id
        self.customerID = customerID
        self.status = status
        self.ownerID = ownerID
        self.teamID = teamID
        self.priority = priority
        self.subject = subject
        self.channel = channel
        self.openedAt = openedAt
        self.updatedAt = updatedAt
        self.lastInboundAt = lastInboundAt
        self.waitingSince = waitingSince
        self.signalCount = signalCount
        self.reopenCount = reopenCount
        self.maxFollowers = maxFollowers
        self.textScore = textScore
        self.transitions = transitions
        self.slaStartedAt = openedAt
    }

    /// The owner steers a case: answering the customer, making good, handing it over, resolving
    /// and closing it are the owner's, a team lead's, or anyone's while nobody owns it. Colleagues
    /// may still add notes.
    public func isSteerable(by user: User) -> Bool {
        ownerID == nil || ownerID == user.id || user.role >= .lead
    }

    /// Refuses `user` when they may not steer this case; `action` completes "kan …", e.g. "deze
    /// zaak overdragen".
    public func checkSteerable(by user: User, to action: String) throws(DomainError) {
        guard isSteerable(by: user) else { throw .forbidden("Alleen de eigenaar of een teamleider kan \(action).") }
    }

    /// Moves the case to `next`, recording the change; refuses moves the status machine forbids.
    public mutating func transition(to next: CaseStatus, at: Date, actorID: UserID? = nil, reason: String) throws(DomainError) {
        guard status.canMove(to: next) else { throw .invalidTransition(from: status, to: next) }
        if status == .resolved && next == .open {
            // A reopen is a new episode: the customer waits for an answer again.
            reopenCount += 1
            slaStartedAt = at
            respondedAt = nil
        }
        transitions.append(CaseTransition(from: status, to: next, at: at, actorID: actorID, reason: reason))
        status = next
        updatedAt = at
    }

    /// Takes in the analysis of one more message from the customer.
    public mutating func absorb(_ analysis: Analysis) {
        sentiment = analysis.sentiment
        intent = analysis.intent
        for topic in analysis.topics where !topics.contains(topic) { topics.append(topic) }
        if language == nil, !analysis.language.isEmpty { language = analysis.language }
    }

    /// The facts the priority is computed from. A thank-you after a complaint ("Top, dank jullie
    /// wel!") is no chase: when the latest message is praise, it is not counted as a repeat contact.
    public var priorityInputs: PriorityInputs {
        let thanks = signalCount > 1 && intent == .compliment ? 1 : 0
        return PriorityInputs(
            waitingSince: waitingSince, inboundCount: signalCount - thanks, reopenCount: reopenCount,
            followers: maxFollowers, textScore: textScore, praiseOnly: signalCount <= 1 && intent == .compliment)
    }

    /// The subject line for a case opened by `text`.
    public static func subject(from text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard oneLine.count > 120 else { return oneLine }
        return String(oneLine.prefix(119)) + "…"
    }
}
