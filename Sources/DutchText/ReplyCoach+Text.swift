/// The draft as the coach reads it: words with scalar offsets into the ORIGINAL draft, grouped
/// in sentences, with the greeting and the sign-off told apart from the body.

/// One word (or number) of the draft.
struct CoachWord: Sendable {
    var normal: String
    /// Unicode scalar offsets in the original draft, end exclusive.
    var start: Int
    var end: Int
    var isNumber: Bool
    var isShouting: Bool
    var isCapitalised: Bool
    var sentence: Int
}

struct CoachSentence: Sendable {
    enum Role: Sendable { case greeting, body, signOff }
    /// Indices into `CoachText.words`, end exclusive.
    var words: Range<Int>
    var start: Int
    var end: Int
    var isQuestion: Bool
    var exclamations: Int
    var role: Role = .body
}

struct CoachText: Sendable {
    var words: [CoachWord] = []
    var sentences: [CoachSentence] = []
    /// Emoji and emoticons with their offsets (tone).
    var symbols: [(normal: String, start: Int, end: Int)] = []
    /// The draft with HTML tags and entities blanked out; same scalar count as the original.
    var reading: String = ""
    /// Scalar count of the draft.
    var length: Int = 0
    /// Placeholders left in the draft ("{klant}", "[naam]"), found on the reading text.
    var placeholders: [(start: Int, end: Int)] = []
    /// @mentions, lowercased without the @ ("@kimvd" → "kimvd").
    var mentions: [String] = []
    /// Euro amounts ("€ 25", "25 euro") as normalised numbers.
    var amounts: Set<String> = []

    /// Indices of the body sentences, set once the roles are known.
    var bodySentences: [Int] = []

    func text(_ sentence: CoachSentence) -> String { slice(sentence.start, sentence.end) }

    /// The original-draft text between two word indices (inclusive of both words).
    func span(words first: Int, _ last: Int) -> (Int, Int) { (words[first].start, words[last].end) }

