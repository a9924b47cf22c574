/// Urgency cues: named patterns that make a message more pressing, with their weight.
struct CueRules: Sendable {
    struct Rule: Sendable {
        var cue: String
        var words: [String]
        var weight: Double
    }

    /// Rules by their first word; phrases are matched on token normals.
    let byFirstWord: [String: [Rule]]

    static let cueWeights: [String: Double] = [
        "repeat": 0.35, "duration": 0.3, "churn_threat": 0.45, "escalation": 0.55, "vulnerability": 0.6,
        "amplification": 0.3, "urgent": 0.4, "media": 0.45,
    ]

    static let phrases: [(String, [String])] = [
        ("repeat", [
            "alweer", "wederom", "opnieuw", "nog steeds", "nog altijd", "nogmaals", "weer eens", "voor de zoveelste keer",
            "zoveelste keer", "keer op keer", "elke keer", "iedere keer", "steeds weer", "voor de tweede keer",
            "voor de derde keer", "voor de vierde keer", "de derde keer", "de tweede keer", "de vierde keer", "2e keer",
            "3e keer", "4e keer", "5e keer", "derde keer", "vierde keer", "vijfde keer", "al twee keer", "al drie keer",
            "al vier keer", "al vijf keer", "al meerdere keren", "meerdere keren", "zo vaak", "again", "still",
            "once again", "third time", "second time", "nog steeds niet", "al weer", "nog geen",
        ]),
        ("churn_threat", [
            "ik zeg op", "zeg ik op", "opzeggen", "zeg mijn abonnement op", "overstappen", "stap over", "ik stap over",
            "nooit meer", "klant af", "ben ik klant af", "andere provider", "andere bank", "naar de concurrent",
            "laatste keer", "ik ben weg", "ik ben er klaar mee", "ik ben er klaar", "contract opzeggen", "cancel",
            "never again", "switching", "#nooitmeer", "ik kom nooit meer", "jullie zien mij nooit meer",
            "geen klant meer",
        ]),
        ("escalation", [
            "advocaat", "jurist", "geschillencommissie", "consumentenbond", "ombudsman", "nationale ombudsman", "kassa",
            "radar", "naar de pers", "naar de krant", "de pers", "rechter", "rechtszaak", "juridische stappen",
            "ik doe aangifte", "dan doe ik aangifte", "doen aangifte", "ga aangifte doen", "gaan aangifte doen",
            "aangifte tegen", "aangifte gedaan", "ingebrekestelling", "acm", "autoriteit consument", "klachtencommissie", "kifid",
            "tuchtrecht", "rijdende rechter", "politie", "lawyer", "sue", "journalist", "journaliste", "journalisten",
            "verslaggever", "de media", "in de media", "reporter", "naar de telegraaf", "aan de telegraaf", "naar het ad",
            "naar de nos", "aan de nos", "naar rtl", "aan rtl", "naar rtl nieuws", "aan rtl nieuws", "naar hart van nederland",
            "naar eenvandaag", "naar nieuwsuur", "naar de volkskrant", "naar het parool", "naar opgelicht", "naar tros radar",
        ]),
        // A newspaper or broadcaster named in a complaint: the story may go further than the customer.
        ("media", [
            "telegraaf", "de telegraaf", "rtl nieuws", "hart van nederland", "eenvandaag", "nieuwsuur", "tros radar", "omroep max",
            "bnnvara", "powned",
        ]),
        ("vulnerability", [
            "fraude", "oplichting", "opgelicht", "slachtoffer", "ziek", "ziekenhuis", "ongeluk", "geen geld meer",
            "geen geld", "medicatie", "medicijnen", "schulden", "rood staan", "overleden", "overlijden", "begrafenis",
            "gehandicapt", "rolstoel", "zwanger", "dakloos", "huur niet betalen", "kan niet eten", "in paniek",
            "wanhopig", "identiteitsfraude", "phishing", "gehackt", "bedreigd", "onveilig", "gevaarlijk", "gas lek",
            "gaslek", "kind alleen", "baby", "mantelzorg", "depressief", "scam", "hacked", "slecht ter been", "rollator",
            "dementie", "dement", "slechtziend", "slechthorend", "insuline", "zuurstof", "chemo", "chemokuur", "kanker",
            "dialyse", "hartpatiënt", "beperking", "invalide", "hulpbehoevend", "bejaard", "bejaarde", "hoogbejaard",
            "hoogbejaarde", "kwetsbaar", "kwetsbare", "elderly", "disabled", "wheelchair", "pregnant",
            "beroofd", "overvallen", "skimming", "geskimd", "robbed",
        ] + CueRules.elderlyRelatives + CueRules.elderlySelf),
        ("amplification", [
            "iedereen moet dit weten", "deel dit", "delen", "rt", "retweet", "retweeten", "iedereen weten",
            "laat iedereen weten", "zeg het voort", "spread the word", "ga ik overal delen", "viral",
        ]),
        ("urgent", [
            "spoed", "dringend", "urgent", "met spoed", "zo snel mogelijk", "z.s.m", "zsm", "asap", "vandaag nog",
            "nu meteen", "acuut", "noodgeval",
        ]),
    ]

