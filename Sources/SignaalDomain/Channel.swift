/// Where a signal came from. The raw values are the API's `channel` strings.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    case x
    case facebook
    case messenger
    case instagram
    case whatsapp
    case email
    case webform
    case phone
    case counter
    case letter
    case api
    case other

    /// Messages on these channels can be read by anyone: answer with care for privacy.
    public var isPublic: Bool {
        switch self {
        case .x, .facebook, .instagram: true
        default: false
        }
    }

    /// What a handle on this channel identifies (on WhatsApp the handle is the phone number);
    /// nil where a handle names nobody.
    public var handleKind: Identity.Kind? {
        switch self {
        case .x: .x
        case .facebook, .messenger: .meta
        case .instagram: .instagram
        case .whatsapp: .whatsapp
        default: nil
        }
    }

    /// Whether a reply goes back on the platform the message came from (a tweet, comment or chat
    /// message); the other channels are answered by e-mail.
    public var repliesOnPlatform: Bool {
        switch self {
        case .x, .facebook, .messenger, .instagram, .whatsapp: true
        default: false
        }
    }

    /// Whether the contact details a signal carries are only what its sender typed. The other
    /// channels vouch for theirs (the platform's account, the mail's sender, an agent's note);
    /// anyone can type someone else's phone number into a public form.
    public var identitiesAreClaims: Bool { self == .webform }

    /// Whether a message's external id is chosen by the sender's own software, so that two
    /// different messages may carry the same one (a mailer that writes `<@localhost>`). The
    /// platforms' ids and our own references are unique.
    public var externalIDsMayCollide: Bool { self == .email }

    /// The id a message is kept under when another message already has its id (on a channel whose
    /// ids may collide): the id with a short, stable mark of the sender and the text (FNV-1a, 64
    /// bits, in hex). The same message delivered again gets the same id, so it stays idempotent.
    public static func distinctExternalID(_ externalID: String, senderEmail: String?, text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (senderEmail ?? "").utf8 + [0] + text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return externalID + "#" + String(hash, radix: 16)
    }

    /// The Dutch name shown to users.
    public var dutchName: String {
        switch self {
        case .x: "X (Twitter)"
        case .facebook: "Facebook"
        case .messenger: "Messenger"
        case .instagram: "Instagram"
        case .whatsapp: "WhatsApp"
        case .email: "e-mail"
        case .webform: "webformulier"
        case .phone: "telefoon"
        case .counter: "balie"
        case .letter: "brief"
        case .api: "API"
        case .other: "overig"
        }
    }

    /// The English name shown to users.
    public var englishName: String {
        switch self {
        case .webform: "web form"
        case .phone: "phone"
        case .counter: "counter"
        case .letter: "letter"
        case .other: "other"
        default: dutchName
        }
    }
}
