import Foundation

/// One entity in the MIME tree. Bodies stay as ranges into the raw bytes until needed,
/// so a large attachment is decoded once, when it is read.
struct MIMEPart: Sendable {
    var headers: HeaderBlock
    /// Content-Type, lowercased: "text/plain" when absent or unreadable.
    var contentType: HeaderParameters
    var disposition: HeaderParameters?
    var transferEncoding: String?
    /// The body (for multiparts: everything after the header block).
    var bodyRange: Range<Int>
    var children: [MIMEPart] = []

    var isMultipart: Bool { contentType.value.hasPrefix("multipart/") }
    var mediaType: String { contentType.value }

    /// Reads the entity in `bytes[range]` and, for multiparts, its children.
    /// Never fails: structure problems become warnings and the readable parts are kept.
    static func parse(
        _ bytes: [UInt8], range: Range<Int>, isMessage: Bool, defaultType: String = "text/plain",
        depth: Int = 0, warnings: inout EmailWarnings
    ) -> MIMEPart {
        let (headers, bodyStart) = HeaderBlock.parse(bytes, range: range, isMessage: isMessage, warnings: &warnings)
        var contentType = HeaderParameters(value: defaultType)
        if let raw = headers.value("Content-Type") {
            let parsed = HeaderParameters(parsing: raw, warnings: &warnings)
            if parsed.value.contains("/") {
                contentType = parsed
            } else if parsed.value == "text" {
                // "Content-Type: text; charset=…" from old mailers.
                contentType = HeaderParameters(value: "text/plain", parameters: parsed.parameters)
            } else {
                contentType.parameters = parsed.parameters
            }
        }
        var part = MIMEPart(
            headers: headers,
            contentType: contentType,
            disposition: headers.value("Content-Disposition").map { HeaderParameters(parsing: $0, warnings: &warnings) },
            transferEncoding: headers.value("Content-Transfer-Encoding"),
            bodyRange: bodyStart..<max(bodyStart, range.upperBound)
        )
        guard part.isMultipart else { return part }
        guard depth < 32 else {
            warnings.add(EmailWarnings.tooDeeplyNested)
            return part
        }
        var boundary = contentType["boundary"].flatMap { $0.isEmpty ? nil : $0 }
        if boundary == nil {
            boundary = guessBoundary(bytes, range: part.bodyRange)
            warnings.add(boundary == nil ? EmailWarnings.noBoundaryFound : EmailWarnings.missingBoundaryParameter)
        }
        guard let boundary else {
            part.contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
            return part
        }
        let split = splitParts(bytes, range: part.bodyRange, boundary: boundary)
        if split.parts.isEmpty, !split.sawDelimiter {
            warnings.add(EmailWarnings.noBoundaryFound)
            part.contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
            return part
        }
        if !split.closed { warnings.add(EmailWarnings.missingClosingBoundary(boundary)) }
        let childDefault = contentType.value == "multipart/digest" ? "message/rfc822" : "text/plain"
        part.children = split.parts.map {
            parse(bytes, range: $0, isMessage: false, defaultType: childDefault, depth: depth + 1, warnings: &warnings)
        }
        return part
    }

    /// The body parts between `--boundary` lines. A part ends before the line break that
    /// precedes the next delimiter, as RFC 2046 says. Preamble and epilogue are skipped.
    private static func splitParts(_ bytes: [UInt8], range: Range<Int>, boundary: String) -> (parts: [Range<Int>], closed: Bool, sawDelimiter: Bool) {
        let marker = Array(("--" + boundary).utf8)
        var parts: [Range<Int>] = []
        var partStart: Int?
        var closed = false
        var sawDelimiter = false
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = range.lowerBound
            while lineStart < range.upperBound {
                var lineEnd = lineStart
                while lineEnd < range.upperBound, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                let nextStart = min(lineEnd + 1, range.upperBound)
                if buffer[lineStart] == UInt8(ascii: "-"), let kind = delimiterKind(buffer, lineStart, lineEnd, marker) {
                    sawDelimiter = true
                    if let start = partStart {
                        parts.append(start..<max(start, lineBreakStart(buffer, before: lineStart, floor: start)))
                    }
                    if kind == .close {
                        closed = true
                        partStart = nil
                        break
                    }
                    partStart = nextStart
                }
                lineStart = nextStart
            }
        }
        if let start = partStart, !closed {
            parts.append(start..<range.upperBound)
        }
        return (parts, closed, sawDelimiter)
    }

    private enum DelimiterKind { case open, close }

    private static func delimiterKind(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ marker: [UInt8]) -> DelimiterKind? {
        guard end - start >= marker.count else { return nil }
        for offset in 0..<marker.count where buffer[start + offset] != marker[offset] { return nil }
        var index = start + marker.count
        var kind = DelimiterKind.open
        if index + 1 < end, buffer[index] == UInt8(ascii: "-"), buffer[index + 1] == UInt8(ascii: "-") {
            kind = .close
            index += 2
        }
        // Only transport padding may follow; anything else means a longer, different boundary.
        while index < end {
            let byte = buffer[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D else { return nil }
            index += 1
        }
        return kind
    }

    /// Start of the CRLF or LF that ends the line before `lineStart`.
    private static func lineBreakStart(_ buffer: UnsafeBufferPointer<UInt8>, before lineStart: Int, floor: Int) -> Int {
        var end = lineStart
        if end > floor, buffer[end - 1] == 0x0A { end -= 1 }
        if end > floor, buffer[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// A multipart without a boundary parameter: take the first line that looks like a delimiter.
    private static func guessBoundary(_ bytes: [UInt8], range: Range<Int>) -> String? {
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let line = ByteLines.line(in: bytes, from: lineStart, end: range.upperBound)
            let content = bytes[lineStart..<line.contentEnd]
            if content.count > 3, content.starts(with: [0x2D, 0x2D]) {
                let text = String(decoding: content.dropFirst(2), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty, !text.contains(" ") { return text }
            }
            lineStart = line.nextStart
        }
        return nil
    }
}