    /// "oma van 84": someone old enough that waiting in the cold or without help is a danger.
    static let elderlyRelatives: [String] = ["oma", "opa", "moeder", "vader", "schoonmoeder", "schoonvader", "buurvrouw", "buurman"]
        .flatMap { person in (75...105).map { "\(person) van \($0)" } }

    /// "ik ben 82 jaar", "82 jaar oud", "een 82-jarige": the customer is old themselves.
    static let elderlySelf: [String] = (75...105).flatMap { age in
        ["ik ben \(age) jaar", "ik ben al \(age) jaar", "\(age) jaar oud", "\(age) jarige", "\(age)-jarige", "\(age) years old"]
    }

    /// Accounts of newspapers, broadcasters and consumer programmes: tagging them is amplification.
    static let mediaHandles: Set<String> = [
        "@nos", "@nosnieuws", "@rtlnieuws", "@rtl4", "@telegraaf", "@ad_nl", "@nunl", "@volkskrant", "@nrc", "@parool",
        "@radartv", "@kassa", "@kassavara", "@bnnvara", "@omroepmax", "@eenvandaag", "@nieuwsuur", "@hartvannl",
        "@consumentenbond", "@powned", "@omroepbrabant", "@rtvnoord", "@rtvoost", "@omroepwest", "@at5",
    ]

    /// "al 6 jaar klant" is loyalty and "al 5 minuten eerder" early: no wait.
    static let noWaitAfter: Set<String> = ["klant", "lid", "abonnee", "eerder", "vroeger", "customer", "member", "early"]
    static let years: Set<String> = ["jaar", "jaren", "years"]
    static let englishModals: Set<String> = ["can", "could", "may", "might"]
    /// The verbs an English yes-or-no question opens with, and the words that make "still" a complaint
    /// after all ("still not", "still waiting").
    static let englishQuestionVerbs: Set<String> = ["is", "are", "can", "could", "may", "might", "will", "would", "do", "does"]
    static let englishNegations: Set<String> = [
        "not", "no", "nothing", "never", "waiting", "haven't", "hasn't", "isn't", "aren't", "doesn't", "don't", "didn't", "won't", "can't",
    ]
    static let durationUnits: Set<String> = [
        "dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaren", "uur", "uren", "kwartier", "minuten",
        "weekje", "weekjes", "maandje", "uurtje", "min", "minuut", "days", "weeks", "months", "hours",
    ]

    /// Verbs that head off what follows them in their sentence: "voorkomen dat ik drie maanden zonder …".
    static let averting: Set<String> = ["voorkomen", "voorkom", "vermijden", "vermijd", "avoid", "prevent"]

