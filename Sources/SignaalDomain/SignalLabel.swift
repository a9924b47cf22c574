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
