import Foundation

/// Reads a Dutch (or English) customer message: sentiment with a score, intent, topics,
/// urgency cues, language, and the evidence for each. Pure and thread-safe.
public struct DutchAnalyzer: Sendable {
    let dutch: Lexicon
    let english: Lexicon
    let stemmer = DutchStemmer()
    let tokenizer = Tokenizer()
    let cues = CueRules()
    let topics: TopicIndex
    let languages = LanguageDetector()
    /// The first four letters of every stem the lexicons and the taxonomy know: a word whose
    /// first four letters are not here cannot match by stem, so it need not be stemmed.
    let stemPrefixes: StemPrefixes
    /// Everything every component knows of a word, so each token costs one hash look-up.
    let vocabulary: [String: WordInfo]

    /// The analyser for a taxonomy, built once per process. Building its vocabulary is the costly part
    /// of starting one (more so in a debug build), and the intake, the reply coach and every app a test
    /// builds would otherwise each build their own.
    public static func shared(taxonomy: Taxonomy = .bundled) -> DutchAnalyzer {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let built = built[taxonomy] { return built }
        let analyzer = DutchAnalyzer(taxonomy: taxonomy)
        built[taxonomy] = analyzer
        return analyzer
    }
    private static let sharedLock = NSLock()
    // Guarded by `sharedLock`.
    nonisolated(unsafe) private static var built: [Taxonomy: DutchAnalyzer] = [:]

    public init(taxonomy: Taxonomy = .bundled, dutch: Lexicon = .dutch, english: Lexicon = .english) {
        self.dutch = dutch
        self.english = english
        self.topics = TopicIndex(taxonomy: taxonomy, stemmer: DutchStemmer())
        self.stemPrefixes = StemPrefixes(stems: Array(dutch.stems.keys) + Array(english.stems.keys) + Array(topics.byStem.keys))
        var vocabulary: [String: WordInfo.Parts] = [:]
        for (word, entry) in dutch.entries { vocabulary[word, default: .init()].dutch = entry }
        for (word, entry) in english.entries { vocabulary[word, default: .init()].english = entry }
        for (word, known) in topics.known { vocabulary[word, default: .init()].topic = known }
        for (word, roles) in Self.wordRoles { vocabulary[word, default: .init()].roles = roles }
        for (word, phrases) in Self.phraseStarts { vocabulary[word, default: .init()].phrases = phrases }
        for (word, vote) in LanguageDetector.votes { vocabulary[word, default: .init()].vote = vote }
        for (word, rules) in cues.byFirstWord { vocabulary[word, default: .init()].cues = rules }
        for word in Self.eyeRolls { vocabulary[word, default: .init()].marks |= WordInfo.eyeRoll }
        for word in Self.markerWords { vocabulary[word, default: .init()].marks |= WordInfo.ironyMarker }
        for word in CueRules.durationStarts { vocabulary[word, default: .init()].marks |= WordInfo.durationStart }
        for word in CueRules.numberWords { vocabulary[word, default: .init()].marks |= WordInfo.amount }
        for word in CueRules.ordinals { vocabulary[word, default: .init()].marks |= WordInfo.ordinal }
        // The lexicons' one-word negators ("niet", "geen", "nooit", "zonder", "never").
        for lexicon in [dutch, english] {
            for (word, entry) in lexicon.entries where entry.modifiers.contains(where: { $0.role == .negator && $0.words.count == 1 }) {
                vocabulary[word, default: .init()].marks |= WordInfo.negator
            }
        }
        for word in Self.resolutionWords { vocabulary[word, default: .init()].marks |= WordInfo.resolution }
        for mark in Self.quoteMarks { vocabulary[mark, default: .init()].marks |= WordInfo.quoteMark }
        for word in Self.failingVerbs { vocabulary[word, default: .init()].marks |= WordInfo.failingVerb }
        for word in Self.ableVerbs { vocabulary[word, default: .init()].marks |= WordInfo.ableVerb }
        for word in Self.awaited { vocabulary[word, default: .init()].marks |= WordInfo.awaited }
        for word in Self.chargedWords { vocabulary[word, default: .init()].marks |= WordInfo.charged }
        for word in Self.neverDone { vocabulary[word, default: .init()].marks |= WordInfo.neverDone }
        vocabulary["ongeluk", default: .init()].marks |= WordInfo.slip
        for word in Self.callNoteOpeners { vocabulary[word, default: .init()].marks |= WordInfo.callNoteOpener }
        for word in Self.complimentOpeners { vocabulary[word, default: .init()].marks |= WordInfo.complimentOpener }
        // A known word's stem is worked out once here rather than in every message that has it.
        for (word, _) in vocabulary where LazyStems.wantsStem(word, prefixes: stemPrefixes) {
            vocabulary[word]?.stem = stemmer.stem(word)
        }
        self.vocabulary = vocabulary.mapValues(WordInfo.init)
    }

