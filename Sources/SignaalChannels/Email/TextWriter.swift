import Foundation

/// Output side of HTML-to-text: collapses whitespace, places line breaks and quote prefixes.
struct TextWriter {
    private var output: [UInt8] = []
    /// Line breaks owed before the next text: 1 = new line, 2 = blank line.
    private var pendingBreaks = 0
    /// Lowest quote depth seen while breaks were pending: a blank line at a quote's edge is unquoted.
    private var breakDepth = 0
    private var pendingSpace = false
    private var atLineStart = true
    var quoteDepth = 0
    var preDepth = 0
    var pendingBullet = false

    /// Block boundaries: several in a row still give at most `count` breaks.
    mutating func requestBreak(_ count: Int) {
        noteBreakDepth()
        pendingBreaks = max(pendingBreaks, count)
    }

    private mutating func noteBreakDepth() {
        breakDepth = pendingBreaks == 0 ? quoteDepth : min(breakDepth, quoteDepth)
    }

    /// `<br>`: each one counts, so `<br><br>` leaves a blank line.
    mutating func lineBreak() {
        noteBreakDepth()
        pendingBreaks = min(pendingBreaks + 1, 2)
    }

    mutating func requestSpace() {
        pendingSpace = true
    }

    mutating func emitByte(_ byte: UInt8) {
        let isWhitespace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        if preDepth > 0 {
            if byte == 0x0A {
                noteBreakDepth()
                pendingBreaks += 1
                flushBreaks(force: true)
                return
            }
            if byte == 0x0D { return }
            writePrefixIfNeeded()
            output.append(byte)
            return
        }
        if isWhitespace {
            pendingSpace = true
            return
        }
        writePrefixIfNeeded()
        output.append(byte)
    }

    /// A run of visible, non-whitespace bytes.
    mutating func emitText(_ bytes: UnsafeBufferPointer<UInt8>) {
        writePrefixIfNeeded()
        output.append(contentsOf: bytes)
    }

    mutating func emitScalar(_ scalar: UInt32) {
        writePrefixIfNeeded()
        TextCharset.appendUTF8(of: scalar, to: &output)
    }

    /// Writes owed breaks, quote prefix, bullet or space before visible text.
    private mutating func writePrefixIfNeeded() {
        if pendingBreaks > 0 {
            flushBreaks(force: false)
        }
        if atLineStart {
            if quoteDepth > 0 { output.append(contentsOf: Array(String(repeating: ">", count: quoteDepth).utf8) + [0x20]) }
            if pendingBullet { output.append(contentsOf: Array("- ".utf8)) }
            pendingBullet = false
            pendingSpace = false
            atLineStart = false
        } else if pendingSpace {
            output.append(0x20)
            pendingSpace = false
        }
    }

    private mutating func flushBreaks(force: Bool) {
        defer { pendingBreaks = 0 }
        // No breaks before the first text.
        guard !output.isEmpty || force else { return }
        for number in 0..<pendingBreaks {
            output.append(0x0A)
            // Blank lines inside a quote keep the ">" so the quote stays one block.
            let depth = min(breakDepth, quoteDepth)
            if number < pendingBreaks - 1, depth > 0 {
                output.append(contentsOf: Array(String(repeating: ">", count: depth).utf8))
            }
        }
        atLineStart = true
        pendingSpace = false
    }

    /// Trailing spaces trimmed per line, at most one blank line in a row, no leading or trailing blank lines.
    func finish() -> String {
        let text = String(decoding: output, as: UTF8.self)
        var lines: [Substring] = []
        var blankRun = 0
        for line in TextLines.split(text) {
            var trimmed = line
            while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty {
                blankRun += 1
                if blankRun > 1 || lines.isEmpty { continue }
            } else {
                blankRun = 0
            }
            lines.append(trimmed)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
