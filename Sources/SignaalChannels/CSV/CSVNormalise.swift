import Foundation

/// Folding used to compare names typed by people: case, accents and punctuation do not count.
enum CSVNormalise {
    static func key(_ raw: String) -> String {
        let folded = raw.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The words of `raw`, folded the same way: "Datum ontvangst" → ["datum", "ontvangst"].
    static func words(_ raw: String) -> [String] {
        let folded = raw.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return folded.components(separatedBy: CharacterSet.alphanumerics.inverted)
            .filter { !$0.isEmpty }
    }
}