    static let complimentOpeners: Set<String> = ["compliment", "complimenten", "complimentje"]
    /// Words that make a question about an outage a grievance: why, how long, when, "terwijl", "hoe moeilijk
    /// kan het zijn".
    static let outageGrievanceWords: Set<String> = ["waarom", "terwijl", "lang", "wanneer", "why", "moeilijk"]
    /// The cues that make a message a complaint whatever its words: a repeat, a wait, a threat to leave or to
    /// escalate.
    static let complaintCues: Set<String> = ["repeat", "duration", "churn_threat", "escalation"]

    func opensWithCompliment(_ tokens: [Token], infos: [WordInfo?]) -> Bool {
        guard let first = tokens.firstIndex(where: { $0.kind == .word }), first + 1 < tokens.count,
            (infos[first]?.marks ?? 0) & WordInfo.complimentOpener != 0,
            ["voor", "aan", "naar"].contains(tokens[first + 1].normal)
        else { return false }
        return !infos.contains { ($0?.marks ?? 0) & (WordInfo.eyeRoll | WordInfo.ironyMarker) != 0 }
    }

    /// The label a score reads as: mild praise is neutral, mild trouble already negative.
    static func sentiment(of score: Double) -> TextAnalysis.Sentiment {
        score >= 0.25 ? .positive : (score <= -0.12 ? .negative : .neutral)
    }

    /// How much each cue leans the sentiment towards negative, once per message.
    static let cueLean: [String: Double] = [
        "churn_threat": -0.5, "escalation": -0.4, "repeat": -0.3, "vulnerability": -0.2, "duration": -0.3, "urgent": -0.2,
    ]

    /// How many evidence items a result carries at most (the strongest).
    static let maximumEvidence = 16

