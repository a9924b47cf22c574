import DutchText
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    let tokenizer = Tokenizer()

    func kinds(_ text: String) -> [(Token.Kind, String)] {
        tokenizer.tokenize(text).map { ($0.kind, $0.normal) }
    }

    @Test("social text: mentions, hashtags, URLs, emoji, emoticons, amounts")
    func social() {
        let tokens = tokenizer.tokenize("@NS_online #nooitmeerNS https://t.co/abc 😡😡 :( €4,50 terug")
        #expect(tokens.map(\.kind) == [.mention, .hashtag, .url, .emoji, .emoji, .emoticon, .punctuation, .number, .word])
        #expect(tokens[0].normal == "@ns_online")
        #expect(tokens[7].normal == "4,50")
    }

    @Test("contractions, elongation and shouting are normalised and marked")
    func normalisation() {
        let tokens = tokenizer.tokenize("Z'n pakket is HEEEEL laat, 't is m'n derde")
        let normals = tokens.map(\.normal)
        #expect(normals.contains("zijn"))
        #expect(normals.contains("het"))
        #expect(normals.contains("mijn"))
        let heel = tokens.first { $0.normal == "heel" }
        #expect(heel?.isElongated == true)
        #expect(heel?.isShouting == true)
    }

    @Test("zero-width and control characters separate nothing and break nothing")
    func invisible() {
        let tokens = tokenizer.tokenize("slecht\u{200B}e\u{0000}service\u{0007}")
        #expect(tokens.allSatisfy { $0.kind == .word })
    }
}
