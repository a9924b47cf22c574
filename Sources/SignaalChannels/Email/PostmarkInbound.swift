import Foundation

/// What went wrong reading a Postmark inbound webhook body.
public enum PostmarkInboundError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformedJSON(String)
    case missingFrom

    public var description: String {
        switch self {
        case .malformedJSON(let detail): "Postmark inbound: body is not the expected JSON object (\(detail))."
        case .missingFrom: "Postmark inbound: no sender (From/FromFull) in the payload."
        }
    }
}

/// Postmark's inbound JSON (From, FromFull, ToFull, Subject, TextBody, HtmlBody, Headers, Attachments).
/// The Message-ID comes from the Headers array: Postmark's own MessageID is its UUID, useless for threading.
public enum PostmarkInbound {
    public static func parse(_ json: Data, maxAttachmentBytes: Int = 10 * 1024 * 1024) throws -> ParsedEmail {
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: json)
        } catch let error as DecodingError {
            throw PostmarkInboundError.malformedJSON(describe(error))
        } catch {
            throw PostmarkInboundError.malformedJSON(String(describing: error))
        }
        var warnings = EmailWarnings()
        var email = ParsedEmail()
        email.headers = (payload.Headers ?? []).map { EmailHeader(name: $0.Name ?? "", value: $0.Value ?? "") }
        EmailHeaderFields.apply(email.headers, to: &email, warnings: &warnings)

        if let full = payload.FromFull, let address = full.Email, !address.isEmpty {
            email.from = EmailAddress(name: nonEmpty(full.Name), address: address)
        } else if let raw = payload.From, let parsed = AddressListParser.parse(raw, warnings: &warnings).first {
            email.from = EmailAddress(name: parsed.name ?? nonEmpty(payload.FromName), address: parsed.address)
        }
        guard email.from != nil else { throw PostmarkInboundError.missingFrom }
        email.to = addresses(payload.ToFull, fallback: payload.To, warnings: &warnings)
        email.cc = addresses(payload.CcFull, fallback: payload.Cc, warnings: &warnings)
        if let replyTo = nonEmpty(payload.ReplyTo) {
            email.replyTo = EmailHeaderFields.onlyAddress(AddressListParser.parse(replyTo, warnings: &warnings))
        }
        if let subject = payload.Subject { email.subject = subject }
        if let rawDate = nonEmpty(payload.Date) {
            email.date = EmailDateParser.parse(rawDate)
            if email.date == nil { warnings.add(EmailWarnings.unreadableDate(rawDate)) }
        }

        let plain = MIMEContentExtractor.normalizeLines(payload.TextBody ?? "")
        let text = TextLines.trimmed(plain).isEmpty
            ? HTMLToText.text(fromHTML: payload.HtmlBody ?? "")
            : plain
        email.body = TextLines.trimmed(text)
        email.newText = ReplySeparator.newText(of: email.body, forwarded: email.isForward)
        email.attachments = attachments(payload.Attachments ?? [], limit: max(0, maxAttachmentBytes), warnings: &warnings)
        email.warnings = warnings.messages
        return email
    }

    private static func attachments(_ list: [Attachment], limit: Int, warnings: inout EmailWarnings) -> [EmailAttachmentPart] {
        var used = 0
        return list.map { item in
            let bytes = Array((item.Content ?? "").utf8).withUnsafeBufferPointer {
                TransferDecoder.base64($0, warnings: &warnings)
            }
            let size = item.Content == nil ? (item.ContentLength ?? 0) : bytes.count
            let fits = item.Content != nil && used + bytes.count <= limit
            if fits { used += bytes.count } else {
                warnings.add(EmailWarnings.attachmentOverLimit(item.Name, size: size, limit: limit))
            }
            let contentID = nonEmpty(item.ContentID).map(MIMEContentExtractor.stripAngles)
            return EmailAttachmentPart(
                filename: nonEmpty(item.Name),
                contentType: (nonEmpty(item.ContentType) ?? "application/octet-stream").lowercased(),
                size: size,
                content: fits ? Data(bytes) : nil,
                contentID: contentID,
                isInline: contentID != nil
            )
        }
    }

    private static func addresses(_ full: [Mailbox]?, fallback: String?, warnings: inout EmailWarnings) -> [EmailAddress] {
        if let full, !full.isEmpty {
            return full.compactMap { box in
                guard let address = nonEmpty(box.Email) else { return nil }
                return EmailAddress(name: nonEmpty(box.Name), address: address)
            }
        }
        return nonEmpty(fallback).map { AddressListParser.parse($0, warnings: &warnings) } ?? []
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): "invalid JSON: \(context.debugDescription)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            "field \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: String(describing: error)
        }
    }

    // Postmark's field names, kept as sent.
    private struct Payload: Decodable {
        var From: String?
        var FromName: String?
        var FromFull: Mailbox?
        var To: String?
        var ToFull: [Mailbox]?
        var Cc: String?
        var CcFull: [Mailbox]?
        var ReplyTo: String?
        var Subject: String?
        var Date: String?
        var TextBody: String?
        var HtmlBody: String?
        var Headers: [Header]?
        var Attachments: [Attachment]?
    }

    private struct Mailbox: Decodable {
        var Email: String?
        var Name: String?
    }

    private struct Header: Decodable {
        var Name: String?
        var Value: String?
    }

    private struct Attachment: Decodable {
        var Name: String?
        var Content: String?
        var ContentType: String?
        var ContentLength: Int?
        var ContentID: String?
    }
}