    func slice(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        let scalars = readingScalars
        let lower = max(0, min(start, scalars.count)), upper = max(lower, min(end, scalars.count))
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

    var readingScalars: [Unicode.Scalar] = []

    static let greetingWords: Set<String> = [
        "beste", "hoi", "hallo", "hey", "hee", "hi", "dag", "goedemorgen", "goedemiddag", "goedenavond", "geachte", "lieve",
        "hello", "dear", "morning", "hai", "heya", "goeiemorgen", "goeiemiddag", "goedendag", "moi", "hoihoi",
    ]
    static let signOffWords: Set<String> = [
        "groet", "groeten", "groetjes", "gr", "mvg", "vriendelijke", "hartelijke", "regards", "cheers", "namens", "team",
        "sincerely", "best", "kind", "warm", "fijne", "fijn", "prettige", "prettig", "goede", "nice", "enjoy", "liefs",
    ]

    init(_ draft: String, tokenizer: Tokenizer) {
        // 1. Blank HTML tags and entities so they are not read, keeping every offset.
        var scalars = Array(draft.unicodeScalars)
        length = scalars.count
        // Most drafts have no markup: then the draft itself is the reading text (no copy).
        if Self.maskMarkup(&scalars) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            reading = String(view)
        } else {
            reading = draft
        }
        readingScalars = scalars
        placeholders = Self.findPlaceholders(scalars)

        // 2. Tokens, with scalar offsets computed by walking forward once (linear).
        let tokens = tokenizer.tokenize(reading)
        let readingScalarsView = reading.unicodeScalars
        var cursorIndex = readingScalarsView.startIndex
        var cursorOffset = 0
        func offset(_ index: String.Index) -> Int {
            if index >= cursorIndex {
                cursorOffset += readingScalarsView.distance(from: cursorIndex, to: index)
            } else {
                cursorOffset -= readingScalarsView.distance(from: index, to: cursorIndex)
            }
            cursorIndex = index
            return cursorOffset
        }

        var sentenceStartWord = 0
        var sentenceStart = -1
        var sentenceEnd = 0
        var lastWasEuro = false
        func closeSentence(question: Bool, exclamations: Int) {
            if words.count > sentenceStartWord {
                sentences.append(
                    CoachSentence(
                        words: sentenceStartWord..<words.count, start: max(0, sentenceStart), end: sentenceEnd,
                        isQuestion: question, exclamations: exclamations))
            }
            sentenceStartWord = words.count
            sentenceStart = -1
        }
        var exclamations = 0
        for token in tokens {
            let start = offset(token.range.lowerBound)
            let end = offset(token.range.upperBound)
            switch token.kind {
            case .word, .number:
                if sentenceStart < 0 { sentenceStart = start }
                sentenceEnd = end
                let first = token.range.lowerBound < reading.endIndex ? reading.unicodeScalars[token.range.lowerBound] : " "
                let capitalised = Tokenizer.isUpper(first)
                // "zo'n", "da's": one token, several words.
                let parts = token.normal.utf8.contains(0x20) ? token.normal.split(separator: " ").map(String.init) : [token.normal]
                for part in parts {
                    words.append(
                        CoachWord(
                            normal: part, start: start, end: end, isNumber: token.kind == .number, isShouting: token.isShouting,
                            isCapitalised: capitalised, sentence: sentences.count))
                }
                if token.kind == .number {
                    if lastWasEuro { amounts.insert(Self.normaliseAmount(token.normal)) }
                } else if (token.normal == "euro" || token.normal == "eur"), words.count >= 2, words[words.count - 2].isNumber {
                    amounts.insert(Self.normaliseAmount(words[words.count - 2].normal))
                }
                lastWasEuro = false
            case .clauseEnd:
                lastWasEuro = false
                if words.count > sentenceStartWord {
                    sentenceEnd = max(sentenceEnd, end)
                    if token.normal == "!" { exclamations += 1 }
                    closeSentence(question: token.normal == "?", exclamations: exclamations)
                    exclamations = 0
                } else if let last = sentences.indices.last, token.normal != "\n", sentences[last].end >= start - 1 {
                    // "Echt?!": the marks after a closed sentence still belong to it.
                    sentences[last].end = end
                    if token.normal == "!" { sentences[last].exclamations += 1 }
                    if token.normal == "?" { sentences[last].isQuestion = true }
                }
            case .emoji, .emoticon:
                symbols.append((token.normal, start, end))
                lastWasEuro = false
            case .mention:
                mentions.append(String(token.normal.dropFirst()))
                lastWasEuro = false
            default:
                lastWasEuro = token.normal == "€"
                if sentenceStart >= 0 { sentenceEnd = end }
            }
        }
        closeSentence(question: false, exclamations: exclamations)
        assignRoles()
        bodySentences = sentences.indices.filter { sentences[$0].role == .body }
    }

