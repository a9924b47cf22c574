import Foundation

extension String {
    /// Without white space (Unicode's White_Space: spaces, tabs, line breaks, no-break spaces)
    /// at either end, like Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)`, whose
    /// trip through NSString cost more than the rest of validating a signal.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}

extension String {
    /// In Unicode's composed form (NFC), as texts are stored and compared. Most messages are NFC
    /// already and Foundation's conversion is costly on the intake path, so text whose scalars
    /// all lie below U+0300 is returned as it is: the first scalar that NFC may change or combine
    /// (NFC_Quick_Check not Yes) is U+0300, whose UTF-8 lead byte is 0xCC.
    public func canonicallyComposed() -> String {
        if utf8.allSatisfy({ $0 < 0xCC }) { return self }
        return precomposedStringWithCanonicalMapping
    }
}

extension String {
    /// NUL ends a C string: SQLite keeps a text only up to it and PostgreSQL refuses it. It means
    /// nothing in a message or an id, so it becomes U+FFFD: visible, and two ids stay two.
    public func replacingNUL() -> String {
        guard utf8.contains(0) else { return self }
        var result = ""
        result.unicodeScalars.append(contentsOf: unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 })
        return result
    }
}
