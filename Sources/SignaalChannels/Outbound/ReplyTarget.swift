import SignaalDomain

/// Where an agent's reply goes on a platform.
public enum ReplyTarget: Sendable, Hashable {
    case xReply(toTweetID: String)
    case xDirectMessage(toUserID: String)
    /// A comment on a Page post, or a reply under a comment.
    case facebookComment(commentOrPostID: String)
    case messenger(psid: String)
    case instagramComment(commentID: String)
    case instagramDirect(igsid: String)
    case whatsapp(phoneNumberID: String, to: String)

    /// The target that answers the customer's `signal` on the same channel and in the same
    /// way: publicly under a post, privately to a direct message (marked by
    /// `DirectMessageID`). Nil when the signal's channel has no API reply, when an id the
    /// reply needs is missing, and for an Instagram mention elsewhere (its author is
    /// unknown and `/replies` only works on our own media).
    public static func forReplying(to signal: Signal) -> ReplyTarget? {
        let author = signal.author
        let personID = nonEmpty(author.platformID) ?? nonEmpty(author.handle)
        switch signal.channel {
        case .x:
            if DirectMessageID.isDirectMessage(signal.externalID) {
                return nonEmpty(author.platformID).map { .xDirectMessage(toUserID: $0) }
            }
            return nonEmpty(signal.externalID).map { .xReply(toTweetID: $0) }
        case .facebook:
            return nonEmpty(signal.externalID).map { .facebookComment(commentOrPostID: $0) }
        case .messenger:
            return personID.map { .messenger(psid: $0) }
        case .instagram:
            if DirectMessageID.isDirectMessage(signal.externalID) {
                return personID.map { .instagramDirect(igsid: $0) }
            }
            guard nonEmpty(author.platformID) != nil else { return nil }
            return nonEmpty(signal.externalID).map { .instagramComment(commentID: $0) }
        case .whatsapp:
            guard let phoneNumberID = nonEmpty(signal.channelAccount),
                let to = nonEmpty(author.phone) ?? nonEmpty(author.platformID)
            else { return nil }
            return .whatsapp(phoneNumberID: phoneNumberID, to: to)
        default:
            return nil
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}

extension ReplyRoute {
    /// The route of a reply, a message counting as answerable on its platform only when
    /// `ReplyTarget` has a target for it: one rule for the composer, a message to many and the outbox.
    public static func of(channel: Channel, answering signal: Signal?, customerEmail: String?) -> ReplyRoute? {
        of(channel: channel, answering: signal, customerEmail: customerEmail, reachable: { ReplyTarget.forReplying(to: $0) != nil })
    }
}
