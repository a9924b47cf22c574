/// One polar word or expression and what it adds, after negation, intensity and contrast.
struct Contribution: Sendable {
    var text: String
    var weight: Double
    var start: Int
    var end: Int
    var sentence: Int
    var tokenIndex: Int
    /// Read from how the message is built ("maar" after praise, "terwijl"), not from a polar word: no
    /// sign of trouble for the irony rules, which would turn the praise beside it around.
    var inferred = false
}

extension DutchAnalyzer {
    /// Scores every polar word or expression in context: negation up to the end of the clause,
    /// intensifiers and diminishers on the next polar word, contrast shifting weight to what follows.
    func sentiment(
        _ tokens: [Token], infos: [WordInfo?], stems: LazyStems, lexicon: Lexicon, english: Bool, text: String
    ) -> [Contribution] {
        var contributions: [Contribution] = []
        var negation: Double? = nil
        var negationAge = 0
        var negationIndex = 0  // the token the negation started at
        var intensity = 1.0
        var intensityAge = 0
        var sentence = 0
        var sentenceStart = 0  // index into contributions where the current sentence starts
        var previousSentenceStart = 0  // … and where the sentence before it started
        var clauseStart = 0  // … and where the clause after the sentence's last comma starts
        var index = 0
        let utf8 = text.utf8
        let isEnglish = english
        // Each "maar" after praise in its sentence, or opening the sentence after praise: see the end.
        var contrasts: [(index: Int, sentence: Int, praiseFrom: Int)] = []

        func offset(_ i: String.Index) -> Int { utf8.distance(from: utf8.startIndex, to: i) }

        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .clauseEnd:
                // "Opgelost?? Echt niet!": a sentence that is only a denial takes back the praise of the
                // sentence before it.
                if let factor = negation, factor < 0, denialSentence(tokens, from: negationIndex, to: index) {
                    takeBack(&contributions, tokens: tokens, before: negationIndex, denial: index - 1, factor: factor, text: text)
                }
                negation = nil
                intensity = 1
                if token.normal == "!" {
                    // Exclamation marks raise the feeling of the sentence they end.
                    for k in sentenceStart..<contributions.count { contributions[k].weight *= 1.15 }
                }
                if token.normal != "!" || index + 1 >= tokens.count || tokens[index + 1].normal != "!" {
                    sentence += 1
                    previousSentenceStart = sentenceStart
                    sentenceStart = contributions.count
                    clauseStart = contributions.count
                }
                index += 1
                continue
            case .punctuation:
                if token.normal == "," || token.normal == ":" || token.normal == "(" || token.normal == ")" { negation = nil }
                if token.normal == "," { clauseStart = contributions.count }
                index += 1
                continue
            case .url, .mention, .number, .hashtag:
                index += 1
                continue
            case .word, .emoji, .emoticon:
                break
            }

            // Modifiers (longest first).
            // One look-up tells everything the lexicon knows of the word; English messages
            // borrow Dutch modifiers ("maar", "niet") that mixed messages use.
            let info = infos[index]
            let entry = isEnglish ? (info?.english ?? info?.dutch) : info?.dutch
            if token.kind == .word, let candidates = entry?.modifiers, !candidates.isEmpty,
                let modifier = candidates.first(where: {
                    matches($0.words, tokens, at: index) && !expressionStarts(inside: $0.words.count, tokens, infos: infos, at: index)
                })
            {
                // A polar expression starting with the same word ("geen probleem") wins.
                if let expression = entry?.expressions.first(where: { matches($0.words, tokens, at: index) }),
                    expression.words.count >= modifier.words.count
                {
                    // fall through to expression handling below
                } else if modifier.role == .intensifier, modifier.words.count == 1, entry?.polarity != nil,
                    index + 1 == tokens.count || tokens[index + 1].kind != .word || tokens[index + 1].normal == "dat"
                {
                    // An intensifier with nothing to strengthen is praise itself: "Super!", "Super dat
                    // jullie op zondag open zijn".
                } else {
                    switch modifier.role {
                    case .negator:
                        negation = modifier.factor
                        negationAge = 0
                        negationIndex = index
                    case .intensifier:
                        intensity = modifier.factor
                        intensityAge = 0
                    case .diminisher:
                        intensity = modifier.factor
                        intensityAge = 0
                    case .contrast:
                        negation = nil
                        if modifier.factor >= 1 {
                            // "Instructeur is top. Maar €62 per les …": the praise may end the sentence before.
                            // (Whatever its sign, what comes before counts from there.)
                            let opensSentence = index > 0 && tokens[index - 1].kind == .clauseEnd && sentenceStart == contributions.count
                            let praiseFrom = opensSentence ? previousSentenceStart : sentenceStart
                            if ["maar", "but", "echter", "however"].contains(token.normal), modifier.words.count == 1,
                                contributions[praiseFrom...].contains(where: { $0.weight > 0 })
                            {
                                contrasts.append((index, sentence, praiseFrom))
                            }
                            // What came before in this sentence (or, opening one, in the sentence before) counts
                            // less; what follows, more.
                            for k in praiseFrom..<contributions.count { contributions[k].weight *= 0.5 }
                            intensity = modifier.factor
                            intensityAge = -6
                        } else {
                            intensity = modifier.factor
                            intensityAge = -6
                        }
                        if let polar = entry?.polarity, modifier.words.count == 1 {
                            contributions.append(
                                Contribution(
                                    text: String(text[token.range]), weight: polar, start: offset(token.range.lowerBound),
                                    end: offset(token.range.upperBound), sentence: sentence, tokenIndex: index,
                                    inferred: token.normal == "terwijl"))
                        }
                    }
                    index += modifier.words.count
                    continue
                }
            }

