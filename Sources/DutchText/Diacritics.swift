/// Letters with a diacritic and the plain lower-case letter each folds to, for the analyser and
/// for search on both databases: SQLite's tokenizer folds with `folded(_:)`, PostgreSQL with
/// `translate(text, letters, plain)` (see its search migration), so "enquete" finds "enquête"
/// on either. Every letter here is in Latin-1 (U+00C0–U+00FF), which keeps the look-up a table.
///
/// Changing these letters changes what is stored in both search indexes: it needs a migration
/// that rebuilds them.
public enum Diacritics {
    public static let letters = "áàâäãåéèêëíìîïóòôöõøúùûüýÿçñÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕØÚÙÛÜÝÇÑ"
    public static let plain = "aaaaaaeeeeiiiioooooouuuuyycnaaaaaaeeeeiiiioooooouuuuycn"

    private static let table: [Unicode.Scalar?] = {
        precondition(letters.unicodeScalars.count == plain.unicodeScalars.count, "a letter without its plain letter")
        var table = [Unicode.Scalar?](repeating: nil, count: 0x40)
        for (letter, plain) in zip(letters.unicodeScalars, plain.unicodeScalars) {
            precondition((0xC0...0xFF).contains(letter.value), "a folded letter outside Latin-1")
            table[Int(letter.value - 0xC0)] = plain
        }
        return table
    }()

    /// The plain letter for `scalar`, nil when it has no diacritic to fold.
    @inline(__always) public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard scalar.value >= 0xC0 && scalar.value <= 0xFF else { return nil }
        return table[Int(scalar.value - 0xC0)]
    }

    /// `text` with every diacritic of `letters` folded; other characters as they are.
    public static func folded(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(fold(scalar) ?? scalar) }
        return String(result)
    }
}
