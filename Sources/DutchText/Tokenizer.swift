/// Splits real social text into tokens in one pass over the Unicode scalars: bounded time per
/// byte, whatever the input (HTML, control characters, a megabyte of text).
public struct Tokenizer: Sendable {
    public init() {}

    /// Contractions and clitics as people type them.
    static let contractions: [String: String] = [
        "'t": "het", "t": "het", "z'n": "zijn", "zn": "zijn", "m'n": "mijn", "mn": "mijn", "d'r": "haar",
        "'k": "ik", "k": "ik", "da's": "dat is", "'s": "des", "'n": "een", "zo'n": "zo een",
        "'m": "hem", "'r": "haar", "ff": "even", "idd": "inderdaad", "wss": "waarschijnlijk", "nie": "niet",
        "ni": "niet", "nt": "niet", "okay": "oke", "wrm": "waarom", "vd": "van de",
    ]

    /// The contractions without an apostrophe (all of at most five letters), each as the number
    /// its bytes make.
    static let asciiContractions: [(packed: UInt64, expansion: String)] = contractions.compactMap { key, expansion in
        guard key.utf8.count <= 5, key.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x27 }) else { return nil }
        return (key.utf8.reduce(0) { $0 << 8 | UInt64($1) }, expansion)
    }

    static let emoticons: [String] = [
        ":-)", ":)", ":-(", ":(", ";-)", ";)", ":-D", ":D", ":-P", ":P", ":p", ":-/", ":/", ":'(", ":-|", ":|",
        "<3", "</3", "xD", "XD", ":-o", ":o", ":O", "^^", ":-*", ":*", ">:(", "D:",
    ]

    public func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5 + 4)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        let end = scalars.endIndex

        while index < end {
            let scalar = scalars[index]
            let value = scalar.value

            // Whitespace and invisible characters separate tokens; a line break ends a clause.
            if value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029 {
                let next = scalars.index(after: index)
                tokens.append(Token(kind: .clauseEnd, range: index..<next, normal: "\n"))
                index = next
                continue
            }
            if Self.isSpace(scalar) || value < 0x20 || value == 0x200B || value == 0x200C || value == 0x200D
                || value == 0xFEFF || value == 0x7F
            {
                index = scalars.index(after: index)
                continue
            }

            // URLs
            if value == 0x68 || value == 0x77 || value == 0x48 || value == 0x57 {  // h, w
                if let urlEnd = Self.urlEnd(scalars, from: index) {
                    tokens.append(Token(kind: .url, range: index..<urlEnd, normal: "<url>"))
                    index = urlEnd
                    continue
                }
            }

            // Emoticons start with punctuation (or x/X for xD) — try before words and punctuation.
            if let (emoticonEnd, emoticon) = Self.emoticon(scalars, at: index) {
                tokens.append(Token(kind: .emoticon, range: index..<emoticonEnd, normal: emoticon))
                index = emoticonEnd
                continue
            }

            // Mentions and hashtags
            if value == 0x40 || value == 0x23 {  // @ #
                var cursor = scalars.index(after: index)
                while cursor < end {
                    if Self.isHandleScalar(scalars[cursor]) {
                        cursor = scalars.index(after: cursor)
                        continue
                    }
                    // Instagram handles have dots ("@sanne.bakker"); a dot before a capital or a space
                    // ends the sentence ("… @KLM. Waarom").
                    let next = scalars.index(after: cursor)
                    guard value == 0x40, scalars[cursor] == ".", cursor > scalars.index(after: index), next < end,
                        Self.isLowerHandleScalar(scalars[next])
                    else { break }
                    cursor = next
                }
                if cursor > scalars.index(after: index) {
                    let body = String(scalars[scalars.index(after: index)..<cursor])
                    if value == 0x40 {
                        tokens.append(Token(kind: .mention, range: index..<cursor, normal: "@" + body.lowercased()))
                    } else {
                        tokens.append(Token(kind: .hashtag, range: index..<cursor, normal: body))
                    }
                    index = cursor
                    continue
                }
            }

            // Words: letters, with inner apostrophes and hyphens (z'n, e-mail), digits inside (4g).
            if Self.isLetter(scalar) || (value == 0x27 || value == 0x2019) && Self.startsContraction(scalars, at: index) {
                var cursor = index
                var letters = 0
                var uppercase = 0
                var lowercase = 0
                while cursor < end {
                    let c = scalars[cursor]
                    if Self.isLetter(c) || (c.value >= 0x30 && c.value <= 0x39) {
                        letters += 1
                        if Self.isUpper(c) { uppercase += 1 } else if Self.isLower(c) { lowercase += 1 }
                        cursor = scalars.index(after: cursor)
                    } else if Self.isMark(c) {
                        cursor = scalars.index(after: cursor)
                    } else if c == "'" || c == "\u{2019}" || c == "-" {
                        let next = scalars.index(after: cursor)
                        if next < end, Self.isLetter(scalars[next]) {
                            cursor = next
                        } else {
                            break
                        }
                    } else {
                        break
                    }
                    if letters > 200 { break }  // no word is that long: keep time per byte bounded
                }
                if cursor == index { cursor = scalars.index(after: index) }
                if cursor < end, scalars[cursor] == ".", let linkEnd = Self.bareLinkEnd(scalars, hostEnd: cursor) {
                    tokens.append(Token(kind: .url, range: index..<linkEnd, normal: "<url>"))
                    index = linkEnd
                    continue
                }
                let (normal, elongated) = Self.normalise(Substring(scalars[index..<cursor]))
                tokens.append(
                    Token(
                        kind: .word, range: index..<cursor, normal: normal,
                        isShouting: uppercase >= 2 && lowercase == 0, isElongated: elongated))
                index = cursor
                continue
            }

            // Numbers, with decimal comma or point: 4, 4,50, 1.000
            if ("0"..."9").contains(scalar) {
                var cursor = index
                while cursor < end {
                    let c = scalars[cursor]
                    if ("0"..."9").contains(c) {
                        cursor = scalars.index(after: cursor)
                    } else if c == "," || c == "." || c == ":" {
                        let next = scalars.index(after: cursor)
                        if next < end, ("0"..."9").contains(scalars[next]) { cursor = next } else { break }
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .number, range: index..<cursor, normal: String(scalars[index..<cursor])))
                index = cursor
                continue
            }

            // Emoji, with skin tones, variation selectors and ZWJ sequences as one token.
            if Self.isEmoji(scalar) {
                var cursor = scalars.index(after: index)
                while cursor < end {
                    let c = scalars[cursor]
                    if c.value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(c.value) || (0xE0020...0xE007F).contains(c.value) {
                        cursor = scalars.index(after: cursor)
                    } else if c.value == 0x200D {
                        let next = scalars.index(after: cursor)
                        if next < end, Self.isEmoji(scalars[next]) { cursor = scalars.index(after: next) } else { break }
                    } else {
                        break
                    }
                }
                let base = String(String.UnicodeScalarView([scalar]))
                tokens.append(Token(kind: .emoji, range: index..<cursor, normal: base))
                index = cursor
                continue
            }

            let next = scalars.index(after: index)
            switch value {
            case 0x2E, 0x21, 0x3F, 0x3B, 0x2026:  // . ! ? ; …
                tokens.append(Token(kind: .clauseEnd, range: index..<next, normal: String(scalar)))
            default:
                tokens.append(Token(kind: .punctuation, range: index..<next, normal: String(scalar)))
            }
            index = next
        }
        return tokens
    }


    // ASCII fast paths: Unicode property look-ups dominate the cost of tokenizing otherwise.
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return c.properties.isWhitespace
    }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return c.properties.isUppercase
    }

    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return c.properties.isLowercase
    }

    @inline(__always) static func isMark(_ c: Unicode.Scalar) -> Bool {
        c.value >= 0x300 && c.properties.generalCategory == .nonspacingMark
    }

    // MARK: Pieces

    /// A scalar that may follow a dot inside a handle: a lower-case ASCII letter, a digit or "_".
    static func isLowerHandleScalar(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x30 && c.value <= 0x39) || c == "_"
    }

    static func isHandleScalar(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (isLetter(c) || (c.value >= 0x30 && c.value <= 0x39) || c == "_") : c.properties.isAlphabetic
    }

    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x2190 { return false }
        if (0x1F000...0x1FAFF).contains(v) || (0x2600...0x27BF).contains(v) || (0x2B00...0x2BFF).contains(v) { return true }
        return scalar.properties.isEmojiPresentation
    }

    /// Whether the apostrophe at `index` begins a contraction ('s avonds, 't, 'n, 'k, 'ns, 'ie)
    /// rather than opening a quote ('snelle'): the quoted word is then a word of its own, read
    /// like any other, and the apostrophe a quote mark.
    static func startsContraction(_ scalars: String.UnicodeScalarView, at index: String.Index) -> Bool {
        var cursor = scalars.index(after: index)
        var letters = ""
        while cursor < scalars.endIndex, isLetter(scalars[cursor]) {
            guard letters.unicodeScalars.count < 2 else { return false }
            letters.unicodeScalars.append(scalars[cursor])
            cursor = scalars.index(after: cursor)
        }
        return apostropheContractions.contains(letters.lowercased())
    }

    /// What follows an apostrophe that starts a word: 's, 't, 'n, 'k, 'm, 'r, 'ns, 'ie, 'em.
    static let apostropheContractions: Set<String> = ["s", "t", "n", "k", "m", "r", "ns", "ie", "em"]

    static func urlEnd(_ scalars: String.UnicodeScalarView, from index: String.Index) -> String.Index? {
        // Compare the first letters in place: most words starting with h or w are not URLs.
        func startsWith(_ prefix: StaticString) -> Bool {
            var cursor = index
            return prefix.withUTF8Buffer { buffer in
                for byte in buffer {
                    guard cursor < scalars.endIndex else { return false }
                    var value = scalars[cursor].value
                    if value >= 0x41 && value <= 0x5A { value += 32 }
                    if value != UInt32(byte) { return false }
                    cursor = scalars.index(after: cursor)
                }
                return true
            }
        }
        guard startsWith("http://") || startsWith("https://") || startsWith("www.") else { return nil }
        return linkRest(scalars, from: index)
    }

    /// A link goes on to the next space (or the start of markup or a quote).
    static func linkRest(_ scalars: String.UnicodeScalarView, from index: String.Index) -> String.Index {
        var cursor = index
        while cursor < scalars.endIndex, !isSpace(scalars[cursor]), scalars[cursor] != "<", scalars[cursor] != "\"" {
            cursor = scalars.index(after: cursor)
        }
        return cursor
    }

    /// Top-level domains of links typed without http or www: alone ("ah.nl") only the common
    /// ones, with a path ("bit.ly/ah-winnaar", "tinyurl.com/x") also those that are Dutch words.
    static let plainLinkDomains: Set<String> = ["nl", "com", "be", "eu", "org", "net", "io", "ly", "info", "shop", "site", "online", "xyz"]
    static let pathLinkDomains: Set<String> = plainLinkDomains.union([
        "co", "me", "to", "gl", "gd", "cc", "app", "link", "de", "nu",
    ])

    /// The end of a link typed without http or www, when the word that ends at `hostEnd` is its
    /// first label: phishing and spam mostly come as "bit.ly/..." and must be seen as a link. The
    /// last label must be a lower-case top-level domain, so "kwijt.De monteur" stays two words.
    static func bareLinkEnd(_ scalars: String.UnicodeScalarView, hostEnd: String.Index) -> String.Index? {
        let end = scalars.endIndex
        var cursor = hostEnd
        var lastLabel = ""
        while cursor < end, scalars[cursor] == "." {
            var next = scalars.index(after: cursor)
            var label = ""
            while next < end, label.utf8.count <= 24 {
                let v = scalars[next].value
                guard v < 0x80, isLetter(scalars[next]) || (v >= 0x30 && v <= 0x39) || v == 0x2D else { break }
                label.unicodeScalars.append(scalars[next])
                next = scalars.index(after: next)
            }
            if label.isEmpty { break }
            lastLabel = label
            cursor = next
        }
        guard cursor > hostEnd else { return nil }
        if cursor < end, scalars[cursor] == "/" {
            return pathLinkDomains.contains(lastLabel) ? linkRest(scalars, from: cursor) : nil
        }
        // Alone, a domain must end where the word does: "ah.nl." or "ah.nl," but not "ah.nlé".
        guard plainLinkDomains.contains(lastLabel), cursor == end || !isLetter(scalars[cursor]) else { return nil }
        return cursor
    }

    /// The emoticons as scalars, worked out once rather than at every token that could start one.
    static let emoticonScalars: [(scalars: [Unicode.Scalar], text: String)] = emoticons.map { (Array($0.unicodeScalars), $0) }

    static func emoticon(_ scalars: String.UnicodeScalarView, at index: String.Index) -> (String.Index, String)? {
        let first = scalars[index]
        guard first == ":" || first == ";" || first == "<" || first == "x" || first == "X" || first == "^" || first == ">"
            || first == "D"
        else { return nil }
        let second = scalars.index(after: index)
        guard second < scalars.endIndex else { return nil }
        // "xD", "XD" and "D:" are the emoticons that start with a letter; "Dat" and "xl" are words, and
        // after a letter ("boxD") none is an emoticon.
        if first == "x" || first == "X" || first == "D" {
            guard scalars[second] == (first == "D" ? ":" : "D") else { return nil }
            if index > scalars.startIndex, isLetter(scalars[scalars.index(before: index)]) { return nil }
        }
        for emoticon in emoticonScalars where emoticon.scalars[0] == first {
            var cursor = index
            var matched = true
            for c in emoticon.scalars {
                guard cursor < scalars.endIndex, scalars[cursor] == c else {
                    matched = false
                    break
                }
                cursor = scalars.index(after: cursor)
            }
            // An emoticon must stand alone: "xD" yes, "xDoos" no.
            if matched, cursor == scalars.endIndex || !isLetter(scalars[cursor]) {
                return (cursor, emoticon.text)
            }
        }
        return nil
    }

    /// Lowercases, folds diacritics and collapses letters repeated three or more times to two.
    static func normalise(_ raw: some StringProtocol) -> (String, Bool) {
        // Most words are plain ASCII: lower-case and collapse runs on the bytes directly, into the
        // new string's own storage (no buffer in between; short words need no allocation at all).
        if raw.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x27 }) {
            var runs = Elongation<UInt8>()
            var packed: UInt64 = 0
            var normal = String(unsafeUninitializedCapacity: raw.utf8.count) { buffer in
                var count = 0
                for byte in raw.utf8 {
                    let lower = (byte >= 0x41 && byte <= 0x5A) ? byte + 32 : byte
                    guard runs.keeps(lower) else { continue }
                    buffer[count] = lower
                    if count < 8 { packed = packed << 8 | UInt64(lower) }
                    count += 1
                }
                return count
            }
            // Most words are short, and the contractions few: compare them as numbers, not by hash.
            if normal.utf8.count <= 5, let expansion = asciiContractions.first(where: { $0.packed == packed }) {
                normal = expansion.expansion
            }
            return (normal, runs.elongated)
        }
        var result = String.UnicodeScalarView()
        var runs = Elongation<Unicode.Scalar>()
        for scalar in raw.unicodeScalars {
            var c = scalar
            if c.value == 0x2019 { c = "'" }
            if isMark(c) { continue }
            if c.value >= 0x41 && c.value <= 0x5A {
                c = Unicode.Scalar(c.value + 32)!
            } else if c.value >= 0x80 {
                c = fold(c)
            }
            if runs.keeps(c) { result.append(c) }
        }
        var normal = String(result)
        // Every contraction is short: longer words need no look-up.
        if normal.utf8.count <= 5, let expansion = contractions[normal] { normal = expansion }
        return (normal, runs.elongated)
    }

    /// Letters repeated three or more times ("heeeel") keep two, and mark the word elongated.
    struct Elongation<Element: Equatable> {
        private var previous: Element?
        private var run = 0
        private(set) var elongated = false

        /// Whether the next letter is kept.
        @inline(__always) mutating func keeps(_ element: Element) -> Bool {
            if element == previous {
                run += 1
                if run >= 2 {
                    elongated = true
                    return false
                }
            } else {
                run = 0
            }
            previous = element
            return true
        }
    }

    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        Diacritics.fold(c) ?? c.properties.lowercaseMapping.unicodeScalars.first ?? c
    }
}
