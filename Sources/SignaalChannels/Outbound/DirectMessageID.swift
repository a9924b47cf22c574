/// How a private message is told apart from a public post on a channel that carries both
/// (X tweets and DMs, Instagram comments and DMs).
///
/// The adapters store such a message with `externalID = "dm:" + platform id`. One simple
/// rule serves two purposes: replies go back privately (`ReplyTarget.forReplying`), and
/// a DM can never collide with a post of the same numeric id in the
/// (channel, externalID) dedupe key. Delivery statuses of our own outgoing DMs keep the
/// platform's plain id, as the send API returned it.
public enum DirectMessageID {
    public static let prefix = "dm:"

    /// The external id under which a private message with platform id `id` is stored.
    public static func externalID(for id: String) -> String { prefix + id }

    /// The platform's id when `externalID` marks a private message, else nil.
    public static func platformID(from externalID: String?) -> String? {
        guard let externalID, externalID.hasPrefix(prefix) else { return nil }
        return String(externalID.dropFirst(prefix.count))
    }

    /// Whether `externalID` marks a private message.
    public static func isDirectMessage(_ externalID: String?) -> Bool {
        platformID(from: externalID) != nil
    }
}