    /// Whether a verb of `averting` comes before `index` in its sentence.
    static func isAverted(_ tokens: [Token], before index: Int) -> Bool {
        var cursor = index - 1
        while cursor >= 0, tokens[cursor].kind != .clauseEnd {
            if averting.contains(tokens[cursor].normal) { return true }
            cursor -= 1
        }
        return false
    }

    /// Words a duration starts with: "al 3 weken", "sinds maandag", "ruim een maand".
    static let durationStarts: Set<String> = ["al", "sinds", "ruim", "inmiddels", "for", "since"]

    static let numberWords: Set<String> = [
        "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "twintig", "paar",
        "enkele", "meerdere", "vele", "ruim", "bijna", "over", "two", "three", "four", "five", "several", "many",
    ]

    static let weekdays: Set<String> = [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "gisteren", "eergisteren",
        "vorige", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december",
    ]

    /// What follows an amount of time when it was spent waiting: "3 uur in de wacht", "6 weken wachten",
    /// "het heeft 3 maanden geduurd".
    static let waitPhrases: [[String]] = [
        ["in", "de", "wacht"], ["aan", "de", "lijn"], ["aan", "de", "telefoon"], ["in", "de", "rij"], ["wachten"],
        ["gewacht"], ["wacht"], ["lang"], ["zonder"], ["geen"], ["niks"], ["niets"], ["later", "nog"], ["waiting"],
        ["without"], ["geduurd"], ["over", "gedaan"],
    ]
    /// "drie dagen later nog steeds niks": the cue ends at "later", so "nog steeds" is still a repeat.
    static let waitLookahead = ["nog"]
    /// Words before an amount of time that make it no wait: "binnen 10 minuten", "na 3 dagen", "over een week",
    /// "maar 2 dagen geduurd".
    static let waitBlockers: Set<String> = ["binnen", "na", "over", "per", "maar", "slechts", "within", "in", "after", "only"]

    /// The last token of "AMOUNT UNIT WAIT", when an amount (a number or a word of `numberWords`) is at `index`.
    static func waitEnd(_ tokens: [Token], amountAt index: Int) -> Int? {
        guard index + 2 < tokens.count, durationUnits.contains(tokens[index + 1].normal),
            index == 0 || !waitBlockers.contains(tokens[index - 1].normal)
        else { return nil }
        for phrase in waitPhrases where index + 2 + phrase.count <= tokens.count {
            if phrase.indices.allSatisfy({ tokens[index + 2 + $0].normal == phrase[$0] }) {
                return index + 1 + phrase.count - (phrase.last.map(waitLookahead.contains) == true ? 1 : 0)
            }
        }
        return nil
    }

