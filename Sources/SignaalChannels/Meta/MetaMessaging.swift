import Foundation
import SignaalDomain

/// One `messaging[]` event of Messenger (object `page`) or Instagram Direct (object `instagram`).
///
/// - A message with text or attachments becomes a signal: external id `mid` (Instagram:
///   `"dm:" + mid`, see `DirectMessageID`), author handle and platform id the sender's
///   PSID/IGSID, `channelAccount` the Page or Instagram account that received it.
///   Attachments without words get a Dutch placeholder such as "[bijlage: afbeelding]"
///   and their metadata (type only: the content lives behind an expiring URL).
/// - `is_echo` (our own message) is ignored; `is_deleted` becomes `.remove`;
///   `message_edit` becomes `.edit`.
/// - `delivery` and `read` become one `.deliveryStatus` per mid of ours they name, keyed by
///   the plain mid the send API returned; without mids (Messenger reads carry only a
///   watermark) they are ignored.
/// - Postbacks, reactions, referrals, opt-ins and the like are ignored as `<prefix>_<key>`.
enum MetaMessaging {
    static func events(_ event: JSONValue, channel: Channel) -> [ChannelEvent] {
        let prefix = channel == .instagram ? "meta_instagram" : "meta_messenger"
        let at = Date(epochSecondsOrMilliseconds: event["timestamp"])

        if let message = event["message"], message.object != nil {
            return [messageEvent(event, message: message, channel: channel, prefix: prefix, at: at)]
        }
        if let edit = event["message_edit"], let mid = edit["mid"].nonEmptyString, let text = edit["text"].string, let at {
            return [.edit(channel: channel, externalID: customerMessageID(mid, channel), newText: text, at: at)]
        }
        if let delivery = event["delivery"] {
            let mids = delivery["mids"].elements.compactMap(\.nonEmptyString)
            let when = Date(epochSecondsOrMilliseconds: delivery["watermark"]) ?? at
            guard !mids.isEmpty, let when else { return [.ignored(kind: "\(prefix)_delivery")] }
            return mids.map { .deliveryStatus(channel: channel, externalID: $0, status: .delivered, at: when, detail: nil) }
        }
        if let read = event["read"] {
            let mids = [read["mid"].nonEmptyString].compactMap { $0 } + read["mids"].elements.compactMap(\.nonEmptyString)
            let when = Date(epochSecondsOrMilliseconds: read["watermark"]) ?? at
            guard !mids.isEmpty, let when else { return [.ignored(kind: "\(prefix)_read")] }
            return mids.map { .deliveryStatus(channel: channel, externalID: $0, status: .read, at: when, detail: nil) }
        }
        let key = event.object?.keys.filter { !["sender", "recipient", "timestamp"].contains($0) }.sorted().first
        return [.ignored(kind: "\(prefix)_\(key ?? "unknown")")]
    }

    private static func messageEvent(
        _ event: JSONValue, message: JSONValue, channel: Channel, prefix: String, at: Date?
    ) -> ChannelEvent {
        if message["is_echo"].bool == true { return .ignored(kind: "\(prefix)_echo") }
        guard let mid = message["mid"].nonEmptyString, let senderID = event["sender"]["id"].nonEmptyString, let at else {
            return .ignored(kind: "\(prefix)_malformed")
        }
        if message["is_deleted"].bool == true {
            return .remove(channel: channel, externalID: customerMessageID(mid, channel), at: at)
        }
        if message["is_unsupported"].bool == true { return .ignored(kind: "\(prefix)_unsupported") }

        let types = message["attachments"].elements.map { $0["type"].string ?? "file" }
        let attachments = types.map { Attachment(filename: nil, contentType: contentType(for: $0), size: 0, content: nil) }
        var text = message["text"].string ?? ""
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text = types.map { "[bijlage: \(dutchName(for: $0))]" }.joined(separator: " ")
        }
        guard !text.isEmpty else { return .ignored(kind: "\(prefix)_empty") }

        let draft = SignalDraft(
            channel: channel,
            externalID: customerMessageID(mid, channel),
            author: Author(handle: senderID, platformID: senderID),
            text: text,
            receivedAt: at,
            // Instagram DMs thread by customer, like X DMs; a Messenger reply names its message.
            inReplyTo: channel == .messenger ? message["reply_to"]["mid"].nonEmptyString : nil,
            attachments: attachments,
            channelAccount: event["recipient"]["id"].nonEmptyString
        )
        return .signal(draft)
    }

    /// Instagram carries comments and DMs on one channel, so its DMs are marked.
    private static func customerMessageID(_ mid: String, _ channel: Channel) -> String {
        channel == .instagram ? DirectMessageID.externalID(for: mid) : mid
    }

    private static func contentType(for type: String) -> String {
        switch type {
        case "image": "image/*"
        case "video", "reel", "ig_reel": "video/*"
        case "audio": "audio/*"
        default: "application/octet-stream"
        }
    }

    private static func dutchName(for type: String) -> String {
        switch type {
        case "image": "afbeelding"
        case "video": "video"
        case "audio": "spraakbericht"
        case "file": "bestand"
        case "location": "locatie"
        case "share": "gedeeld bericht"
        case "story_mention": "vermelding in verhaal"
        case "reel", "ig_reel": "reel"
        case "fallback": "link"
        default: type
        }
    }
}
