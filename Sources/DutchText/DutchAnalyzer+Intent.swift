extension DutchAnalyzer {
    static let questionStarters: Set<String> = [
        "hoe", "wat", "wanneer", "waar", "waarom", "welke", "wie", "hoeveel", "kan", "kun", "kunt", "kunnen", "mag",
        "moet", "is", "zijn", "heeft", "hebben", "weet", "klopt", "gaat", "wordt", "zou", "zouden", "krijg", "werkt",
        "how", "what", "when", "where", "why", "which", "who", "can", "could", "is", "are", "do", "does", "will",
    ]
    static let questionPhrases: [[String]] = [
        ["ik", "vraag", "me", "af"], ["graag", "wil", "ik", "weten"], ["is", "het", "mogelijk"], ["kunnen", "jullie"],
        ["kunt", "u"], ["weet", "iemand"], ["ik", "wil", "graag", "weten"], ["hoe", "zit", "het"], ["wat", "moet", "ik"],
        ["ik", "heb", "een", "vraag"], ["vraagje"], ["vraag"], ["vraagt"], ["klant", "vroeg"], ["vragen", "of"], ["wil", "weten"],
        ["willen", "weten"], ["wilde", "weten"], ["informeert"], ["informeren"], ["asked"], ["asks"], ["wondering"],
        ["i", "would", "like", "to", "know"],
    ]
    /// Asking what to do is a question however it is punctuated: "2400 euro weg. Wat moet ik doen??"
    static let helpSeekingPhrases: [[String]] = [
        ["wat", "moet", "ik"], ["wat", "kan", "ik"], ["hoe", "moet", "ik"], ["wat", "moeten", "we"], ["what", "should", "i"],
        ["what", "do", "i", "do"],
    ]
    static let wrongAddresseePhrases: [[String]] = [
        ["verkeerde", "chat"], ["verkeerd", "nummer"], ["bedoeld", "voor"], ["verkeerde", "pagina"], ["verkeerde", "persoon"],
        ["laat", "maar"], ["wrong", "chat"], ["wrong", "number"], ["per", "ongeluk"], ["nvm"], ["never", "mind"], ["nevermind"],
        // A message taken back: "… dat was niet de bedoeling. Graag negeren!"
        ["graag", "negeren"], ["negeer", "dit"], ["negeer", "mijn"], ["please", "ignore"],
    ]
    static let sendingVerbs: Set<String> = [
        "gestuurd", "verstuurd", "verzonden", "gepost", "geplaatst", "getweet", "getagd", "gebeld", "gemaild", "ge-appt", "geappt",
        "sent", "posted", "tagged",
    ]
    /// Signs that say "ok, received" rather than "well done": "DM gestuurd 👍".
    static let acknowledgements: Set<String> = ["👍", "👌"]
    /// Words of thanks and praise (a thumbs-up is an acknowledgement, not thanks).
    static let complimentWords: Set<String> = [
        "bedankt", "dank", "dankjewel", "dankuwel", "danku", "bedank", "bedanken", "bedankte", "complimenten", "compliment",
        "chapeau", "pluim", "hulde", "topper", "toppers", "held", "helden", "top", "thanks", "thank", "kudos", "👏", "🙏", "❤️",
        "❤", "💐", "tevreden", "geweldig", "super", "fantastisch", "dankbaar", "heerlijk", "aanrader",
    ]
    /// Thanks and nothing more: no praise ("top", "❤️") and no verdict ("tevreden").
    static let plainThanks: Set<String> = ["bedankt", "dank", "dankjewel", "dankuwel", "danku", "bedankte", "thanks", "thank"]
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
        // A bounce from a mail server; "mijn pakket kon niet worden afgeleverd" is a customer's complaint.
        ["mail", "delivery", "subsystem"], ["mailer", "daemon"], ["mailer-daemon"], ["delivery", "status", "notification"],
        ["uw", "bericht", "aan"], ["your", "message", "to"], ["could", "not", "be", "delivered"],
        // "Uw e-mail wordt na de vakantie in behandeling genomen": the mailbox answering for its owner.
        ["uw", "e-mail", "wordt"], ["uw", "mail", "wordt"], ["uw", "bericht", "wordt"],
    ]
    /// A job application ("Met veel enthousiasme solliciteer ik naar de functie …") is no compliment,
    /// however warm; "te laat op mijn sollicitatie" is not one either, so only the applicant's own words.
    static let jobApplicationPhrases: [[String]] = [
        ["solliciteer", "ik"], ["ik", "solliciteer"], ["open", "sollicitatie"], ["sollicitatiebrief"], ["mijn", "cv"],
        ["motivatiebrief"], ["i", "am", "applying"], ["my", "cv"],
    ]
    static let spamWords: Set<String> = [
        "gratis", "win", "winnen", "gewonnen", "crypto", "bitcoin", "forex", "verdien", "verdienen", "investeer",
        "followers", "volgers", "klik", "casino", "promo", "korting", "dm", "giveaway", "loterij", "prijswinnaar",
        "winnaar", "winactie", "claim", "claimen", "bio", "tag", "free", "click", "earn", "investment", "viagra", "onlyfans",
    ]
    /// The company's own voice asking for a DM ("Stuur ons een DM met je boekingsnummer, dan regelen wij
    /// je compensatie"): a fake "helpdesk" account, or the brand's own reply caught in the stream. Either
    /// way no customer's message, and no customer's feeling.
    static let brandVoicePhrases: [[String]] = [["stuur", "ons"], ["stuurt", "u", "ons"], ["stuur", "je", "ons"]]
    static let privateChannelWords: Set<String> = ["dm", "pb", "privébericht", "privebericht", "inbox"]
    /// "Vul uw IBAN opnieuw in via …", "stuur je boekingsnummer en een foto van je bankpas naar …": a
    /// phishing page's voice, DM or not, or the brand's own reply. The verb and "je"/"uw" open the phrase;
    /// one of `requestedData` must follow (see `asksForData`).
    static let dataRequestPhrases: [[String]] = [
        ["vul", "je"], ["vul", "uw"], ["stuur", "je"], ["stuur", "uw"], ["verifieer", "je"], ["verifieer", "uw"], ["bevestig", "je"],
        ["bevestig", "uw"], ["geef", "je"], ["geef", "uw"],
    ]
    static let requestedData: Set<String> = [
        "gegevens", "iban", "bankgegevens", "rekeningnummer", "pasnummer", "pincode", "wachtwoord", "inloggegevens", "boekingsnummer",
        "bestelnummer", "ordernummer", "klantnummer", "creditcardgegevens", "creditcardnummer", "bsn", "bankpas", "betaalgegevens",
        "persoonsgegevens", "identiteitsbewijs",
    ]
    /// "Hierbij de foto's van de schade", "Bijgevoegd het ingevulde formulier": what the customer sends, not
    /// a complaint; its problem words name what is enclosed.
    static let enclosurePhrases: [[String]] = [
        ["hierbij"], ["bijgevoegd"], ["bijgaand"], ["bijlage"], ["attached"], ["enclosed"], ["zoals", "gevraagd"], ["as", "requested"],
    ]
    /// Words that make an enclosure a complaint all the same: "Hierbij dien ik een klacht in".
    static let grievanceWords: Set<String> = [
        "klacht", "klachten", "klagen", "beklag", "bezwaar", "ingebrekestelling", "reclamatie", "complaint",
    ]
    /// Verbs that open a yes-or-no question when their sentence ends in "?" ("Geeft ze ook op zaterdag les?",
    /// "Zit er garantie op?"); without the mark they often tell, with the subject left out ("Zit al een uur
    /// in de wacht").
    static let verbOpeners: Set<String> = [
        "zit", "zitten", "geeft", "geven", "biedt", "bieden", "accepteren", "accepteert", "levert", "leveren", "verkoopt",
        "verkopen", "doet", "doen", "komt", "komen", "staat", "staan", "ligt", "liggen", "blijft", "geldt", "valt", "telt",
        "hoort", "mogen", "moeten", "hebt", "heb", "ben", "bent", "wil", "wilt", "willen", "zal", "zullen", "vergoedt",
        "vergoeden", "rijdt", "rijden", "gaan", "neemt", "nemen", "stuurt", "sturen",
    ]
    /// "Is er een storing in 3521? Tv valt steeds weg", "Weet iemand of de storing al voorbij is?": asking
    /// whether there is an outage is a question, however its symptoms read; how long it will last is asked
    /// in anger as often ("Hoe lang duurt deze storing nog?"), so only the yes-or-no questions.
    static let yesNoOpeners: Set<String> = ["is", "zijn", "weet", "weten", "wordt", "klopt", "heeft", "hebben", "are"]
    static let outageWords: Set<String> = ["storing", "storingen", "verstoring", "stroomstoring", "outage"]
    /// "Oké, dan wacht ik de mail af", "Ik zie de terugbetaling tegemoet", "ok top, dan hoor ik het wel", "Wat
    /// mij betreft mag het dossier dicht": the customer waits for the next step or closes the case, and the
    /// conversation needs no answer. The phrase must end in its word of `awaitingEnds` (see `awaitsNextStep`).
    static let awaitingPhrases: [[String]] = [
        ["wacht", "ik"], ["ik", "wacht"], ["zie", "ik"], ["ik", "zie"], ["hoor", "ik"], ["ik", "hoor"], ["mag", "het", "dossier"],
        ["mag", "de", "zaak"], ["mag", "het", "ticket"], ["mag", "de", "melding"], ["stuur", "ik"], ["ik", "stuur"],
    ]
    static let awaitingEnds: [String: Set<String>] = [
        "wacht": ["af"], "zie": ["tegemoet"], "hoor": ["wel"], "dossier": ["dicht", "gesloten", "sluiten"],
        "zaak": ["dicht", "gesloten", "sluiten"], "ticket": ["dicht", "gesloten", "sluiten"], "melding": ["dicht", "gesloten", "sluiten"],
        // "Helder, dank je! Dan stuur ik de foto's vanavond nog door."
        "stuur": ["door"],
    ]
    /// The endings of a handle that name a country, not a person's initials: "@KPN_NL", "@ziggo.nl".
    static let handleCountries: Set<String> = ["nl", "be", "uk", "de", "fr", "eu", "us", "com", "net", "org"]
    /// "Hierbij zeg ik mijn contract op", "Opzegging verwerkt": a notice of cancellation to process, not
    /// a threat to talk someone out of.
    static let cancellationNoticePhrases: [[String]] = [
        ["hierbij", "zeg", "ik"], ["deze", "zeg", "ik"], ["zeg", "ik", "hierbij"], ["opzegging", "verwerkt"],
        ["opzegging", "doorgezet"], ["opzegging", "ingevoerd"], ["hereby", "cancel"],
    ]
    /// Greetings that may come before the word that opens a question: "goedemorgen waar kan ik …". The
    /// coach's list, with the Flemish forms customers write.
    static let greetings: Set<String> = CoachText.greetingWords.union(["goeiedag", "goeiendag"])

    /// "Waarom betaal ik ineens meer?": asking why something changed all of a sudden is a complaint, and
    /// so is asking why something is so while it should not be ("Waarom moet ik rembourskosten betalen
    /// terwijl dat nergens stond?"); "Waarom moet ik een nieuwe pas aanvragen?" may just ask.
    static let whyWords: Set<String> = ["waarom", "hoezo", "why"]
    static let suddenWords: Set<String> = ["ineens", "opeens", "plotseling", "plots", "suddenly", "terwijl", "whereas"]
    /// "Waar blijft mijn terugbetaling?", "Hoe lang moet ik nog wachten?": chasing what was promised is a
    /// complaint, not a request for information.
    static let chasingPhrases: [[String]] = [
        ["waar", "blijft"], ["waar", "blijven"], ["hoe", "lang", "moet", "ik", "nog"], ["hoe", "lang", "nog"],
        ["waarom", "duurt", "het", "zo", "lang"], ["where", "is", "my"],
        // "… maar wie betaalt mijn extra hotelnacht?": not a question of who, but a claim.
        ["wie", "betaalt", "mijn"], ["wie", "vergoedt", "mijn"],
    ]

    /// "Is het normaal dat …?", "Waarom moet ik …?": contesting what happened, a complaint put as a
    /// question (17 of 17 such messages in the labelled sets are complaints; see `contesting`).
    static let contestingPhrases: [[String]] = [
        ["is", "het", "normaal", "dat"], ["is", "dit", "normaal"], ["is", "dat", "normaal"], ["vinden", "jullie", "dit", "normaal"],
        ["vinden", "jullie", "dat", "normaal"], ["waarom", "moet", "ik"], ["waarom", "moeten", "we"], ["waarom", "moeten", "wij"],
        ["is", "it", "normal", "that"], ["why", "do", "i", "have", "to"], ["why", "should", "i"],
    ]

    /// Words that make "vraag" someone's earlier question: "mijn vraag".
    static let possessives: Set<String> = ["mijn", "m'n", "uw", "onze", "ons", "zijn", "haar"]

    /// "mijn vraag is niet beantwoord", "heb mijn vraag al gesteld", "had een vraag"; not "mijn vraag (is): …".
    func tellsOfEarlierQuestion(_ tokens: [Token], at index: Int) -> Bool {
        // "Had een vraag over mijn abonnement en werd geholpen door Ruben": asked before, answered since.
        if tokens[index].normal == "vraag", index >= 2, tokens[index - 1].normal == "een",
            tokens[index - 2].normal == "had" || tokens[index - 2].normal == "hadden"
        {
            return true
        }
        guard tokens[index].normal == "vraag", index > 0, Self.possessives.contains(tokens[index - 1].normal) else { return false }
        var next = index + 1
        if next < tokens.count, tokens[next].normal == "is" { next += 1 }
        return next >= tokens.count || tokens[next].normal != ":"
    }

    static let phraseFamilies: [PhraseFamily: [[String]]] = [
        .autoReply: autoReplyPhrases, .wrongAddressee: wrongAddresseePhrases, .question: questionPhrases,
        .helpSeeking: helpSeekingPhrases, .jobApplication: jobApplicationPhrases, .chasing: chasingPhrases,
        .brandVoice: brandVoicePhrases, .dataRequest: dataRequestPhrases, .cancellationNotice: cancellationNoticePhrases,
        .enclosure: enclosurePhrases, .awaiting: awaitingPhrases, .contesting: contestingPhrases,
    ]
    /// The intent phrases by first word and family: the vocabulary holds them, so a token finds the
    /// phrases it may start without a look-up of its own.
    static let phraseStarts: [String: PhraseStarts] = {
        var map: [String: PhraseStarts] = [:]
        for (family, phrases) in phraseFamilies {
            for phrase in phrases {
                guard let first = phrase.first else { continue }
                map[first, default: PhraseStarts()].byFamily[family.rawValue].append(phrase)
                map[first]!.families |= family.bit
            }
        }
        return map
    }()
    /// Per word, a bit for each role: 1 starts an intent phrase, 2 spam, 4 thanks or praise, 8 asks why,
    /// 16 tells of a sudden change or a contradiction, 32 names a private channel ("DM").
    static let wordRoles: [String: UInt8] = {
        var roles: [String: UInt8] = [:]
        for word in Set(phraseStarts.keys).union(["bedoeld"]) {
            roles[word, default: 0] |= 1
        }
        for word in spamWords { roles[word, default: 0] |= 2 }
        for word in complimentWords { roles[word, default: 0] |= 4 }
        for word in whyWords { roles[word, default: 0] |= 8 }
        for word in suddenWords { roles[word, default: 0] |= 16 }
        for word in privateChannelWords { roles[word, default: 0] |= 32 }
        return roles
    }()

    /// The phrase of `family` that starts at `position`, if one does.
    func phrase(_ family: PhraseFamily, at position: Int, in tokens: [Token], infos: [WordInfo?]) -> [String]? {
        infos[position]?.phrases?.byFamily[family.rawValue].first { matches($0, tokens, at: position) }
    }

    func containsPhrase(_ family: PhraseFamily, in tokens: [Token], infos: [WordInfo?], starts: PhraseSpots) -> Bool {
        starts.families & family.bit != 0 && starts.indices.contains { phrase(family, at: $0, in: tokens, infos: infos) != nil }
    }

    /// The words after the first two of a phrase at `position`: up to seven, and not past its clause.
    func clauseAfter(_ position: Int, in tokens: [Token]) -> ArraySlice<Token> {
        let limit = min(tokens.count, position + 12)
        let window = tokens[min(limit, position + 2)..<limit]
        return window.prefix { $0.kind != .clauseEnd }
    }

    /// What a customer gets back ("ge krijgt een automatisch antwoord, en daar blijft het bij"): the
    /// complaint tells of an auto-reply, it is none.
    static let receivingWords: Set<String> = [
        "krijg", "krijgt", "kreeg", "kregen", "krijgen", "gekregen", "ontvang", "ontvangt", "ontving", "ontvingen", "ontvangen",
        "gehad", "get", "got", "received",
    ]

    /// An auto-reply's own words, not a customer's account of one.
    func containsAutoReply(_ tokens: [Token], infos: [WordInfo?], starts: PhraseSpots) -> Bool {
        guard starts.families & PhraseFamily.autoReply.bit != 0 else { return false }
        return starts.indices.contains { position in
            guard let phrase = phrase(.autoReply, at: position, in: tokens, infos: infos) else { return false }
            // A receiving verb a few words before it in its clause, or just after it.
            var cursor = position - 1
            while cursor >= max(0, position - 4), tokens[cursor].kind != .clauseEnd, tokens[cursor].normal != "," {
                if Self.receivingWords.contains(tokens[cursor].normal) { return false }
                cursor -= 1
            }
            let after = tokens[(position + phrase.count)..<min(tokens.count, position + phrase.count + 2)]
            return !after.contains { Self.receivingWords.contains($0.normal) }
        }
    }

    /// "Laat maar, al gevonden" takes a message back; "een dag te laat maar …" and "laat maar weten" do not.
    func containsWrongAddressee(_ tokens: [Token], infos: [WordInfo?], starts: PhraseSpots) -> Bool {
        for position in starts.indices {
            // "deze vraag was eigenlijk voor KPN bedoeld", "dit was voor de tandarts van mijn moeder bedoeld":
            // "voor" a few words before "bedoeld", after "was".
            if tokens[position].normal == "bedoeld" {
                let window = tokens[max(0, position - 7)..<position].map(\.normal)
                if let voor = window.lastIndex(of: "voor"), window[..<voor].contains(where: { $0 == "was" || $0 == "is" }),
                    voor + 1 < window.count, !["jullie", "u", "jou", "je"].contains(window[voor + 1])
                {
                    return true
                }
            }
            guard let phrase = phrase(.wrongAddressee, at: position, in: tokens, infos: infos) else { continue }
            // "per ongeluk naar jullie gestuurd"; not "per ongeluk twee keer betaald".
            if phrase == ["per", "ongeluk"],
                !tokens[(position + 2)..<min(tokens.count, position + 6)].contains(where: { Self.sendingVerbs.contains($0.normal) })
            {
                continue
            }
            if phrase == ["laat", "maar"] {
                let before = position > 0 ? tokens[position - 1].normal : ""
                let after = position + 2 < tokens.count ? tokens[position + 2].normal : ""
                if ["te", "zo", "veel", "erg", "wat"].contains(before) || ["weten", "horen", "zien", "even"].contains(after) { continue }
            }
            return true
        }
        return false
    }

    /// A request for data in the company's voice: "vul uw IBAN opnieuw in", "stuur je boekingsnummer …";
    /// not a customer asking for something ("stuur je mij een nieuwe pincode?") nor sending it ("ik stuur
    /// je mijn klantnummer").
    func asksForData(_ tokens: [Token], infos: [WordInfo?], starts: PhraseSpots) -> Bool {
        guard starts.families & PhraseFamily.dataRequest.bit != 0 else { return false }
        for position in starts.indices where phrase(.dataRequest, at: position, in: tokens, infos: infos) != nil {
            if position > 0, Self.firstPerson.contains(tokens[position - 1].normal) { continue }
            let clause = clauseAfter(position, in: tokens)
            // The customer's own ("… mij een nieuwe pincode", "… mijn klantnummer") comes before the data.
            guard let data = clause.firstIndex(where: { Self.firstPerson.contains($0.normal) || Self.requestedData.contains($0.normal) }),
                Self.requestedData.contains(tokens[data].normal)
            else { continue }
            // A question ("Stuur je de pincode per post?") asks the company for it.
            let end = tokens[data...].firstIndex { $0.kind == .clauseEnd }
            if end.map({ tokens[$0].normal != "?" }) ?? true { return true }
        }
        return false
    }

    /// "dan wacht ik jullie bericht af", "ik zie de terugbetaling tegemoet".
    func awaitsNextStep(_ tokens: [Token], infos: [WordInfo?], starts: PhraseSpots) -> Bool {
        guard starts.families & PhraseFamily.awaiting.bit != 0 else { return false }
        return starts.indices.contains { position in
            guard let phrase = phrase(.awaiting, at: position, in: tokens, infos: infos),
                let ends = phrase.lazy.compactMap({ Self.awaitingEnds[$0] }).first
            else { return false }
            return clauseAfter(position, in: tokens).contains { ends.contains($0.normal) }
        }
    }

    /// "@lotte.vrmeulen", "@nina_vh", "@joris_86": a person's handle (an Instagram name with a dot, a name
    /// with initials or a year of birth), not a company's ("@NS_online", "@KPN_NL", "@ziggo.nl", "@RTL4").
    static func isPersonalHandle(_ mention: String) -> Bool {
        let handle = mention.dropFirst()
        if let dot = handle.lastIndex(of: ".") {
            return !handleCountries.contains(String(handle[handle.index(after: dot)...]))
        }
        guard let underscore = handle.lastIndex(of: "_") else { return false }
        let tail = handle[handle.index(after: underscore)...]
        if tail.count == 2, tail.allSatisfy(\.isASCII), tail.allSatisfy(\.isNumber) { return true }
        return (1...3).contains(tail.count) && tail.allSatisfy(\.isLetter) && !handleCountries.contains(String(tail))
    }

    /// The intent, and whether the message's words carry no feeling: it is no customer's word to the
    /// company at all (an auto-reply, a message meant for someone else, spam, the company's own voice), a
    /// plain enclosure, or a question whether there is an outage.
    /// `insulting`: a word of the message weighs -0.6 or less ("sukkel"), where sympathy ("wat vervelend")
    /// weighs less; `outraged`: -0.7 or less ("belachelijk"), where a symptom ("ligt eruit") weighs less.
    /// `toFriends`: the message opens on a mention and every handle in it is a person's, not a company's.
    func classifyIntent(
        _ tokens: [Token], infos: [WordInfo?], score: Double, praised: Bool, exasperated: Bool, insulting: Bool, outraged: Bool,
        toFriends: Bool, cues: [String], topics: [String]
    ) -> (intent: TextAnalysis.Intent, feelingless: Bool) {
        var feelingless = false
        let intent = classifyIntent(
            tokens, infos: infos, score: score, praised: praised, exasperated: exasperated, insulting: insulting, outraged: outraged,
            toFriends: toFriends, cues: cues, topics: topics, feelingless: &feelingless)
        return (intent, feelingless)
    }

    private func classifyIntent(
        _ tokens: [Token], infos: [WordInfo?], score: Double, praised: Bool, exasperated: Bool, insulting: Bool, outraged: Bool,
        toFriends: Bool, cues: [String], topics: [String], feelingless: inout Bool
    ) -> TextAnalysis.Intent {
        // One pass, one look-up per token: what the rules below need to know.
        var wordCount = 0
        var firstWord: String?
        var firstWordIndex = 0
        var hasPictures = false
        var eyeRoll = false
        var starts = PhraseSpots()
        var spamHits = 0
        var thanks = false
        // 🙏 after a question is "please" or thanks in advance, not thanks for something done.
        var onlyPleading = true
        var hasURL = false
        var questionMarks = 0
        // Echo questions repeat a word the message already quoted: 'zei "dat doen we eigenlijk niet".
        // Eigenlijk?' doubts what was said; it asks the company nothing.
        var echoQuestions = 0
        // Where the praise and thanks words stand: thanks that only closes a message which asks is
        // politeness ("Hoe zet ik een limiet? Alvast bedankt."), or in a phone note the call's end
        // ("Klant belt: wil weten of … Klant bedankt.").
        var sentence = 0
        var thanksSentences: Set<Int> = []
        var onlyPlainThanks = true
        var lastSentenceWords = 0
        // The word count at the first thanks word: "Kan iemand mij helpen met mijn factuur, dank je"
        // closes a request with thanks in the same sentence.
        var firstThanksAt: Int?
        var asksWhy = false
        var sudden = false
        var privateChannel = false
        // A sentence that opens with a question word and ends in "?" asks something an agent must answer,
        // whatever praise stands beside it ("Heerlijk huisje! Kan ik dezelfde week volgend jaar boeken?").
        var sentenceOpener: String?
        var sentenceOpenerIndex = 0
        var askingSentences: Set<Int> = []
        var yesNoQuestions: [Range<Int>] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .word:
                wordCount += 1
                lastSentenceWords += 1
                // "goedemorgen waar kan ik …": a greeting does not open the question.
                if firstWord == nil || (wordCount == 2 && Self.greetings.contains(firstWord!)) {
                    firstWord = token.normal
                    firstWordIndex = index
                }
                if lastSentenceWords == 1 || (lastSentenceWords == 2 && sentenceOpener.map(Self.greetings.contains) == true) {
                    sentenceOpener = token.normal
                    sentenceOpenerIndex = index
                }
            case .emoji, .emoticon:
                hasPictures = true
                if (infos[index]?.marks ?? 0) & WordInfo.eyeRoll != 0 { eyeRoll = true }
            case .url: hasURL = true
            case .clauseEnd:
                if token.normal == "?" {
                    questionMarks += 1
                    if lastSentenceWords == 1, let opener = sentenceOpener,
                        tokens[..<sentenceOpenerIndex].contains(where: { $0.kind == .word && $0.normal == opener })
                    {
                        echoQuestions += 1
                    }
                    if let opener = sentenceOpener,
                        asksInformation(opener: opener, at: sentenceOpenerIndex, tokens, infos: infos) || Self.verbOpeners.contains(opener)
                    {
                        askingSentences.insert(sentence)
                        if Self.yesNoOpeners.contains(opener) { yesNoQuestions.append(sentenceOpenerIndex..<index) }
                    }
                }
                // A sentence ends at its last mark ("Echt?!"), and the words after it begin the next.
                if index + 1 < tokens.count, tokens[index + 1].kind != .clauseEnd, lastSentenceWords > 0 {
                    sentence += 1
                    lastSentenceWords = 0
                    sentenceOpener = nil
                }
            default: break
            }
            guard let roles = infos[index]?.roles, roles != 0 else { continue }
            if roles & 1 != 0, token.kind == .word {
                starts.indices.append(index)
                starts.families |= infos[index]?.phrases?.families ?? 0
            }
            if roles & 2 != 0, token.kind == .word { spamHits += 1 }
            if roles & 8 != 0 { asksWhy = true }
            if roles & 16 != 0 { sudden = true }
            if roles & 32 != 0 { privateChannel = true }
            // Thanks in advance ("Bij voorbaat dank voor uw antwoord", "alvast bedankt") ask, they do not praise.
            if roles & 4 != 0, index == 0 || tokens[index - 1].normal != "voorbaat" && tokens[index - 1].normal != "alvast" {
                thanks = true
                if firstThanksAt == nil { firstThanksAt = wordCount }
                thanksSentences.insert(sentence)
                if !Self.plainThanks.contains(token.normal) { onlyPlainThanks = false }
                if token.normal != "🙏" { onlyPleading = false }
            }
        }
        // "??" alone chases an answer; a lone mark or emoji-less nothing says nothing; nor does "Hallo?".
        if wordCount == 0 && !hasPictures { return questionMarks >= 2 ? .complaint : .other }
        if (1...2).contains(wordCount), questionMarks <= 1, tokens.allSatisfy({ $0.kind != .word || Self.greetings.contains($0.normal) }) {
            return .other
        }
        // Spam rolls no eyes: "Ah leuk, 'gratis retourneren' en dan €2,95 van mijn terugbetaling afhalen 🙄 heel gratis".
        if containsAutoReply(tokens, infos: infos, starts: starts) || containsWrongAddressee(tokens, infos: infos, starts: starts)
            || !eyeRoll && (spamHits >= 2 || (spamHits >= 1 && hasURL && score >= 0))
        {
            feelingless = true
            return .other
        }
        // The company's voice asking for a DM or for data; an insulting one ("Eigen schuld, sukkel. Stuur ons
        // je wachtwoord") keeps its feeling, as the customer who reads it feels it. A customer telling of
        // waits and repeats ("al 3 keer gemaild, stuur ons nou eens een DM terug") is no brand.
        let complaintCueNames = cues.filter(Self.complaintCues.contains)
        let complaintCues = complaintCueNames.count
        // ("Vul uw IBAN opnieuw in": a repeat in the request is an instruction.)
        if complaintCues == 0 && privateChannel && containsPhrase(.brandVoice, in: tokens, infos: infos, starts: starts)
            || complaintCueNames.allSatisfy({ $0 == "repeat" }) && asksForData(tokens, infos: infos, starts: starts)
        {
            feelingless = !insulting
            return .other
        }
        if containsPhrase(.cancellationNotice, in: tokens, infos: infos, starts: starts) { return .other }
        // A plain enclosure carries no feeling of its own: "Hierbij de foto's van de waterschade" is neutral.
        if complaintCues == 0, questionMarks == 0, wordCount <= 40, score > -0.45, !outraged,
            containsPhrase(.enclosure, in: tokens, infos: infos, starts: starts),
            !tokens.contains(where: { Self.grievanceWords.contains($0.normal) })
        {
            feelingless = true
            return .other
        }
        // "Per 1 juni wonen wij op Nieuwstraat 8, 7411 LG Deventer. Wilt u dit aanpassen?": a new address
        // to process, like an enclosure, even when asked as a question.
        if complaintCues == 0, score > -0.12, wordCount <= 60, givesNewAddress(tokens) {
            feelingless = true
            return .other
        }
        // "@sanne kijk, dit is die jurk!": showing a friend something, not writing to the company.
        if tokens.first?.kind == .mention, let word = tokens.dropFirst().first(where: { $0.kind == .word }), word.normal == "kijk",
            score >= 0, complaintCues == 0
        {
            return .other
        }
        // "@lotte.vrmeulen IK HEB DE TICKETS!!!", "@nina_vh @joris_86 vanavond sushi?": a message to friends
        // that tags no company. Trouble told to a friend stays in view.
        if toFriends, score > -0.12, complaintCues == 0 {
            return .other
        }

        // Symptoms beside it are what the customer sees, not anger: no feeling unless a word is outraged, the
        // marks are doubled, or the customer tells of repeats or threats.
        if topics.contains("storing"), !exasperated, !outraged, complaintCueNames.allSatisfy({ $0 == "duration" }),
            wordCount <= 40, yesNoQuestions.contains(where: { span in
                tokens[span].contains { Self.outageWords.contains($0.normal) }
                    && !tokens[span].contains { $0.normal == "lang" || $0.normal == "wanneer" }
            })
        {
            feelingless = true
            return .question
        }

        if questionMarks == 0, complaintCues == 0, score > -0.12, wordCount <= 20, awaitsNextStep(tokens, infos: infos, starts: starts) {
            return .other
        }
        // "Akkoord met de voucher", "Ik ga akkoord met uw voorstel …. Dank voor de snelle reactie.": the
        // customer accepts what was offered, which closes the complaint rather than praising or asking.
        if questionMarks == 0, complaintCues == 0, score > -0.12, let first = firstWord, acceptsOffer(tokens, from: firstWordIndex, first: first) {
            return .other
        }

        var isQuestion = questionMarks > echoQuestions
        if let first = firstWord, Self.questionStarters.contains(first), wordCount > 2, questionMarks > 0 || wordCount < 25 {
            // "Wat een heerlijke lunchplek!", "Wat fijn dat …": an exclamation, unless it asks.
            let next = firstWordIndex + 1 < tokens.count ? firstWordIndex + 1 : firstWordIndex
            let exclaims = first == "wat" && questionMarks == 0 && (tokens[next].normal == "een" || infos[next]?.dutch?.polarity != nil)
            // "Moet eerlijk zeggen dat …", "Moet toch eens gezegd worden: …" tell, they do not ask.
            let tells = (first == "moet" || first == "mag") && questionMarks == 0
                && tokens[firstWordIndex...].prefix(6).contains { $0.normal == "zeggen" || $0.normal == "gezegd" }
            isQuestion = isQuestion || first.utf8.count > 2 && !exclaims && !tells
        }
        if !isQuestion {
            // "Mijn vraag is niet beantwoord" tells of an earlier question; "ik heb een vraag" and
            // "mijn vraag is: …" ask one.
            let asking = PhraseSpots(indices: starts.indices.filter { !tellsOfEarlierQuestion(tokens, at: $0) }, families: starts.families)
            isQuestion = containsPhrase(.question, in: tokens, infos: infos, starts: asking)
        }
        if score > -0.12 && complaintCues == 0 && containsPhrase(.jobApplication, in: tokens, infos: infos, starts: starts) { return .other }

        if questionMarks > 0 && thanks && onlyPleading { thanks = false }
        if isQuestion && thanks && onlyPlainThanks && sentence > 0 && thanksSentences == [sentence] && lastSentenceWords <= 4 {
            thanks = false
        }
        if isQuestion && thanks && onlyPlainThanks, let at = firstThanksAt, at >= 4, wordCount - at <= 2 { thanks = false }
        let chases = containsPhrase(.chasing, in: tokens, infos: infos, starts: starts)
        // "Kan ik ook ineens betalen?" asks; "Waarom betaal ik ineens meer?" complains.
        // "Waarom moet ik 15 euro betalen om op te zeggen?" contests a charge; "waarom betaalt mijn buurman
        // minder?" may just ask.
        let contestsCharge = asksWhy && tokens.contains { $0.normal == "moet" || $0.normal == "moeten" }
            && tokens.contains { $0.normal == "betalen" || $0.normal == "pay" }
        let contests = contestsCharge || contesting(tokens, infos: infos, starts: starts, moreThanOneSentence: sentence > 0)
        let whySudden = isQuestion && (asksWhy && sudden || contests || chases) && score < 0.25
        // Praise beside a question of its own: the question is what must be answered. Not a request to
        // pass the praise on ("Kunnen jullie dit doorgeven aan Esther?"), which asks nothing of its own.
        if score > -0.12 && complaintCues == 0 && !exasperated && !chases && !whySudden && !askingSentences.isEmpty
            && askingSentences.isDisjoint(with: thanksSentences)
            && !tokens.contains(where: { $0.normal == "doorgeven" || $0.normal == "doorgeeft" })
        {
            return .question
        }
        if score >= 0.15 && thanks && complaintCues == 0 { return .compliment }
        // "Had al drie keer gebeld, maar Fleur heeft het geregeld. Topper!": thanks for a fix, after the trouble.
        if score >= 0.25 && thanks && praised && tellsOfAFix(tokens, infos: infos, before: tokens.count) {
            return .compliment
        }
        if score <= -0.12 || complaintCues > 0 {
            // An angry question is a complaint; a question with a sigh is still a question.
            // Doubled marks ask no information ("Hoe kan dat nou??"), unless the customer asks what to do; nor
            // does a question beside an eye-roll ("Zit er een echo in jullie systeem? 🙃").
            // ("storing of ligt het aan mij? app blijft laden 🙃" still asks.)
            let rhetorical = (exasperated || eyeRoll && !topics.contains("storing"))
                && !containsPhrase(.helpSeeking, in: tokens, infos: infos, starts: starts)
            if isQuestion && score > -0.45 && complaintCues == 0 && !whySudden && !rhetorical { return .question }
            return .complaint
        }
        if isQuestion { return whySudden ? .complaint : .question }
        if score >= 0.25 && praised { return .compliment }
        // A neutral report about a delivery, a bill or an outage is still a complaint; a move told is a notice
        // ("Klant meldt verhuizing per 1 maart, nieuw adres genoteerd.").
        if !topics.isEmpty && score < 0.1 && wordCount > 3 && !(complaintCues == 0 && tellsOfMove(tokens)) { return .complaint }
        if wordCount <= 3 && !thanks { return .other }
        return score < 0 ? .complaint : (thanks ? .compliment : .other)
    }

    /// A move and the new address with its Dutch postcode ("7411 LG"): "verhuisd naar …", "Nieuw adres: …".
    func givesNewAddress(_ tokens: [Token]) -> Bool {
        var postcode = false
        for (index, token) in tokens.enumerated() where token.kind == .number && token.normal.utf8.count == 4 && index + 1 < tokens.count {
            let next = tokens[index + 1]
            if next.kind == .word, next.isShouting, next.normal.utf8.count == 2 {
                postcode = true
                break
            }
        }
        return postcode && tokens.contains { $0.kind == .word && (Self.movingWords.contains($0.normal) || $0.normal.hasSuffix("adres")) }
    }
    /// Whether the message tells of a move: "verhuist per 1 oktober", "nieuw adres genoteerd".
    func tellsOfMove(_ tokens: [Token]) -> Bool {
        tokens.indices.contains { index in
            let word = tokens[index].normal
            if word.hasSuffix("adres") { return index > 0 && (tokens[index - 1].normal == "nieuw" || tokens[index - 1].normal == "nieuwe") }
            return word.hasPrefix("verhui") && Self.movingWords.contains(word)
        }
    }

    static let movingWords: Set<String> = ["verhuisd", "verhuis", "verhuist", "verhuizen", "verhuizing", "adreswijziging", "wonen", "woon"]

    /// "Is het normaal dat …?" contests what happened; "Waarom moet ik …?" does when the message says more
    /// than the question ("… Mijn moeder van 79 heeft geen smartphone."): alone it may just ask.
    func contesting(_ tokens: [Token], infos: [WordInfo?], starts: PhraseSpots, moreThanOneSentence: Bool) -> Bool {
        guard starts.families & PhraseFamily.contesting.bit != 0 else { return false }
        return starts.indices.contains { position in
            guard let found = phrase(.contesting, at: position, in: tokens, infos: infos) else { return false }
            return moreThanOneSentence || !Self.whyWords.contains(found[0])
        }
    }

    /// Whether the message opens by accepting: "Akkoord met …", "Ik ga akkoord met …", "Wij gaan akkoord …".
    func acceptsOffer(_ tokens: [Token], from index: Int, first: String) -> Bool {
        if first == "akkoord" { return true }
        guard first == "ik" || first == "wij" || first == "we", index + 2 < tokens.count else { return false }
        return (tokens[index + 1].normal == "ga" || tokens[index + 1].normal == "gaan") && tokens[index + 2].normal == "akkoord"
    }

    /// Whether a sentence opening with `opener` and ending in "?" asks for information: a question word,
    /// not an exclamation ("Hoe gaaf is dit?", "Wat een service?") nor "waarom" (which complains as often).
    func asksInformation(opener: String, at index: Int, _ tokens: [Token], infos: [WordInfo?]) -> Bool {
        guard Self.questionStarters.contains(opener), !Self.whyWords.contains(opener) else { return false }
        guard index + 1 < tokens.count else { return false }
        let next = tokens[index + 1].normal
        if (opener == "hoe" || opener == "wat") && (next == "een" || infos[index + 1]?.dutch?.polarity != nil) { return false }
        return true
    }
}

/// The families of the intent rules' phrases.
enum PhraseFamily: Int, CaseIterable, Sendable {
    case autoReply, wrongAddressee, question, helpSeeking, jobApplication, chasing, brandVoice, dataRequest, cancellationNotice
    case enclosure, awaiting, contesting
}

extension PhraseFamily {
    var bit: UInt16 { 1 << UInt16(rawValue) }
}

/// The intent phrases one word starts, by family, and a bit per family it starts any of.
struct PhraseStarts: Sendable {
    var byFamily: [[[String]]] = Array(repeating: [], count: PhraseFamily.allCases.count)
    var families: UInt16 = 0
}

/// Where a message's intent phrases may start, and the families of the phrases those words start: a
/// family none of them starts needs no look at all.
struct PhraseSpots {
    var indices: [Int] = []
    var families: UInt16 = 0
}
