import Foundation
import SignaalChannels
import SignaalDomain

/// Secrets and endpoints of the channels, from the environment. A channel whose secret is
/// missing answers 503 on its webhook; one whose outbound credentials are missing fails its
/// replies with a reason an agent can act on.
public struct ChannelSettings: Sendable {
    public var xConsumerSecret: String?
    public var metaAppSecret: String?
    public var metaVerifyToken: String?
    public var emailToken: String?

    /// Outbound: X API v2 (`SIGNAAL_X_API_URL`, `SIGNAAL_X_ACCESS_TOKEN`, a user-context token).
    public var xAPIURL: URL = URL(string: "https://api.x.com")!
    public var xAccessToken: String?
    /// Outbound: the Graph API for Pages, Messenger, Instagram and WhatsApp.
    public var metaGraphURL: URL = URL(string: "https://graph.facebook.com")!
    public var metaAccessToken: String?
    /// Outbound e-mail: an SMTP server (`smtp://user:pass@host:port`) or the local sendmail command.
    public var smtpURL: URL?
    public var sendmailPath: String?
    /// The address replies are sent from; its `+case-ID` variant threads the customer's answer.
    public var emailFrom: String = "webcare@signaal.localhost"
    public var emailFromName: String = "Webcare"
    /// Attachment content kept per message; past it, only name, type and size.
    public var maxAttachmentBytes: Int = 10 * 1024 * 1024
    /// Web-form submissions per IP address per hour.
    public var webformPerHour: Int = 5

    public init() {}

    init(environment: [String: String], errors: inout [ConfigurationError]) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        func url(_ name: String) -> URL? {
            guard let text = value(name) else { return nil }
            guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
                errors.append(ConfigurationError("\(name) '\(text)' is geen geldige URL"))
                return nil
            }
            return url
        }
        func positive(_ name: String) -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), number > 0 else {
                errors.append(ConfigurationError("\(name) '\(text)' is geen positief geheel getal"))
                return nil
            }
            return number
        }
        xConsumerSecret = value("SIGNAAL_X_CONSUMER_SECRET")
        metaAppSecret = value("SIGNAAL_META_APP_SECRET")
        metaVerifyToken = value("SIGNAAL_META_VERIFY_TOKEN")
        emailToken = value("SIGNAAL_EMAIL_TOKEN")
        if let xURL = url("SIGNAAL_X_API_URL") { xAPIURL = xURL }
        xAccessToken = value("SIGNAAL_X_ACCESS_TOKEN")
        if let graphURL = url("SIGNAAL_META_GRAPH_URL") { metaGraphURL = graphURL }
        metaAccessToken = value("SIGNAAL_META_ACCESS_TOKEN")
        if let smtp = url("SIGNAAL_SMTP_URL") {
            if smtp.scheme == "smtp" { smtpURL = smtp } else {
                errors.append(ConfigurationError("SIGNAAL_SMTP_URL moet met smtp:// beginnen"))
            }
        }
        sendmailPath = value("SIGNAAL_SENDMAIL")
        if let from = value("SIGNAAL_EMAIL_FROM") {
            if from.contains("@") && !from.contains(" ") { emailFrom = from } else {
                errors.append(ConfigurationError("SIGNAAL_EMAIL_FROM '\(from)' is geen e-mailadres"))
            }
        }
        if let name = value("SIGNAAL_EMAIL_FROM_NAME") { emailFromName = name }
        if let bytes = positive("SIGNAAL_MAX_ATTACHMENT_BYTES") { maxAttachmentBytes = bytes }
        if let perHour = positive("SIGNAAL_WEBFORM_PER_HOUR") { webformPerHour = perHour }
    }
}

extension ChannelSettings {
    /// What an inbound e-mail means, for the webhook and `ingest-email` alike: Signaal's own mail
    /// coming back (a Bcc copy to the shared mailbox, a forwarding loop) is no customer's, and
    /// would otherwise open a case from "Webcare"; a mail server's report is about our reply;
    /// anything else is a customer's message.
    func events(of email: ParsedEmail, raw: Data, now: Date) -> [ChannelEvent] {
        if let from = email.from?.address, from.caseInsensitiveCompare(emailFrom) == .orderedSame {
            return [.ignored(kind: Self.ownMail)]
        }
        return EmailDeliveryReport.events(from: email, now: now) ?? [.signal(EmailSignal.draft(from: email, raw: raw, now: now))]
    }

    static let ownMail = "own_mail"
}