    public func analyse(_ text: String) -> TextAnalysis {
        let tokens = expandHashtags(tokenizer.tokenize(text))
        // One look-up per token; the rare word that a later rule needs ("ongeluk") is noted on the way.
        var infos: [WordInfo?] = []
        infos.reserveCapacity(tokens.count)
        var slip: Int?
        for token in tokens {
            let info = vocabulary[token.normal]
            if let info, info.marks & WordInfo.slip != 0 { slip = infos.count }
            infos.append(info)
        }
        let language = languages.detect(tokens, infos: infos)
        let lexicon = language == "en" ? english : dutch
        let stems = LazyStems(tokens: tokens, infos: infos, stemmer: stemmer, prefixes: stemPrefixes)
        var contributions = sentiment(tokens, infos: infos, stems: stems, lexicon: lexicon, english: language == "en", text: text)
        var foundCues = findCues(tokens, infos: infos, text: text)
        let foundTopics = topics.match(tokens, infos: infos, stems: stems, text: text)
        applySarcasm(&contributions, tokens: tokens, infos: infos, cues: foundCues, text: text)
        let inCallNote = isCallNote(tokens, infos: infos)
        softenClosingThanks(&contributions, tokens: tokens, infos: infos, callNote: inCallNote)
        if let slip { discountOwnSlip(at: slip, &contributions, cues: &foundCues, tokens: tokens, text: text) }

        // Some cues carry feeling even without polar words ("ik stap over naar Odido").
        var sum = contributions.reduce(0) { $0 + $1.weight }
        // Words the lexicon lists as neutral on purpose ("slecht ter been") explain nothing.
        var evidence = contributions.compactMap {
            $0.weight == 0 ? nil : TextAnalysis.Evidence(text: $0.text, weight: $0.weight, kind: "sentiment", start: $0.start, end: $0.end)
        }
        let cueLean = Self.cueLean
        var leaned = Set<String>()
        for cue in foundCues {
            evidence.append(.init(text: cue.text, weight: cue.weight, kind: cue.name, start: cue.start, end: cue.end))
            if let lean = cueLean[cue.name], leaned.insert(cue.name).inserted { sum += lean }
        }
        for hit in foundTopics.hits {
            evidence.append(.init(text: hit.text, weight: 0.1, kind: "topic:" + hit.topic, start: hit.start, end: hit.end))
        }
        // "??" and "?!" are exasperation, not curiosity; so is a question that protests. Not to friends:
        // "@milou_vd … gaan we?? 🎭" can't wait.
        let toFriends = tokens.first?.kind == .mention && tokens.allSatisfy { $0.kind != .mention || Self.isPersonalHandle($0.normal) }
        let exasperated = !toFriends && isExasperated(tokens)
        if exasperated { sum -= 0.25 }
        var score = max(-1, min(1, sum / (abs(sum) + 1.2)))
        let cueNames = Array(Set(foundCues.map(\.name))).sorted()
        let urgency = 1 - cueNames.reduce(1.0) { $0 * (1 - (CueRules.cueWeights[$1] ?? 0.3)) }
        let intensity = contributions.reduce(0) { $0 + abs($1.weight) }
        var shouting = 0.0
        var exclamationCount = 0
        var ratingCandidate: Int?
        for (index, token) in tokens.enumerated() {
            if token.isShouting && token.normal.utf8.count > 3 { shouting = 0.2 }
            if token.kind == .clauseEnd && token.normal == "!" { exclamationCount += 1 }
            if ratingCandidate == nil, token.kind == .emoji || token.kind == .number { ratingCandidate = index }
        }
        let exclamations = min(0.2, Double(exclamationCount) * 0.05)
        let emotion = min(1, intensity / 3 + shouting + exclamations)
        // A thumbs-up is "ok, got it": praise needs a positive word or sign beyond acknowledgements.
        let praised = contributions.contains { $0.weight > 0 && !Self.acknowledgements.contains(tokens[$0.tokenIndex].normal) }
        var (intent, feelingless) = classifyIntent(
            tokens, infos: infos, score: score, praised: praised, exasperated: exasperated,
            insulting: contributions.contains { $0.weight <= -0.6 }, outraged: contributions.contains { $0.weight <= -0.7 },
            toFriends: toFriends, cues: cueNames, topics: foundTopics.names)
        // An auto-reply, spam or a message meant for someone else says nothing of how its writer feels
        // about the company: "Sorry, deze klacht was voor Essent bedoeld" is no complaint's anger. Nor do the
        // problem words of an enclosure or of a question whether there is an outage.
        if feelingless {
            score = 0
            evidence.removeAll { $0.kind == "sentiment" }
        }
        // A practical question during an outage ("alle treinen uitgevallen door de storm. Rijden er bussen?",
        // "ligt de app plat of ligt het aan mij?") asks; its symptoms are no anger. Not with outrage, doubled
        // marks, shouting ("in de app staat NIKS"), an eye-roll, a wait, a repeat or a threat, nor a question
        // why, how long or when, or "terwijl".
        if intent == .question, foundTopics.names.contains("storing"), !exasperated, shouting == 0,
            !infos.contains(where: { ($0?.marks ?? 0) & WordInfo.eyeRoll != 0 }),
            !contributions.contains(where: { $0.weight <= -0.7 }),
            !cueNames.contains(where: Self.complaintCues.contains),
            !tokens.contains(where: { Self.outageGrievanceWords.contains($0.normal) })
        {
            score = max(score, -0.1)
        }
        var sentiment = Self.sentiment(of: score)
        // "Compliment voor uw medewerkster …", "Complimenten aan de chauffeur …": the frame says what the story
        // of the trouble before it is for. Not with a sign of irony ("Complimenten aan de NS, wéér vertraging 🙄"),
        // and a question of its own still wants its answer ("Compliment voor de app! Kan ik er ook mee sparen?").
        if intent != .question, opensWithCompliment(tokens, infos: infos) {
            intent = .compliment
            score = max(score, 0.25)
            sentiment = .positive
        }
        // An agent's note of a call says why the customer called and how they were; the trouble words
        // only tell what the call was about.
        let callNote = inCallNote ? readCallNote(tokens) : nil
        if let note = callNote {
            switch note.purpose {
            case .compliment:
                intent = .compliment
                score = max(score, 0.25)
            case .question where intent == .complaint && !note.demands: intent = .question
            case .notice where intent == .complaint && !note.demands && note.mood != .upset: intent = .other
            default: break
            }
            // A notice ("belt om door te geven …", "Niets meer nodig.") is as calm as a customer the note calls so,
            // unless it is the notice of leaving ("… dat hij per direct opzegt en nooit meer klant wordt").
            switch note.mood {
            case .upset: score = min(score, -0.25)
            case .calm where note.purpose != .compliment, nil where note.purpose == .notice && !cueNames.contains("churn_threat"):
                score = max(-0.1, min(0.1, score))
            default: break
            }
            sentiment = Self.sentiment(of: score)
        }
        // Praise the intent rules found stands where its words weigh little: "Big thanks … refunded everything 🙏".
        // And a complaint told in plain facts is still a customer with a problem: "'Morgen in huis' zei de
        // app. Dat was dinsdag. Het is nu zondag."
        if intent == .compliment && sentiment == .neutral && score > 0 { sentiment = .positive }
        if intent == .complaint && sentiment == .neutral && score <= 0 && callNote?.mood != .calm && callNote?.purpose != .notice {
            sentiment = .negative
        }
        // A review's stars outweigh the words of its story: five stars for the trouble that was put right
        // ("Begon slecht: … Daar kan menige winkel iets van leren. ★★★★☆"), one for the praise that did not
        // save it ("Installatie ging vlot … ★★☆☆☆"). Three stars are left to the words.
        if !feelingless, let candidate = ratingCandidate, let rating = starRating(tokens, from: candidate), rating.stars != 3 {
            let range = tokens[rating.firstToken].range.lowerBound..<tokens[rating.lastToken].range.upperBound
            let utf8 = text.utf8
            let weight = rating.stars >= 4 ? 0.8 : -0.8
            evidence.append(
                .init(
                    text: String(text[range]), weight: weight, kind: "sentiment",
                    start: utf8.distance(from: utf8.startIndex, to: range.lowerBound),
                    end: utf8.distance(from: utf8.startIndex, to: range.upperBound)))
            if rating.stars >= 4 {
                score = max(score, 0.25)
                sentiment = .positive
                if intent == .complaint || intent == .other { intent = .compliment }
            } else {
                score = min(score, -0.25)
                sentiment = .negative
                intent = .complaint
            }
        }
        evidence.sort { abs($0.weight) > abs($1.weight) }
        if evidence.count > Self.maximumEvidence { evidence.removeLast(evidence.count - Self.maximumEvidence) }
        return TextAnalysis(
            language: language, sentiment: sentiment, score: (score * 1000).rounded() / 1000, intent: intent,
            topics: foundTopics.names, urgency: (urgency * 1000).rounded() / 1000, cues: cueNames,
            emotion: (emotion * 1000).rounded() / 1000, evidence: evidence)
    }

