/// What the text analyser understood of a signal (shape of INTERFACES.md).
public struct Analysis: Sendable, Hashable, Codable {
    public enum Sentiment: String, Sendable, Hashable, Codable, CaseIterable { case negative, neutral, positive }
    public enum Intent: String, Sendable, Hashable, Codable, CaseIterable { case complaint, compliment, question, other }

    public struct Evidence: Sendable, Hashable, Codable {
        public var text: String
        public var weight: Double
        /// "sentiment", a cue name ("repeat", "churn_threat", …) or "topic:<name>".
        public var kind: String?
        /// UTF-8 byte offsets of `text` in the message, for highlighting.
        public var start: Int?
        public var end: Int?
        public init(text: String, weight: Double, kind: String? = nil, start: Int? = nil, end: Int? = nil) {
            self.text = text
            self.weight = weight
            self.kind = kind
            self.start = start
            self.end = end
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
    /// 0…1: how strongly the writer feels.
    public var emotion: Double?

    public init(
        language: String, sentiment: Sentiment, score: Double, intent: Intent,
        topics: [String], urgency: Double, cues: [String], evidence: [Evidence], emotion: Double? = nil
    ) {
        self.language = language
        self.sentiment = sentiment
        self.score = score
        self.intent = intent
        self.topics = topics
        self.urgency = urgency
        self.cues = cues
        self.evidence = evidence
        self.emotion = emotion
    }
}
