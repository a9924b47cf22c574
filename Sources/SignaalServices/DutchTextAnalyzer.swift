import DutchText
import SignaalDomain

/// The DutchText analyser behind the intake seam.
public struct DutchTextAnalyzer: SignalAnalyzer {
    let analyzer: DutchAnalyzer
    /// What the team's corrections taught (`signaal train`), then the model shipped with Signaal:
    /// each blended in where it is sure.
    let learned: BlendedClassifier?

    public init(taxonomy: Taxonomy = .bundled, models: TrainedModels? = nil, bundled: BlendedClassifier? = TrainedModels.bundledClassifier) {
        self.analyzer = DutchAnalyzer.shared(taxonomy: taxonomy)
        let combined: BlendedClassifier? =
            switch (models?.classifier, bundled) {
            case (let own?, let shipped?): own.backed(by: shipped)
            case (let own, let shipped): own ?? shipped
            }
        learned = combined?.restrictingTopics(to: Set(taxonomy.topics.map(\.name)))
    }

    public func analyse(_ text: String) -> Analysis {
        let result = analyzer.analyse(text)
        return Analysis(learned.map { $0.apply(result, text: text) } ?? result)
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
