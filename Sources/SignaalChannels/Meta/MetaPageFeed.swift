import Foundation
import SignaalDomain

/// One `feed` change of a Facebook Page webhook.
///
/// Comments and visitor posts (`comment`, `status`, `post`, `photo`, `video`) become
/// `.facebook` signals on `add`, `.edit` on `edited` and `.remove` on `remove`. The
/// external id is `comment_id` for comments and `post_id` for posts; a comment answers
/// `parent_id` (the post, or the comment it replies to). What the Page itself wrote is
/// ignored (`meta_page_feed_own`), as are reactions, likes and shares
/// (`meta_page_feed_<item>`) and other verbs such as `hide` (`meta_page_feed_<item>_<verb>`).
enum MetaPageFeed {
    private static let messageItems: Set<String> = ["comment", "status", "post", "photo", "video"]

    static func event(_ value: JSONValue, pageID: String?, entryTime: Date?) -> ChannelEvent {
        let item = value["item"].string ?? "unknown"
        let verb = value["verb"].string ?? "unknown"
        let fromID = value["from"]["id"].nonEmptyString
        if let fromID, fromID == pageID { return .ignored(kind: "meta_page_feed_own") }
        guard messageItems.contains(item) else { return .ignored(kind: "meta_page_feed_\(item)") }

        let externalID = item == "comment" ? value["comment_id"].nonEmptyString : value["post_id"].nonEmptyString
        guard let externalID else { return .ignored(kind: "meta_page_feed_malformed") }
        let createdAt = Date(epochSeconds: value["created_time"])

        switch verb {
        case "add":
            guard let fromID, let receivedAt = createdAt ?? entryTime else {
                return .ignored(kind: "meta_page_feed_malformed")
            }
            let (text, attachments) = textAndAttachments(value)
            guard !text.isEmpty else { return .ignored(kind: "meta_page_feed_empty") }
            let draft = SignalDraft(
                channel: .facebook,
                externalID: externalID,
                author: Author(handle: fromID, name: value["from"]["name"].nonEmptyString, platformID: fromID),
                text: text,
                receivedAt: receivedAt,
                inReplyTo: item == "comment" ? value["parent_id"].nonEmptyString ?? value["post_id"].nonEmptyString : nil,
                url: value["post"]["permalink_url"].nonEmptyString,
                attachments: attachments,
                channelAccount: pageID
            )
            return .signal(draft)
        case "edited":
            // The notification's time is when the edit happened; created_time may be the original's.
            guard let text = value["message"].string, let at = entryTime ?? createdAt else {
                return .ignored(kind: "meta_page_feed_malformed")
            }
            return .edit(channel: .facebook, externalID: externalID, newText: text, at: at)
        case "remove":
            guard let at = entryTime ?? createdAt else { return .ignored(kind: "meta_page_feed_malformed") }
            return .remove(channel: .facebook, externalID: externalID, at: at)
        default:
            return .ignored(kind: "meta_page_feed_\(item)_\(verb)")
        }
    }

    /// The message, or a Dutch placeholder for a photo or video without words.
    private static func textAndAttachments(_ value: JSONValue) -> (String, [Attachment]) {
        var attachments: [Attachment] = []
        var placeholders: [String] = []
        if value["photo"].nonEmptyString != nil || value["item"].string == "photo" {
            attachments.append(Attachment(filename: nil, contentType: "image/jpeg", size: 0, content: nil))
            placeholders.append("[afbeelding]")
        }
        if value["video"].nonEmptyString != nil || value["item"].string == "video" {
            attachments.append(Attachment(filename: nil, contentType: "video/mp4", size: 0, content: nil))
            placeholders.append("[video]")
        }
        let message = value["message"].string ?? ""
        if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return (placeholders.joined(separator: " "), attachments)
        }
        return (message, attachments)
    }
}
