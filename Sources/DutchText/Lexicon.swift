import Foundation

/// The polarity lexicon and the modifier words, loaded once from the bundled TSV files.
public struct Lexicon: Sendable {
    public struct Expression: Sendable {
        public var words: [String]
        public var weight: Double
    }

    public enum ModifierRole: String, Sendable {
        case negator, intensifier, diminisher, contrast
    }

    public struct Modifier: Sendable {
        public var role: ModifierRole
        public var factor: Double
        public var words: [String]
    }

    /// Surface form → weight in -1…1.
    public private(set) var words: [String: Double] = [:]
    /// Stem → the weights of the listed words with that stem, by their derivational ending, for
    /// inflections the file does not list. The stemmer strips "-lijk", "-ig", "-ing" and the like, so
    /// "achterlijk" and "achter", "voorkomend" and "voorkomen", "betaalbaar" and "betalen" share a stem;
    /// a listed word lends its weight only to forms with its own ending ("teleurstellingen" from
    /// "teleurstelling").
    private(set) var stems: [String: [StemWeight]] = [:]

    struct StemWeight: Sendable {
        var derivation: UInt8
        var weight: Double
    }

    /// The derivational ending of a word after one inflection is taken off: 0 for none.
    static func derivation(of word: String) -> UInt8 {
        var word = word
        return word.withUTF8 { derivation(ofBytes: $0) }
    }

    /// Byte by byte: this runs for every unlisted word whose stem the lexicon knows.
    static func derivation(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        func ends(_ suffix: StaticString, at end: Int) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard end >= count else { return false }
            let start = suffix.utf8Start
            for offset in 0..<count where bytes[end - count + offset] != start[offset] { return false }
            return true
        }
        var end = bytes.count
        if ends("heden", at: end) { return 2 }  // "mogelijkheden" is "mogelijkheid" plural
        if ends("en", at: end) { end -= 2 } else if ends("e", at: end) || ends("s", at: end) { end -= 1 }
        if ends("lijk", at: end) { return 1 }
        if ends("heid", at: end) { return 2 }
        if ends("ig", at: end) { return 3 }
        if ends("end", at: end) { return 4 }
        if ends("ing", at: end) { return 5 }
        if ends("baar", at: end) || ends("bar", at: end) { return 6 }
        return 0
    }

    /// The weight a listed word lends to an unlisted `word` of the same stem and derivation.
    func weight(stem: String, of word: String) -> Double? {
        guard let listed = stems[stem] else { return nil }
        let derivation = Self.derivation(of: word)
        return listed.first { $0.derivation == derivation }?.weight
    }
    /// Multi-word expressions by their first word, longest first.
    public private(set) var expressions: [String: [Expression]] = [:]
    /// Modifiers by their first word, longest first.
    public private(set) var modifiers: [String: [Modifier]] = [:]
    /// Words long enough to be the head of a compound ("treinvertraging" → "vertraging"), with
    /// their weight.
    private(set) var compoundHeads = CompoundHeads<Double>()

    /// Everything the lexicon knows about a word, so analysis needs one look-up per token.
    public struct Entry: Sendable {
        public var polarity: Double?
        public var expressions: [Expression] = []
        public var modifiers: [Modifier] = []
    }

    public private(set) var entries: [String: Entry] = [:]

    public var entryCount: Int { words.count + expressions.values.reduce(0) { $0 + $1.count } }

    public init() {}

    /// Parses the lexicon files' text (TSV with a header line).
    public init(polarityTSV: String, modifiersTSV: String, stemmer: DutchStemmer = DutchStemmer()) {
        var stemSums: [String: [UInt8: (Double, Int)]] = [:]
        var heads = Set<String>()
        for line in polarityTSV.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let weight = Double(fields[1].trimmingCharacters(in: .whitespaces)) else { continue }
            let parts = Self.normalisedWords(String(fields[0]))
            guard let first = parts.first else { continue }
            if parts.count == 1 {
                words[first] = weight
                if first.count >= 4, first.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) {
                    let stem = stemmer.stem(first), derivation = Self.derivation(of: first)
                    let (sum, count) = stemSums[stem]?[derivation] ?? (0, 0)
                    stemSums[stem, default: [:]][derivation] = (sum + weight, count + 1)
                    // Nouns, adjectives and verbs end compounds; an adverb does not, and would only
                    // match by accident: "statiegeldbonnetjes" is no "netjes".
                    let kind = fields.count > 2 ? fields[2].trimmingCharacters(in: .whitespaces) : ""
                    if first.count >= 5 && kind != "adv" && kind != "intj" { heads.insert(first) }
                }
            } else {
                expressions[first, default: []].append(Expression(words: parts, weight: weight))
            }
        }
        for (stem, byDerivation) in stemSums {
            stems[stem] = byDerivation.map { StemWeight(derivation: $0.key, weight: $0.value.0 / Double($0.value.1)) }
        }
        for head in heads { compoundHeads.insert(head, words[head] ?? 0) }
        for key in expressions.keys { expressions[key]?.sort { $0.words.count > $1.words.count } }
        for line in modifiersTSV.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, let role = ModifierRole(rawValue: fields[1].trimmingCharacters(in: .whitespaces)),
                let factor = Double(fields[2].trimmingCharacters(in: .whitespaces))
            else { continue }
            let parts = Self.normalisedWords(String(fields[0]))
            guard let first = parts.first else { continue }
            modifiers[first, default: []].append(Modifier(role: role, factor: factor, words: parts))
        }
        for key in modifiers.keys { modifiers[key]?.sort { $0.words.count > $1.words.count } }
        for (word, weight) in words { entries[word, default: Entry()].polarity = weight }
        for (word, list) in expressions { entries[word, default: Entry()].expressions = list }
        for (word, list) in modifiers { entries[word, default: Entry()].modifiers = list }
    }

    /// The bundled Dutch lexicon.
    public static let dutch: Lexicon = {
        guard let polarity = Self.resource("polarity"), let modifiers = Self.resource("modifiers") else { return Lexicon() }
        return Lexicon(polarityTSV: polarity, modifiersTSV: modifiers)
    }()

    /// The bundled English lexicon, for the English messages Dutch teams also get.
    public static let english: Lexicon = {
        guard let polarity = Self.resource("polarity-en"), let modifiers = Self.resource("modifiers-en") else { return Lexicon() }
        return Lexicon(polarityTSV: polarity, modifiersTSV: modifiers)
    }()

    static func resource(_ name: String) -> String? {
        let url = Bundle.module.bundleURL.appendingPathComponent("lexicon/\(name).tsv")
        if let text = try? String(contentsOf: url, encoding: .utf8) { return text }
        guard let other = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "lexicon") else { return nil }
        return try? String(contentsOf: other, encoding: .utf8)
    }

    /// Splits a lexicon term into token normals, as the tokenizer would.
    static func normalisedWords(_ term: String) -> [String] {
        let tokens = Tokenizer().tokenize(term.trimmingCharacters(in: .whitespaces))
        return tokens.map { $0.kind == .hashtag ? $0.normal.lowercased() : $0.normal }
    }
}