    /// "25,00", "25.-", "25" all read as 25.
    static func normaliseAmount(_ raw: String) -> String {
        // Byte-wise: this runs for every number in both texts.
        var bytes = Array(raw.utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: ",") { bytes[index] = UInt8(ascii: ".") }
        if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot + 1 < bytes.count, bytes[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) {
            bytes.removeSubrange(dot...)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Greeting at the start ("Beste meneer De Vries,", "Hoi Jan"), sign-off at the end.
    /// Words of a closing formula on its own line ("Met vriendelijke groet", "Groeten", "Hoogachtend").
    static let closingWords: Set<String> = ["groet", "groeten", "groetjes", "hoogachtend", "regards", "mvg"]

    mutating func assignRoles() {
        guard !sentences.isEmpty else { return }
        // Greeting: the first sentence starts with a greeting word; it runs to the first comma,
        // or is the whole sentence when short.
        let first = sentences[0]
        if let firstWord = words[safe: first.words.lowerBound], Self.greetingWords.contains(firstWord.normal) {
            let commaEnd = Self.firstComma(in: readingScalars, from: first.start, to: first.end)
            // "Hoi, sorry!": a short first sentence still apologises after the greeting's comma.
            let bodyAfterComma = commaEnd.map { end in
                first.words.contains { words[$0].start >= end && ["sorry", "excuses", "excuus", "spijt"].contains(words[$0].normal) }
            } ?? false
            if first.words.count <= 5 && !bodyAfterComma {
                sentences[0].role = .greeting
            } else if let commaEnd, commaEnd - first.start < 60 {
                // Split: the greeting up to the comma, the rest is the first body sentence.
                var bodyWord = first.words.lowerBound
                while bodyWord < first.words.upperBound, words[bodyWord].start < commaEnd { bodyWord += 1 }
                if bodyWord < first.words.upperBound, bodyWord > first.words.lowerBound {
                    let greeting = CoachSentence(
                        words: first.words.lowerBound..<bodyWord, start: first.start, end: commaEnd, isQuestion: false,
                        exclamations: 0, role: .greeting)
                    var body = first
                    body.words = bodyWord..<first.words.upperBound
                    body.start = words[bodyWord].start
                    sentences.insert(greeting, at: 0)
                    sentences[1] = body
                    for index in sentences[1].words { words[index].sentence = 1 }
                    for index in 2..<sentences.count { for word in sentences[index].words { words[word].sentence = index } }
                } else {
                    sentences[0].role = .greeting
                }
            } else {
                // "Hoi Jan wat vervelend…": greeting word and the capitalised name after it.
                var bodyWord = first.words.lowerBound + 1
                while bodyWord < first.words.upperBound, bodyWord - first.words.lowerBound < 4, words[bodyWord].isCapitalised { bodyWord += 1 }
                if bodyWord < first.words.upperBound {
                    let greeting = CoachSentence(
                        words: first.words.lowerBound..<bodyWord, start: first.start, end: words[bodyWord - 1].end,
                        isQuestion: false, exclamations: 0, role: .greeting)
                    var body = first
                    body.words = bodyWord..<first.words.upperBound
                    body.start = words[bodyWord].start
                    sentences.insert(greeting, at: 0)
                    sentences[1] = body
                    for index in 1..<sentences.count { for word in sentences[index].words { words[word].sentence = index } }
                }
            }
        }
        // A closing formula ("Met vriendelijke groet,") near the end: it and every line under it
        // (name, job title, company — "Front Office Manager, Hotel De Wadden") are the signature.
        var closing = sentences.count - 1
        while closing > 0, sentences.count - 1 - closing < 4 {
            let sentence = sentences[closing]
            if sentence.role == .body, !sentence.isQuestion, sentence.words.count <= 4,
                sentence.words.contains(where: { Self.closingWords.contains(words[$0].normal) })
            {
                for later in closing..<sentences.count where sentences[later].role == .body && !sentences[later].isQuestion
                    && sentences[later].words.count <= 8 {
                    sentences[later].role = .signOff
                }
                break
            }
            closing -= 1
        }
        // Sign-off: up to three short closing lines at the end.
        var index = sentences.count - 1
        var marked = 0
        while index > 0, marked < 3 {
            let sentence = sentences[index]
            guard sentence.role == .body else { break }
            let count = sentence.words.count
            let normals = sentence.words.map { words[$0].normal }
            let caret = sentence.start > 0 && readingScalars[safe: sentence.start - 1] == "^"
            let signOffWord = normals.contains(where: { Self.signOffWords.contains($0) })
            // "Sanne", "Femke Smits Energie Klantenservice": capitalised words only, no function words.
            let nameLine = count <= 5 && !sentence.isQuestion && sentence.exclamations == 0
                && sentence.words.allSatisfy { words[$0].isCapitalised || words[$0].isNumber }
                && !normals.contains(where: { LanguageDetector.dutch.contains($0) || LanguageDetector.english.contains($0) })
            if (signOffWord && count <= 7 && !sentence.isQuestion) || caret || nameLine || (count <= 2 && normals.allSatisfy({ $0.count <= 3 }) && index == sentences.count - 1 && !sentence.isQuestion) {
                sentences[index].role = .signOff
                marked += 1
                index -= 1
            } else {
                break
            }
        }
    }

    static func firstComma(in scalars: [Unicode.Scalar], from: Int, to: Int) -> Int? {
        var index = from
        while index < min(to, scalars.count) {
            if scalars[index] == "," { return index + 1 }
            index += 1
        }
        return nil
    }

    static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "blockquote", "hr"]

    /// Replaces `<tag …>` and `&entity;` with spaces (a line break for block tags) in place.
    @discardableResult
    static func maskMarkup(_ scalars: inout [Unicode.Scalar]) -> Bool {
        var changed = false
        var index = 0
        let count = scalars.count
        while index < count {
            let c = scalars[index]
            if c == "<", index + 1 < count, Tokenizer.isLetter(scalars[index + 1]) || scalars[index + 1] == "/" || scalars[index + 1] == "!" {
                // A tag ends at '>' within a bounded distance; otherwise it is just a '<'.
                var end = index + 1
                while end < count, end - index < 400, scalars[end] != ">", scalars[end] != "<" { end += 1 }
                if end < count, scalars[end] == ">" {
                    var name = ""
                    var k = index + 1
                    if k < count, scalars[k] == "/" { k += 1 }
                    while k < end, Tokenizer.isLetter(scalars[k]) || ("0"..."9").contains(scalars[k]) {
                        name.unicodeScalars.append(Tokenizer.fold(scalars[k]))
                        k += 1
                    }
                    let block = blockTags.contains(name.lowercased())
                    changed = true
                    for position in index...end { scalars[position] = " " }
                    if block { scalars[index] = "\n" }
                    index = end + 1
                    continue
                }
            } else if c == "&" {
                var end = index + 1
                while end < count, end - index < 10, Tokenizer.isLetter(scalars[end]) || scalars[end] == "#" || ("0"..."9").contains(scalars[end]) { end += 1 }
                if end < count, scalars[end] == ";", end > index + 1 {
                    let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                    let replacement: Unicode.Scalar = switch name {
                    case "amp": "&"
                    case "euro": "€"
                    case "quot": "\""
                    default: " "
                    }
                    changed = true
                    for position in index...end { scalars[position] = " " }
                    scalars[index] = replacement
                    index = end + 1
                    continue
                }
            }
            index += 1
        }
        return changed
    }

    /// "{klant}", "[naam]", "{{order}}", "<<naam>>", "XXX": a template not filled in.
    static func findPlaceholders(_ scalars: [Unicode.Scalar]) -> [(start: Int, end: Int)] {
        var found: [(Int, Int)] = []
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            if c == "{" || c == "[" {
                let close: Unicode.Scalar = c == "{" ? "}" : "]"
                var end = index + 1
                while end < scalars.count, end - index < 60, scalars[end] != close, scalars[end] != "\n" { end += 1 }
                if end < scalars.count, scalars[end] == close, end > index + 1 {
                    found.append((index, end + 1))
                    index = end + 1
                    continue
                }
            } else if c == "X", index + 2 < scalars.count, scalars[index + 1] == "X", scalars[index + 2] == "X",
                index == 0 || !Tokenizer.isLetter(scalars[index - 1])
            {
                found.append((index, index + 3))
                index += 3
                continue
            }
            index += 1
        }
        return found
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { index >= 0 && index < count ? self[index] : nil }
}

// MARK: - Phrase patterns

/// A phrase like "u|je had _3 moeten": alternatives with '|', a prefix with a trailing '*',
/// '_N' skips up to N words (default 3), '#' is any number or number word. Words are compared
/// as integer ids (one hash per draft word, not one per comparison).
struct PhrasePattern: Sendable {
    enum Element: Sendable {
        case words([Int32])
        case prefixes([String])
        /// Compound heads: "*voorwaarden" matches "leveringsvoorwaarden".
        case suffixes([String])
        case gap(Int)
        case number
    }
    var elements: [Element]
    var cue: Cue
    var firstWords: [String]?

