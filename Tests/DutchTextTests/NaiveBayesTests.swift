@testable import DutchText
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
}
