import Foundation

/// A customer message as it arrives, before Signaal has linked it to anyone.
public struct SignalDraft: Sendable, Hashable, Codable {
    public var channel: Channel
    /// The platform's own id of the message; with `channel` it makes the message unique.
    public var externalID: String?
    public var author: Author
    public var text: String
    public var receivedAt: Date
    /// The external id of the message this one answers (a tweet reply, an e-mail thread).
    public var inReplyTo: String?
    public var url: String?

    public init(
        channel: Channel, externalID: String? = nil, author: Author, text: String,
        receivedAt: Date, inReplyTo: String? = nil, url: String? = nil
    ) {
        self.channel = channel
        self.externalID = externalID
        self.author = author
        self.text = text
        self.receivedAt = receivedAt
        self.inReplyTo = inReplyTo
        self.url = url
    }

    /// The largest text accepted, in UTF-8 bytes.
    public static let maximumTextBytes = 64 * 1024

    /// Checks the draft against the rules every channel shares.
    public func validated() throws(DomainError) -> SignalDraft {
        var draft = self
        draft.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if draft.text.isEmpty { throw .emptyText }
        if draft.text.utf8.count > Self.maximumTextBytes { throw .textTooLong(limit: Self.maximumTextBytes) }
        if let externalID = draft.externalID {
            let trimmed = externalID.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.utf8.count > 512 { throw .invalidField("externalId", "moet 1 tot 512 tekens zijn") }
            draft.externalID = trimmed
        }
        if let inReplyTo = draft.inReplyTo, inReplyTo.utf8.count > 512 {
            throw .invalidField("inReplyTo", "mag hoogstens 512 tekens zijn")
        }
        if let followers = author.followers, followers < 0 {
            throw .invalidField("author.followers", "mag niet negatief zijn")
        }
        if author.identities(on: channel).isEmpty && author.name?.isEmpty ?? true {
            throw .invalidField("author", "geef minstens een handle, naam, e-mailadres of telefoonnummer")
        }
        // Store at millisecond precision so both databases give back the same instant.
        draft.receivedAt = Date(millisecondsSince1970: draft.receivedAt.millisecondsSince1970)
        return draft
    }
}

/// A stored customer message: the draft, linked to a customer and a case.
public struct Signal: Sendable, Hashable, Codable, Identifiable {
    public var id: SignalID
    public var caseID: CaseID
    public var customerID: CustomerID
    public var channel: Channel
    public var externalID: String?
    public var author: Author
    public var text: String
    public var receivedAt: Date
    public var inReplyTo: String?
    public var url: String?
    public var analysis: Analysis?
    public var createdAt: Date

    public init(
        id: SignalID, caseID: CaseID, customerID: CustomerID, draft: SignalDraft,
        analysis: Analysis?, createdAt: Date
    ) {
        self.id = id
        self.caseID = caseID
        self.customerID = customerID
        self.channel = draft.channel
        self.externalID = draft.externalID
        self.author = draft.author
        self.text = draft.text
        self.receivedAt = draft.receivedAt
        self.inReplyTo = draft.inReplyTo
        self.url = draft.url
        self.analysis = analysis
        self.createdAt = createdAt
    }
}

extension Date {
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
    public init(millisecondsSince1970 millis: Int64) {
        self.init(timeIntervalSince1970: Double(millis) / 1000)
    }
}
