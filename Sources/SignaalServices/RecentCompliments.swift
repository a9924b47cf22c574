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
        let items = signals.map { signal in
            Item(
                receivedAt: signal.receivedAt, author: signal.author.displayName,
                recipients: Set(ComplimentRecipients.recipients(of: signal.text, caseOwner: cases[signal.caseID]?.ownerID, among: users)))
        }
        latest = (now, items)
        return items
    }
}
