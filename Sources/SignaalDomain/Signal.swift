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
    /// Further external ids of the thread, nearest first (an e-mail's `References`).
    public var references: [String]
    /// The case the message names itself, e.g. by `+case-ID` in an e-mail address.
    public var caseHint: CaseID?
    /// An e-mail's subject, a form's order number line: shown above the text.
    public var subject: String?
    public var attachments: [Attachment]
    /// What could not be read, said plainly; the signal is kept anyway.
    public var warnings: [String]
    /// The platform announced the message without its text (an Instagram mention);
    /// the text is fetched later and the signal is visible meanwhile.
    public var textPending: Bool
    /// The agent who wrote down a phone call, a counter visit or a letter.
    public var recordedBy: UserID?
    /// Which of our own accounts received it (X user id, Page id, WhatsApp phone number id,
    /// the e-mail address written to), so the reply leaves from the same account.
    public var channelAccount: String?
    /// Sent by a machine on the customer's behalf (an out-of-office reply): it joins the case it
    /// belongs to for the record, but the customer did not write, so the case stays as it was.
    public var automatic: Bool

    public init(
        channel: Channel, externalID: String? = nil, author: Author, text: String,
        receivedAt: Date, inReplyTo: String? = nil, url: String? = nil,
        references: [String] = [], caseHint: CaseID? = nil, subject: String? = nil,
        attachments: [Attachment] = [], warnings: [String] = [], textPending: Bool = false,
        recordedBy: UserID? = nil, channelAccount: String? = nil, automatic: Bool = false
    ) {
        self.channelAccount = channelAccount
        self.automatic = automatic
        self.channel = channel
        self.externalID = externalID
        self.author = author
        self.text = text
        self.receivedAt = receivedAt
        self.inReplyTo = inReplyTo
        self.url = url
        self.references = references
        self.caseHint = caseHint
        self.subject = subject
        self.attachments = attachments
        self.warnings = warnings
        self.textPending = textPending
        self.recordedBy = recordedBy
    }

    /// The largest text accepted, in UTF-8 bytes.
    public static let maximumTextBytes = 64 * 1024

    /// The longest author field (handle, name, e-mail, phone, platform id) and url accepted, in
    /// UTF-8 bytes: far beyond any platform's own limits, short enough for lists and indexes.
    public static let maximumFieldBytes = 512
    public static let maximumURLBytes = 4096

    /// Checks the draft against the rules every channel shares.
    public func validated() throws(DomainError) -> SignalDraft {
        var draft = self.withoutNUL()
        // From a Mac or an iPhone accents may come decomposed ("u" + a combining diaeresis): kept as
        // everything else is (NFC), so "Zürich" and "Müller" are found whichever way they came.
        draft.text = draft.text.canonicallyComposed().trimmingWhitespace()
        draft.subject = draft.subject?.canonicallyComposed()
        draft.author.name = draft.author.name?.canonicallyComposed()
        if draft.text.isEmpty && !textPending { throw .emptyText }
        if draft.text.utf8.count > Self.maximumTextBytes { throw .textTooLong(limit: Self.maximumTextBytes) }
        if let externalID = draft.externalID {
            let trimmed = externalID.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.utf8.count > 512 { throw .invalidField("externalId", "moet 1 tot 512 bytes (UTF-8) zijn") }
            draft.externalID = trimmed
        }
        if let inReplyTo = draft.inReplyTo, inReplyTo.utf8.count > 512 {
            throw .invalidField("inReplyTo", "mag hoogstens 512 bytes (UTF-8) zijn")
        }
        draft.references = draft.references.filter { !$0.isEmpty && $0.utf8.count <= 512 }.prefix(50).map { $0 }
        if let subject = draft.subject {
            let trimmed = subject.trimmingWhitespace()
            draft.subject = trimmed.isEmpty ? nil : String(trimmed.prefix(998))
        }
        if let followers = author.followers, followers < 0 {
            throw .invalidField("author.followers", "mag niet negatief zijn")
        }
        let fields = [("handle", author.handle), ("name", author.name), ("email", author.email), ("phone", author.phone)]
        for case let (name, value?) in fields + [("platformId", author.platformID)] where value.utf8.count > Self.maximumFieldBytes {
            throw .invalidField("author.\(name)", "mag hoogstens \(Self.maximumFieldBytes) bytes (UTF-8) zijn")
        }
        if let url = draft.url, url.utf8.count > Self.maximumURLBytes {
            throw .invalidField("url", "mag hoogstens \(Self.maximumURLBytes) bytes (UTF-8) zijn")
        }
        // No platform's handle has a space: "pi et" is a name typed in the wrong field, and would
        // become an identity nobody can be found by.
        if let handle = draft.author.handle?.trimmingWhitespace(), handle.contains(where: \.isWhitespace) {
            throw .invalidField("author.handle", "mag geen spaties bevatten (een naam hoort in author.name)")
        }
        if let name = draft.author.name, name.trimmingWhitespace().isEmpty { draft.author.name = nil }
        if draft.author.identities(on: channel).isEmpty && draft.author.name == nil {
            // Say which value was not understood, when one was given.
            if let phone = draft.author.phone, Identity(kind: .phone, raw: phone) == nil {
                throw .invalidField("author.phone", "'\(phone.prefix(40))' is geen telefoonnummer")
            }
            if let email = draft.author.email, Identity(kind: .email, raw: email) == nil {
                throw .invalidField("author.email", "'\(email.prefix(80))' is geen e-mailadres")
            }
            // A handle is an identity only on the platforms that have handles.
            throw .invalidField(
                "author",
                channel.handleKind != nil
                    ? "geef minstens een handle, naam, e-mailadres of telefoonnummer"
                    : "geef minstens een naam, e-mailadres of telefoonnummer (een handle telt alleen op X, Facebook, Messenger, Instagram en WhatsApp)")
        }
        // Beside a usable name or identity, an unusable address or number is dropped, but said (the
        // integrator reads it in the answer, the agent on the case page), as an import says it.
        if let email = draft.author.email, Identity(kind: .email, raw: email) == nil {
            if !email.trimmingWhitespace().isEmpty { draft.warnings.append("‘\(email.prefix(80))’ is geen geldig e-mailadres en is niet bewaard.") }
            draft.author.email = nil
        }
        if let phone = draft.author.phone, Identity(kind: .phone, raw: phone) == nil {
            if !phone.trimmingWhitespace().isEmpty { draft.warnings.append("‘\(phone.prefix(40))’ is geen geldig telefoonnummer en is niet bewaard.") }
            draft.author.phone = nil
        }
        // Store at millisecond precision so both databases give back the same instant.
        draft.receivedAt = Date(millisecondsSince1970: draft.receivedAt.millisecondsSince1970)
        return draft
    }

    /// How far past our clock a message's time still counts as now. No message is written in the
    /// future, but the sender's clock may run a little ahead of ours (a PC or phone off by a minute
    /// or two; NTP-synced servers differ by far less). Five minutes covers that drift, yet a local
    /// time sent as UTC (a whole hour or more off) cannot pass.
    public static let futureTolerance: TimeInterval = 5 * 60

    /// The span of believable times for a message: not before 2000, not ahead of `now` (beyond
    /// `futureTolerance`). A message from the future would read as waiting since a time still to
    /// come, count as the customer's latest message after newer ones, and top every list.
    public static func isPlausible(_ date: Date, now: Date) -> Bool {
        date.timeIntervalSince1970 > 946_684_800 && !isAhead(date, of: now)
    }

    /// Whether `date` lies ahead of `now` by more than clock drift explains.
    public static func isAhead(_ date: Date, of now: Date) -> Bool {
        date.timeIntervalSince(now) > futureTolerance
    }

    /// A platform's impossible time (year 5138, 1969, an hour ahead) would keep a message on top
    /// of every list or hide it; the message is kept with the time it reached us, and says so.
    public func withPlausibleTime(now: Date) -> SignalDraft {
        guard !Self.isPlausible(receivedAt, now: now) else { return self }
        var draft = self
        draft.warnings.append("Het kanaal gaf een onmogelijk tijdstip; de tijd van ontvangst is gebruikt.")
        draft.receivedAt = Date(millisecondsSince1970: now.millisecondsSince1970)
        return draft
    }

    /// Every text of the draft without NUL (see `String.replacingNUL`).
    func withoutNUL() -> SignalDraft {
        var draft = self
        draft.text = text.replacingNUL()
        draft.externalID = externalID?.replacingNUL()
        draft.inReplyTo = inReplyTo?.replacingNUL()
        draft.url = url?.replacingNUL()
        draft.references = references.map { $0.replacingNUL() }
        draft.subject = subject?.replacingNUL()
        draft.channelAccount = channelAccount?.replacingNUL()
        // A warning may quote what the channel sent (an unknown charset's name).
        draft.warnings = warnings.map { $0.replacingNUL() }
        draft.author.handle = author.handle?.replacingNUL()
        draft.author.name = author.name?.replacingNUL()
        draft.author.email = author.email?.replacingNUL()
        draft.author.phone = author.phone?.replacingNUL()
        draft.author.platformID = author.platformID?.replacingNUL()
        draft.attachments = attachments.map {
            var attachment = $0
            attachment.filename = $0.filename?.replacingNUL()
            attachment.contentType = $0.contentType.replacingNUL()
            return attachment
        }
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
    public var subject: String?
    /// Metadata only (no content) when read in lists; see `SignalStore.attachment`.
    public var attachments: [Attachment]
    public var warnings: [String]
    public var textPending: Bool
    public var recordedBy: UserID?
    public var channelAccount: String?
    /// An automatic reply (out of office): kept with its case, never the message an answer goes to.
    public var automatic: Bool
    /// An e-mail's `References`, newest first as intake looks them up (the draft's order): a reply
    /// continues the whole thread, not only its parent.
    public var references: [String]
    /// Earlier texts when the customer edited the message on the platform, oldest first.
    public var edits: [SignalEdit]
    /// When the customer (or platform) removed the message; the text is kept for the dossier.
    public var removedAt: Date?
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
        self.subject = draft.subject
        self.attachments = draft.attachments.map { Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size, content: nil) }
        self.warnings = draft.warnings
        self.textPending = draft.textPending
        self.recordedBy = draft.recordedBy
        self.channelAccount = draft.channelAccount
        self.automatic = draft.automatic
        self.references = draft.references
        self.edits = []
        self.removedAt = nil
        self.analysis = analysis
        self.createdAt = createdAt
    }
}

