import Foundation

/// One logistic regression per topic on the hashed words and bigrams of `NaiveBayesModel.features`,
/// each feature present or not and the text's features scaled to unit length: what the labelled sets
/// teach about the topics the keyword rules miss ("de helft van de rekken is al krom" is quality
/// without a keyword). The intake adds a topic the rules did not find where the model gives it at
/// least `threshold`, and never takes one of theirs away: their keywords are the evidence shown.
public struct TopicModel: Sendable, Codable {
    public var topics: [String]
    public var bias: [Double]
    /// The features kept (those in at least `minimumDocuments` training texts), ascending.
    public var features: [Int]
    /// Row-major: the weight of `features[i]` for `topics[j]` is at `i * topics.count + j`.
    public var weights: [Double]
    public var trainedOn: Int

    /// Each of the nine older labelled sets left out in turn, trained on the other eight: mean topic
    /// micro-F1 0.604 at 0.25, 0.607 at 0.3, 0.610 at 0.35, 0.612 at 0.4, 0.601 at 0.5 (the rules alone 0.529).
    public static let threshold = 0.4
    /// A topic the model adds needs a word of substance weighing at least this for it, or two such words.
    /// On the labelled sets (2026-12-07) the topic micro-F1 stayed the same from 0.9 to 3; requiring two
    /// words always lost 0.001 on dev, and scoring the words of substance alone lost 0.023 on blind10.
    public static let minimumEvidence = 1.0
    /// A feature of one text only teaches that text.
    static let minimumDocuments = 2
    /// The inverse strength of the L2 penalty, per example as in `C · Σ loss + ½‖w‖²`.
    static let inverseRegularisation = 10.0
    static let epochs = 40
    static let learningRate = 0.5

    /// Fits one model per name in `topics` on `texts`, each labelled with the topics it is about.
    /// AdaGrad over the texts in a fixed order per epoch, so the same sets give the same model.
    public static func fit(texts: [String], labels: [[String]], topics: [String]) -> TopicModel {
        let tokenizer = Tokenizer()
        let documents = texts.map { uniqueFeatures(NaiveBayesModel.features($0, tokenizer: tokenizer)) }
        var frequency: [Int: Int] = [:]
        for document in documents { for feature in document { frequency[feature, default: 0] += 1 } }
        let kept = frequency.filter { $0.value >= minimumDocuments }.keys.sorted()
        let row = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        let width = topics.count
        // Per text: its kept features' rows, its scale, and whether each topic is among its labels.
        let examples = zip(documents, labels).map { document, labels in
            (rows: document.compactMap { row[$0] }, scale: document.isEmpty ? 0 : 1 / Double(document.count).squareRoot(),
             targets: topics.map { labels.contains($0) ? 1.0 : 0.0 })
        }
        var weights = [Double](repeating: 0, count: kept.count * width)
        var squared = [Double](repeating: 0, count: kept.count * width)
        var bias = [Double](repeating: 0, count: width)
        var biasSquared = [Double](repeating: 0, count: width)
        let penalty = examples.isEmpty ? 0 : 1 / (inverseRegularisation * Double(examples.count))
        var order = Array(examples.indices)
        var seed: UInt64 = 0x5149_6E61_616C
        for _ in 0..<epochs {
            // Fisher–Yates with a fixed linear congruential sequence: shuffled, and reproducible.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(index, Int((seed >> 33) % UInt64(index + 1)))
            }
            for index in order {
                let example = examples[index]
                for topic in 0..<width {
                    var z = bias[topic]
                    for r in example.rows { z += weights[r * width + topic] * example.scale }
                    let error = sigmoid(z) - example.targets[topic]
                    biasSquared[topic] += error * error
                    bias[topic] -= learningRate * error / (biasSquared[topic].squareRoot() + 1e-8)
                    for r in example.rows {
                        let at = r * width + topic
                        let gradient = error * example.scale + penalty * weights[at]
                        squared[at] += gradient * gradient
                        weights[at] -= learningRate * gradient / (squared[at].squareRoot() + 1e-8)
                    }
                }
            }
        }
        // Four decimals are more than the fit is sure of, and keep the shipped file small.
        func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
        return TopicModel(
            topics: topics, bias: bias.map(rounded), features: kept, weights: weights.map(rounded), trainedOn: texts.count)
    }

    /// Each feature once, in ascending order.
    static func uniqueFeatures(_ features: [Int]) -> [Int] {
        var sorted = features.sorted()
        var write = 0
        for read in sorted.indices where write == 0 || sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        return Array(sorted[..<write])
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
}