    static let numberWords: Set<String> = [
        "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "half",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "24", "48", "paar", "a", "an", "few",
    ]

    init(_ text: String, cue: Cue, ids: inout [String: Int32]) {
        self.cue = cue
        var first: [String]?
        var elements: [Element] = []
        for raw in text.split(separator: " ") {
            let part = String(raw)
            if part == "#" {
                elements.append(.number)
                continue
            }
            if part.hasPrefix("_") {
                elements.append(.gap(Int(part.dropFirst()) ?? 3))
                continue
            }
            let options = part.split(separator: "|").map(String.init)
            if options.contains(where: { $0.hasPrefix("*") }) {
                elements.append(.suffixes(options.map { $0.hasPrefix("*") ? String($0.dropFirst()) : $0 }))
                continue
            }
            if options.contains(where: { $0.hasSuffix("*") }) {
                elements.append(.prefixes(options.map { $0.hasSuffix("*") ? String($0.dropLast()) : $0 }))
                continue
            }
            if elements.isEmpty { first = options }
            var list: [Int32] = []
            for option in options {
                if let id = ids[option] {
                    list.append(id)
                } else {
                    let id = Int32(ids.count)
                    ids[option] = id
                    list.append(id)
                }
            }
            elements.append(.words(list))
        }
        self.elements = elements
        self.firstWords = first
    }

