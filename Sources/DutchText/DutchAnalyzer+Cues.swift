struct FoundCue: Sendable {
    var name: String
    var text: String
    var weight: Double
    var start: Int
    var end: Int
}

extension DutchAnalyzer {
    /// Urgency cues by name: repeat contact, duration, churn threat, escalation, vulnerability,
    /// amplification (also tagging media), urgent.
    func findCues(_ tokens: [Token], infos: [WordInfo?], text: String) -> [FoundCue] {
        var found: [FoundCue] = []
        let utf8 = text.utf8
        func offset(_ i: String.Index) -> Int { utf8.distance(from: utf8.startIndex, to: i) }
        func add(_ name: String, _ from: Int, _ to: Int) {
            let range = tokens[from].range.lowerBound..<tokens[to].range.upperBound
            found.append(
                FoundCue(
                    name: name, text: String(text[range]), weight: CueRules.cueWeights[name] ?? 0.3,
                    start: offset(range.lowerBound), end: offset(range.upperBound)))
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .mention, CueRules.mediaHandles.contains(token.normal) {
                add("amplification", index, index)
                index += 1
                continue
            }
            if token.kind == .hashtag, token.normal.hasPrefix("#nooitmeer") || token.normal.hasPrefix("#nooitweer") {
                add("churn_threat", index, index)
                index += 1
                continue
            }
            let marks = infos[index]?.marks ?? 0
            // "Vertrek 07:12 volgens het bord. Het is nu 07:41.": the clock tells the wait.
            if token.kind == .number, let start = CueRules.clockWaitStart(tokens, at: index) {
                add("duration", start, index)
                index += 1
                continue
            }
            // "Dag 4 zonder verwarming.", "dag 6 van 'uw pakket ligt in het depot'": the customer counts the days.
            if token.kind == .number, CueRules.countsDays(tokens, at: index) {
                add("duration", index - 1, index)
                index += 1
                continue
            }
            if token.kind == .number || marks & (WordInfo.amount | WordInfo.ordinal) != 0 {
                // "3 uur in de wacht", "6 weken wachten", "een uur lang", "4 dagen zonder internet".
                if marks & WordInfo.ordinal == 0, let end = CueRules.waitEnd(tokens, amountAt: index) {
                    // "Ik wil voorkomen dat ik drie maanden zonder inkomen zit": a wait the customer heads off.
                    if !CueRules.isAverted(tokens, before: index) { add("duration", index, end) }
                    index = end + 1
                    continue
                }
                // "drie keer gebeld", "de derde storing deze week", "de 3e storing deze week" (read as
                // "3", "e", …: the ordinal's suffix is a word of its own).
                let suffixed = token.kind == .number && index + 1 < tokens.count && ["e", "de", "ste"].contains(tokens[index + 1].normal)
                    && tokens[index + 1].range.lowerBound == token.range.upperBound
                let ordinal = marks & WordInfo.ordinal != 0 || suffixed
                if let end = CueRules.repeatEnd(tokens, at: suffixed ? index + 1 : index, ordinal: ordinal) {
                    add("repeat", index, end)
                    index = end + 1
                    continue
                }
            }
            // Numbers too: "2e keer".
            guard token.kind == .word || token.kind == .number else {
                index += 1
                continue
            }
            // "Nooit. Meer.": the threat spelt out word by word.
            // The vocabulary first: only a word with cue rules is compared at all.
            if infos[index]?.cues.isEmpty == false, token.normal == "nooit", index + 2 < tokens.count, tokens[index + 1].normal == ".",
                tokens[index + 2].normal == "meer"
            {
                add("churn_threat", index, index + 2)
                index += 3
                continue
            }
            if let rules = infos[index]?.cues, !rules.isEmpty, let rule = rules.first(where: { matches($0.words, tokens, at: index) }) {
                // "aan de kassa" is the till, not the consumer programme.
                if rule.words == ["kassa"], index > 0, ["de", "het", "aan", "bij", "een", "zelfscan"].contains(tokens[index - 1].normal) {
                    index += 1
                    continue
                }
                // "RT" counts only as a retweet marker at the start, not as a word in a sentence.
                if rule.words == ["rt"], index > 0 {
                    index += 1
                    continue
                }
                // "Nog steeds als nieuw", "nog altijd prima": lasting good is no repeated trouble.
                if rule.cue == "repeat", rule.words == ["nog", "steeds"] || rule.words == ["nog", "altijd"] || rule.words == ["still"],
                    stillGood(tokens, infos: infos, after: index + rule.words.count)
                {
                    index += rule.words.count
                    continue
                }
                // "Can I still change the name on my ticket?" asks whether there is time left, and "are the
                // classes still on that day?" whether nothing changed.
                if rule.words == ["still"], index >= 2 && CueRules.englishModals.contains(tokens[index - 2].normal) || asksWhetherStill(tokens, infos: infos, at: index) {
                    index += 1
                    continue
                }
                // "Nogmaals dank", "nogmaals bedankt": thanking twice is no repeated trouble.
                if rule.cue == "repeat", rule.words == ["nogmaals"] || rule.words == ["again"], index + 1 < tokens.count,
                    DutchAnalyzer.plainThanks.contains(tokens[index + 1].normal) || tokens[index + 1].normal == "hartelijk"
                {
                    index += 1
                    continue
                }
                // "Kan ik per maand opzeggen?" asks how; "Waarom zou ik niet overstappen?" still threatens.
                // "Ik wil opzeggen omdat ik ga verhuizen. Wat is de opzegtermijn?" asks about the notice.
                if rule.cue == "churn_threat", rule.words.count == 1,
                    asksHow(tokens, at: index)
                        || tokens.contains(where: { $0.normal == "opzegtermijn" }) && tokens.contains(where: { $0.normal == "?" })
                {
                    index += 1
                    continue
                }
                // "Zeker niet de laatste keer dat we hier komen" promises to come back.
                if rule.words == ["laatste", "keer"], index >= 2, tokens[index - 2].normal == "niet", tokens[index - 1].normal == "de" {
                    index += 2
                    continue
                }
                add(rule.cue, index, index + rule.words.count - 1)
                index += rule.words.count
                continue
            }
            // Durations: "al 3 weken", "al drie weken", "sinds maandag", "wacht al twee dagen".
            if marks & WordInfo.durationStart != 0 {
                var cursor = index + 1
                var sawAmount = false
                while cursor < tokens.count, cursor <= index + 3 {
                    let next = tokens[cursor]
                    if next.kind == .number || CueRules.numberWords.contains(next.normal) {
                        sawAmount = true
                    } else if CueRules.durationUnits.contains(next.normal), sawAmount || next.normal.hasSuffix("en"),
                        cursor + 1 >= tokens.count || !CueRules.noWaitAfter.contains(tokens[cursor + 1].normal),
                        // "Al vier jaar bij @Youfone en nog nooit een storing": years with a company are loyalty.
                        cursor + 1 >= tokens.count || tokens[cursor + 1].normal != "bij" || !CueRules.years.contains(next.normal)
                    {
                        add("duration", index, cursor)
                        index = cursor
                        break
                    } else if token.normal == "sinds", CueRules.weekdays.contains(next.normal),
                        // "Sinds gisteren klant": a new customer, no wait.
                        cursor + 1 >= tokens.count || !CueRules.noWaitAfter.contains(tokens[cursor + 1].normal)
                    {
                        add("duration", index, cursor)
                        index = cursor
                        break
                    } else if next.kind != .word {
                        break
                    }
                    cursor += 1
                }
            }
            index += 1
        }
        return found
    }