    /// Thanks that close a question ("Kan ik … opladen? Merci alvast.", "… night buses? Thanks!") are
    /// politeness, not praise: they weigh as little as "alvast bedankt".
    static let closingThanks: Set<String> = [
        "bedankt", "dank", "dankjewel", "dankuwel", "danku", "merci", "mercikes", "alvast", "thanks", "thank", "thx", "you", "je",
        "u", "wel", "!", ".",
    ]

    func softenClosingThanks(_ contributions: inout [Contribution], tokens: [Token], infos: [WordInfo?], callNote: Bool) {
        guard !contributions.isEmpty else { return }
        // A call note's "klant tevreden" is how the call ended, wherever it stands: "Klant belt: wil weten of …
        // Uitgelegd dat dit kan, klant tevreden."
        if callNote {
            for index in contributions.indices where contributions[index].weight > 0.1 && contributions[index].tokenIndex > 4
                && tokens[contributions[index].tokenIndex - 1].normal == "klant"
            {
                contributions[index].weight = 0.1
            }
        }
        // The last sentence: after the last mark that is followed by more.
        var start = tokens.count
        let earliest = max(0, tokens.count - 7)
        while start > earliest, !(tokens[start - 1].kind == .clauseEnd && start < tokens.count && tokens[start].kind != .clauseEnd) {
            start -= 1
        }
        guard start > earliest else { return }
        // The writer's name may follow: "Could someone explain? Thanks, Priya".
        let politeness = tokens[..<start].contains(where: { $0.normal == "?" })
            && tokens.indices[start...].allSatisfy({ index in
                Self.closingThanks.contains(tokens[index].normal) || tokens[index].kind == .emoji || tokens[index].normal == ","
                    || index == tokens.count - 1 && index > start && tokens[index].kind == .word && infos[index] == nil
            })
        // A call note's last line is how the call ended, not praise: "Klant belt: vraagt of … Uitgelegd.
        // Klant tevreden."
        let callOutcome = tokens[start].normal == "klant" && callNote
        guard politeness || callOutcome else { return }
        for index in contributions.indices where contributions[index].tokenIndex >= start && contributions[index].weight > 0.1 {
            contributions[index].weight = 0.1
        }
    }

