import Foundation

public typealias ReplyID = Identifier<Reply>

/// An agent's answer to a customer, sent through the channel the customer used.
///
/// Replies go through a durable outbox: stored first as `queued`, then sent with retries.
/// A reply is never sent twice by the outbox: one whose sending was interrupted (the app
/// stopped mid-send) is marked `failed` for an agent to check, not resent blindly.
public struct Reply: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case queued
        case sending
        case sent
        case delivered
        case read
        case failed

        /// Dutch label for the case page.
        public var dutchName: String {
            switch self {
            case .queued: "in de wachtrij"
            case .sending: "wordt verzonden"
            case .sent: "verzonden"
            case .delivered: "afgeleverd"
            case .read: "gelezen"
            case .failed: "mislukt"
            }
        }

        /// Platforms report delivery states out of order; never step back.
        var rank: Int {
            switch self {
            case .queued: 0
            case .sending: 1
            case .failed: 2
            case .sent: 3
            case .delivered: 4
            case .read: 5
            }
        }

        /// The status after a platform's report `reported`, which may arrive late or twice.
        public func advanced(to reported: Status) -> Status {
            if reported == .failed { return self == .sent || self == .sending ? .failed : self }
            return reported.rank > rank ? reported : self
        }
    }

    public var id: ReplyID
    public var caseID: CaseID
    /// The customer's message this answers; it decides the channel and the thread.
    public var signalID: SignalID?
    public var channel: Channel
    public var text: String
    public var authorID: UserID?
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// The reason of the last failure, in words an agent understands.
    public var lastError: String?
    /// The platform's id of the sent message (tweet id, wamid, e-mail Message-ID).
    public var externalID: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var updatedAt: Date
    /// The reply coach's score (0-100) of the text as sent, and the codes of its findings:
    /// coaching material for the team lead, never a gate on sending.
    public var coachScore: Int?
    public var coachFindings: [String] = []
    /// Set on the satisfaction question sent after resolving (its check's token): a message from
    /// Signaal on the team's behalf, not an answer an agent wrote.
    public var satisfactionToken: String?
    /// Since when the customer had waited when this reply answered them (the case's
    /// `waitingSince` it cleared): the case waits since then again if the reply never arrives.
    public var waitedSince: Date?
    /// The one-time key of the reply form it came from: the same form sent twice (a network
    /// retry, back and resubmit) stores and sends one reply. Unique in the store.
    public var formKey: String?

    public init(
        id: ReplyID, caseID: CaseID, signalID: SignalID?, channel: Channel, text: String, authorID: UserID?,
        status: Status = .queued, attempts: Int = 0, nextAttemptAt: Date?, lastError: String? = nil,
        externalID: String? = nil, createdAt: Date, sentAt: Date? = nil, updatedAt: Date
    ) {
        self.id = id
        self.caseID = caseID
        self.signalID = signalID
        self.channel = channel
        self.text = text
        self.authorID = authorID
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.externalID = externalID
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.updatedAt = updatedAt
    }

    /// The largest reply accepted, in UTF-8 bytes (an e-mail can be long; platforms cut shorter).
    public static let maximumTextBytes = 32 * 1024

    /// Waiting time before attempt `attempt + 1`: 30 s, 1, 2, 4, 8 … minutes, at most an hour.
    public static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempt - 1))))
    }

    /// After this many failed attempts a retryable error counts as final.
    public static let maximumAttempts = 8
}

/// What sending a reply came to, as the outbox records it.
public enum ReplySendOutcome: Sendable, Hashable {
    case sent(externalID: String?)
    /// A passing failure (network, rate limit, server error): try again at `at`.
    case retry(error: String, at: Date)
    /// A final failure (rejected, no credentials): shown on the case.
    case failed(error: String)
}

extension Reply {
    /// Records the outcome of send attempt number `attempt` (the `attempts` its claim gave) only
    /// while that attempt is still the current one: a reply given up as interrupted, resent by an
    /// agent and sent by another attempt meanwhile, is not changed by a late finisher. False when
    /// nothing changed.
    public mutating func finish(attempt: Int, with outcome: ReplySendOutcome, now: Date) -> Bool {
        guard status == .sending, attempts == attempt else { return false }
        apply(outcome, now: now)
        return true
    }

    /// Records a send attempt's outcome. A retryable failure after the last allowed attempt is final.
    public mutating func apply(_ outcome: ReplySendOutcome, now: Date) {
        updatedAt = now
        switch outcome {
        case .sent(let externalID):
            status = .sent
            self.externalID = externalID ?? self.externalID
            sentAt = now
            nextAttemptAt = nil
            lastError = nil
        case .retry(let error, let at) where attempts < Self.maximumAttempts:
            status = .queued
            nextAttemptAt = at
            lastError = error
        case .retry(let error, _):
            status = .failed
            nextAttemptAt = nil
            lastError = "\(error) (opgegeven na \(attempts) pogingen)"
        case .failed(let error):
            status = .failed
            nextAttemptAt = nil
            lastError = error
        }
    }

    /// An agent sends a failed reply again; only a failed reply can be.
    public mutating func requeue(now: Date) throws(DomainError) {
        guard status == .failed else { throw .conflict("Alleen een mislukt antwoord kan opnieuw worden verzonden.") }
        status = .queued
        nextAttemptAt = now
        updatedAt = now
    }

    /// A platform's delivery report, which can come late, twice or out of order.
    public mutating func recordDelivery(_ reported: Status, detail: String?, at: Date) {
        let next = status.advanced(to: reported)
        guard next != status else { return }
        status = next
        if next == .failed { lastError = detail.map { "Niet afgeleverd: \($0)" } ?? "Niet afgeleverd volgens het platform." }
        updatedAt = at
    }
}

/// Where a reply goes: on the platform of the message it answers, or by e-mail.
public enum ReplyRoute: Sendable, Hashable {
    case platform
    case email(address: String)

    /// The route of a reply on `channel` answering `signal` (nil: a reply without a message to
    /// answer), the customer's known address being `customerEmail`; nil when there is none — a
    /// phone call or a letter from someone without an e-mail address, or a message whose address
    /// is none by `Identity`'s rule and so was never linked ("a@b"). One rule for whoever asks:
    /// the composer refuses what the outbox could only fail.
    /// `reachable` says whether the platform can take a reply to that very message (an Instagram
    /// mention elsewhere, or a message missing an id the reply needs, cannot): when it cannot, the
    /// reply goes by e-mail if an address is known.
    public static func of(
        channel: Channel, answering signal: Signal?, customerEmail: String?, reachable: (Signal) -> Bool
    ) -> ReplyRoute? {
        if let signal, signal.channel.repliesOnPlatform, channel == signal.channel, reachable(signal) { return .platform }
        // An address intake refused to link would only bounce, or be counted as sent.
        let address = [signal?.author.email, customerEmail].lazy.compactMap { $0 }.first { Identity(kind: .email, raw: $0) != nil }
        return address.map { .email(address: $0.trimmingWhitespace()) }
    }
}