            var weight: Double?
            var length = 1
            var negated = false  // the weight already says what the negation does
            var span = (first: index, last: index)  // the words shown as evidence, when wider than the word
            if token.kind == .word, let expression = entry?.expressions.first(where: { matches($0.words, tokens, at: index) }) {
                weight = expression.weight
                length = expression.words.count
            } else if let value = entry?.polarity {
                weight = value
                // "Wanneer komt de zomeractie weer?" asks when as before, where "alweer" sighs: the two are
                // one word to the tokenizer.
                if token.normal == "weer", asksHow(tokens, at: index) { weight = nil }
                // "Beste tandarts ooit": the superlative, where "Beste klantenservice," greets (the lexicon
                // lists "beste" at 0 for that).
                if value == 0, token.normal == "beste", let ever = superlativeEver(tokens, after: index) {
                    weight = 0.8
                    span = (index, ever)
                }
            } else if token.kind == .word, entry == nil {
                weight = lookupInflected(token, stem: stems[index], lexicon: lexicon)
            }
            // "nu moet ik €2.310 huurtoeslag terugbetalen": the customer pays, no refund to look forward to.
            if let value = weight, value > 0, Self.customerPaysBack(tokens, at: index) { weight = -0.4 }
            // "Mijn zus zag het gelukkig op het doosje": luck within a sentence is relief that it went well
            // in the end, not praise; "Gelukkig is alles goed gekomen" and "ik ben er gelukkig mee" are.
            if let value = weight, value > 0.5, token.normal == "gelukkig", index > 0, tokens[index - 1].kind == .word,
                !Self.beforeHappy.contains(tokens[index - 1].normal), index < 2 || !Self.beingVerbs.contains(tokens[index - 2].normal)
            {
                weight = 0.1
            }
            // "twee keer van mijn rekening afgeschreven", "2 keer 12,50 servicekosten op mijn afrekening".
            if weight == nil, (info?.marks ?? 0) & WordInfo.charged != 0, chargedTwice(tokens, before: index) {
                weight = -0.5
            }
            // What a customer waited for and never got: "nooit een bevestiging ontvangen", "geen mail
            // gehad". The words are neutral, so there is nothing for the negation to turn; the
            // lexicon lists only the adjacent forms ("nooit ontvangen").
            // Not when a polar word came between ("nooit problemen gehad") or it is praise
            // ("nooit eerder zo snel antwoord gekregen").
            let marks = info?.marks ?? 0
            if weight == nil, !isEnglish, let factor = negation, factor < 0, negationAge <= 4,
                marks & WordInfo.awaited != 0
                    || marks & WordInfo.neverDone != 0 && ["nooit", "never"].contains(tokens[negationIndex].normal),
                !neverSoWell(tokens, from: negationIndex, to: index),
                contributions.last.map({ $0.tokenIndex < negationIndex }) ?? true
            {
                weight = -0.5
                negated = true
                span = (negationIndex, index)
            }
            // Dutch main clauses put the negation after the verb: "aan de telefoon lukt dat nooit",
            // "het lukt me niet". The verb alone reads as a small yes, or as nothing.
            // "Kan ik niet meer betalen": what used to work; "ik kan niet wachten" is eagerness.
            let verbMarks = (info?.marks ?? 0) & (WordInfo.failingVerb | WordInfo.ableVerb)
            if verbMarks != 0, (weight ?? 0) >= 0, !isEnglish,
                let negator = verbMarks == WordInfo.failingVerb
                    ? negationFollows(tokens, after: index) : negationFollows(tokens, after: index, then: "meer")
            {
                // Losing what worked is told calmly as often as not ("kan niet meer inloggen, is er een
                // storing?"), so it weighs a little less than a failure.
                weight = verbMarks == WordInfo.ableVerb ? -0.4 : -0.5
                negated = true
                span = (index, max(negator, index + length - 1))
                // "Top dat jullie zo snel reageren op twitter, aan de telefoon lukt dat nooit": a failure in a
                // later clause is the point, as after "maar".
                if clauseStart > sentenceStart, clauseStart == contributions.count {
                    for k in sentenceStart..<clauseStart where contributions[k].weight > 0 { contributions[k].weight *= 0.5 }
                }
            }

