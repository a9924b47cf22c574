/// What the text analyser understood of a signal (shape of INTERFACES.md).
public struct Analysis: Sendable, Hashable, Codable {
    public enum Sentiment: String, Sendable, Hashable, Codable { case negative, neutral, positive }
    public enum Intent: String, Sendable, Hashable, Codable { case complaint, compliment, question, other }

    public struct Evidence: Sendable, Hashable, Codable {
        public var text: String
        public var weight: Double
        public init(text: String, weight: Double) {
            self.text = text
            self.weight = weight
        }
    }

    public var language: String
    public var sentiment: Sentiment
    public var score: Double
    public var intent: Intent
    public var topics: [String]
    public var urgency: Double
    public var cues: [String]
    public var evidence: [Evidence]

    public init(
        language: String, sentiment: Sentiment, score: Double, intent: Intent,
        topics: [String], urgency: Double, cues: [String], evidence: [Evidence]
    ) {
        self.language = language
        self.sentiment = sentiment
        self.score = score
        self.intent = intent
        self.topics = topics
        self.urgency = urgency
        self.cues = cues
        self.evidence = evidence
    }
}
