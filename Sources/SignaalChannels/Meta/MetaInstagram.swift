import Foundation
import SignaalDomain

/// Instagram `comments` and `mentions` changes.
///
/// A comment on our media becomes an `.instagram` signal: external id the comment id,
/// answering `parent_id` (a reply) or else the media id. Instagram sends no time with a
/// comment, so `receivedAt` is the notification's `entry.time`. Our own comments
/// (from the account itself, e.g. our replies) are ignored as `meta_instagram_own_comment`.
///
/// A mention of the brand in a comment elsewhere carries only ids, so it becomes a signal
/// with `textPending` and empty text; the app fetches the words with
/// `MetaGraph.mentionedCommentRequest`. With no author known yet the draft is named
/// "Instagram-gebruiker", because `SignalDraft.validated()` requires a handle or a name.
/// A caption mention (only `media_id`) gets the media id as external id and no `inReplyTo`.
enum MetaInstagram {
    /// The name for an author Instagram has not told us yet.
    static let unknownAuthorName = "Instagram-gebruiker"

    static func commentEvent(_ value: JSONValue, accountID: String?, entryTime: Date?) -> ChannelEvent {
        guard let id = value["id"].nonEmptyString, let fromID = value["from"]["id"].nonEmptyString else {
            return .ignored(kind: "meta_instagram_malformed")
        }
        if fromID == accountID { return .ignored(kind: "meta_instagram_own_comment") }
        guard let receivedAt = entryTime,
            let text = value["text"].string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return .ignored(kind: "meta_instagram_malformed") }

        let username = value["from"]["username"].nonEmptyString
        let draft = SignalDraft(
            channel: .instagram,
            externalID: id,
            author: Author(handle: username, name: username == nil ? unknownAuthorName : nil, platformID: fromID),
            text: text,
            receivedAt: receivedAt,
            inReplyTo: value["parent_id"].nonEmptyString ?? value["media"]["id"].nonEmptyString,
            channelAccount: accountID
        )
        return .signal(draft)
    }

    static func mentionEvent(_ value: JSONValue, accountID: String?, entryTime: Date?) -> ChannelEvent {
        let commentID = value["comment_id"].nonEmptyString
        let mediaID = value["media_id"].nonEmptyString
        guard let externalID = commentID ?? mediaID, let receivedAt = entryTime else {
            return .ignored(kind: "meta_instagram_malformed")
        }
        let draft = SignalDraft(
            channel: .instagram,
            externalID: externalID,
            author: Author(name: unknownAuthorName),
            text: "",
            receivedAt: receivedAt,
            inReplyTo: commentID == nil ? nil : mediaID,
            textPending: true,
            channelAccount: accountID
        )
        return .signal(draft)
    }
}