    /// Whether the sentence around `index` ends in "?" and opens (within its first three words) with a
    /// question word other than "waarom": "Hoi, kan ik … opzeggen?", "Moet ik eerst opzeggen?".
    func asksHow(_ tokens: [Token], at index: Int) -> Bool {
        guard endsInQuestion(tokens, at: index) else { return false }
        // "Klein vraagje: kan ik …?": the question starts after a colon.
        let start = sentenceStart(tokens, before: index)
        // "als ik overstap …, moet ik dan zelf opzeggen?" supposes, and asks.
        if tokens[start..<index].contains(where: { $0.normal == "als" || $0.normal == "if" }) { return true }
        var words = 0
        for token in tokens[start..<index] where token.kind == .word {
            if Self.questionStarters.contains(token.normal) { return !Self.whyWords.contains(token.normal) }
            words += 1
            if words == 3 { break }
        }
        return false
    }

    /// Whether the sentence around `index` ends in "?".
    func endsInQuestion(_ tokens: [Token], at index: Int) -> Bool {
        var end = index + 1
        while end < tokens.count, tokens[end].kind != .clauseEnd { end += 1 }
        return end < tokens.count && tokens[end].normal == "?"
    }

    /// Where the sentence (or the part after its colon) around `index` starts.
    func sentenceStart(_ tokens: [Token], before index: Int) -> Int {
        var start = index
        while start > 0, tokens[start - 1].kind != .clauseEnd, tokens[start - 1].normal != ":" { start -= 1 }
        return start
    }

