import Foundation
import SignaalDomain
import Testing

@Suite("Surges: the last hour against the same hour of the past week")
struct SurgeTests {
    /// Counts for one topic: `now` in the last hour, `past` in each of the seven earlier days.
    func counts(_ topic: String?, now: Int, past: [Int]) -> [WindowCount] {
        [WindowCount(window: 0, topic: topic, count: now)]
            + past.enumerated().map { WindowCount(window: $0.offset + 1, topic: topic, count: $0.element) }
    }

    @Test("a storm at night is a surge; the usual Monday-morning rush is not")
    func stormNotRush() {
        let detector = SurgeDetector()
        let storm = detector.surges(counts("storing", now: 42, past: [1, 0, 2, 1, 0, 1, 2]))
        #expect(storm == [Surge(topic: "storing", count: 42, usual: 1)])
        #expect(storm.first?.factor == 42)
        // Sixty questions about payments at nine, as on every other day.
        #expect(detector.surges(counts("betaling", now: 60, past: [55, 58, 50, 62, 57, 54, 59])).isEmpty)
    }

    @Test("a handful of messages in a quiet hour is no surge, however quiet the hour usually is")
    func tooFew() {
        let detector = SurgeDetector()
        #expect(detector.surges(counts("levering", now: 7, past: [0, 0, 0, 0, 0, 0, 0])).isEmpty)
        #expect(detector.surges(counts("levering", now: 8, past: [0, 0, 0, 0, 0, 0, 0])).map(\.count) == [8])
        // Twice the usual is busy, not a surge.
        #expect(detector.surges(counts("levering", now: 40, past: [20, 20, 20, 20, 20, 20, 20])).isEmpty)
        #expect(SurgeDetector(minimumCount: 8, minimumFactor: 1.5).surges(counts("levering", now: 40, past: [20, 20, 20, 20, 20, 20, 20])).count == 1)
    }

    @Test("a spike carried by one topic is said by that topic; one no topic explains is said as a whole")
    func overall() {
        let detector = SurgeDetector()
        let byTopic = detector.surges(
            counts(nil, now: 50, past: [5, 6, 4, 5, 5, 6, 4]) + counts("storing", now: 38, past: [1, 0, 1, 1, 0, 1, 1]))
        #expect(byTopic.map(\.topic) == ["storing"])
        let unexplained = detector.surges(
            counts(nil, now: 50, past: [5, 6, 4, 5, 5, 6, 4]) + counts("levering", now: 9, past: [1, 0, 1, 1, 0, 1, 1]))
        #expect(unexplained.map(\.topic) == [nil, "levering"], "biggest first")
    }

    @Test("missing windows count as empty, and the windows are the last hour and the same hour of seven days before")
    func windows() {
        let detector = SurgeDetector()
        #expect(detector.surges([WindowCount(window: 0, topic: "storing", count: 12)]).map(\.usual) == [0])
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let windows = SurgeDetector.windows(now: now)
        #expect(windows.count == 8)
        #expect(windows[0] == DateInterval(start: now.addingTimeInterval(-3600), end: now))
        #expect(windows[7] == DateInterval(start: now.addingTimeInterval(-7 * 86_400 - 3600), end: now.addingTimeInterval(-7 * 86_400)))
    }
}
