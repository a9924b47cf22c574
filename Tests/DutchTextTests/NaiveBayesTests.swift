@testable import DutchText
import Foundation
import Testing

@Suite("Naive Bayes features")
struct NaiveBayesTests {
    /// FNV-1a of the whole string, as the features were hashed when earlier models were trained.
    static func reference(_ text: String) -> Int {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return Int(value % UInt64(NaiveBayesModel.buckets))
    }

    @Test("words and bigrams hash as the joined strings did, so a team's model trained before still reads the same")
    func featuresKeepTheirHashes() {
        let features = NaiveBayesModel.features("Wéér geen trein!", tokenizer: Tokenizer())
        let words = Tokenizer().tokenize("Wéér geen trein!").filter { $0.kind != .punctuation && $0.kind != .url }.map(\.normal)
        var expected: [Int] = []
        var previous = "<s>"
        for word in words {
            expected += [Self.reference(word), Self.reference(previous + " " + word)]
            previous = word
        }
        #expect(words.count >= 3)
        #expect(features == expected)
    }

    @Test("the topic model learns what words point to a topic, gives the same model for the same texts, and reads an old model file without topics")
    func topicModel() throws {
        let texts = (0..<60).map { index -> String in
            switch index % 3 {
            case 0: "De kaasschaaf is weer bot na een week \(index)"
            case 1: "Mijn bestelling kwam te laat \(index)"
            default: "Goedemorgen, een vraag over de openingstijden \(index)"
            }
        }
        let labels = texts.indices.map { $0 % 3 == 0 ? ["kwaliteit"] : $0 % 3 == 1 ? ["levering"] : [] }
        let model = TopicModel.fit(texts: texts, labels: labels, topics: ["kwaliteit", "levering", "prijs"])
        let compiled = CompiledTopics(model)
        func topics(_ text: String) -> [String] {
            compiled.probabilities(features: NaiveBayesModel.features(text, tokenizer: Tokenizer())).filter { $0.p >= TopicModel.threshold }.map(\.topic)
        }
        #expect(topics("De kaasschaaf is alweer bot") == ["kwaliteit"])
        #expect(topics("Mijn bestelling kwam weer te laat") == ["levering"])
        #expect(topics("Wat zijn de openingstijden?").isEmpty)
        #expect(topics("bestelling te laat").isEmpty, "too few words it learned to speak of")
        #expect(compiled.restricted(to: ["levering"])?.probabilities(features: NaiveBayesModel.features("Mijn bestelling kwam te laat", tokenizer: Tokenizer())).map(\.topic) == ["levering"])
        #expect(compiled.restricted(to: ["account"]) == nil)
        let again = TopicModel.fit(texts: texts, labels: labels, topics: ["kwaliteit", "levering", "prijs"])
        #expect(again.weights == model.weights && again.bias == model.bias && again.features == model.features)
        // A model file written before topics were learned still reads.
        let old = #"{"trainedAt": 0, "sentiment": null, "intent": null}"#
        let decoded = try JSONDecoder().decode(TrainedModels.self, from: Data(old.utf8))
        #expect(decoded.topics == nil)
    }
}