            if let base = weight {
                var value = base
                if intensityAge < 3 { value *= intensity }
                // Negation reaches the next few words of its clause ("niet echt heel goed"),
                // not a polar word at the far end of a long sentence.
                // A negated complaint word is no praise: "niet boos op hem" is calm, "niet slecht" a mild
                // yes, where "niet goed" is a plain no. Negation is of words: "niet meer 😑" still sighs.
                if let factor = negation, negationAge <= 4, token.kind == .word, !negated,
                    !neverSoWell(tokens, from: negationIndex, to: index)
                {
                    value *= factor * (value < 0 && factor < 0 ? 0.4 : 0.75)
                }
                if token.isShouting { value *= 1.25 }
                if token.isElongated { value *= 1.2 }
                let first = tokens[span.first]
                let last = tokens[max(span.last, index + length - 1)]
                contributions.append(
                    Contribution(
                        text: String(text[first.range.lowerBound..<last.range.upperBound]), weight: max(-2, min(2, value)),
                        start: offset(first.range.lowerBound), end: offset(last.range.upperBound), sentence: sentence,
                        tokenIndex: index))
                if intensityAge >= 0 { intensity = 1 }
            }
            intensityAge += 1
            if intensityAge == 0 { intensityAge = 1 }
            negationAge += length
            index += length
        }
        // "Prachtige woning, maar de tuin is één grote modderpoel": praise, then "maar" and a clause in the
        // customer's own words, none of them polar. The praise is the polite run-up; "maar" announces
        // what falls short.
        for contrast in contrasts
        where !contributions.contains(where: { $0.tokenIndex > contrast.index && $0.sentence == contrast.sentence }) {
            var words = 0
            var end = contrast.index + 1
            while end < tokens.count, tokens[end].kind != .clauseEnd {
                if tokens[end].kind == .word { words += 1 }
                end += 1
            }
            guard words >= 4 else { continue }
            for k in contrast.praiseFrom..<contributions.count
            where contributions[k].tokenIndex < contrast.index && contributions[k].weight > 0 {
                contributions[k].weight *= 0.4
            }
            let token = tokens[contrast.index]
            contributions.append(
                Contribution(
                    text: String(text[token.range]), weight: -0.5, start: offset(token.range.lowerBound), end: offset(token.range.upperBound),
                    sentence: contrast.sentence, tokenIndex: contrast.index, inferred: true))
        }
        return contributions
    }

    /// Whether the words from `first` to before `end` are a denial alone ("Echt niet", "Niet dus", "Helemaal
    /// niet hoor"), the negation opening its sentence.
    func denialSentence(_ tokens: [Token], from first: Int, to end: Int) -> Bool {
        guard first < end, first == 0 || tokens[first - 1].kind == .clauseEnd else { return false }
        var words = 0
        for token in tokens[first..<end] {
            guard token.kind == .word else { return false }
            words += 1
        }
        guard words <= 4 else { return false }
        // The negator's own words, then at most a particle.
        let tail = tokens[first..<end].map(\.normal).drop { Self.deniers.contains($0) }
        return tail.allSatisfy { ["dus", "hoor", "he", "hè", "joh", "natuurlijk"].contains($0) }
    }

    static let deniers: Set<String> = [
        "echt", "helemaal", "absoluut", "totaal", "niet", "nee", "geen", "nooit", "mooi", "allerminst", "geenszins", "bepaald",
    ]

    /// Turns the praise of the sentence before a denial around, and shows the denial with it.
    func takeBack(_ contributions: inout [Contribution], tokens: [Token], before first: Int, denial last: Int, factor: Double, text: String) {
        var end = first
        while end > 0, tokens[end - 1].kind == .clauseEnd { end -= 1 }
        var start = end
        while start > 0, tokens[start - 1].kind != .clauseEnd { start -= 1 }
        // A short claim or question ("Opgelost??", "Super service."), not a story with praise in it.
        guard end > start, tokens[start..<end].filter({ $0.kind == .word }).count <= 6 else { return }
        let utf8 = text.utf8
        let denialEnd = tokens[last].range.upperBound
        for k in contributions.indices where contributions[k].tokenIndex >= start && contributions[k].tokenIndex < end && contributions[k].weight > 0 {
            contributions[k].weight *= factor * 0.75
            let from = utf8.index(utf8.startIndex, offsetBy: contributions[k].start)
            contributions[k].text = String(text[from..<denialEnd])
            contributions[k].end = utf8.distance(from: utf8.startIndex, to: denialEnd)
        }
    }

    /// What was charged: "twee keer van mijn rekening afgeschreven" is a double charge, whatever stands
    /// between (the lexicon lists only "twee keer afgeschreven").
    static let chargedWords: Set<String> = [
        "afgeschreven", "geïncasseerd", "geincasseerd", "gefactureerd", "aangerekend", "afgeboekt", "berekend", "gerekend",
        "afrekening", "factuur", "rekening", "nota",
    ]
    /// Participles of what a customer waits for; after "nooit" or "geen" they tell it never came.
    static let awaited: Set<String> = [
        "ontvangen", "gekregen", "gehad", "gehoord", "teruggebeld", "gebeld", "gereageerd", "beantwoord", "geleverd",
        "bezorgd", "aangekomen", "teruggestort", "terugbetaald", "teruggehoord", "gemaild", "teruggekomen", "teruggemaild",
        "teruggeschreven",
    ]
    /// What a customer never did and is held to: "een abonnement dat ik nooit heb afgesloten", "nooit toestemming
    /// voor gegeven". Only after "nooit": "nog geen contract afgesloten" is a prospect's plain fact.
    static let neverDone: Set<String> = ["afgesloten", "besteld", "aangevraagd", "gegeven", "getekend", "ondertekend"]
    /// "twee keer" or "dubbel" within the six words before.
    func chargedTwice(_ tokens: [Token], before index: Int) -> Bool {
        for k in stride(from: index - 1, through: max(0, index - 6), by: -1) {
            let word = tokens[k].normal
            if tokens[k].kind == .clauseEnd { return false }
            if word == "dubbel" || word == "dubbele" { return true }
            if word == "keer" || word == "maal", k > 0, ["twee", "2", "tweemaal"].contains(tokens[k - 1].normal) { return true }
        }
        return false
    }

    /// Verbs that tell something works or someone listens, which a negation after them turns into
    /// a failure: "lukt dat nooit", "de chatbot begrijpt mijn vraag niet", "de app opent niet".
    static let failingVerbs: Set<String> = [
        "lukt", "lukte", "werkt", "werkte", "klopt", "klopte", "helpt", "hielp", "begrijpt", "begreep", "snapt",
        "reageert", "reageerde", "opent", "laadt", "start",
    ]

    /// "Can": negated with "meer" after it, something stopped working ("kan ik niet meer inloggen").
    static let ableVerbs: Set<String> = ["kan", "kon", "kunnen", "konden", "kun", "kunt"]

    /// Whether a polar expression starts on a later word of a modifier and runs past it: in "echt niet
    /// serieus genomen", "niet serieus genomen" is the expression and "echt" only strengthens it.
    func expressionStarts(inside length: Int, _ tokens: [Token], infos: [WordInfo?], at index: Int) -> Bool {
        guard length > 1 else { return false }
        for k in 1..<length where index + k < tokens.count {
            if let expressions = infos[index + k]?.dutch?.expressions,
                expressions.contains(where: { $0.words.count > length - k && matches($0.words, tokens, at: index + k) })
            {
                return true
            }
        }
        return false
    }

    /// Whether "nooit" compares rather than denies: "nog nooit zo snel geholpen", "nooit eerder
    /// zo'n goede service" praise, "nooit zo slecht behandeld" blames; the word keeps its sign.
    /// "Niet zo goed" does deny.
    func neverSoWell(_ tokens: [Token], from negator: Int, to index: Int) -> Bool {
        guard negator < index, tokens[negator].normal == "nooit" else { return false }
        return tokens[(negator + 1)..<index].contains { ["eerder", "zo", "zo'n", "zoveel"].contains($0.normal) }
    }

    /// Whether "niet", "nooit" or "niks" follows in the verb's clause, at most two words between: "lukt
    /// dat nooit", "werkt het niet", "snapt er niks van"; not "lukt niet alleen …", where the clause
    /// goes on to a plus.
    /// With `then`, the negation must be followed by that word: "kan ik niet meer" (which it then ends
    /// at). The index of the negation's last word, or nil.
    func negationFollows(_ tokens: [Token], after index: Int, then next: String? = nil) -> Int? {
        var k = index + 1
        while k < tokens.count, k <= index + 3 {
            let token = tokens[k]
            if token.kind == .clauseEnd || token.kind == .punctuation { return nil }
            if ["niet", "nooit", "niks", "niets"].contains(token.normal) {
                let following = k + 1 < tokens.count ? tokens[k + 1].normal : nil
                if let next { return following == next ? k + 1 : nil }
                return following.map { ["alleen", "enkel", "slecht", "verkeerd", "gek"].contains($0) } == true ? nil : k
            }
            k += 1
        }
        return nil
    }

    /// Unlisted inflections and compounds: the stem, then the head of a compound.
    func lookupInflected(_ token: Token, stem: String?, lexicon: Lexicon) -> Double? {
        if token.isElongated {
            let collapsed = Self.collapseDoubles(token.normal)
            if let value = lexicon.words[collapsed] { return value }
        }
        // Short stems collide ("reed" and "redden"): words under six letters have none (LazyStems).
        if let stem, stem.utf8.count >= 5, let value = lexicon.weight(stem: stem, of: token.normal) { return value }
        // "klantenservicemedewerker" → "medewerker".
        return lexicon.compoundHeads.head(of: token.normal)?.value
    }

    static func collapseDoubles(_ word: String) -> String {
        var result = ""
        var previous: Character?
        for character in word where character != previous {
            result.append(character)
            previous = character
        }
        return result
    }

    /// Whether a positive contribution (an expression such as "goed geregeld") ends where `token` starts,
    /// but for the space between them.
    func praiseEnds(_ contributions: [Contribution], before token: Token, in text: String) -> Bool {
        let utf8 = text.utf8
        let start = utf8.distance(from: utf8.startIndex, to: token.range.lowerBound)
        return contributions.contains { $0.weight > 0 && $0.end < start && $0.end >= start - 2 }
    }

    /// The "ooit" that makes "beste" a superlative, within the next four words of its sentence.
    func superlativeEver(_ tokens: [Token], after index: Int) -> Int? {
        var cursor = index + 1
        while cursor < tokens.count, cursor <= index + 4, tokens[cursor].kind != .clauseEnd {
            if tokens[cursor].normal == "ooit" || tokens[cursor].normal == "ever" { return cursor }
            cursor += 1
        }
        return nil
    }

    func matches(_ words: [String], _ tokens: [Token], at index: Int) -> Bool {
        guard index + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() where tokens[index + offset].normal != word { return false }
        return true
    }

    /// "weer elk kwartier rijdt", "weer normaal draait": a verb of running follows "weer" in its clause,
    /// with no negation between ("weer niet rijdt" is the sigh).
    func runsAgain(_ tokens: [Token], infos: [WordInfo?], after index: Int) -> Bool {
        for next in tokens.indices.dropFirst(index + 1).prefix(5) {
            let token = tokens[next]
            if token.kind == .clauseEnd || token.kind == .punctuation { return false }
            if (infos[next]?.marks ?? 0) & WordInfo.negator != 0 { return false }
            if Self.runningVerbs.contains(token.normal) { return true }
        }
        return false
    }
    static let runningVerbs: Set<String> = ["rijdt", "rijden", "werkt", "werken", "draait", "draaien", "vaart", "varen", "loopt", "lopen"]

    static let eyeRolls: Set<String> = ["🙄", "🙃", "😒", "😑", "🤦", "🤡", "🥱", "🤬", "🫠", "😤", "😠", "😡"]
    static let markerWords: Set<String> = [
        "hoor", "weer", "alweer", "wederom", "zoveelste", "not", "jaja", "natuurlijk", "uiteraard", "weeral",
    ]
    /// The stock words of irony: these flip when a message is ironic; praise for a person does not.
    static let praise: Set<String> = [
        "top", "geweldig", "super", "fijn", "bedankt", "dank", "dankjewel", "lekker", "perfect", "fantastisch", "goed",
        "mooi", "prachtig", "heerlijk", "knap", "chapeau", "service", "klasse", "briljant", "great", "thanks", "nice", "love",
        "bravo", "👏", "slim", "netjes", "creatief", "gul", "lief", "leuk", "wauw", "wow", "merci", "professional",
        "consistent", "respect", "applaus", "brilliant",
    ]
    /// The first words of a thank-you, also of the ironic ones in the lexicon.
    static let thanks: Set<String> = ["bedankt", "dank", "dankjewel"]
    /// Words that tell of a problem put right: praise beside them is meant ("Goed gedaan hoor, Sanne heeft
    /// het opgelost"), and "ondanks" or "gelukkig" grants the problem before the praise.
    static let resolutionWords: Set<String> = [
        "opgelost", "geholpen", "hielp", "hielpen", "verholpen", "gerepareerd", "teruggestort", "terugbetaald", "vergoed",
        "omgeboekt", "gelukt", "eindelijk", "ondanks", "gelukkig", "solved", "fixed", "helped", "despite",
    ]

    /// Whether the word at `index` tells that a problem was put right ("opgelost", "geregeld", help "binnen
    /// het uur"), not that it should be ("wil dat het opgelost wordt") or was not ("niet opgelost"); "top
    /// geregeld" is irony.
    func tellsOfAFix(_ tokens: [Token], infos: [WordInfo?], at index: Int) -> Bool {
        let word = tokens[index].normal
        // Help that came fast: "Binnen het uur stond er een monteur op de stoep", "binnen 10 minuten" (not
        // "niet binnen 5 werkdagen").
        if word == "binnen" {
            var cursor = index + 1
            if cursor < tokens.count, ["het", "een", "de"].contains(tokens[cursor].normal) { cursor += 1 }
            // "binnen een half uur", "binnen een paar minuten".
            if cursor < tokens.count, ["half", "halve", "paar"].contains(tokens[cursor].normal) { cursor += 1 }
            if cursor < tokens.count, tokens[cursor].kind == .number || CueRules.numberWords.contains(tokens[cursor].normal) { cursor += 1 }
            return cursor > index + 1 && cursor < tokens.count && CueRules.durationUnits.contains(tokens[cursor].normal)
                && (index == 0 || (infos[index - 1]?.marks ?? 0) & WordInfo.negator == 0)
        }
        guard (infos[index]?.marks ?? 0) & WordInfo.resolution != 0 || word == "geregeld" else { return false }
        if index > 0 {
            if (infos[index - 1]?.marks ?? 0) & WordInfo.negator != 0 { return false }
            if word == "geregeld" && Self.isIronicPraise(tokens[index - 1].normal) { return false }
        }
        return index + 1 == tokens.count || !Self.fixWishes.contains(tokens[index + 1].normal)
    }
    static let fixWishes: Set<String> = ["wordt", "worden", "moet", "moeten", "kan", "kunnen", "zou", "zal", "gaat"]

    /// Whether any word before `end` tells of a fix: a story of a fix earns the praise that closes it.
    func tellsOfAFix(_ tokens: [Token], infos: [WordInfo?], before end: Int) -> Bool {
        (0..<end).contains { tellsOfAFix(tokens, infos: infos, at: $0) }
    }

    /// Whether the sentence of the token at `index` follows a question: thanks there are politeness ("Kan ik
    /// het ophalen met mijn identiteitskaart? Merci!"), not a verdict on what came before.
    func followsQuestion(_ tokens: [Token], at index: Int) -> Bool {
        tokens[..<index].last(where: { $0.kind == .clauseEnd })?.normal == "?"
    }

    /// Quote marks around a word or two: 'veilig' achtergelaten, de "snelle" levering.
    static let quoteMarks: Set<String> = ["\"", "'", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{201E}"]
    /// Words after which "gelukkig" is happy, not lucky: "ik ben gelukkig", "heel gelukkig"; a form of
    /// "zijn" may also stand one word earlier ("ik ben er gelukkig mee").
    static let beingVerbs: Set<String> = ["ben", "is", "zijn", "was", "waren", "word", "wordt", "werd"]
    static let beforeHappy: Set<String> = beingVerbs.union([
        "heel", "erg", "zo", "zeer", "echt", "super", "best", "helemaal", "mega", "ontzettend", "enorm", "ook",
    ])
    static let troubleCues: Set<String> = ["duration", "churn_threat", "escalation"]

    /// A praise word of irony, also as the head of a compound of "top" ("topbedrijf", "topsport").
    /// Only praise is asked about: "wat" there opens an exclamation ("Wat een service.").
    static func isIronicPraise(_ word: String) -> Bool {
        praise.contains(word) || word == "wat" || (word.hasPrefix("top") && word.utf8.count > 5 && !word.hasPrefix("topper"))
    }

    /// "… en we mogen een half uur in het donker zitten. Applaus.", "AL 2 UUR IN DE RIJ … Top organisatie": a
    /// closing word or two of stock praise after a story that praises nothing and shows trouble (a negative
    /// word, a wait or a repeat, scare quotes, a marker such as "weer"). "Binnen een dag opgelost. Top!"
    /// praises before its close, and is meant. Runs only for praise no stronger sign has turned.
    func closesWithApplause(_ contributions: [Contribution], tokens: [Token], infos: [WordInfo?], cues: [FoundCue], text: String) -> Bool {
        // Every word of the close is praise, so the last contribution is.
        guard let last = contributions.last, last.weight > 0, !last.inferred else { return false }
        // The closing sentence: its last words back to the mark before them (emoji and mentions after it
        // belong to it).
        var index = tokens.count - 1
        while index >= 0, tokens[index].kind != .word { index -= 1 }
        var start = index
        var words = 0
        while index >= 0, tokens[index].kind != .clauseEnd {
            if tokens[index].kind == .word { words += 1 }
            start = index
            index -= 1
        }
        // Thanks after a question is politeness ("Hoe lang duurt het? Merci!").
        guard start > 0, words > 0, words <= 2, !followsQuestion(tokens, at: start) else { return false }
        var closes = false
        for contribution in contributions {
            let praise = contribution.weight > 0 && !contribution.inferred
            if contribution.tokenIndex < start {
                if praise { return false }
            } else if praise && Self.isIronicPraise(tokens[contribution.tokenIndex].normal)
                && !Self.closingThanks.contains(tokens[contribution.tokenIndex].normal)
            {
                closes = true
            } else if contribution.weight < 0 {
                return false
            }
        }
        // The story of a fix earns its close: "… lekkage bij de watermeter. Binnen het uur stond er een monteur
        // op de stoep. Chapeau!"
        guard closes, !tellsOfAFix(tokens, infos: infos, before: start) else { return false }
        if contributions.contains(where: { $0.tokenIndex < start && $0.weight < -0.2 && !$0.inferred }) { return true }
        let utf8 = text.utf8
        let closingOffset = utf8.distance(from: utf8.startIndex, to: tokens[start].range.lowerBound)
        if cues.contains(where: { $0.start < closingOffset && ($0.name == "repeat" || Self.troubleCues.contains($0.name)) }) { return true }
        // Scare quotes ('technische redenen'), not someone's words ("geen probleem hoor, ik wacht wel"), whose
        // markers are theirs. (Shouting alone is no sign: "NIET over Slachtofferhulp" stresses a fact.)
        let spans = quotes(tokens, infos: infos, text: text).filter { $0.words.upperBound < start }
        if spans.contains(where: { $0.scare && $0.count <= 3 }) { return true }
        return (0..<start).contains { position in
            (infos[position]?.marks ?? 0) & WordInfo.ironyMarker != 0 && !spans.contains { $0.words.contains(position) }
        }
    }

    /// Words that may stand before the praise that opens a sentence: "Echt top dat …", "Wat fijn dat …".
    static let praiseOpeners: Set<String> = ["echt", "heel", "erg", "wat", "zo", "nou", "oh", "o", "ah", "super", "really", "so"]

    /// Stock praise opening its sentence whose "dat" clause tells of trouble and nothing good: "Echt top
    /// dat jullie app het nooit doet", "Fijn dat ik niemand kan bereiken". What follows the clause is not
    /// its subject ("Fijn dat jullie snel reageerden, het pakket was kwijt" thanks for the answer).
    func praiseIntroducesTrouble(_ contributions: [Contribution], tokens: [Token], infos: [WordInfo?]) -> Bool {
        contributions.contains { praise in
            let index = praise.tokenIndex
            guard praise.weight > 0, Self.isIronicPraise(tokens[index].normal), index + 1 < tokens.count,
                tokens[index + 1].normal == "dat" || tokens[index + 1].normal == "that"
            else { return false }
            var before = index - 1
            while before >= 0, tokens[before].kind == .mention || Self.praiseOpeners.contains(tokens[before].normal) { before -= 1 }
            guard before < 0 || tokens[before].kind == .clauseEnd else { return false }
            let clauseEnd = tokens[(index + 2)...].firstIndex { $0.kind == .clauseEnd || $0.normal == "," } ?? tokens.count
            let clause = contributions.filter { $0.tokenIndex > index + 1 && $0.tokenIndex < clauseEnd }
            // Trouble alone: "Fijn dat jullie ons zo goed op de hoogte hielden tijdens de storing" is meant.
            return clause.contains { $0.weight < -0.2 && !$0.inferred } && !clause.contains { $0.weight > 0 }
        }
    }

    /// The words inside quote marks, up to twelve: the marks touch the first and last word, no sentence
    /// ends inside, and the closing mark is the opening one or its typographic pair. A straight opening
    /// mark before a letter is kept on the word by the tokenizer ('u wordt …), so such a word opens a
    /// quote too, unless it is a contraction ('s avonds). A word or two starting in lower case is a scare
    /// quote ('veilig' achtergelaten); in capitals, a name or a text ('Veilig betalen'). Three words or
    /// more are someone else's words, mostly the company's promise the customer holds up.
    func quotes(_ tokens: [Token], infos: [WordInfo?], text: String) -> [(words: ClosedRange<Int>, count: Int, scare: Bool)] {
        func isQuote(_ index: Int) -> Bool { tokens[index].kind == .punctuation && (infos[index]?.marks ?? 0) & WordInfo.quoteMark != 0 }
        func touches(_ left: Int, _ right: Int) -> Bool { tokens[left].range.upperBound == tokens[right].range.lowerBound }
        /// The quote's first word and the mark that closes it, when a quote opens at `index`.
        func opening(at index: Int) -> (first: Int, closing: String)? {
            let token = tokens[index]
            if isQuote(index), index + 1 < tokens.count, tokens[index + 1].kind == .word, touches(index, index + 1),
                index == 0 || tokens[index - 1].kind != .word || !touches(index - 1, index)
            {
                return (index + 1, Self.closingQuote[token.normal] ?? token.normal)
            }
            return nil
        }
        var quotes: [(words: ClosedRange<Int>, count: Int, scare: Bool)] = []
        var index = 0
        while index + 1 < tokens.count {
            guard let (first, closing) = opening(at: index) else {
                index += 1
                continue
            }
            var close = first + 1
            while close < tokens.count, close - first <= 12, tokens[close].kind != .clauseEnd, !isQuote(close) { close += 1 }
            if close < tokens.count, isQuote(close), tokens[close].normal == closing, tokens[close - 1].kind == .word, touches(close - 1, close) {
                let count = tokens[first..<close].filter { $0.kind == .word }.count
                let scare = text[tokens[first].range].first(where: \.isLetter)?.isLowercase ?? false
                quotes.append((first...(close - 1), count, scare))
                index = close + 1
            } else {
                index += 1
            }
        }
        return quotes
    }
    static let closingQuote: [String: String] = ["\u{2018}": "\u{2019}", "\u{201C}": "\u{201D}", "\u{201E}": "\u{201D}"]

    /// Irony: praise that means the opposite. "Top service weer 🙄", "Bedankt hoor NS, alweer vertraging",
    /// de "verse" aardbeien, "Chapeau, nu al 2 uur geen stroom". The signs, strongest first: an eye roll;
    /// praise in scare quotes; praise closing a story of trouble; a marker ("hoor", "alweer") or applause
    /// beside a problem; praise that opens a message about a wait or a repeat. A problem put right, or
    /// praise after "maar", keeps the weaker signs quiet.
    func applySarcasm(_ contributions: inout [Contribution], tokens: [Token], infos: [WordInfo?], cues: [FoundCue], text: String) {
        // Scare quotes take praise back (de "snelle" levering); praise in a quoted name or text is not the
        // writer's ('Veilig betalen'). A quoted complaint word stays: bestelling "mislukt" is the problem.
        // Three words or more are someone else's: "Definieer 'zo snel mogelijk'".
        var quotedPraise = false
        if infos.contains(where: { ($0?.marks ?? 0) & WordInfo.quoteMark != 0 }) {
            let spans = quotes(tokens, infos: infos, text: text)
            if !spans.isEmpty {
                contributions = contributions.compactMap { contribution in
                    guard let span = spans.first(where: { $0.words.contains(contribution.tokenIndex) }) else { return contribution }
                    guard contribution.weight > 0 else { return contribution }
                    guard span.count <= 2, span.scare else { return nil }
                    quotedPraise = true
                    var flipped = contribution
                    flipped.weight = -contribution.weight * 0.9
                    return flipped
                }
            }
        }
        guard contributions.contains(where: { $0.weight > 0 }) else { return }
        // A superlative beside a threat to leave praises the leaving: "Vanaf vandaag geen klant meer bij
        // @Ziggo. Beste beslissing ooit."
        if cues.contains(where: { $0.name == "churn_threat" }) {
            for index in contributions.indices where contributions[index].weight > 0 && tokens[contributions[index].tokenIndex].normal == "beste" {
                contributions[index].weight = -contributions[index].weight * 0.9
            }
        }
        // The vocabulary marks eye rolls and marker words, so no token needs a look-up of its own.
        let hasEyeRoll = infos.contains { ($0?.marks ?? 0) & WordInfo.eyeRoll != 0 }
        let hasNegative = contributions.contains { $0.weight < -0.2 && !$0.inferred }
        // A repeat cue is a marker itself ("alweer"); a wait or a threat is trouble beside it.
        let hasWaitOrThreat = cues.contains { Self.troubleCues.contains($0.name) }
        // "Lekker dan, … Bedankt hoor": the last sentence's lone praise after a story that is a complaint on
        // balance ("… te laat, maar de bezorger was super vriendelijk. Top!" is not). A lone closing clap
        // may applaud the fix ("Zo los je dat op. 👏"), so it needs another sign.
        let lastSentence = contributions.map(\.sentence).max() ?? 0
        let closingPraise = hasNegative && contributions.contains {
            $0.sentence == lastSentence && $0.weight > 0 && Self.isIronicPraise(tokens[$0.tokenIndex].normal)
                && tokens[$0.tokenIndex].normal != "👏"
                && tokens[$0.tokenIndex...].filter({ $0.kind == .word }).count <= (tokens[$0.tokenIndex].normal == "wat" ? 3 : 2)
                && !followsQuestion(tokens, at: $0.tokenIndex)
        } && contributions.reduce(0) { sum, earlier in
            // Stock praise before it may be ironic too ("Great to see … Very professional.").
            earlier.sentence < lastSentence && !earlier.inferred && !(earlier.weight > 0 && Self.isIronicPraise(tokens[earlier.tokenIndex].normal))
                ? sum + earlier.weight : sum
        } <= -0.2
            // The story of a fix earns its praise: "Storing binnen een uur opgelost. Top!"
            && !tellsOfAFix(tokens, infos: infos, before: tokens.count)
        // Thanks that the lexicon reads as negative ("Bedankt voor niks", "dank je de koekoek") say the
        // rest is meant the other way too: "…, echt geweldig in het kwijtraken van pakketten".
        let ironicThanks = contributions.contains { $0.weight < 0 && Self.thanks.contains(tokens[$0.tokenIndex].normal) }
        var triggered = hasEyeRoll || quotedPraise || closingPraise || ironicThanks
            || closesWithApplause(contributions, tokens: tokens, infos: infos, cues: cues, text: text)
        // Praise that opens a message about a wait or a repeat ("Chapeau, nu al 2 uur geen stroom");
        // years are loyalty ("al 10 jaar klant"), not waiting.
        let firstPraise = contributions.first { $0.weight > 0 }?.start ?? Int.max
        let openedOnTrouble = cues.contains { cue in
            guard cue.start > firstPraise, cue.name == "duration" || cue.name == "repeat" else { return false }
            let text = cue.text.lowercased()
            return cue.name == "duration" ? !text.contains("jaar") && !text.contains("year") : text.contains("keer")
        }
        let hasClap = tokens.contains { $0.kind == .emoji && $0.normal == "👏" }
        let hasRepeat = cues.contains { $0.name == "repeat" }
        let praisesTrouble = !triggered && praiseIntroducesTrouble(contributions, tokens: tokens, infos: infos)
        // Most praise has none of the weaker signs: then the closer reading below is not needed.
        let mayBeIronic = openedOnTrouble || hasClap || hasRepeat || praisesTrouble
            || infos.contains { ($0?.marks ?? 0) & WordInfo.ironyMarker != 0 }
        if !triggered && mayBeIronic {
            var hasMarker = hasRepeat
            var praiseHoor = false, opensOnPraiseHoor = false, hasNegator = false, resolved = false
            var contrastSentence = -1, praiseAfterContrast = false
            var sentence = 0
            let praisedAt = Set(contributions.filter { $0.weight > 0 }.map(\.tokenIndex))
            for (index, token) in tokens.enumerated() {
                let word = token.normal
                let marks = infos[index]?.marks ?? 0
                // A negation that makes praise ("geen probleem", "niet slecht") tells of no problem.
                if marks & WordInfo.negator != 0, !praisedAt.contains(where: { $0 >= index && $0 <= index + 4 }) { hasNegator = true }
                if tellsOfAFix(tokens, infos: infos, at: index) { resolved = true }
                if token.kind == .clauseEnd { sentence += 1 }
                // "Vlucht geannuleerd, maar de stewardess was top": praise after "maar" in its sentence is meant.
                if word == "maar" || word == "but" { contrastSentence = sentence }
                // Applause after it is not ("… maar niks ontvangen 👏👏").
                if contrastSentence == sentence && praisedAt.contains(index) && word != "👏" { praiseAfterContrast = true }
                // "Zo los je dat op": the separable verb.
                if word == "los" || word == "lost" || word == "losten",
                    tokens[(index + 1)...].prefix(5).contains(where: { $0.normal == "op" }) { resolved = true }
                guard marks & WordInfo.ironyMarker != 0 else { continue }
                let previous = index > 0 ? tokens[index - 1].normal : ""
                if word == "weer" {
                    // "alles werkt weer", "het doet het weer", "top dat lijn 300 weer elk kwartier rijdt": working
                    // again is no irony.
                    if ["werkte", "het", "alles"].contains(previous) || Self.runningVerbs.contains(previous)
                        || runsAgain(tokens, infos: infos, after: index)
                    {
                        resolved = true
                        continue
                    }
                    // "weer een fijne vlucht": good, again.
                    let next = index + 1 < tokens.count && tokens[index + 1].normal == "een" ? index + 2 : index + 1
                    if praisedAt.contains(next) { continue }
                }
                // "Goed geregeld hoor": the praise may be an expression that ends before "hoor".
                if word == "hoor", index > 0,
                    Self.isIronicPraise(previous) || praisedAt.contains(index - 1) || praiseEnds(contributions, before: tokens[index], in: text)
                {
                    praiseHoor = true
                    // "Fijn hoor, Arriva. Bus naar Maastricht rijdt gewoon niet": a message that opens on
                    // praise and "hoor" and goes on is ironic (every one of the kind in the labelled sets is),
                    // unless it thanks ("Top hoor, dank je wel!").
                    if index <= 3, index + 3 < tokens.count, !tokens.contains(where: { Self.thanks.contains($0.normal) }) { opensOnPraiseHoor = true }
                }
                hasMarker = true
            }
            let granted = resolved || praiseAfterContrast
            triggered = !granted
                && ((hasMarker || hasClap) && (hasNegative || hasWaitOrThreat) || praiseHoor && (hasClap || hasNegator || opensOnPraiseHoor)
                    || openedOnTrouble || praisesTrouble)
        }
        guard triggered else { return }
        for index in contributions.indices where contributions[index].weight > 0 {
            let word = tokens[contributions[index].tokenIndex].normal
            // Real praise for a person survives: only the stock words of irony flip, and any word that
            // "hoor" follows ("Klantvriendelijk hoor.").
            let position = contributions[index].tokenIndex
            if hasEyeRoll || Self.isIronicPraise(word) || position + 1 < tokens.count && tokens[position + 1].normal == "hoor" {
                contributions[index].weight = -abs(contributions[index].weight) * 0.9
            }
        }
    }
}
