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
    /// Stem and derivational ending → weight, for inflections the file does not list.
    private(set) var stems: [StemKey: Double] = [:]

    /// A stem with the derivational ending its word carried. The stemmer strips "-lijk", "-ig",
    /// "-ing" and the like, so "achterlijk" and "achter", "voorkomend" and "voorkomen", "betaalbaar"
    /// and "betalen" share a stem; keyed with the ending, a listed word lends its weight only to
    /// forms of itself ("teleurstellingen" from "teleurstelling").
    struct StemKey: Hashable, Sendable {
        var stem: String
        var derivation: UInt8
    }

    /// The derivational ending of a word after one inflection is taken off: 0 for none.
    static func derivation(of word: String) -> UInt8 {
        var base = Substring(word)
        if base.hasSuffix("heden") { return 2 }  // "mogelijkheden" is "mogelijkheid" plural
        if base.hasSuffix("en") { base = base.dropLast(2) } else if base.hasSuffix("e") || base.hasSuffix("s") { base = base.dropLast() }
        if base.hasSuffix("lijk") { return 1 }
        if base.hasSuffix("heid") { return 2 }
        if base.hasSuffix("ig") { return 3 }
        if base.hasSuffix("end") { return 4 }
        if base.hasSuffix("ing") { return 5 }
        if base.hasSuffix("baar") || base.hasSuffix("bar") { return 6 }
        return 0
    }

    /// The weight a listed word lends to an unlisted `word` of the same stem and derivation.
    func weight(stem: String, of word: String) -> Double? {
        stems[StemKey(stem: stem, derivation: Self.derivation(of: word))]
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
        var stemSums: [StemKey: (Double, Int)] = [:]
        var heads = Set<String>()
        for line in polarityTSV.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let weight = Double(fields[1].trimmingCharacters(in: .whitespaces)) else { continue }
            let parts = Self.normalisedWords(String(fields[0]))
            guard let first = parts.first else { continue }
            if parts.count == 1 {
                words[first] = weight
                if first.count >= 4, first.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) {
                    let key = StemKey(stem: stemmer.stem(first), derivation: Self.derivation(of: first))
                    let (sum, count) = stemSums[key] ?? (0, 0)
                    stemSums[key] = (sum + weight, count + 1)
                    // Nouns, adjectives and verbs end compounds; an adverb does not, and would only
                    // match by accident: "statiegeldbonnetjes" is no "netjes".
                    let kind = fields.count > 2 ? fields[2].trimmingCharacters(in: .whitespaces) : ""
                    if first.count >= 5 && kind != "adv" && kind != "intj" { heads.insert(first) }
                }
            } else {
                expressions[first, default: []].append(Expression(words: parts, weight: weight))
            }
        }
        for (stem, (sum, count)) in stemSums { stems[stem] = sum / Double(count) }
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
