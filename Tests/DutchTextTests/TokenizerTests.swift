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

    @Test("an Instagram handle keeps its dots; a dot before a space or a capital ends the sentence")
    func dottedHandles() {
        #expect(kinds("@sanne.bakker kijk").map(\.1) == ["@sanne.bakker", "kijk"])
        #expect(kinds("Bedankt @KLM. Top").map(\.1) == ["bedankt", "@klm", ".", "top"])
        #expect(kinds("Bedankt @KLM.Top").map(\.1) == ["bedankt", "@klm", ".", "top"])
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

    @Test("a word in single quotes is the word itself between quote marks; an apostrophe contraction stays one word")
    func singleQuotes() {
        #expect(tokenizer.tokenize("de 'snelle' levering").map(\.normal) == ["de", "'", "snelle", "'", "levering"])
        #expect(tokenizer.tokenize("de \u{2018}snelle\u{2019} levering").map(\.normal) == ["de", "\u{2018}", "snelle", "\u{2019}", "levering"])
        #expect(tokenizer.tokenize("'s avonds 't is 'ns kijken in 's-Hertogenbosch").map(\.normal) == [
            "des", "avonds", "het", "is", "'ns", "kijken", "in", "'s-hertogenbosch",
        ])
    }

    @Test("contractions typed without an apostrophe are expanded, in any case, and only as whole words")
    func contractionsWithoutApostrophe() {
        #expect(tokenizer.tokenize("FF wachten, zn pakket is idd weg, wrm Okay").map(\.normal) == [
            "even", "wachten", ",", "zijn", "pakket", "is", "inderdaad", "weg", ",", "waarom", "oke",
        ])
        // A longer word that starts like one is not one: "ffs", "niet", "mnd", "kk".
        #expect(tokenizer.tokenize("ffs niet mnd kk vdb").map(\.normal) == ["ffs", "niet", "mnd", "kk", "vdb"])
        #expect(tokenizer.tokenize("nieee").map(\.normal) == ["niee"])
    }

    @Test("links typed without http or www are links; a missing space after a full stop is not")
    func bareLinks() {
        #expect(kinds("Klik hier: bit.ly/ah-winnaar").map(\.0) == [.word, .word, .punctuation, .url])
        #expect(kinds("zie tinyurl.com/Prijs2025 nu").map(\.1) == ["zie", "<url>", "nu"])
        #expect(kinds("staat op ah.nl.").map(\.0) == [.word, .word, .url, .clauseEnd])
        #expect(kinds("pakket kwijt.De monteur").map(\.1) == ["pakket", "kwijt", ".", "de", "monteur"])
        #expect(kinds("gebeld.de monteur").map(\.1) == ["gebeld", ".", "de", "monteur"])
        #expect(kinds("mail jan.jansen@gmail.com").map(\.0).first { $0 == .url } == nil)
        #expect(kinds("ah.nlx").map(\.0).first { $0 == .url } == nil)
    }

    @Test("zero-width and control characters separate nothing and break nothing")
    func invisible() {
        let tokens = tokenizer.tokenize("slecht\u{200B}e\u{0000}service\u{0007}")
        #expect(tokens.allSatisfy { $0.kind == .word })
    }
}