extension Signal {
    /// WhatsApp lets a business answer freely only within 24 hours of the customer's last
    /// message; after that it delivers approved templates only, so a free reply would fail.
    public static let whatsAppWindow: TimeInterval = 24 * 3600

    /// Whether a free reply on WhatsApp to this message would now be refused by WhatsApp.
    public func whatsAppWindowClosed(now: Date) -> Bool {
        channel == .whatsapp && now.timeIntervalSince(receivedAt) > Self.whatsAppWindow
    }
}

extension BidirectionalCollection<Signal> {
    /// The message an answer goes to: the customer's newest own message, not an agent's note of a
    /// call, visit or letter, nor a machine's out-of-office reply (answering that one would thread
    /// the reply under "Re: Afwezig: …" instead of under what the customer wrote).
    public var lastToAnswer: Signal? {
        last { $0.recordedBy == nil && !$0.automatic }
    }
}

/// An earlier text of an edited message.
public struct SignalEdit: Sendable, Hashable, Codable {
    public var previousText: String
    public var editedAt: Date
    public init(previousText: String, editedAt: Date) {
        self.previousText = previousText
        self.editedAt = editedAt
    }
}

extension Date {
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
    public init(millisecondsSince1970 millis: Int64) {
        self.init(timeIntervalSince1970: Double(millis) / 1000)
    }
}
