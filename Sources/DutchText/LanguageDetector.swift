/// Dutch, English or something else, from the function words a message uses.
struct LanguageDetector: Sendable {
    static let dutch: Set<String> = [
        "de", "het", "een", "en", "van", "ik", "je", "jij", "niet", "is", "dat", "op", "te", "met", "voor", "zijn",
        "er", "maar", "wat", "al", "nog", "ook", "bij", "mijn", "jullie", "geen", "wel", "naar", "hoe", "waarom",
        "ben", "heb", "hebben", "was", "dit", "deze", "die", "om", "uit", "aan", "als", "dan", "zo", "kan", "wordt",
        "worden", "u", "uw", "we", "wij", "ze", "zij", "hij", "mij", "me", "ons", "onze", "nu", "weer", "alweer",
        "heel", "erg", "echt", "gewoon", "toch", "even", "wanneer", "waar", "heeft", "had", "zou", "moet", "kunnen",
        "graag", "bedankt", "dank", "goed", "slecht", "ook", "nooit", "niks", "niets", "wie", "welke", "omdat",
        "zonder", "tot", "sinds", "na", "over", "onder", "door", "gaat", "doet", "krijg", "krijgen", "hoor", "ja",
        "nee", "gij", "ge", "amai", "allemaal", "iemand", "iets", "elke", "keer", "dag", "week",
    ]
    static let english: Set<String> = [
        "the", "a", "an", "and", "of", "i", "you", "not", "is", "that", "on", "to", "with", "for", "are", "there",
        "but", "what", "all", "still", "also", "my", "your", "no", "yes", "how", "why", "am", "have", "has", "was",
        "this", "these", "it", "it's", "don't", "can't", "won't", "didn't", "doesn't", "isn't", "can", "will",
        "would", "should", "be", "been", "from", "at", "by", "we", "they", "he", "she", "me", "our", "their", "just",
        "very", "really", "again", "never", "nothing", "when", "where", "who", "which", "because", "please",
        "thanks", "thank", "good", "bad", "got", "get", "any", "some", "do", "does", "did", "had", "were", "or",
        "so", "if", "out", "up", "about", "after", "into", "than", "then", "them", "its", "im", "i'm", "ive", "i've",
    ]

    /// 1: Dutch, 2: English, 3: both; one look-up per word.
    static let votes: [String: UInt8] = {
        var map: [String: UInt8] = [:]
        for word in dutch { map[word, default: 0] |= 1 }
        for word in english { map[word, default: 0] |= 2 }
        return map
    }()

    func detect(_ tokens: [Token], infos: [WordInfo?]) -> String {
        var nl = 0
        var en = 0
        var words = 0
        // Words only one lexicon knows: a telegraphic review ("Terrible service. Rude staff.") has no
        // function words to vote with.
        var onlyEnglish = 0
        var onlyDutch = 0
        for (index, token) in tokens.enumerated() where token.kind == .word {
            words += 1
            if let info = infos[index] {
                if info.vote & 1 != 0 { nl += 1 }
                if info.vote & 2 != 0 { en += 1 }
                if info.english != nil && info.dutch == nil { onlyEnglish += 1 }
                if info.dutch != nil && info.english == nil { onlyDutch += 1 }
            }
            if words >= 300 { break }
        }
        if words == 0 { return "other" }
        if en > nl && en >= 2 || nl == 0 && en == 0 && onlyEnglish > onlyDutch { return "en" }
        if nl > 0 || en == 0 && words < 4 { return "nl" }
        return en > 0 ? "en" : "other"
    }
}
