import Foundation
import SignaalDomain
import SignaalStore

/// The compliments of the last week with the colleagues each is for, gathered at most once a
/// minute per instance, as surges are counted: every inbox view (and every live refresh of it)
/// asks, reading a week of messages is not for each of those, and a compliment is news within a
/// minute, not within a second.
public actor RecentCompliments {
    public struct Item: Sendable, Hashable {
        public let receivedAt: Date
        public let author: String
        public let recipients: Set<UserID>
    }

    let store: any SignaalStore
    let clock: @Sendable () -> Date
    public static let period: TimeInterval = 7 * 86400
    public static let freshness: TimeInterval = 60
    /// A week of compliments beyond this many is more than an inbox line needs.
    static let limit = 500
    private var latest: (at: Date, items: [Item])?

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Newest first.
    public func callAsFunction() async throws -> [Item] {
        let now = clock()
        if let latest, latest.at <= now, now.timeIntervalSince(latest.at) < Self.freshness { return latest.items }
        let signals = try await store.signals(
            intent: .compliment, in: DateInterval(start: now.addingTimeInterval(-Self.period), end: .distantFuture), limit: Self.limit)
        let cases = try await store.cases(ids: signals.map(\.caseID))
        let users = try await store.users()
        let handlers = try await ComplimentHandlers.handlers(of: signals, cases: cases, store: store)
        let items = signals.map { signal in
            Item(
                receivedAt: signal.receivedAt, author: signal.author.displayName,
                recipients: Set(ComplimentRecipients.recipients(of: signal.text, caseOwner: handlers[signal.id], among: users)))
        }
        latest = (now, items)
        return items
    }
}

/// Praise that names nobody is for the colleague who handled the case when it came, not for
/// whoever owns it now: a case handed to the lead afterwards keeps the thanks with the colleague
/// who called the customer back.
public enum ComplimentHandlers {
    /// Per compliment: the case's owner when it arrived by the handoff history; when the case was
    /// unowned then (in a team's queue, not yet taken), the colleague who last answered before it,
    /// else who took it up since; without any handoff, the case's owner. Missing: nobody.
    public static func handlers(of signals: [Signal], cases: [CaseID: Case], store: any SignaalStore) async throws -> [SignalID: UserID] {
        let handoffs = Dictionary(grouping: try await store.handoffs(caseIDs: signals.map(\.caseID)), by: \.caseID)
        var replies: [CaseID: [Reply]] = [:]
        var result: [SignalID: UserID] = [:]
        for signal in signals {
            let history = handoffs[signal.caseID] ?? []
            if history.isEmpty {
                result[signal.id] = cases[signal.caseID]?.ownerID
                continue
            }
            if let owner = Handoff.owner(at: signal.receivedAt, handoffs: history) {
                result[signal.id] = owner
                continue
            }
            if replies[signal.caseID] == nil { replies[signal.caseID] = try await store.replies(caseID: signal.caseID) }
            result[signal.id] = replies[signal.caseID]?
                .filter { $0.createdAt <= signal.receivedAt && $0.satisfactionToken == nil && $0.authorID != nil }
                .max { $0.createdAt < $1.createdAt }?.authorID ?? cases[signal.caseID]?.ownerID
        }
        return result
    }
}
