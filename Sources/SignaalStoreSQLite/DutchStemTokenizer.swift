import DutchText
import GRDB

/// An FTS5 tokenizer that stems Dutch words, for the signals' search index and for queries,
/// so both sides meet on the same stem ("pakketten", "pakket" → "pakket"; "enquête", "enquete" →
/// "enquet").
final class DutchStemTokenizer: FTS5WrapperTokenizer {
    static let name = "dutch"
    let wrappedTokenizer: any FTS5Tokenizer
    private let stemmer = DutchStemmer()

    init(db: Database, arguments: [String]) throws {
        // unicode61 splits and lowercases; accents are folded below, as PostgreSQL's index does.
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .keep))
    }

    func accept(token: String, flags: FTS5TokenFlags, for tokenization: FTS5Tokenization, tokenCallback: FTS5WrapperTokenCallback) throws {
        try tokenCallback(stemmer.stem(Diacritics.folded(token)), flags)
    }
}
