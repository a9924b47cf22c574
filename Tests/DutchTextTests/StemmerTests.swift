import DutchText
import Testing

@Suite("Snowball Dutch stemmer")
struct StemmerTests {
    let stemmer = DutchStemmer()

    @Test("published examples of the Snowball Dutch stemmer", arguments: [
        ("lichamelijk", "licham"), ("lichamelijke", "licham"), ("lichamelijkheden", "licham"),
        ("opgaven", "opgav"), ("opheffen", "opheff"), ("abnormale", "abnormal"), ("kopen", "kop"),
        ("maan", "man"), ("fietsen", "fiets"), ("vertraging", "vertrag"), ("bevindingen", "bevind"),
        ("mogelijkheden", "mogelijk"), ("ophalen", "ophal"), ("teleurgesteld", "teleurgesteld"),
    ])
    func examples(word: String, stem: String) {
        #expect(stemmer.stem(word) == stem)
    }

    @Test("y and i as consonants come back lower case; è stays, other accents are folded", arguments: [
        ("kooien", "kooi"), ("royaal", "royal"), ("mooiigheden", "mooiig"), ("crèche", "crèch"), ("priëlen", "priel"),
        ("cafés", "cafes"), ("ijzeren", "ijzer"),
    ])
    func consonantsAndAccents(word: String, stem: String) {
        #expect(stemmer.stem(word) == stem)
    }

    @Test("inflections of one word share a stem")
    func inflections() {
        #expect(stemmer.stem("vertragingen") == stemmer.stem("vertraging"))
        #expect(stemmer.stem("klachten") == stemmer.stem("klacht"))
        #expect(stemmer.stem("betalingen") == stemmer.stem("betaling"))
        #expect(stemmer.stem("onvriendelijke") == stemmer.stem("onvriendelijk"))
    }

    @Test("short words, accents and odd input do not crash")
    func oddInput() {
        #expect(stemmer.stem("") == "")
        #expect(stemmer.stem("ja") == "ja")
        #expect(stemmer.stem("geïrriteerd").hasPrefix("geirriteerd"))
        #expect(!stemmer.stem("yyyyyyyyyy").isEmpty)
    }
}
