import Foundation

/// Character references for HTML-to-text: the Latin-1 set, typographic punctuation and the euro.
enum HTMLEntities {
    /// Latin-1 names for U+00A0…U+00FF, in code point order.
    private static let latin1Names = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
        "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
        "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
        "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
        "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
        "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
        "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
        "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
        "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]

    private static let others: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
        "euro": 0x20AC, "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "bull": 0x2022,
        "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "trade": 0x2122, "dagger": 0x2020, "Dagger": 0x2021,
        "permil": 0x2030, "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178,
        "fnof": 0x192, "circ": 0x2C6, "tilde": 0x2DC, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009,
        "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "larr": 0x2190, "rarr": 0x2192,
        "uarr": 0x2191, "darr": 0x2193, "hearts": 0x2665, "check": 0x2713, "minus": 0x2212,
    ]

    private static let table: [String: UInt32] = {
        var table = others
        for (offset, name) in latin1Names.enumerated() { table[name] = 0xA0 + UInt32(offset) }
        return table
    }()

    /// Names that browsers also accept without the closing semicolon.
    private static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// Decodes the reference starting at `start` (which holds "&").
    /// - Returns: the code point and the index after the reference, or nil to keep the "&" literally.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> (scalar: UInt32, end: Int)? {
        var index = start + 1
        guard index < input.count else { return nil }
        if input[index] == UInt8(ascii: "#") {
            index += 1
            var isHex = false
            if index < input.count, input[index] | 0x20 == UInt8(ascii: "x") {
                isHex = true
                index += 1
            }
            var value: UInt32 = 0
            let digitsStart = index
            while index < input.count, index - digitsStart < 8, let digit = digitValue(input[index], hex: isHex) {
                value = value * (isHex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < input.count, input[index] == UInt8(ascii: ";") { index += 1 }
            return (numericScalar(value), index)
        }
        let nameStart = index
        while index < input.count, index - nameStart < 32, isAlphanumeric(input[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: input[nameStart..<index], as: UTF8.self)
        if index < input.count, input[index] == UInt8(ascii: ";"), let scalar = table[name] {
            return (scalar, index + 1)
        }
        if legacyWithoutSemicolon.contains(name), let scalar = table[name] { return (scalar, index) }
        return nil
    }

    /// Numeric references as browsers read them: 0x80–0x9F as Windows-1252, invalid values as U+FFFD.
    private static func numericScalar(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x80...0x9F: SingleByteTable.windows1252.scalar(for: UInt8(value))
        case 0, 0xD800...0xDFFF, 0x110000...: 0xFFFD
        default: value
        }
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}
