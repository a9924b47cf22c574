import Foundation

/// Fast line and whitespace helpers for large bodies. Foundation's trimming and Character-based
/// splitting walk the text in grapheme steps, which is slow on multi-megabyte (or hostile) input.
enum TextLines {
    /// Lines split on "\n" (callers normalise line endings first).
    /// - Parameter collapsingBlankRuns: keep one blank (whitespace-only) line per run; callers that
    ///   collapse blank lines anyway avoid millions of empty lines this way.
    static func split(_ text: String, collapsingBlankRuns: Bool = false) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        var lineIsBlank = true
        var previousWasBlank = false
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A {
                if !(collapsingBlankRuns && lineIsBlank && previousWasBlank) {
                    lines.append(text[lineStart..<index])
                }
                previousWasBlank = lineIsBlank
                lineIsBlank = true
                lineStart = utf8.index(after: index)
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                lineIsBlank = false
            }
            index = utf8.index(after: index)
        }
        if !(collapsingBlankRuns && lineIsBlank && previousWasBlank) {
            lines.append(text[lineStart..<utf8.endIndex])
        }
        return lines
    }

    /// ASCII whitespace and no-break spaces removed at both ends; only the ends are looked at.
    static func trimmed(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end {
            if isSpace(bytes[start]) {
                start += 1
            } else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if isSpace(bytes[end - 1]) {
                end -= 1
            } else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        if start == 0, end == bytes.count { return String(text) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True for lines holding only spaces and tabs.
    static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }
}
