import DutchText
import SignaalDomain

/// The DutchText analyser behind the intake seam.
public struct DutchTextAnalyzer: SignalAnalyzer {
    let analyzer: DutchAnalyzer

    public init(taxonomy: Taxonomy = .bundled) {
        self.analyzer = DutchAnalyzer(taxonomy: taxonomy)
    }

    public func analyse(_ text: String) -> Analysis {
        Analysis(analyzer.analyse(text))
    }
}

extension Analysis {
    /// The domain's view of a DutchText result.
    public init(_ result: TextAnalysis) {
        self.init(
            language: result.language, sentiment: Sentiment(rawValue: result.sentiment.rawValue) ?? .neutral,
            score: result.score, intent: Intent(rawValue: result.intent.rawValue) ?? .other, topics: result.topics,
            urgency: result.urgency, cues: result.cues,
            evidence: result.evidence.map { Evidence(text: $0.text, weight: ($0.weight * 1000).rounded() / 1000, kind: $0.kind, start: $0.start, end: $0.end) },
            emotion: result.emotion)
    }
}
