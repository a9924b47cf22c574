import Foundation

/// A multinomial naive Bayes classifier on hashed word and bigram features: what the team's
/// corrections teach, blended with the lexicon's reading.
public struct NaiveBayesModel: Sendable, Codable {
    public static let buckets = 1 << 18

    public var labels: [String]
    /// log P(label)
    public var priors: [Double]
    /// Per label, log P(feature | label) for the features seen; `unseen` for the rest.
    public var weights: [[Int: Double]]
    public var unseen: [Double]
    public var trainedOn: Int

    /// Fits on `texts` with `labels`, Laplace-smoothed.
    public static func fit(texts: [String], labels: [String], alpha: Double = 0.5) -> NaiveBayesModel {
        let classes = Array(Set(labels)).sorted()
        var counts = Array(repeating: [Int: Double](), count: classes.count)
        var totals = Array(repeating: 0.0, count: classes.count)
        var documents = Array(repeating: 0.0, count: classes.count)
        let tokenizer = Tokenizer()
        for (text, label) in zip(texts, labels) {
            guard let index = classes.firstIndex(of: label) else { continue }
            documents[index] += 1
            for feature in features(text, tokenizer: tokenizer) {
                counts[index][feature, default: 0] += 1
                totals[index] += 1
            }
        }
        let vocabulary = Double(Set(counts.flatMap(\.keys)).count + 1)
        let total = documents.reduce(0, +)
        var weights: [[Int: Double]] = []
        var unseen: [Double] = []
        for index in classes.indices {
            let denominator = totals[index] + alpha * vocabulary
            weights.append(counts[index].mapValues { log(($0 + alpha) / denominator) })
            unseen.append(log(alpha / denominator))
        }
        return NaiveBayesModel(
            labels: classes, priors: documents.map { log(($0 + 1) / (total + Double(classes.count))) }, weights: weights,
            unseen: unseen, trainedOn: texts.count)
    }

    /// Probabilities per label for `text`.
    public func probabilities(_ text: String) -> [String: Double] {
        let found = Self.features(text, tokenizer: Tokenizer())
        var scores = priors
        for index in labels.indices {
            for feature in found { scores[index] += weights[index][feature] ?? unseen[index] }
        }
        let top = scores.max() ?? 0
        let exponentials = scores.map { exp($0 - top) }
        let sum = exponentials.reduce(0, +)
        return Dictionary(uniqueKeysWithValues: zip(labels, exponentials.map { $0 / sum }))
    }

    /// Lowercased words (with negation marked for the next words) and bigrams, hashed.
    static func features(_ text: String, tokenizer: Tokenizer) -> [Int] {
        let words = tokenizer.tokenize(text).filter { $0.kind != .punctuation && $0.kind != .url }.map(\.normal)
        var result: [Int] = []
        result.reserveCapacity(words.count * 2)
        var previous = "<s>"
        for word in words {
            result.append(hash(word))
            result.append(hash(previous + " " + word))
            previous = word
        }
        return result
    }

    /// FNV-1a: stable across runs and machines, unlike `hashValue`.
    static func hash(_ text: String) -> Int {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return Int(value % UInt64(buckets))
    }
}

/// The lexicon's reading and, where the team has taught a model, the model's: the model
/// decides only when it is sure. Naive Bayes multiplies many word likelihoods, so its
/// probabilities crowd near 0 and 1: at p ≥ 0.95 it overruled the lexicon often enough to lower
/// both scores of a 5-fold cross-validation on the dev set (2026-12-06); from 0.999 up it raised both.
public struct BlendedClassifier: Sendable {
    public var sentiment: NaiveBayesModel?
    public var intent: NaiveBayesModel?
    public var confidence: Double

    public init(sentiment: NaiveBayesModel?, intent: NaiveBayesModel?, confidence: Double = 0.999) {
        self.sentiment = sentiment
        self.intent = intent
        self.confidence = confidence
    }

    public func apply(_ analysis: TextAnalysis, text: String) -> TextAnalysis {
        var result = analysis
        if let model = sentiment, let (label, p) = model.probabilities(text).max(by: { $0.value < $1.value }), p >= confidence,
            let value = TextAnalysis.Sentiment(rawValue: label)
        {
            result.sentiment = value
        }
        if let model = intent, let (label, p) = model.probabilities(text).max(by: { $0.value < $1.value }), p >= confidence,
            let value = TextAnalysis.Intent(rawValue: label)
        {
            result.intent = value
        }
        return result
    }
}

/// The models `signaal train` writes, in one JSON file.
public struct TrainedModels: Sendable, Codable {
    public var sentiment: NaiveBayesModel?
    public var intent: NaiveBayesModel?
    public var trainedAt: Date

    public init(sentiment: NaiveBayesModel?, intent: NaiveBayesModel?, trainedAt: Date) {
        self.sentiment = sentiment
        self.intent = intent
        self.trainedAt = trainedAt
    }

    public static func load(from path: String) throws -> TrainedModels {
        guard let data = FileManager.default.contents(atPath: path) else { throw TaxonomyError("modelbestand \(path) bestaat niet") }
        return try JSONDecoder().decode(TrainedModels.self, from: data)
    }

    public func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONEncoder().encode(self).write(to: url, options: .atomic)
    }

    public var classifier: BlendedClassifier { BlendedClassifier(sentiment: sentiment, intent: intent) }
}
