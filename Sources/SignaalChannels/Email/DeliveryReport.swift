import Foundation
import SignaalDomain

/// A mail server's report that one of our e-mails did not arrive (a bounce): RFC 3464
/// `multipart/report; report-type=delivery-status`, or a plain notice from MAILER-DAEMON or
/// postmaster. It is about our reply, not from a customer: it marks that reply not delivered
/// instead of opening a case for "Mail Delivery System".
public enum EmailDeliveryReport {
    /// What the report means, or nil when the mail is no delivery report. A report that is not
    /// a final failure (delayed, relayed, delivered), or about no message we can name, is ignored.
    public static func events(from email: ParsedEmail, now: Date) -> [ChannelEvent]? {
        guard isReport(email) else { return nil }
        let status = email.attachments.first { $0.contentType == "message/delivery-status" }
            .flatMap { $0.content }.map { fields(String(decoding: $0, as: UTF8.self)) } ?? []
        let actions = status.filter { $0.name == "action" }.map { $0.value.lowercased() }
        // Without a machine-readable status, a MAILER-DAEMON notice is a failure: that is what they send.
        let failed = actions.isEmpty ? true : actions.contains("failed")
        guard failed, let original = originalMessageID(email) else { return [.ignored(kind: "email_report")] }
        let recipient = status.first { $0.name == "final-recipient" }.map { value in
            value.value.split(separator: ";", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? value.value
        }
        let reason = status.first { $0.name == "diagnostic-code" }.map { value in
            value.value.split(separator: ";", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? value.value
        } ?? status.first { $0.name == "status" }.map { "status \($0.value)" }
        let detail = [recipient.map { "de e-mail kwam niet aan bij \($0)" } ?? "de e-mail kwam niet aan", reason]
            .compactMap { $0 }.joined(separator: ": ")
        return [.deliveryStatus(channel: .email, externalID: original, status: .failed, at: email.date ?? now, detail: String(detail.prefix(500)))]
    }

    static func isReport(_ email: ParsedEmail) -> Bool {
        let type = (email.header("Content-Type") ?? "").lowercased()
        if type.contains("multipart/report") && type.contains("delivery-status") { return true }
        guard let sender = email.from?.address.lowercased(), let at = sender.firstIndex(of: "@") else { return false }
        return ["mailer-daemon", "postmaster"].contains(String(sender[..<at]))
    }

    /// The Message-ID of the mail that bounced: from the returned message or its headers, else
    /// from a "Message-ID:" line quoted in the notice's text.
    static func originalMessageID(_ email: ParsedEmail) -> String? {
        let returned = email.attachments.filter { ["message/rfc822", "text/rfc822-headers"].contains($0.contentType) }
            .compactMap { $0.content.map { String(decoding: $0, as: UTF8.self) } }
        for text in returned {
            if let id = fields(headerBlock(of: text)).first(where: { $0.name == "message-id" })
                .flatMap({ EmailHeaderFields.messageIDs(in: $0.value).first })
            {
                return id
            }
        }
        for line in email.body.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("message-id:") else { continue }
            if let id = EmailHeaderFields.messageIDs(in: String(trimmed.dropFirst("message-id:".count))).first { return id }
        }
        return nil
    }

    /// The header part of a message: up to its first empty line.
    static func headerBlock(of text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty && !lines.isEmpty { break }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// "Name: value" lines, folded lines joined, names lower-cased; blank lines (between the
    /// per-message and per-recipient groups) skipped.
    static func fields(_ text: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for line in text.split(whereSeparator: \.isNewline) {
            if line.first == " " || line.first == "\t", !result.isEmpty {
                result[result.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                result.append((line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }
}