    @inline(__always) func accepts(_ element: Element, _ word: CoachWord, _ id: Int32) -> Bool {
        switch element {
        case .words(let list): id >= 0 && list.contains(id)
        case .prefixes(let list): list.contains(where: { word.normal.hasPrefix($0) })
        case .suffixes(let list): list.contains(where: { word.normal.hasSuffix($0) })
        case .number: word.isNumber || Self.numberWords.contains(word.normal)
        case .gap: true
        }
    }

    /// The index of the last matched word, when the pattern matches from `start` within `limit`.
    func match(_ words: [CoachWord], _ ids: [Int32], from start: Int, limit: Int) -> Int? {
        func step(_ element: Int, _ position: Int) -> Int? {
            if element == elements.count { return position - 1 }
            if case .gap(let maximum) = elements[element] {
                var skip = 0
                while skip <= maximum, position + skip <= limit {
                    if let end = step(element + 1, position + skip) { return end }
                    skip += 1
                }
                return nil
            }
            guard position < limit, accepts(elements[element], words[position], ids[position]) else { return nil }
            return step(element + 1, position + 1)
        }
        return step(0, start)
    }
}

/// What a phrase is evidence of.
enum Cue: Int, Sendable, CaseIterable {
    case apology, conditional, feelings, but, explanation, defensive, blame, action, vague, investigate, time, check, invitation
    case referral, ownership, template, tone, privateRoute, thanks, dataAsk, negatedAbility, disclaimer, otherParty
    /// "U hoort van ons", "we nemen contact op": vague on its own, a next step once dated.
    case contact
    /// "Ik bel u terug", "we nemen contact met u op", "u hoort nog van ons": a deed for this customer
    /// we commit to, a promise to track even before it has a time.
    case commitment
}

struct CueMatch: Sendable {
    var cue: Cue
    var first: Int
    var last: Int
}

/// Phrases indexed by their first word: each word of the draft is checked against few phrases.
struct PhraseBook: Sendable {
    var ids: [String: Int32] = [:]
    var byFirst: [[PhrasePattern]] = []
    var unindexed: [PhrasePattern] = []

    init(_ entries: [(Cue, [String])]) {
        var patterns: [PhrasePattern] = []
        for (cue, phrases) in entries {
            for phrase in phrases { patterns.append(PhrasePattern(phrase, cue: cue, ids: &ids)) }
        }
        byFirst = Array(repeating: [], count: ids.count)
        for pattern in patterns {
            if let first = pattern.firstWords {
                for word in Set(first) { if let id = ids[word] { byFirst[Int(id)].append(pattern) } }
            } else {
                unindexed.append(pattern)
            }
        }
    }

    /// Every match, per sentence, in one pass over the words (a phrase never crosses a sentence).
    func scan(_ text: CoachText) -> [[CueMatch]] {
        let wordIds = text.words.map { ids[$0.normal] ?? -1 }
        var result = Array(repeating: [CueMatch](), count: text.sentences.count)
        for (index, sentence) in text.sentences.enumerated() {
            let limit = sentence.words.upperBound
            for position in sentence.words {
                let id = wordIds[position]
                if id >= 0 {
                    for pattern in byFirst[Int(id)] {
                        if let last = pattern.match(text.words, wordIds, from: position, limit: limit) {
                            result[index].append(CueMatch(cue: pattern.cue, first: position, last: last))
                        }
                    }
                }
                for pattern in unindexed {
                    if let last = pattern.match(text.words, wordIds, from: position, limit: limit) {
                        result[index].append(CueMatch(cue: pattern.cue, first: position, last: last))
                    }
                }
            }
        }
        return result
    }
}
