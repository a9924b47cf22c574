/// One polar word or expression and what it adds, after negation, intensity and contrast.
struct Contribution: Sendable {
    var text: String
    var weight: Double
    var start: Int
    var end: Int
    var sentence: Int
    var tokenIndex: Int
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
        var intensity = 1.0
        var intensityAge = 0
        var sentence = 0
        var sentenceStart = 0  // index into contributions where the current sentence starts
        var index = 0
        let utf8 = text.utf8
        let isEnglish = english

        func offset(_ i: String.Index) -> Int { utf8.distance(from: utf8.startIndex, to: i) }

        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .clauseEnd:
                negation = nil
                intensity = 1
                if token.normal == "!" {
                    // Exclamation marks raise the feeling of the sentence they end.
                    for k in sentenceStart..<contributions.count { contributions[k].weight *= 1.15 }
                }
                if token.normal != "!" || index + 1 >= tokens.count || tokens[index + 1].normal != "!" {
                    sentence += 1
                    sentenceStart = contributions.count
                }
                index += 1
                continue
            case .punctuation:
                if token.normal == "," || token.normal == ":" || token.normal == "(" || token.normal == ")" { negation = nil }
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
                let modifier = candidates.first(where: { matches($0.words, tokens, at: index) })
            {
                // A polar expression starting with the same word ("geen probleem") wins.
                if let expression = entry?.expressions.first(where: { matches($0.words, tokens, at: index) }),
                    expression.words.count >= modifier.words.count
                {
                    // fall through to expression handling below
                } else {
                    switch modifier.role {
                    case .negator:
                        negation = modifier.factor
                        negationAge = 0
                    case .intensifier:
                        intensity = modifier.factor
                        intensityAge = 0
                    case .diminisher:
                        intensity = modifier.factor
                        intensityAge = 0
                    case .contrast:
                        negation = nil
                        if modifier.factor >= 1 {
                            // What came before in this sentence counts less; what follows, more.
                            for k in sentenceStart..<contributions.count { contributions[k].weight *= 0.5 }
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
                                    end: offset(token.range.upperBound), sentence: sentence, tokenIndex: index))
                        }
                    }
                    index += modifier.words.count
                    continue
                }
            }

            var weight: Double?
            var length = 1
            if token.kind == .word, let expression = entry?.expressions.first(where: { matches($0.words, tokens, at: index) }) {
                weight = expression.weight
                length = expression.words.count
            } else if let value = entry?.polarity {
                weight = value
            } else if token.kind == .word, entry == nil {
                weight = lookupInflected(token, stem: stems[index], lexicon: lexicon)
            }

            if let base = weight {
                var value = base
                if intensityAge < 3 { value *= intensity }
                // Negation reaches the next few words of its clause ("niet echt heel goed"),
                // not a polar word at the far end of a long sentence.
                if let factor = negation, negationAge <= 4 { value *= factor * 0.75 }
                if token.isShouting { value *= 1.25 }
                if token.isElongated { value *= 1.2 }
                let last = tokens[index + length - 1]
                contributions.append(
                    Contribution(
                        text: String(text[token.range.lowerBound..<last.range.upperBound]), weight: max(-2, min(2, value)),
                        start: offset(token.range.lowerBound), end: offset(last.range.upperBound), sentence: sentence,
                        tokenIndex: index))
                if intensityAge >= 0 { intensity = 1 }
            }
            intensityAge += 1
            if intensityAge == 0 { intensityAge = 1 }
            negationAge += length
            index += length
        }
        return contributions
    }

    /// Unlisted inflections and compounds: the stem, then the head of a compound.
    func lookupInflected(_ token: Token, stem: String?, lexicon: Lexicon) -> Double? {
        if token.isElongated {
            let collapsed = Self.collapseDoubles(token.normal)
            if let value = lexicon.words[collapsed] { return value }
        }
        // Short stems collide ("reed" and "redden"): words under six letters have none (LazyStems).
        if let stem, stem.utf8.count >= 5, let value = lexicon.stems[stem] { return value }
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

    func matches(_ words: [String], _ tokens: [Token], at index: Int) -> Bool {
        guard index + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() where tokens[index + offset].normal != word { return false }
        return true
    }

    static let eyeRolls: Set<String> = ["🙄", "🙃", "😒", "😑", "🤦", "🤡", "🥱", "🤬"]
    static let markerWords: Set<String> = [
        "hoor", "weer", "alweer", "wederom", "zoveelste", "not", "jaja", "natuurlijk", "uiteraard", "weeral",
    ]
    static let praise: Set<String> = [
        "top", "geweldig", "super", "fijn", "bedankt", "dank", "dankjewel", "lekker", "perfect", "fantastisch", "goed",
        "mooi", "prachtig", "heerlijk", "knap", "chapeau", "service", "klasse", "briljant", "great", "thanks", "nice", "love",
    ]

    /// "Top service weer 🙄", "Bedankt hoor NS, alweer vertraging": praise that means the opposite.
    func applySarcasm(_ contributions: inout [Contribution], tokens: [Token], infos: [WordInfo?], cues: [FoundCue]) {
        guard contributions.contains(where: { $0.weight > 0 }) else { return }
        let praise = Self.praise
        // The vocabulary marks eye rolls and marker words, so no token needs a look-up of its own.
        let hasEyeRoll = infos.contains { ($0?.marks ?? 0) & WordInfo.eyeRoll != 0 }
        let hasMarker = infos.contains { ($0?.marks ?? 0) & WordInfo.ironyMarker != 0 } || cues.contains { $0.name == "repeat" }
        let hasNegative = contributions.contains { $0.weight < -0.2 }
        let hasClap = tokens.contains { $0.normal == "👏" }
        // "… eten koud, en de chat sluit de sessie. Top." — a lone word of praise after complaints.
        let lastSentence = contributions.map(\.sentence).max() ?? 0
        let closingPraise = hasNegative && contributions.contains {
            $0.sentence == lastSentence && $0.weight > 0 && praise.contains(tokens[$0.tokenIndex].normal)
                && tokens[$0.tokenIndex...].filter({ $0.kind == .word }).count <= 2
        } && contributions.contains { $0.sentence < lastSentence && $0.weight < -0.2 }
        guard hasEyeRoll || (hasMarker && hasNegative) || (hasClap && hasNegative) || closingPraise else { return }
        for index in contributions.indices where contributions[index].weight > 0 {
            let word = tokens[contributions[index].tokenIndex].normal
            // Real praise for a person survives: only the stock words of irony flip.
            if hasEyeRoll || praise.contains(word) {
                contributions[index].weight = -abs(contributions[index].weight) * 0.9
            }
        }
    }
}
