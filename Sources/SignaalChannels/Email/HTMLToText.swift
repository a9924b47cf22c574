import Foundation

/// Readable plain text from e-mail HTML: scripts, styles and comments dropped, block elements and
/// `<br>` as line breaks, entities decoded, links as their text, blockquotes as `> ` lines
/// (so reply separation sees them as quotes). A single linear pass over the UTF-8 bytes.
public enum HTMLToText {
    public static func text(fromHTML html: String) -> String {
        let input = Array(html.utf8)
        var writer = TextWriter()
        input.withUnsafeBufferPointer { buffer in
            // Outlook writes one <p class=MsoNormal> per line, with empty paragraphs for blank lines.
            // Its markers sit in the <html> tag and <head> styles, so the first 64 KB tell.
            let head = UnsafeBufferPointer(rebasing: buffer[0..<min(buffer.count, 65_536)])
            let outlookParagraphs = findCaseInsensitive(head, Array("MsoNormal".utf8), from: 0) != nil
                || findCaseInsensitive(head, Array("urn:schemas-microsoft-com:office".utf8), from: 0) != nil
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "<") {
                    index = handleMarkup(buffer, at: index, writer: &writer, outlookParagraphs: outlookParagraphs)
                } else if byte == UInt8(ascii: "&"), let entity = HTMLEntities.decode(buffer, at: index) {
                    // A no-break space is written as a plain space that is not collapsed away.
                    writer.emitScalar(entity.scalar == 0xA0 ? 0x20 : entity.scalar)
                    index = entity.end
                } else if byte == 0xC2, index + 1 < buffer.count, buffer[index + 1] == 0xA0 {
                    // A literal no-break space (Outlook writes many): same as &nbsp;.
                    writer.emitScalar(0x20)
                    index += 2
                } else if isPlainTextByte(byte) {
                    // Copy a run of ordinary text at once rather than byte by byte.
                    var end = index + 1
                    while end < buffer.count, isPlainTextByte(buffer[end]) { end += 1 }
                    writer.emitText(UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    index = end
                } else {
                    writer.emitByte(byte)
                    index += 1
                }
            }
        }
        return writer.finish()
    }

    private enum TagAction { case lineBreak, blockquote, pre, listItem, cell, paragraph, line, space, skip }

    /// One lookup per tag: block elements, line elements and the few with special handling.
    private static let tagActions: [String: TagAction] = {
        var actions: [String: TagAction] = [
            "br": .lineBreak, "blockquote": .blockquote, "pre": .pre, "li": .listItem,
            "td": .cell, "th": .cell, "img": .space, "input": .space,
        ]
        for name in ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "hr", "dl", "figure"] {
            actions[name] = .paragraph
        }
        for name in ["div", "tr", "dt", "dd", "address", "article", "section", "header", "footer", "nav", "aside",
                     "form", "fieldset", "figcaption", "main", "center", "caption", "body", "html"] {
            actions[name] = .line
        }
        // Elements whose content is never shown.
        for name in ["script", "style", "title", "template", "xml"] { actions[name] = .skip }
        return actions
    }()

    /// Handles markup at `start` ("<"); returns the index to continue from.
    private static func handleMarkup(_ input: UnsafeBufferPointer<UInt8>, at start: Int, writer: inout TextWriter, outlookParagraphs: Bool) -> Int {
        let count = input.count
        var index = start + 1
        guard index < count else {
            writer.emitByte(UInt8(ascii: "<"))
            return count
        }
        if input[index] == UInt8(ascii: "!") {
            if index + 2 < count, input[index + 1] == UInt8(ascii: "-"), input[index + 2] == UInt8(ascii: "-") {
                return findCaseInsensitive(input, Array("-->".utf8), from: index + 3).map { $0 + 3 } ?? count
            }
            return skipPast(input, UInt8(ascii: ">"), from: index)
        }
        if input[index] == UInt8(ascii: "?") { return skipPast(input, UInt8(ascii: ">"), from: index) }
        let isClosing = input[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        let nameStart = index
        while index < count, isNameByte(input[index]) { index += 1 }
        guard index > nameStart, isLetter(input[nameStart]) else {
            // Not a tag ("a < b"): keep the character.
            writer.emitByte(UInt8(ascii: "<"))
            return start + 1
        }
        let name = String(decoding: input[nameStart..<index], as: UTF8.self).lowercased()
        let tagEnd = endOfTag(input, from: index)
        let action = tagActions[name]
        if !isClosing, action == .skip {
            let closing = Array("</\(name)".utf8)
            guard let close = findCaseInsensitive(input, closing, from: tagEnd) else { return count }
            return skipPast(input, UInt8(ascii: ">"), from: close)
        }
        if let action { apply(action, name: name, isClosing: isClosing, writer: &writer, outlookParagraphs: outlookParagraphs) }
        return tagEnd
    }

    private static func apply(_ action: TagAction, name: String, isClosing: Bool, writer: inout TextWriter, outlookParagraphs: Bool) {
        switch action {
        case .lineBreak:
            writer.lineBreak()
        case .blockquote:
            writer.requestBreak(2)
            writer.quoteDepth = max(0, writer.quoteDepth + (isClosing ? -1 : 1))
        case .pre:
            writer.requestBreak(2)
            writer.preDepth = max(0, writer.preDepth + (isClosing ? -1 : 1))
        case .listItem:
            writer.requestBreak(1)
            if !isClosing { writer.pendingBullet = true }
        case .cell, .space:
            writer.requestSpace()
        case .paragraph:
            writer.requestBreak(name == "p" && outlookParagraphs ? 1 : 2)
        case .line:
            writer.requestBreak(1)
        case .skip:
            break
        }
    }

    /// Index after the tag's ">", honouring quoted attribute values.
    private static func endOfTag(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var quote: UInt8?
        while index < input.count {
            let byte = input[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return input.count
    }

    private static func skipPast(_ input: UnsafeBufferPointer<UInt8>, _ target: UInt8, from start: Int) -> Int {
        var index = start
        while index < input.count, input[index] != target { index += 1 }
        return min(index + 1, input.count)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Naive search is linear here: needles are a few bytes and never self-overlapping in practice.
    private static func findCaseInsensitive(_ input: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= input.count else { return nil }
        var index = start
        let last = input.count - needle.count
        while index <= last {
            if lowercased(input[index]) == lowercased(first) {
                var matched = true
                for offset in 1..<needle.count where lowercased(input[index + offset]) != lowercased(needle[offset]) {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// Bytes that are shown as they are: not markup, entity, whitespace or a no-break space lead byte.
    private static func isPlainTextByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != 0xC2 && byte != 0x7F
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
    }
}
