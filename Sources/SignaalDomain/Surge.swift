import Foundation

/// A spike of messages on one topic, or on everything at once: S3's storm, an outage. Seen within
/// the hour, so the team can post one status update for everyone and keep the webcare open longer
/// instead of answering the same question a hundred times.
public struct Surge: Sendable, Hashable {
    /// The taxonomy's topic; nil for all messages together (a spike no topic explains).
    public var topic: String?
    /// Messages in the last hour.
    public var count: Int
    /// The usual number in this hour of the day: the average of the same hour on the past days.
    public var usual: Double

    public init(topic: String?, count: Int, usual: Double) {
        self.topic = topic
        self.count = count
        self.usual = usual
    }

    /// How many times the usual number; an hour that is usually empty counts as one message.
    public var factor: Double { Double(count) / max(usual, 1) }
}

/// How many messages arrived in one of the detector's windows, on one topic (nil: on any).
public struct WindowCount: Sendable, Hashable {
    /// 0 is the last hour; k is the same hour k days earlier.
    public var window: Int
    public var topic: String?
    public var count: Int

    public init(window: Int, topic: String?, count: Int) {
        self.window = window
        self.topic = topic
        self.count = count
    }
}

/// Finds surges by comparing the last hour with the same hour of the past week, so that the
/// Monday-morning rush is not a surge but a storm at night is. Compliments do not count (the
/// store leaves them out): a wave of thanks is no incident. Pure: the store does the counting.
public struct SurgeDetector: Sendable, Hashable {
    /// The last hour is compared with this many earlier days.
    public static let pastDays = 7
    public static let window: TimeInterval = 3600

    /// Fewer messages than this in an hour is no surge, however quiet the hour usually is.
    public var minimumCount: Int
    /// At least this many times the usual number.
    public var minimumFactor: Double

    public init(minimumCount: Int = 8, minimumFactor: Double = 3) {
        self.minimumCount = minimumCount
        self.minimumFactor = minimumFactor
    }

    /// The windows to count, for the store: the last hour before `now`, then the same hour on each
    /// of the past days, in that order (the index is `WindowCount.window`).
    public static func windows(now: Date) -> [DateInterval] {
        (0...pastDays).map { day in
            let end = now.addingTimeInterval(-Double(day) * 86_400)
            return DateInterval(start: end.addingTimeInterval(-window), end: end)
        }
    }

    /// The surges in `counts`, biggest first. A topic's surge that is the whole of the overall
    /// spike is said once, by its topic.
    public func surges(_ counts: [WindowCount]) -> [Surge] {
        var byTopic: [String?: [Int: Int]] = [:]
        for count in counts { byTopic[count.topic, default: [:]][count.window, default: 0] += count.count }
        var found: [Surge] = []
        for (topic, windows) in byTopic {
            let current = windows[0] ?? 0
            let past = (1...Self.pastDays).map { windows[$0] ?? 0 }
            let usual = Double(past.reduce(0, +)) / Double(Self.pastDays)
            let surge = Surge(topic: topic, count: current, usual: usual)
            if current >= minimumCount && surge.factor >= minimumFactor { found.append(surge) }
        }
        // The overall spike adds nothing when one topic's surge carries most of it.
        if let overall = found.first(where: { $0.topic == nil }),
            found.contains(where: { $0.topic != nil && Double($0.count) >= 0.5 * Double(overall.count) })
        {
            found.removeAll { $0.topic == nil }
        }
        return found.sorted { ($0.count, $0.topic ?? "") > ($1.count, $1.topic ?? "") }
    }
}
