import Foundation

/// What the team must know before calling a case resolved: whether the customer actually heard
/// from us, and what we promised them that is still open. Resolving over a concern takes an
/// explicit confirmation — a customer may have been helped by phone, but never by accident.
public enum ResolutionConcern: Hashable, Sendable {
    /// Our latest answer did not reach the customer (refused, not configured, interrupted).
    case lastReplyFailed
    /// No answer of ours reached the customer, and no call, visit or letter is recorded.
    case customerNotReached
    /// A promise to the customer is still open.
    case openPromise(text: String, dueAt: Date)

    /// The concerns about resolving now. `replies` are the case's answers to the customer (not the
    /// satisfaction question), `signals` its messages, including contacts agents recorded.
    public static func concerns(replies: [Reply], promises: [CasePromise], signals: [Signal]) -> [ResolutionConcern] {
        var concerns: [ResolutionConcern] = []
        let answers = replies.filter { $0.satisfactionToken == nil }.sorted { $0.createdAt < $1.createdAt }
        if let last = answers.last, last.status == .failed {
            concerns.append(.lastReplyFailed)
        } else if !answers.contains(where: \.reachedCustomer), !signals.contains(where: { $0.recordedBy != nil }) {
            concerns.append(.customerNotReached)
        }
        for promise in promises.filter({ $0.status == .open }).sorted(by: { $0.dueAt < $1.dueAt }) {
            concerns.append(.openPromise(text: promise.text, dueAt: promise.dueAt))
        }
        return concerns
    }

    /// What to do about it, in Dutch, as the reason a resolve was refused.
    public var dutch: String {
        switch self {
        case .lastReplyFailed:
            "het laatste antwoord heeft de klant niet bereikt: verstuur het opnieuw of neem via een ander kanaal contact op en leg dat vast"
        case .customerNotReached:
            "de klant heeft nog geen antwoord van ons ontvangen: antwoord eerst, of leg het telefoongesprek of de brief vast"
        case .openPromise(let text, _):
            "de toezegging '\(text)' staat nog open: kom haar na en markeer haar als nagekomen of niet nagekomen"
        }
    }
}

extension Reply {
    /// Whether the platform or mail server took the reply: the customer can have read it.
    public var reachedCustomer: Bool {
        switch status {
        case .sent, .delivered, .read: true
        case .queued, .sending, .failed: false
        }
    }
}
