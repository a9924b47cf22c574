import Foundation

/// The header fields of a message or body part, unfolded, plus where the body begins.
struct HeaderBlock: Sendable {
    var fields: [EmailHeader] = []

    func value(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Reads header lines from `bytes[range]` up to the first empty line.
    /// - Parameter isMessage: a top-level message; only there a missing header block is worth a warning.
    /// - Returns: the fields and the offset where the body starts.
    static func parse(_ bytes: [UInt8], range: Range<Int>, isMessage: Bool, warnings: inout EmailWarnings) -> (HeaderBlock, bodyStart: Int) {
        var block = HeaderBlock()
        // Unfolded field being collected: name and raw value bytes.
        var currentName: String?
        var currentValue: [UInt8] = []
        // Where each field's first line starts, to give unknown trailing fields back to the body.
        var fieldStarts: [Int] = []
        var endedByBlankLine = false
        var headerBytesInvalid = false

        func finishField() {
            guard let name = currentName else { return }
            var ignored = EmailWarnings()
            let text = TextCharset.decodeUTF8Lenient(currentValue, warnings: &ignored)
            if !ignored.messages.isEmpty { headerBytesInvalid = true }
            block.fields.append(EmailHeader(name: name, value: TextLines.trimmed(text)))
            currentName = nil
            currentValue.removeAll(keepingCapacity: true)
        }

        var lineStart = range.lowerBound
        var bodyStart = range.upperBound
        var isFirstLine = true
        while lineStart < range.upperBound {
            let line = ByteLines.line(in: bytes, from: lineStart, end: range.upperBound)
            if line.contentEnd == lineStart {
                if isMessage && isFirstLine {
                    // Blank lines in front of a message (left by a pipe or a copy-paste) are no
                    // end of its headers: without this, From and Subject became body text.
                    lineStart = line.nextStart
                    continue
                }
                bodyStart = line.nextStart
                endedByBlankLine = true
                break
            }
            defer { isFirstLine = false }
            let first = bytes[lineStart]
            if first == 0x20 || first == 0x09 {
                // A folded continuation: RFC 5322 unfolding just removes the line break.
                if currentName != nil { currentValue.append(contentsOf: bytes[lineStart..<line.contentEnd]) }
                lineStart = line.nextStart
                continue
            }
            if let colon = fieldNameEnd(bytes, from: lineStart, to: line.contentEnd) {
                finishField()
                let name = String(decoding: bytes[lineStart..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                currentName = name
                fieldStarts.append(lineStart)
                currentValue.append(contentsOf: bytes[(colon + 1)..<line.contentEnd])
                lineStart = line.nextStart
                continue
            }
            if isFirstLine, isMessage, bytes[lineStart..<line.contentEnd].starts(with: Array("From ".utf8)) {
                // An mbox separator line in front of the message.
                lineStart = line.nextStart
                continue
            }
            // Not a header: the body starts here, without the blank line.
            if block.fields.isEmpty && currentName == nil {
                if isMessage { warnings.add(EmailWarnings.noHeaders) }
            } else {
                warnings.add(EmailWarnings.headerGarbage)
            }
            bodyStart = lineStart
            break
        }
        finishField()
        if isMessage && !endedByBlankLine {
            // Without the blank line, the message's first lines of text may look like fields
            // ("Ordernummer: 4455"): those at the end of the block that no mail program writes are
            // text, or a customer's order number was lost as a header.
            while let last = block.fields.last, !isKnownFieldName(last.name), let start = fieldStarts.last {
                block.fields.removeLast()
                fieldStarts.removeLast()
                bodyStart = start
            }
        }
        if headerBytesInvalid { warnings.add(EmailWarnings.invalidUTF8) }
        return (block, bodyStart)
    }

    /// Whether mail programs and servers write a field of this name: the standard ones of RFC 5322,
    /// MIME and delivery, the common unregistered ones, and every extension family (X-, List-, …).
    static func isKnownFieldName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return knownFieldNames.contains(lower) || knownFieldPrefixes.contains { lower.hasPrefix($0) }
    }

    private static let knownFieldNames: Set<String> = [
        "from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references",
        "comments", "keywords", "return-path", "delivered-to", "envelope-to", "received", "received-spf",
        "authentication-results", "mime-version", "importance", "priority", "sensitivity", "organization", "organisation",
        "user-agent", "precedence", "auto-submitted", "errors-to", "disposition-notification-to", "return-receipt-to",
        "feedback-id", "mailing-list", "domainkey-signature", "thread-index", "thread-topic", "accept-language",
        "autocrypt", "openpgp", "archived-at", "tls-required", "status", "newsgroups", "followup-to", "path",
        "original-recipient", "final-recipient", "message-context", "bounces-to", "savedfromemail",
    ]
    private static let knownFieldPrefixes = ["x-", "list-", "content-", "resent-", "arc-", "dkim-", "original-", "autoforwarded"]

    /// Offset of the colon when the line starts with a valid field name ("Subject:", also "Subject :").
    private static func fieldNameEnd(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        var sawSpace = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index > start ? index : nil }
            if byte == 0x20 || byte == 0x09 {
                sawSpace = true
            } else if sawSpace || byte < 33 || byte > 126 {
                return nil
            }
            index += 1
            if index - start > 200 { return nil }
        }
        return nil
    }
}

/// Line iteration over raw bytes, accepting both CRLF and LF.
enum ByteLines {
    struct Line {
        /// End of the line's content, before CR LF.
        var contentEnd: Int
        /// Start of the next line.
        var nextStart: Int
    }

    static func line(in bytes: [UInt8], from start: Int, end: Int) -> Line {
        bytes.withUnsafeBufferPointer { buffer in
            var index = start
            while index < end, buffer[index] != 0x0A { index += 1 }
            if index == end { return Line(contentEnd: end, nextStart: end) }
            let contentEnd = index > start && buffer[index - 1] == 0x0D ? index - 1 : index
            return Line(contentEnd: contentEnd, nextStart: index + 1)
        }
    }
}
