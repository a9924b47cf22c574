import Foundation
import SignaalDomain

/// Reads X Account Activity API webhook deliveries (`for_user_id` plus one `*_events` array).
///
/// - `tweet_create_events`: one signal per tweet on `.x`. Tweets the brand wrote itself
///   (`x_own_tweet`) and retweets (`x_retweet`) are ignored: they hold no new customer words.
/// - `direct_message_events`: one signal per incoming DM, also on `.x`. A DM is marked by
///   its external id, `"dm:" + event id` (see `DirectMessageID`), and has no url, subject or
///   `inReplyTo`; the thread is the customer. Echoes of our own DMs are `x_dm_echo`.
/// - `favorite_events` are `x_favorite`: a like carries no words and is not a complaint.
/// - `tweet_delete_events` become `.remove`, so the dossier shows the tweet was deleted.
/// - Any other `*_events` key is ignored as `x_<key>`, once per element.
///
/// A body without `*_events` but with a `data` object is a filtered-stream webhook's post
/// (`XFilteredStream`).
///
/// An element that lacks what a signal needs (id, author, time) is ignored as
/// `x_malformed_<what>` so the rest of the delivery still counts.
public enum XAccountActivity {
    /// - Parameter brandUserID: our X user id when the body lacks `for_user_id`.
    public static func events(from body: Data, brandUserID: String? = nil) throws(ChannelPayloadError) -> [ChannelEvent] {
        let payload = try JSONValue.object(from: body, source: "X-Account-Activity-webhook")
        let forUserID = payload["for_user_id"].nonEmptyString
        let context = Context(
            brandUserID: brandUserID ?? forUserID,
            account: forUserID ?? brandUserID,
            senderBlocked: payload["user_has_blocked"].bool ?? false,
            users: payload["users"].object ?? [:]
        )

        var events: [ChannelEvent] = []
        var sawEvents = false
        for key in payload.keys.sorted() where key.hasSuffix("_events") {
            sawEvents = true
            let elements = payload[key].elements
            switch key {
            case "tweet_create_events":
                events += elements.map { tweetEvent($0, context) }
            case "direct_message_events":
                events += elements.map { directMessageEvent($0, context) }
            case "tweet_delete_events":
                events += elements.map(deleteEvent)
            case "favorite_events":
                events += elements.map { _ in .ignored(kind: "x_favorite") }
            default:
                events += elements.map { _ in .ignored(kind: "x_" + key) }
            }
        }
        if !sawEvents, payload["data"]?.object != nil {
            // A filtered-stream webhook POSTs one stream object (`{data, includes, matching_rules}`)
            // to the same URL: read as the stream is read, not dropped with a 200 X would not retry.
            return try XFilteredStream.events(fromLine: String(decoding: body, as: UTF8.self), brandUserID: brandUserID ?? forUserID)
        }
        return sawEvents ? events : [.ignored(kind: "x_unknown")]
    }

    private struct Context {
        var brandUserID: String?
        var account: String?
        var senderBlocked: Bool
        var users: [String: JSONValue]
    }

    // MARK: Tweets

    private static func tweetEvent(_ tweet: JSONValue, _ context: Context) -> ChannelEvent {
        if let retweeted = tweet["retweeted_status"], !retweeted.isNull { return .ignored(kind: "x_retweet") }
        guard let id = tweet["id_str"].nonEmptyString ?? tweet["id"].string else {
            return .ignored(kind: "x_malformed_tweet")
        }
        let user = tweet["user"]
        guard let userID = user["id_str"].nonEmptyString ?? user["id"].string,
            let handle = user["screen_name"].nonEmptyString
        else { return .ignored(kind: "x_malformed_tweet") }
        if userID == context.brandUserID { return .ignored(kind: "x_own_tweet") }
        guard let receivedAt = Date(epochMilliseconds: tweet["timestamp_ms"]) ?? date(fromCreatedAt: tweet["created_at"].string)
        else { return .ignored(kind: "x_malformed_tweet") }

        // Over 140 characters X truncates `text` and puts the whole tweet in `extended_tweet`.
        let rawText = tweet["extended_tweet"]["full_text"].string ?? tweet["full_text"].string ?? tweet["text"].string ?? ""
        var warnings: [String] = []
        if context.senderBlocked { warnings.append("Het merkaccount heeft deze afzender geblokkeerd.") }

        let draft = SignalDraft(
            channel: .x,
            externalID: id,
            author: Author(
                handle: handle,
                name: user["name"].nonEmptyString,
                followers: user["followers_count"].int,
                verified: user["verified"].bool,
                platformID: userID
            ),
            text: decodeHTMLEntities(rawText),
            receivedAt: receivedAt,
            inReplyTo: tweet["in_reply_to_status_id_str"].nonEmptyString ?? tweet["in_reply_to_status_id"].string,
            url: statusURL(handle: handle, id: id),
            warnings: warnings,
            channelAccount: context.account
        )
        return .signal(draft)
    }

