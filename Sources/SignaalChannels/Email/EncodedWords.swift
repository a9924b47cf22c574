import Foundation

/// RFC 2047 encoded words (`=?UTF-8?Q?Ren=C3=A9e?=`) in header text.
enum EncodedWords {
    /// Decodes every encoded word. Whitespace between two encoded words is dropped (RFC 2047 §6.2);
    /// adjacent words in one charset are joined as bytes first, because encoders often split a
    /// multi-byte character across two words.
    static func decode(_ text: String, warnings: inout EmailWarnings) -> String {
        guard text.contains("=?") else { return text }
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var run: (charset: String, bytes: [UInt8])?
        var pendingSpace: [UInt8] = []

        func flushRun() {
            guard let current = run else { return }
            output.append(contentsOf: TextCharset.decode(current.bytes, charset: current.charset, warnings: &warnings).utf8)
            run = nil
        }

        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "="), let word = parseWord(input, at: index) {
                pendingSpace.removeAll()
                if let current = run, current.charset.lowercased() == word.charset.lowercased() {
                    run?.bytes.append(contentsOf: word.bytes)
                } else {
                    flushRun()
                    run = (word.charset, word.bytes)
                }
                index = word.end
                continue
            }
            if run != nil, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                pendingSpace.append(byte)
            } else {
                flushRun()
                output.append(contentsOf: pendingSpace)
                pendingSpace.removeAll()
                output.append(byte)
            }
            index += 1
        }
        flushRun()
        output.append(contentsOf: pendingSpace)
        return String(decoding: output, as: UTF8.self)
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses `=?charset?Q|B?text?=` at `start`, or nil when it is not a well-formed encoded word.
    private static func parseWord(_ input: [UInt8], at start: Int) -> Word? {
        let count = input.count
        guard start + 1 < count, input[start + 1] == UInt8(ascii: "?") else { return nil }
        var index = start + 2
        let charsetStart = index
        while index < count, input[index] != UInt8(ascii: "?") {
            let byte = input[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > 64 { return nil }
            index += 1
        }
        guard index < count, index > charsetStart, index + 2 < count, input[index + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: input[charsetStart..<index], as: UTF8.self)
        // RFC 2231 adds a language after "*": "UTF-8*nl".
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let encoding = input[index + 1] | 0x20
        guard encoding == UInt8(ascii: "q") || encoding == UInt8(ascii: "b") else { return nil }
        let textStart = index + 3
        // Sloppy encoders leave spaces in the text; accept them up to the closing "?=".
        var textEnd = textStart
        while textEnd + 1 < count, !(input[textEnd] == UInt8(ascii: "?") && input[textEnd + 1] == UInt8(ascii: "=")) {
            if textEnd - textStart > 2000 { return nil }
            textEnd += 1
        }
        guard textEnd + 1 < count else { return nil }
        let text = input[textStart..<textEnd]
        var ignored = EmailWarnings()
        let bytes: [UInt8] = if encoding == UInt8(ascii: "q") {
            decodeQ(text)
        } else {
            Array(text).withUnsafeBufferPointer { TransferDecoder.base64($0, warnings: &ignored) }
        }
        return Word(charset: charset, bytes: bytes, end: textEnd + 2)
    }

    /// The "Q" encoding: quoted-printable where "_" stands for a space.
    private static func decodeQ(_ text: ArraySlice<UInt8>) -> [UInt8] {
        let normalized = text.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 }
        return normalized.withUnsafeBufferPointer { TransferDecoder.quotedPrintable($0) }
    }
}