    /// "??" and "?!"; and questions that protest rather than ask: "Dus ik moet wéér een dag vrij nemen …?",
    /// "Serieus?", "Heb ik het nou goed begrepen dat …?", "Omgeroepen? Nee hoor." ("Echt?" may be glad surprise).
    func isExasperated(_ tokens: [Token]) -> Bool {
        var opener: Int?
        var words = 0
        for index in tokens.indices {
            let kind = tokens[index].kind
            if kind == .word {
                if opener == nil { opener = index }
                words += 1
            } else if kind == .clauseEnd {
                guard tokens[index].normal == "?" else {
                    opener = nil
                    words = 0
                    continue
                }
                if index + 1 < tokens.count, tokens[index + 1].normal == "?" || tokens[index + 1].normal == "!" { return true }
                // "Omgeroepen? Nee hoor.": a question the writer answers is no question.
                if index + 1 < tokens.count, tokens[index + 1].normal == "nee",
                    index + 2 == tokens.count || ["hoor", "dus", ".", "!"].contains(tokens[index + 2].normal)
                {
                    return true
                }
                if let first = opener {
                    switch tokens[first].normal {
                    case "dus": if words > 2 { return true }
                    case "serieus", "seriously": if words <= 2 { return true }
                    case "heb":
                        let next = tokens[first..<index].filter { $0.kind == .word }.prefix(6).map(\.normal)
                        if next.count == 6, next[1] == "ik", next[2] == "het", next[3] == "nou" || next[3] == "nu", next[4] == "goed",
                            next[5] == "begrepen"
                        {
                            return true
                        }
                    default: break
                    }
                }
                opener = nil
                words = 0
            }
        }
        return false
    }

    /// The customer's own words for themselves: the subject of a slip, or whom a request is for.
    static let firstPerson: Set<String> = ["ik", "mij", "mijn", "m'n", "we", "wij", "zich", "me", "mezelf", "onze", "ons", "i", "my"]
    /// Where the customer's own part of a sentence ends: "… maar jullie rekenen er €15 voor".
    static let otherParty: Set<String> = ["jullie", "u", "you", "maar", "terwijl", "but"]