    private static func deleteEvent(_ event: JSONValue) -> ChannelEvent {
        guard let id = event["status"]["id_str"].nonEmptyString ?? event["status"]["id"].string,
            let at = Date(epochMilliseconds: event["timestamp_ms"])
        else { return .ignored(kind: "x_malformed_tweet_delete") }
        return .remove(channel: .x, externalID: id, at: at)
    }

    // MARK: Direct messages

    private static func directMessageEvent(_ event: JSONValue, _ context: Context) -> ChannelEvent {
        let type = event["type"].string ?? "unknown"
        guard type == "message_create" else { return .ignored(kind: "x_dm_" + type) }
        let message = event["message_create"]
        guard let id = event["id"].nonEmptyString, let senderID = message["sender_id"].nonEmptyString else {
            return .ignored(kind: "x_malformed_dm")
        }
        if senderID == context.brandUserID { return .ignored(kind: "x_dm_echo") }
        guard let receivedAt = Date(epochMilliseconds: event["created_timestamp"]) else {
            return .ignored(kind: "x_malformed_dm")
        }

        let sender = context.users[senderID]
        var attachments: [Attachment] = []
        let media = message["message_data"]["attachment"]["media"]
        if let mediaType = media["type"].string {
            attachments.append(Attachment(filename: nil, contentType: mediaType == "photo" ? "image/jpeg" : "video/mp4", size: 0, content: nil))
        }
        var text = message["message_data"]["text"].string ?? ""
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !attachments.isEmpty {
            text = "[bijlage: \(media["type"].string == "photo" ? "afbeelding" : "video")]"
        }

        let draft = SignalDraft(
            channel: .x,
            externalID: DirectMessageID.externalID(for: id),
            author: Author(
                handle: sender["screen_name"].nonEmptyString,
                name: sender["name"].nonEmptyString,
                followers: sender["followers_count"].int,
                verified: sender["verified"].bool,
                platformID: senderID
            ),
            text: decodeHTMLEntities(text),
            receivedAt: receivedAt,
            inReplyTo: nil,
            url: nil,
            subject: nil,
            attachments: attachments,
            channelAccount: context.account
        )
        return .signal(draft)
    }

    // MARK: Shared with the v2 stream

    /// The public address of a tweet.
    static func statusURL(handle: String, id: String) -> String {
        "https://x.com/\(handle)/status/\(id)"
    }

    /// X escapes exactly `&`, `<` and `>` in tweet text. One pass, so a literal "&amp;lt;"
    /// typed by the customer comes out as "&lt;" and is not decoded twice.
    static func decodeHTMLEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if rest.hasPrefix("&amp;") {
                result += "&"; rest = rest.dropFirst(5)
            } else if rest.hasPrefix("&lt;") {
                result += "<"; rest = rest.dropFirst(4)
            } else if rest.hasPrefix("&gt;") {
                result += ">"; rest = rest.dropFirst(4)
            } else {
                result += "&"; rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    /// v1.1 `created_at`: "Tue Dec 30 08:52:40 +0000 2025"; only used when `timestamp_ms` is absent.
    private static func date(fromCreatedAt value: String?) -> Date? {
        guard let value else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE MMM dd HH:mm:ss Z yyyy"
        return formatter.date(from: value)
    }
}
