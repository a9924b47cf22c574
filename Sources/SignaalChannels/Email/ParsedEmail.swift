import Foundation

/// One mailbox from an address header: `"Renée de Boer" <renee@example.com>`.
public struct EmailAddress: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The part after `+` in the local part ("webcare+case-ABC@x.nl" -> "case-ABC"), if any.
    public var plusDetail: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let local = address[..<at]
        guard let plus = local.firstIndex(of: "+") else { return nil }
        let detail = local[local.index(after: plus)...]
        return detail.isEmpty ? nil : String(detail)
    }
}

/// An attachment or inline non-text part. `content` is nil when it did not fit the size limit.
public struct EmailAttachmentPart: Sendable, Hashable {
    public var filename: String?
    public var contentType: String
    /// Decoded size in bytes.
    public var size: Int
    public var content: Data?
    /// Content-ID without angle brackets, for inline images referenced from HTML.
    public var contentID: String?
    public var isInline: Bool

    public init(filename: String?, contentType: String, size: Int, content: Data?, contentID: String? = nil, isInline: Bool = false) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.content = content
        self.contentID = contentID
        self.isInline = isInline
    }
}

/// One header field as it arrived, unfolded but not decoded.
public struct EmailHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An inbound e-mail reduced to what webcare needs.
public struct ParsedEmail: Sendable, Hashable {
    /// Without angle brackets.
    public var messageID: String?
    public var inReplyTo: [String]
    /// In header order.
    public var references: [String]
    public var from: EmailAddress?
    /// Only when Reply-To names exactly one mailbox.
    public var replyTo: EmailAddress?
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    /// RFC 2047 decoded, unfolded.
    public var subject: String?
    public var date: Date?
    /// The whole readable text, `\n` line endings: text/plain preferred, else HTML as text.
    public var body: String
    /// The customer's new words: quoted history and signature removed.
    public var newText: String
    public var attachments: [EmailAttachmentPart]
    /// Dutch, plain: what could not be read.
    public var warnings: [String]
    public var headers: [EmailHeader]

    public init(
        messageID: String? = nil, inReplyTo: [String] = [], references: [String] = [],
        from: EmailAddress? = nil, replyTo: EmailAddress? = nil,
        to: [EmailAddress] = [], cc: [EmailAddress] = [],
        subject: String? = nil, date: Date? = nil, body: String = "", newText: String = "",
        attachments: [EmailAttachmentPart] = [], warnings: [String] = [], headers: [EmailHeader] = []
    ) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = date
        self.body = body
        self.newText = newText
        self.attachments = attachments
        self.warnings = warnings
        self.headers = headers
    }

    /// The first header with this name (case-insensitive), unfolded and undecoded.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The customer passes a message on ("Fwd:", "Fw:", Outlook's Dutch "Doorst:").
    public var isForward: Bool {
        let lower = (subject ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return ["fwd:", "fw:", "doorst:"].contains { lower.hasPrefix($0) }
    }

    /// The case tag from a plus-address in To/Cc: "webcare+case-ABC@x.nl" -> "ABC".
    /// Falls back to the delivery headers, because a Bcc'd or forwarded copy only shows the tag there.
    public func caseTag(prefix: String = "case-") -> String? {
        let deliveryHeaders = ["Delivered-To", "X-Original-To", "Envelope-To"]
        var ignored = EmailWarnings()
        let fallback = headers
            .filter { header in deliveryHeaders.contains { $0.caseInsensitiveCompare(header.name) == .orderedSame } }
            .flatMap { AddressListParser.parse($0.value, warnings: &ignored) }
        for address in to + cc + fallback {
            guard let detail = address.plusDetail else { continue }
            if prefix.isEmpty { return detail }
            guard detail.count > prefix.count,
                  detail.lowercased().hasPrefix(prefix.lowercased()) else { continue }
            return String(detail.dropFirst(prefix.count))
        }
        return nil
    }
}
