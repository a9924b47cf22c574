import Foundation

/// Parses a raw RFC 5322 / MIME message. Never throws: broken structure gives what could be read,
/// with Dutch warnings saying what could not.
public enum MIMEParser {
    /// - Parameter maxAttachmentBytes: limit for all attachment content in this message together;
    ///   attachments past it keep filename, type and size but no content.
    public static func parse(_ raw: Data, maxAttachmentBytes: Int = 10 * 1024 * 1024) -> ParsedEmail {
        let bytes = [UInt8](raw)
        var warnings = EmailWarnings()
        let root = MIMEPart.parse(bytes, range: 0..<bytes.count, isMessage: true, warnings: &warnings)

        var email = ParsedEmail()
        email.headers = root.headers.fields
        EmailHeaderFields.apply(root.headers.fields, to: &email, warnings: &warnings)

        let extractor = MIMEContentExtractor(bytes: bytes, maxAttachmentBytes: max(0, maxAttachmentBytes))
        let body = extractor.body(of: root, warnings: &warnings)?.text ?? ""
        email.body = TextLines.trimmed(body)
        email.newText = ReplySeparator.newText(of: email.body, forwarded: email.isForward)
        email.attachments = extractor.attachments(of: root, warnings: &warnings)
        email.warnings = warnings.messages
        return email
    }
}

/// Fills the typed header fields of a `ParsedEmail`; shared by the MIME and Postmark parsers.
enum EmailHeaderFields {
    static func apply(_ headers: [EmailHeader], to email: inout ParsedEmail, warnings: inout EmailWarnings) {
        func value(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        email.messageID = value("Message-ID").flatMap { messageIDs(in: $0).first }
        email.inReplyTo = value("In-Reply-To").map(messageIDs) ?? []
        email.references = value("References").map(messageIDs) ?? []
        email.from = value("From").flatMap { AddressListParser.parse($0, warnings: &warnings).first }
        email.replyTo = value("Reply-To").flatMap { onlyAddress(AddressListParser.parse($0, warnings: &warnings)) }
        email.to = headers.filter { $0.name.caseInsensitiveCompare("To") == .orderedSame }
            .flatMap { AddressListParser.parse($0.value, warnings: &warnings) }
        email.cc = headers.filter { $0.name.caseInsensitiveCompare("Cc") == .orderedSame }
            .flatMap { AddressListParser.parse($0.value, warnings: &warnings) }
        email.subject = value("Subject").map { decodeUnstructured($0, warnings: &warnings) }
        if let rawDate = value("Date"), !rawDate.isEmpty {
            email.date = EmailDateParser.parse(rawDate)
            if email.date == nil { warnings.add(EmailWarnings.unreadableDate(rawDate)) }
        }
    }

    /// The one mailbox of a Reply-To; several (a team, a list) name no single customer.
    static func onlyAddress(_ addresses: [EmailAddress]) -> EmailAddress? {
        addresses.count == 1 ? addresses[0] : nil
    }

    /// Encoded words decoded; tabs left by folding read as spaces.
    static func decodeUnstructured(_ value: String, warnings: inout EmailWarnings) -> String {
        TextLines.trimmed(EncodedWords.decode(value, warnings: &warnings).replacingOccurrences(of: "\t", with: " "))
    }

    /// The `<id>` tokens in order, without brackets. Without brackets, whitespace-separated tokens
    /// are taken, as some mailers write bare ids.
    static func messageIDs(in value: String) -> [String] {
        var ids: [String] = []
        var current: String?
        for character in value {
            if character == "<" {
                current = ""
            } else if character == ">" {
                if let id = current?.trimmingCharacters(in: .whitespaces), !id.isEmpty { ids.append(id) }
                current = nil
            } else {
                current?.append(character)
            }
        }
        if ids.isEmpty {
            ids = value.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init).filter { $0.contains("@") }
        }
        return ids
    }
}
