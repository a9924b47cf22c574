/// One unit of a message: a word, a number, a URL, a mention, a hashtag, an emoji, punctuation.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word
        case number
        case url
        case mention
        case hashtag
        case emoji
        case emoticon
        /// Sentence punctuation that ends a clause: . ! ? ; and line breaks.
        case clauseEnd
        case punctuation
    }

    public var kind: Kind
    /// Where the token is in the original text.
    public var range: Range<String.Index>
    /// Lowercase, contractions expanded ('t → het), diacritics folded, elongations collapsed to two letters.
    public var normal: String
    /// WRITTEN IN CAPITALS (at least two letters).
    public var isShouting: Bool
    /// Letters repeated three or more times ("heeeel").
    public var isElongated: Bool

    public init(kind: Kind, range: Range<String.Index>, normal: String, isShouting: Bool = false, isElongated: Bool = false) {
        self.kind = kind
        self.range = range
        self.normal = normal
        self.isShouting = isShouting
        self.isElongated = isElongated
    }
}
