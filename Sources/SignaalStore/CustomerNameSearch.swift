import DutchText
import Foundation

/// A search for a customer by name: the words typed, as both stores match them against names.
public enum CustomerNameSearch {
    /// At most this many customers are listed for a name.
    public static let limit = 20

    /// The words of `search` that can be part of a name, lower case: letters (with ' and -) of two
    /// or more; none when the search holds a digit or an @ (a number, address or handle).
    public static func words(inSearch search: String) -> [String] {
        guard !search.contains(where: { $0.isNumber || $0 == "@" }) else { return [] }
        let words = search.canonicallyComposed().lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        guard !words.isEmpty, words.count <= 4,
            words.allSatisfy({ $0.count >= 2 && $0.allSatisfy { $0.isLetter || $0 == "'" || $0 == "-" } })
        else { return [] }
        return words
    }

    /// A name or a word of one as the search compares it: lower case, the accents of `Diacritics`
    /// folded, so "danielle" finds Daniëlle and "Chloé" finds Chloe.
    public static func folded(_ name: String) -> String {
        Diacritics.folded(name.lowercased())
    }

    /// `word` with LIKE's wildcards and the escape character escaped by `\`.
    public static func escapedForLike(_ word: String) -> String {
        var result = ""
        for character in word {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