    /// "Ik heb per ongeluk twee keer betaald. Krijg ik dat terug?": the customer's own slip is no complaint
    /// about the company, so the trouble words and cues of that clause count for nothing. "Jullie hebben per
    /// ongeluk twee keer afgeschreven" is the company's slip, and stays. `word`: where "ongeluk" stands.
    func discountOwnSlip(at word: Int, _ contributions: inout [Contribution], cues: inout [FoundCue], tokens: [Token], text: String) {
        let index = word - 1
        guard index >= 0, tokens[index].normal == "per" else { return }
        var start = index
        while start > 0, tokens[start - 1].kind != .clauseEnd { start -= 1 }
        let before = tokens[start..<index].map(\.normal)
        guard before.contains(where: Self.firstPerson.contains), !before.contains(where: Self.otherParty.contains) else { return }
        var end = index + 2
        while end < tokens.count, tokens[end].kind != .clauseEnd, !Self.otherParty.contains(tokens[end].normal) { end += 1 }
        for i in contributions.indices where contributions[i].weight < 0 && (start..<end).contains(contributions[i].tokenIndex) {
            contributions[i].weight = 0
        }
        let utf8 = text.utf8
        let from = utf8.distance(from: utf8.startIndex, to: tokens[start].range.lowerBound)
        let to = end < tokens.count ? utf8.distance(from: utf8.startIndex, to: tokens[end].range.lowerBound) : utf8.count
        cues.removeAll { $0.start >= from && $0.start < to }
    }

    /// "#nooitmeerNS" reads as "nooit meer ns": camel case, then known words.
    func expandHashtags(_ tokens: [Token]) -> [Token] {
        guard tokens.contains(where: { $0.kind == .hashtag }) else { return tokens }
        var result: [Token] = []
        result.reserveCapacity(tokens.count + 8)
        for token in tokens {
            guard token.kind == .hashtag else {
                result.append(token)
                continue
            }
            result.append(Token(kind: .hashtag, range: token.range, normal: "#" + token.normal.lowercased()))
            for word in HashtagSplitter.split(token.normal, known: { dutch.words[$0] != nil || LanguageDetector.dutch.contains($0) || dutch.modifiers[$0] != nil }) {
                result.append(Token(kind: .word, range: token.range, normal: word))
            }
        }
        return result
    }
}

