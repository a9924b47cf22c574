/// Who wrote a signal, as the channel told us.
public struct Author: Sendable, Hashable, Codable {
    public var handle: String?
    public var name: String?
    public var email: String?
    public var phone: String?
    /// Followers on the platform, the raw material of reach.
    public var followers: Int?
    /// A verified account (X's blue or gold check): its words travel further.
    public var verified: Bool?
    /// The platform's stable id of the person (X user id, Meta PSID, WhatsApp wa_id),
    /// which replies by direct message need; handles can change, these do not.
    public var platformID: String?

    public init(
        handle: String? = nil, name: String? = nil, email: String? = nil, phone: String? = nil,
        followers: Int? = nil, verified: Bool? = nil, platformID: String? = nil
    ) {
        self.platformID = platformID
        self.handle = handle
        self.name = name
        self.email = email
        self.phone = phone
        self.followers = followers
        self.verified = verified
    }

    /// The identities this author can be recognised by on `channel`.
    public func identities(on channel: Channel) -> [Identity] {
        var result: [Identity] = []
        if let handle, let kind = channel.handleKind, let identity = Identity(kind: kind, raw: handle) {
            result.append(identity)
        }
        if let email, let identity = Identity(kind: .email, raw: email) { result.append(identity) }
        if let phone {
            if let identity = Identity(kind: .phone, raw: phone) { result.append(identity) }
            if channel == .whatsapp, let identity = Identity(kind: .whatsapp, raw: phone) { result.append(identity) }
        }
        var seen = Set<Identity>()
        return result.filter { seen.insert($0).inserted }
    }

    /// A name to show: the name, else the handle, else the address.
    public var displayName: String {
        for candidate in [name, handle.map { "@" + $0 }, email, phone] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "onbekend"
    }
}
