import Foundation

/// Picks the readable text and the attachments out of a parsed MIME tree.
struct MIMEContentExtractor {
    let bytes: [UInt8]
    let maxAttachmentBytes: Int

    struct BodyText {
        var text: String
        /// Came from text/plain (preferred over HTML in alternatives).
        var isPlain: Bool
    }

    // MARK: - Body

    /// The readable text of a part: alternatives choose plain text when it has content,
    /// related parts use their root, other multiparts join their children's text in order.
    func body(of part: MIMEPart, warnings: inout EmailWarnings) -> BodyText? {
        if !part.isMultipart {
            guard Self.isBodyCandidate(part) else { return nil }
            let isPlain = part.mediaType != "text/html"
            let text = leafText(part, warnings: &warnings)
            return BodyText(text: text, isPlain: isPlain)
        }
        switch part.mediaType {
        case "multipart/alternative":
            let options = part.children.compactMap { body(of: $0, warnings: &warnings) }
                .filter { !TextLines.trimmed($0.text).isEmpty }
            // RFC 2046 lists alternatives from plainest to richest; take the last rich one as fallback.
            return options.first(where: \.isPlain) ?? options.last
        case "multipart/related":
            let startID = part.contentType["start"].map(Self.stripAngles)
            let root = part.children.first { child in
                startID != nil && child.headers.value("Content-ID").map(Self.stripAngles) == startID
            } ?? part.children.first
            return root.flatMap { body(of: $0, warnings: &warnings) }
        default:
            let texts = part.children.compactMap { body(of: $0, warnings: &warnings) }
                .filter { !TextLines.trimmed($0.text).isEmpty }
            guard !texts.isEmpty else { return nil }
            return BodyText(text: texts.map(\.text).joined(separator: "\n\n"), isPlain: texts.contains(where: \.isPlain))
        }
    }

    /// text/plain or text/html that is not marked as an attachment and has no file name.
    static func isBodyCandidate(_ part: MIMEPart) -> Bool {
        guard part.mediaType == "text/plain" || part.mediaType == "text/html" else { return false }
        if part.disposition?.value == "attachment" { return false }
        return filename(of: part) == nil
    }

    /// Decoded text of a text leaf: transfer encoding, charset, line endings, flowed text, HTML.
    func leafText(_ part: MIMEPart, warnings: inout EmailWarnings) -> String {
        let decoded = TransferDecoder.decode(bytes, range: part.bodyRange, encoding: part.transferEncoding, warnings: &warnings)
        let isHTML = part.mediaType == "text/html"
        var charset = part.contentType["charset"]
        if charset == nil, isHTML { charset = Self.sniffHTMLCharset(decoded) }
        let text = TextCharset.decode(decoded, charset: charset, warnings: &warnings)
        let clean = Self.normalizeLines(text)
        if isHTML { return HTMLToText.text(fromHTML: clean) }
        if part.contentType["format"]?.lowercased() == "flowed" {
            return FlowedText.unflow(clean, deleteSpace: part.contentType["delsp"]?.lowercased() == "yes")
        }
        return clean
    }

    // MARK: - Attachments

    /// Every leaf that is not body text, in document order. Content is kept while the total stays
    /// within `maxAttachmentBytes`; later parts that do not fit keep only name, type and size.
    func attachments(of root: MIMEPart, warnings: inout EmailWarnings) -> [EmailAttachmentPart] {
        var result: [EmailAttachmentPart] = []
        var used = 0
        var stack: [MIMEPart] = [root]
        while let part = stack.popLast() {
            if part.isMultipart {
                stack.append(contentsOf: part.children.reversed())
                continue
            }
            guard !Self.isBodyCandidate(part) else { continue }
            let content = TransferDecoder.decode(bytes, range: part.bodyRange, encoding: part.transferEncoding, warnings: &warnings)
            let name = Self.filename(of: part)
            let fits = used + content.count <= maxAttachmentBytes
            if fits { used += content.count } else {
                warnings.add(EmailWarnings.attachmentOverLimit(name, size: content.count, limit: maxAttachmentBytes))
            }
            let contentID = part.headers.value("Content-ID").map(Self.stripAngles)
            result.append(EmailAttachmentPart(
                filename: name,
                contentType: part.mediaType,
                size: content.count,
                content: fits ? Data(content) : nil,
                contentID: contentID.flatMap { $0.isEmpty ? nil : $0 },
                isInline: part.disposition?.value == "inline" || (part.disposition == nil && contentID != nil)
            ))
        }
        return result
    }

    /// Content-Disposition filename, else Content-Type name; encoded words decoded, path dropped.
    static func filename(of part: MIMEPart) -> String? {
        guard let raw = part.disposition?["filename"] ?? part.contentType["name"] else { return nil }
        var ignored = EmailWarnings()
        let decoded = EncodedWords.decode(raw, warnings: &ignored)
        // Some clients send the sender's full path; only the last component is the name.
        let last = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let trimmed = last.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func stripAngles(_ value: String) -> String {
        value.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
    }

    // MARK: - Text helpers

    /// `\n` line endings; control characters other than tab and newline removed (also C1, which
    /// only appear from mislabelled text), and a leading byte-order mark dropped.
    static func normalizeLines(_ text: String) -> String {
        var input = Array(text.utf8)
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        input.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x0D {
                    if index + 1 >= buffer.count || buffer[index + 1] != 0x0A { output.append(0x0A) }
                } else if byte == 0xC2, index + 1 < buffer.count, (0x80...0x9F).contains(buffer[index + 1]) {
                    index += 1
                } else if byte >= 0x20 && byte != 0x7F || byte == 0x0A || byte == 0x09 {
                    output.append(byte)
                }
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `<meta charset="…">` or `content="text/html; charset=…"` near the top of an HTML part.
    static func sniffHTMLCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" }
        return name.isEmpty ? nil : String(name)
    }
}
