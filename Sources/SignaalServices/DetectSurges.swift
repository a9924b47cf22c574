import Foundation
import SignaalDomain
import SignaalStore

/// The surges of the last hour (`SurgeDetector`), counted at most once a minute per instance:
/// every inbox view asks, and a surge is news within minutes, not within seconds.
public actor DetectSurges {
    let store: any SignaalStore
    let clock: @Sendable () -> Date
    let detector: SurgeDetector
    /// How long one count is shown before it is made again.
    public static let freshness: TimeInterval = 60
    private var latest: (at: Date, surges: [Surge])?

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init, detector: SurgeDetector = SurgeDetector()) {
        self.store = store
        self.clock = clock
        self.detector = detector
    }

    public func callAsFunction() async throws -> [Surge] {
        let now = clock()
        if let latest, latest.at <= now, now.timeIntervalSince(latest.at) < Self.freshness { return latest.surges }
        let surges = detector.surges(try await store.windowCounts(SurgeDetector.windows(now: now)))
        latest = (now, surges)
        return surges
    }
}
