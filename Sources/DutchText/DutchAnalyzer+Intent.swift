extension DutchAnalyzer {
    static let questionStarters: Set<String> = [
        "hoe", "wat", "wanneer", "waar", "waarom", "welke", "wie", "hoeveel", "kan", "kun", "kunt", "kunnen", "mag",
        "moet", "is", "zijn", "heeft", "hebben", "weet", "klopt", "gaat", "wordt", "zou", "zouden", "krijg", "werkt",
        "how", "what", "when", "where", "why", "which", "who", "can", "could", "is", "are", "do", "does", "will",
    ]
    static let questionPhrases: [[String]] = [
        ["ik", "vraag", "me", "af"], ["graag", "wil", "ik", "weten"], ["is", "het", "mogelijk"], ["kunnen", "jullie"],
        ["kunt", "u"], ["weet", "iemand"], ["ik", "wil", "graag", "weten"], ["hoe", "zit", "het"], ["wat", "moet", "ik"],
        ["ik", "heb", "een", "vraag"], ["vraagje"], ["vraag"], ["vraagt"], ["vroeg"], ["vragen", "of"], ["wil", "weten"],
        ["willen", "weten"], ["wilde", "weten"], ["informeert"], ["informeren"], ["asked"], ["asks"], ["wondering"],
        ["i", "would", "like", "to", "know"],
    ]
    static let wrongAddresseePhrases: [[String]] = [
        ["verkeerde", "chat"], ["verkeerd", "nummer"], ["bedoeld", "voor"], ["verkeerde", "pagina"], ["verkeerde", "persoon"],
        ["laat", "maar"], ["wrong", "chat"], ["wrong", "number"], ["per", "ongeluk"],
    ]
    static let complimentWords: Set<String> = [
        "bedankt", "dank", "dankjewel", "dankuwel", "danku", "bedank", "complimenten", "compliment", "chapeau", "pluim",
        "hulde", "topper", "toppers", "held", "helden", "top", "thanks", "thank", "kudos", "👏", "🙏", "❤️", "❤", "💐",
        "👍", "tevreden", "geweldig", "super", "fantastisch", "dankbaar", "heerlijk", "aanrader",
    ]
    static let complaintWords: Set<String> = [
        "klacht", "klachten", "klagen", "schandalig", "belachelijk", "waardeloos", "kapot", "defect", "stuk", "kwijt",
        "vertraging", "storing", "geannuleerd", "nooit", "geen", "niet", "weer", "alweer", "te laat", "boos",
        "teleurgesteld", "onacceptabel", "probleem", "problemen", "fout", "verkeerd", "ontvangen", "terug",
    ]
    static let autoReplyPhrases: [[String]] = [
        ["automatisch", "antwoord"], ["automatisch", "bericht"], ["afwezigheidsmelding"], ["out", "of", "office"],
        ["ik", "ben", "afwezig"], ["ben", "afwezig"], ["niet", "aanwezig", "tot"], ["niet", "bereikbaar", "tot"],
        ["afwezig", "tot"], ["automatic", "reply"], ["auto", "reply"], ["i", "am", "out"], ["on", "leave"],
        ["dit", "is", "een", "automatisch"], ["met", "vakantie", "tot"],
    ]
    static let spamWords: Set<String> = [
        "gratis", "win", "winnen", "gewonnen", "crypto", "bitcoin", "forex", "verdien", "verdienen", "investeer",
        "followers", "volgers", "klik", "casino", "promo", "korting", "dm", "giveaway", "loterij", "prijswinnaar",
        "free", "click", "earn", "investment", "viagra", "onlyfans",
    ]

    /// Phrase lists by first word, so each token is checked against few phrases.
    static func index(_ phrases: [[String]]) -> [String: [[String]]] {
        var map: [String: [[String]]] = [:]
        for phrase in phrases { if let first = phrase.first { map[first, default: []].append(phrase) } }
        return map
    }
    static let autoReplyIndex = index(autoReplyPhrases)
    static let wrongAddresseeIndex = index(wrongAddresseePhrases)
    static let questionIndex = index(questionPhrases)

    func containsPhrase(_ index: [String: [[String]]], in tokens: [Token]) -> Bool {
        for position in tokens.indices {
            if let phrases = index[tokens[position].normal], phrases.contains(where: { matches($0, tokens, at: position) }) {
                return true
            }
        }
        return false
    }

    func classifyIntent(_ tokens: [Token], score: Double, cues: [String], topics: [String], text: String) -> TextAnalysis.Intent {
        let words = tokens.filter { $0.kind == .word }
        if words.isEmpty && !tokens.contains(where: { $0.kind == .emoji || $0.kind == .emoticon }) { return .other }
        if containsPhrase(Self.autoReplyIndex, in: tokens) || containsPhrase(Self.wrongAddresseeIndex, in: tokens) { return .other }
        var spamHits = 0
        var thanks = false
        for token in tokens {
            if token.kind == .word, Self.spamWords.contains(token.normal) { spamHits += 1 }
            if !thanks, Self.complimentWords.contains(token.normal) { thanks = true }
        }
        let hasURL = tokens.contains { $0.kind == .url }
        if spamHits >= 2 || (spamHits >= 1 && hasURL && score >= 0) { return .other }

        let questionMarks = tokens.filter { $0.normal == "?" }.count
        var isQuestion = questionMarks > 0
        if let first = words.first, Self.questionStarters.contains(first.normal), words.count > 2, questionMarks > 0 || words.count < 25 {
            isQuestion = isQuestion || Self.questionStarters.contains(first.normal) && first.normal.count > 2
        }
        if !isQuestion { isQuestion = containsPhrase(Self.questionIndex, in: tokens) }
        let complaintCues = cues.filter { ["repeat", "duration", "churn_threat", "escalation"].contains($0) }.count

        if score >= 0.15 && thanks && complaintCues == 0 { return .compliment }
        if score <= -0.12 || complaintCues > 0 {
            // An angry question is a complaint; a question with a sigh is still a question.
            if isQuestion && score > -0.45 && complaintCues == 0 { return .question }
            return .complaint
        }
        if isQuestion { return .question }
        if score >= 0.25 { return .compliment }
        // A neutral report about a delivery, a bill or an outage is still a complaint.
        if !topics.isEmpty && score < 0.1 && words.count > 3 { return .complaint }
        if words.count <= 3 && !thanks { return .other }
        return score < 0 ? .complaint : (thanks ? .compliment : .other)
    }
}
