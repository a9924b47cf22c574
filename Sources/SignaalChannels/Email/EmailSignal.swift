import Crypto
import Foundation
import SignaalDomain

/// Turns a parsed e-mail into a signal draft. A message is never dropped for being odd: what
/// cannot be read becomes a warning on the signal, and the text falls back step by step.
public enum EmailSignal {
    /// The case tag in our reply address: `webcare+case-<uuid>@…`.
    public static let caseTagPrefix = "case-"

    /// Shown on an out-of-office reply, so an agent sees why the case did not move.
    public static let automaticReplyWarning = "Automatisch antwoord (afwezigheidsbericht): de zaak blijft zoals hij was."

    /// Nothing but whitespace is no e-mail from anybody (a broken one is still kept, with a
    /// warning): the webhook and `ingest-email` both refuse it with `emptyMessage`.
    public static func isEmpty(_ raw: Data) -> Bool {
        !raw.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    public static let emptyMessage = "Het bericht is leeg."

    /// Who wrote: a contact form or a shop system sends as its own "noreply" address with the
    /// customer in Reply-To; replies must reach that person, and two forms are two customers.
    static func customer(of email: ParsedEmail) -> EmailAddress? {
        if let from = email.from, let replyTo = email.replyTo,
           from.address.caseInsensitiveCompare(replyTo.address) != .orderedSame {
            return replyTo
        }
        return email.from ?? email.replyTo
    }

    /// At most this many attachments of one message are kept.
    public static let maximumAttachments = 50

    public static func draft(from email: ParsedEmail, raw: Data, now: Date) -> SignalDraft {
        var warnings = email.warnings
        var text = email.newText.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { text = email.body.trimmingCharacters(in: .whitespacesAndNewlines) }
        if text.isEmpty {
            text = email.attachments.isEmpty ? "(geen leesbare tekst)" : "(alleen bijlagen)"
            if email.attachments.isEmpty { warnings.append("Het bericht bevat geen leesbare tekst.") }
        }
        if text.utf8.count > SignalDraft.maximumTextBytes {
            text = String(decoding: Data(text.utf8.prefix(SignalDraft.maximumTextBytes - 64)), as: UTF8.self) + "\n[… ingekort]"
            warnings.append("De tekst was langer dan 64 KiB en is ingekort.")
        }
        var receivedAt = email.date ?? now
        if email.date == nil { warnings.append("De verzenddatum ontbrak of was onleesbaar; de ontvangsttijd is gebruikt.") }
        if SignalDraft.isAhead(receivedAt, of: now) {
            warnings.append("De verzenddatum lag in de toekomst; de ontvangsttijd is gebruikt.")
            receivedAt = now
        }
        // Nobody attaches hundreds of files to a complaint; a mail that does would make a case page
        // of megabytes that takes seconds to open. The first ones are kept and the rest counted.
        let attachments = email.attachments.prefix(maximumAttachments)
        if email.attachments.count > maximumAttachments {
            warnings.append(
                "Het bericht had \(email.attachments.count) bijlagen; de eerste \(maximumAttachments) zijn bewaard, de andere \(email.attachments.count - maximumAttachments) niet.")
        }
        let automatic = email.isAutomaticReply
        if automatic { warnings.append(automaticReplyWarning) }
        let from = customer(of: email)
        if from == nil { warnings.append("De afzender ontbrak.") }
        // Without a Message-ID the content decides, so a redelivery is still recognised.
        let externalID = email.messageID ?? ("sha256:" + Hex.lowercase(SHA256.hash(data: raw)))
        // Also from Delivered-To and the like: a Bcc'd or forwarded copy shows the tag only there.
        let tag = email.caseTag(prefix: caseTagPrefix).flatMap(CaseID.init)
        return SignalDraft(
            channel: .email, externalID: externalID,
            author: Author(name: from?.name ?? (from == nil ? "onbekende afzender" : nil), email: from?.address),
            text: text, receivedAt: receivedAt, inReplyTo: email.inReplyTo.first,
            references: Array(email.references.reversed()) + email.inReplyTo.dropFirst(), caseHint: tag,
            subject: email.subject,
            attachments: attachments.map {
                Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size, content: $0.content)
            },
            warnings: warnings, channelAccount: email.to.first?.address, automatic: automatic)
    }
}
