/// What DutchText understood of one message (the domain's Analysis has the same shape).
public struct TextAnalysis: Sendable, Hashable {
    public enum Sentiment: String, Sendable, Hashable { case negative, neutral, positive }
    public enum Intent: String, Sendable, Hashable { case complaint, compliment, question, other }

    public struct Evidence: Sendable, Hashable {
        /// The words as they stand in the message.
        public var text: String
        /// Signed contribution: negative pulls towards negative sentiment; cues are positive.
        public var weight: Double
        /// What it is evidence of: "sentiment", a cue name, a topic, or an intent.
        public var kind: String
        /// Where it is: UTF-8 byte offsets into the message (for highlighting).
        public var start: Int
        public var end: Int
    }

    public var language: String
    public var sentiment: Sentiment
    /// -1…1
    public var score: Double
    public var intent: Intent
    public var topics: [String]
    /// 0…1
    public var urgency: Double
    public var cues: [String]
    /// 0…1: how strongly the writer feels (intensity of the polar words, caps, exclamations).
    public var emotion: Double
    public var evidence: [Evidence]
}