/// Splits hashtags into words: at capitals first, then greedily at the longest known word.
enum HashtagSplitter {
    static func split(_ tag: String, known: (String) -> Bool) -> [String] {
        var parts: [String] = []
        var current = ""
        for character in tag {
            if character.isUppercase, !current.isEmpty, current.last?.isUppercase == false {
                parts.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        var words: [String] = []
        for part in parts {
            let lower = Tokenizer.normalise(part).0
            words += segment(lower, known: known)
        }
        return words
    }

    static func segment(_ word: String, known: (String) -> Bool) -> [String] {
        let characters = Array(word)
        guard characters.count > 3, characters.count <= 40 else { return [word] }
        var result: [String] = []
        var start = 0
        while start < characters.count {
            var end = characters.count
            var found = false
            while end > start + 1 {
                let candidate = String(characters[start..<end])
                if known(candidate) {
                    result.append(candidate)
                    start = end
                    found = true
                    break
                }
                end -= 1
            }
            if !found {
                // No known word here: keep the rest whole.
                result.append(String(characters[start...]))
                break
            }
        }
        return result
    }
}

/// Stems computed only for the words that miss the lexicon: most words never need one.
final class LazyStems {
    private let tokens: [Token]
    private let infos: [WordInfo?]
    private let stemmer: DutchStemmer
    private let prefixes: StemPrefixes
    /// nil: not worked out yet; .some(nil): the word has no stem.
    private var cache: [String??]

    init(tokens: [Token], infos: [WordInfo?], stemmer: DutchStemmer, prefixes: StemPrefixes) {
        self.tokens = tokens
        self.infos = infos
        self.stemmer = stemmer
        self.prefixes = prefixes
        self.cache = Array(repeating: nil, count: tokens.count)
    }

    subscript(index: Int) -> String? {
        if let known = cache[index] { return known }
        let token = tokens[index]
        let stem: String?
        if token.kind != .word {
            stem = nil
        } else if let info = infos[index] {
            stem = info.stem
        } else {
            stem = Self.wantsStem(token.normal, prefixes: prefixes) ? stemmer.stem(token.normal) : nil
        }
        cache[index] = .some(stem)
        return stem
    }

    /// Short stems collide ("reed" and "redden"): only words of six letters or more get a stem,
    /// for the lexicon and the topics alike; and only words that start like a known stem.
    static func wantsStem(_ word: String, prefixes: StemPrefixes) -> Bool {
        word.utf8.count >= 6 && prefixes.contains(word)
    }
}

/// The first four letters of known stems. Most words are ASCII, and their four letters are four
/// bytes: those are compared as one number, which spares a string and its hash per word.
struct StemPrefixes: Sendable {
    private var ascii = Set<UInt32>()
    private var other = Set<String>()

    init(stems: [String]) {
        for stem in stems where stem.utf8.count >= 4 {
            let prefix = String(stem.prefix(4))
            if let packed = Self.packed(prefix) { ascii.insert(packed) } else { other.insert(prefix) }
        }
    }

    func contains(_ word: String) -> Bool {
        if let packed = Self.packed(word) { return ascii.contains(packed) }
        return other.contains(String(word.prefix(4)))
    }

    /// The first four bytes as one number when they are the first four characters: all ASCII,
    /// and not followed by a non-ASCII scalar that could join the fourth character (a mark).
    static func packed(_ word: String) -> UInt32? {
        var value: UInt32 = 0
        var count = 0
        for byte in word.utf8 {
            if byte >= 0x80 { return nil }
            if count == 4 { break }
            value = value << 8 | UInt32(byte)
            count += 1
        }
        return count == 4 ? value : nil
    }
}

/// What the lexicons, the taxonomy, the intent rules, the language votes and the cue rules know
/// of one word. A class: a message's tokens then share the vocabulary's entry instead of copying
/// it, which would retain and release each of its arrays for every token.
final class WordInfo: Sendable {
    let dutch: Lexicon.Entry?
    let english: Lexicon.Entry?
    let topic: TopicIndex.Known?
    let roles: UInt8
    let phrases: PhraseStarts?
    let vote: UInt8
    let cues: [CueRules.Rule]
    /// Signs of irony (an eye-roll emoji, a marker word such as "hoor" or "alweer"), the words a
    /// duration starts with ("al", "sinds"), amounts and ordinals ("drie", "derde"), negators, words
    /// of a problem put right ("opgelost"), quote marks, verbs a negation after them turns into a failure
    /// ("lukt", "kan"), what a customer waits for ("ontvangen"), what was charged ("afgeschreven"), what a
    /// customer "nooit" did ("afgesloten"), a slip ("per ongeluk"), the first word of a call note ("Klant belt
    /// …") and of a compliment ("Compliment voor …"): one bit each, so no token needs a set look-up.
    let marks: UInt16
    static let eyeRoll: UInt16 = 1, ironyMarker: UInt16 = 2, durationStart: UInt16 = 4, amount: UInt16 = 8, ordinal: UInt16 = 16
    static let negator: UInt16 = 32, resolution: UInt16 = 64, quoteMark: UInt16 = 128
    static let failingVerb: UInt16 = 256, ableVerb: UInt16 = 512, awaited: UInt16 = 1024, charged: UInt16 = 2048
    static let neverDone: UInt16 = 4096, slip: UInt16 = 8192, callNoteOpener: UInt16 = 16384, complimentOpener: UInt16 = 32768
    /// The word's stem when it has one worth looking up (see `LazyStems`).
    let stem: String?

    /// The entry while the vocabulary is being built.
    struct Parts {
        var dutch: Lexicon.Entry?
        var english: Lexicon.Entry?
        var topic: TopicIndex.Known?
        var roles: UInt8 = 0
        var phrases: PhraseStarts?
        var vote: UInt8 = 0
        var cues: [CueRules.Rule] = []
        var marks: UInt16 = 0
        var stem: String?
    }

    init(_ parts: Parts) {
        dutch = parts.dutch
        english = parts.english
        topic = parts.topic
        roles = parts.roles
        phrases = parts.phrases
        vote = parts.vote
        cues = parts.cues
        marks = parts.marks
        stem = parts.stem
    }
}