/// A topic model laid out for reading at intake: one look-up per feature gives its weights for every
/// topic.
public struct CompiledTopics: Sendable {
    let topics: [String]
    let bias: [Double]
    /// Feature → offset of its row in `weights`.
    let rows: [Int: Int]
    let weights: [Double]

    public init(_ model: TopicModel) {
        let width = model.topics.count
        topics = model.topics
        bias = model.bias
        weights = model.weights
        rows = Dictionary(uniqueKeysWithValues: model.features.enumerated().map { ($1, $0 * width) })
    }

    private init(topics: [String], bias: [Double], rows: [Int: Int], weights: [Double]) {
        self.topics = topics
        self.bias = bias
        self.rows = rows
        self.weights = weights
    }

    /// The model speaks only of a text with at least this many features it learned: a greeting
    /// alone ("hoi", "goedemiddag") has one or two, each then weighing as much as the twenty of a
    /// message in training, and whatever its bucket learned (it shares one) decided a topic.
    static let minimumKnownFeatures = 5

    /// Words that carry no topic of their own however the model weighs them ("wat", "was", "het", "me"):
    /// the function words the language detector counts, without the few words of substance among them.
    static let functionWords: Set<String> = LanguageDetector.dutch.union(LanguageDetector.english).subtracting([
        "goed", "slecht", "bedankt", "dank", "graag", "dag", "week", "keer", "krijg", "krijgen", "amai", "good", "bad",
        "thanks", "thank", "please", "got", "get",
    ])

    /// The word of `text` that speaks most for `topic`, as evidence for a topic the model added
    /// (the keywords give their own): nil when no word of substance has a positive weight for it.
    func strongestWord(for topic: String, among tokens: [Token], of text: String) -> TextAnalysis.Evidence? {
        guard let index = topics.firstIndex(of: topic) else { return nil }
        var best: (token: Token, weight: Double)?
        for token in NaiveBayesModel.featureWords(tokens) where !Self.functionWords.contains(token.normal) {
            guard let row = rows[NaiveBayesModel.wordFeature(token.normal)] else { continue }
            let weight = weights[row + index]
            if weight > 0 && weight > (best?.weight ?? 0) { best = (token, weight) }
        }
        guard let best else { return nil }
        let utf8 = text.utf8
        return TextAnalysis.Evidence(
            text: String(text[best.token.range]), weight: (best.weight * 1000).rounded() / 1000, kind: "topic:\(topic)",
            start: utf8.distance(from: utf8.startIndex, to: best.token.range.lowerBound),
            end: utf8.distance(from: utf8.startIndex, to: best.token.range.upperBound))
    }

    /// Only the topics in `names`: a team's own taxonomy may not have them all.
    public func restricted(to names: Set<String>) -> CompiledTopics? {
        let keep = topics.indices.filter { names.contains(topics[$0]) }
        guard !keep.isEmpty else { return nil }
        guard keep.count < topics.count else { return self }
        var newRows: [Int: Int] = [:]
        var newWeights: [Double] = []
        newWeights.reserveCapacity(rows.count * keep.count)
        for (feature, offset) in rows.sorted(by: { $0.value < $1.value }) {
            newRows[feature] = newWeights.count
            for index in keep { newWeights.append(weights[offset + index]) }
        }
        return CompiledTopics(topics: keep.map { topics[$0] }, bias: keep.map { bias[$0] }, rows: newRows, weights: newWeights)
    }

    /// How many words of substance weigh for `topic`.
    func contentWords(for topic: String, among tokens: [Token]) -> Int {
        guard let index = topics.firstIndex(of: topic) else { return 0 }
        return Set(NaiveBayesModel.featureWords(tokens).filter { token in
            !Self.functionWords.contains(token.normal) && rows[NaiveBayesModel.wordFeature(token.normal)].map { weights[$0 + index] > 0 } == true
        }.map(\.normal)).count
    }

    /// The probability of each topic for a text with `features` (as `NaiveBayesModel.features` gives them).
    public func probabilities(features: [Int]) -> [(topic: String, p: Double)] {
        let unique = TopicModel.uniqueFeatures(features)
        guard unique.lazy.filter({ rows[$0] != nil }).count >= Self.minimumKnownFeatures else { return [] }
        let scale = 1 / Double(unique.count).squareRoot()
        var sums = [Double](repeating: 0, count: topics.count)
        for feature in unique {
            guard let row = rows[feature] else { continue }
            for index in sums.indices { sums[index] += weights[row + index] }
        }
        return topics.indices.map { (topics[$0], TopicModel.sigmoid(bias[$0] + sums[$0] * scale)) }
    }
}