    /// Minutes since midnight of a clock time ("07:41", "9:05"), else nil.
    static func clockMinutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60
        else { return nil }
        return hours * 60 + minutes
    }

    /// Words that say a clock time is the time now: "Het is nu 07:41", "Nu 20:40", "inmiddels 15:25".
    static let nowWords: Set<String> = ["nu", "is", "inmiddels", "intussen", "now"]

    /// Where a wait told by the clock starts: a time now (after a word of `nowWords`) at least a
    /// quarter of an hour after a time named earlier in the message ("Bestelling 19:05. Nu 20:40.").
    /// The cue runs from the word before the time now.
    static func clockWaitStart(_ tokens: [Token], at index: Int) -> Int? {
        guard index > 0, nowWords.contains(tokens[index - 1].normal), let now = clockMinutes(tokens[index].normal) else { return nil }
        let waited = tokens[..<index].contains { token in
            guard token.kind == .number, let then = clockMinutes(token.normal) else { return false }
            return (15...(12 * 60)).contains(now - then)
        }
        return waited ? index - 1 : nil
    }

    /// Whether the number at `index` counts days of trouble: "Dag 4 zonder verwarming", "Stand van zaken
    /// vandaag: dag 8.", "DAG 3."; not "vanaf dag 1" or "op dag 3 van de cursus".
    static func countsDays(_ tokens: [Token], at index: Int) -> Bool {
        guard index > 0, tokens[index - 1].normal == "dag", let days = Int(tokens[index].normal), days >= 2 else { return false }
        if index >= 2, dayCountBlockers.contains(tokens[index - 2].normal) { return false }
        guard index + 1 < tokens.count else { return true }
        let next = tokens[index + 1]
        return next.kind == .clauseEnd || next.normal == "," || next.normal == "zonder" || next.normal == "van"
    }

    /// Words before "dag N" that make it a day of a schedule, not a count of trouble.
    static let dayCountBlockers: Set<String> = ["vanaf", "op", "tot", "per", "de", "elke", "iedere"]

    static let ordinals: Set<String> = ["tweede", "derde", "vierde", "vijfde", "zesde", "zevende"]
    /// Contacts and attempts a customer repeats: "drie keer gebeld", "vier keer op 'afmelden' geklikt".
    static let contactVerbs: Set<String> = [
        "gebeld", "gemaild", "gemeld", "geprobeerd", "gevraagd", "doorverbonden", "geklaagd", "gechat", "geappt",
        "aangegeven", "teruggebeld", "contact", "langs", "called", "emailed", "geklikt", "gestuurd", "verstuurd", "ingevuld",
        "aangevraagd", "geüpload", "opgestuurd",
    ]

    /// What a customer sends or meets again: "mijn derde mail", "de vierde persoon die ik spreek".
    static let repeatedContacts: Set<String> = [
        "mail", "e-mail", "email", "bericht", "berichtje", "dm", "telefoontje", "poging", "klacht", "melding", "brief", "tweet",
        "persoon", "medewerker",
    ]

    /// The last token of "drie keer gebeld" (two or more times, then a contact later in the clause) or of
    /// "de derde storing deze week" (an ordinal, then "deze week", "dit jaar" or "op rij" within three words)
    /// or of "mijn derde mail".
    /// The caller has found a number, an amount or an ordinal at `index`.
    static func repeatEnd(_ tokens: [Token], at index: Int, ordinal: Bool) -> Int? {
        let word = tokens[index].normal
        // ("3x gebeld" is read as "3", "x", "gebeld".)
        if !ordinal, index + 1 < tokens.count, ["keer", "times", "x"].contains(tokens[index + 1].normal),
            tokens[index].kind == .number ? (Int(word) ?? 0) >= 2 : word != "een" && word != "paar" && word != "over"
        {
            // The verb ends the clause, a few words on: "vier keer op 'afmelden' geklikt".
            for offset in 2...7 where index + offset < tokens.count {
                let token = tokens[index + offset]
                if contactVerbs.contains(token.normal) { return index + offset }
                if token.kind == .clauseEnd || token.normal == "," { return nil }
            }
            return nil
        }
        guard ordinal else { return nil }
        // "mijn derde mail", "de tweede klacht": the customer counts their own contacts.
        if index + 1 < tokens.count, repeatedContacts.contains(tokens[index + 1].normal) { return index + 1 }
        for offset in 1...3 where index + offset + 1 < tokens.count {
            let (first, second) = (tokens[index + offset].normal, tokens[index + offset + 1].normal)
            if (first == "deze" || first == "dit") && ["week", "maand", "jaar", "dag"].contains(second) || first == "op" && second == "rij" {
                return index + offset + 1
            }
            if tokens[index + offset].kind != .word { return nil }
        }
        return nil
    }

    init() {
        var map: [String: [Rule]] = [:]
        for (cue, list) in Self.phrases {
            for phrase in list {
                let words = Lexicon.normalisedWords(phrase)
                guard let first = words.first else { continue }
                map[first, default: []].append(Rule(cue: cue, words: words, weight: Self.cueWeights[cue] ?? 0.3))
            }
        }
        for key in map.keys { map[key]?.sort { $0.words.count > $1.words.count } }
        byFirstWord = map
    }
}