    /// "Is the shop still open on Sunday?", "Hi there, are the classes still on?": an English question
    /// opening with its verb asks whether nothing changed. Not "Is it still not fixed?", "… still broken?".
    func asksWhetherStill(_ tokens: [Token], infos: [WordInfo?], at index: Int) -> Bool {
        guard endsInQuestion(tokens, at: index) else { return false }
        if index + 1 < tokens.count {
            let next = infos[index + 1]
            if (next?.marks ?? 0) & WordInfo.negator != 0 || CueRules.englishNegations.contains(tokens[index + 1].normal)
                || (next?.english?.polarity ?? 0) < 0
            {
                return false
            }
        }
        // The verb comes first, after a greeting at most: not "Why is my refund still pending?".
        for token in tokens[sentenceStart(tokens, before: index)..<index] where token.kind == .word {
            if DutchAnalyzer.greetings.contains(token.normal) || token.normal == "there" { continue }
            return CueRules.englishQuestionVerbs.contains(token.normal)
        }
        return false
    }

    /// A positive word within the next three, before any negation: "nog steeds (als) prima".
    func stillGood(_ tokens: [Token], infos: [WordInfo?], after start: Int) -> Bool {
        for index in start..<min(start + 3, tokens.count) {
            guard tokens[index].kind == .word else { return false }
            let info = infos[index]
            if (info?.marks ?? 0) & WordInfo.negator != 0 { return false }
            if let polarity = info?.dutch?.polarity ?? info?.english?.polarity, polarity > 0 { return true }
        }
        return false
    }
}

extension DutchAnalyzer {
    static let payingBack: Set<String> = ["terugbetalen", "terugbetaald", "terugstorten", "terugbetaal"]
    static let mustWords: Set<String> = ["moet", "moeten", "moest", "moesten"]
    static let payerWords: Set<String> = ["ik", "we", "wij"]

    /// Whether the word at `index` is the customer paying back: "moet ik … terugbetalen", "we moeten
    /// het terugbetalen"; "jullie moeten mij terugbetalen" is the refund it usually is.
    static func customerPaysBack(_ tokens: [Token], at index: Int) -> Bool {
        guard payingBack.contains(tokens[index].normal) else { return false }
        var cursor = index - 1
        while cursor > 0, cursor >= index - 8, tokens[cursor].kind != .clauseEnd, tokens[cursor].normal != "," {
            let (first, second) = (tokens[cursor - 1].normal, tokens[cursor].normal)
            if mustWords.contains(first) && payerWords.contains(second) || payerWords.contains(first) && mustWords.contains(second) {
                return true
            }
            cursor -= 1
        }
        return false
    }
}

/// The taxonomy's keywords, indexed by word, by stem and by first word of a phrase.
struct TopicIndex: Sendable {
    struct Hit: Sendable {
        var topic: String
        var text: String
        var start: Int
        var end: Int
    }

    var order: [String] = []
    var byWord: [String: [String]] = [:]
    var byStem: [String: [String]] = [:]
    var phrases: [String: [(words: [String], topic: String)]] = [:]
    var heads = CompoundHeads<[String]>()

