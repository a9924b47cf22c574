import Foundation
import SignaalDomain

/// A channel whose replies stopped getting out.
public struct ChannelTrouble: Sendable, Hashable {
    public let channel: Channel
    /// Failed attempts and all attempts within the window.
    public let failed: Int
    public let attempts: Int
    public let lastError: String
    public let lastFailedAt: Date

    public init(channel: Channel, failed: Int, attempts: Int, lastError: String, lastFailedAt: Date) {
        self.channel = channel
        self.failed = failed
        self.attempts = attempts
        self.lastError = lastError
        self.lastFailedAt = lastFailedAt
    }
}

/// The outbox's send attempts of the last hour, per channel, kept per instance. One customer who
/// cannot be reached shows on their own case; a channel whose token expired or whose mail server
/// refuses fails every case in turn, and each agent meets it one case at a time. Said once above
/// the inbox, the team contacts customers another way and an administrator mends the link.
public actor ReplyTroubles {
    public static let window: TimeInterval = 3600
    /// Fewer failures than this are single customers, not a channel.
    public static let minimumFailures = 3

    private struct Attempt {
        let at: Date
        let error: String?
    }

    private var attempts: [Channel: [Attempt]] = [:]

    public init() {}

    /// Records one send attempt; a retry to come counts as a failure now (the message did not go out).
    public func record(_ channel: Channel, outcome: ReplySendOutcome, at: Date) {
        let error: String? =
            switch outcome {
            case .sent: nil
            case .retry(let error, _), .failed(let error): error
            }
        var list = attempts[channel, default: []]
        list.append(Attempt(at: at, error: error))
        // Attempts come in time order: what fell out of the window is at the front.
        let cutoff = at.addingTimeInterval(-Self.window)
        if let keep = list.firstIndex(where: { $0.at > cutoff }) { list.removeFirst(keep) }
        attempts[channel] = list
    }

    /// Channels whose latest attempt failed, with at least `minimumFailures` failures in the last
    /// hour and no more successes than failures; most failures first. A channel that sent its
    /// last reply works again.
    public func current(now: Date) -> [ChannelTrouble] {
        let since = now.addingTimeInterval(-Self.window)
        return attempts.compactMap { channel, list -> ChannelTrouble? in
            let recent = list.filter { $0.at > since }
            guard let last = recent.last, let lastError = last.error else { return nil }
            let failed = recent.count { $0.error != nil }
            guard failed >= Self.minimumFailures, failed * 2 >= recent.count else { return nil }
            return ChannelTrouble(channel: channel, failed: failed, attempts: recent.count, lastError: lastError, lastFailedAt: last.at)
        }
        .sorted { ($0.failed, $0.channel.rawValue) > ($1.failed, $1.channel.rawValue) }
    }
}
