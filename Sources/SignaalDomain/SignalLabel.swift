import Foundation

/// An agent's correction of what the analyser read in a signal: the teaching material of
/// `signaal train`. Kept with who and when; the latest correction of a signal counts.
public struct SignalLabel: Sendable, Hashable, Codable {
    public var signalID: SignalID
    public var sentiment: Analysis.Sentiment?
    public var intent: Analysis.Intent?
    public var topics: [String]?
    public var userID: UserID
    public var createdAt: Date

    public init(
        signalID: SignalID, sentiment: Analysis.Sentiment?, intent: Analysis.Intent?, topics: [String]?, userID: UserID,
        createdAt: Date
    ) {
        self.signalID = signalID
        self.sentiment = sentiment
        self.intent = intent
        self.topics = topics
        self.userID = userID
        self.createdAt = createdAt
    }
}

/// What a case is about once its messages are read again with the team's corrections: intake
/// keeps a case's topics as all its messages' topics and its sentiment and intent as those of
/// its latest message read, so a correction must change them the same way — else the inbox
/// filter keeps showing what the analyser misread.
public enum CaseReading {
    /// One message of the case, with an agent's latest correction in place of the analyser's reading.
    public struct Message: Sendable, Equatable {
        public var topics: [String]
        public var sentiment: Analysis.Sentiment?
        public var intent: Analysis.Intent?

        public init(topics: [String], sentiment: Analysis.Sentiment?, intent: Analysis.Intent?) {
            self.topics = topics
            self.sentiment = sentiment
            self.intent = intent
        }

        /// The analyser's reading, overruled by whatever the correction says (a correction
        /// without topics leaves the analyser's topics standing).
        public init(analysed: Message, corrected label: SignalLabel?) {
            self.init(
                topics: label?.topics ?? analysed.topics, sentiment: label?.sentiment ?? analysed.sentiment,
                intent: label?.intent ?? analysed.intent)
        }
    }

    /// The messages in order of arrival give the case's topics (each once, in the order first
    /// named) and the sentiment and intent of the latest message that has them.
    public static func of(_ messages: [Message]) -> (topics: [String], sentiment: Analysis.Sentiment?, intent: Analysis.Intent?) {
        var topics: [String] = []
        for topic in messages.lazy.flatMap(\.topics) where !topics.contains(topic) { topics.append(topic) }
        return (topics, messages.last { $0.sentiment != nil }?.sentiment, messages.last { $0.intent != nil }?.intent)
    }
}