    init(taxonomy: Taxonomy, stemmer: DutchStemmer) {
        var heads: [String: [String]] = [:]
        for topic in taxonomy.topics {
            order.append(topic.name)
            for keyword in topic.keywords {
                let words = Lexicon.normalisedWords(keyword)
                guard let first = words.first else { continue }
                if words.count == 1 {
                    byWord[first, default: []].append(topic.name)
                    if first.utf8.count >= 4 { byStem[stemmer.stem(first), default: []].append(topic.name) }
                    heads[first, default: []].append(topic.name)
                } else {
                    phrases[first, default: []].append((words, topic.name))
                }
            }
        }
        for (head, topics) in heads { self.heads.insert(head, topics) }
        for key in phrases.keys { phrases[key]?.sort { $0.words.count > $1.words.count } }
        for key in Set(byWord.keys).union(phrases.keys) { known[key] = Known(topics: byWord[key] ?? [], phrases: phrases[key] ?? []) }
    }

    /// Words and phrase starts together: one look-up per token.
    struct Known: Sendable {
        var topics: [String]
        var phrases: [(words: [String], topic: String)]
    }
    var known: [String: Known] = [:]

    func match(_ tokens: [Token], infos: [WordInfo?], stems: LazyStems, text: String) -> (names: [String], hits: [Hit]) {
        // A message names a handful of topics at most: a list is cheaper than a dictionary.
        var counts: [(topic: String, count: Int)] = []
        var hits: [Hit] = []
        let utf8 = text.utf8
        func offset(_ i: String.Index) -> Int { utf8.distance(from: utf8.startIndex, to: i) }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word else {
                index += 1
                continue
            }
            var topics: [String] = []
            var length = 1
            let entry = infos[index]?.topic
            if let candidates = entry?.phrases, !candidates.isEmpty,
                let phrase = candidates.first(where: { candidate in
                    index + candidate.words.count <= tokens.count
                        && candidate.words.enumerated().allSatisfy { tokens[index + $0.offset].normal == $0.element }
                })
            {
                topics = [phrase.topic]
                length = phrase.words.count
            } else if let direct = entry?.topics, !direct.isEmpty {
                topics = direct
            } else if entry == nil, let stem = stems[index], stem.utf8.count >= 5, let byStem = byStem[stem] {
                topics = byStem
            } else if entry == nil, let head = heads.head(of: token.normal) {
                // Compounds: "treinvertraging" → vertraging, "pakketbezorger" → bezorger.
                topics = head.value
            }
            // "moet ik €2.310 huurtoeslag terugbetalen": the customer pays back, a payment of theirs.
            if topics.count == 1, topics[0] == "terugbetaling", DutchAnalyzer.customerPaysBack(tokens, at: index) { topics = ["betaling"] }
            // "Met vriendelijke groet" closes a letter: it says nothing of how anyone was treated.
            if !topics.isEmpty, token.normal == "vriendelijke", index + 1 < tokens.count, tokens[index + 1].normal.hasPrefix("groet") {
                topics = []
            }
            if !topics.isEmpty {
                let last = tokens[index + length - 1]
                for (position, topic) in topics.enumerated() where !topics[..<position].contains(topic) {
                    if let known = counts.firstIndex(where: { $0.topic == topic }) {
                        counts[known].count += 1
                    } else {
                        counts.append((topic, 1))
                    }
                    hits.append(
                        Hit(
                            topic: topic, text: String(text[token.range.lowerBound..<last.range.upperBound]),
                            start: offset(token.range.lowerBound), end: offset(last.range.upperBound)))
                }
            }
            index += length
        }
        guard counts.count > 1 else { return (counts.map(\.topic), hits) }
        let order = order  // not self: the closure would copy the whole index for every sort
        let names = counts.sorted { lhs, rhs in
            lhs.count != rhs.count ? lhs.count > rhs.count : (order.firstIndex(of: lhs.topic) ?? 0) < (order.firstIndex(of: rhs.topic) ?? 0)
        }.prefix(3).map(\.topic)
        return (Array(names), hits)
    }
}
