import Foundation
import SignaalDomain

/// Reads Meta webhook deliveries (`{"object": …, "entry": [...]}`) for Facebook Pages,
/// Messenger, Instagram and the WhatsApp Cloud API.
///
/// | object | where | becomes |
/// |---|---|---|
/// | `page` | `changes[field=feed]` | `.facebook` signals, edits, removes (`MetaPageFeed`) |
/// | `page` | `messaging[]` | `.messenger` signals and delivery statuses (`MetaMessaging`) |
/// | `instagram` | `changes[field=comments/mentions]` | `.instagram` signals (`MetaInstagram`) |
/// | `instagram` | `messaging[]` | `.instagram` DMs, marked `"dm:" + mid` (`DirectMessageID`) |
/// | `whatsapp_business_account` | `changes[field=messages]` | `.whatsapp` signals and statuses (`WhatsAppCloud`) |
///
/// Anything else is `.ignored(kind: "meta_<object>_<field>")`, one per change, so a new
/// subscription shows up in metrics instead of failing the delivery. Only a body that is
/// not JSON, or lacks `object` and `entry`, throws.
public enum MetaWebhook {
    public static func events(from body: Data) throws(ChannelPayloadError) -> [ChannelEvent] {
        let payload = try JSONValue.object(from: body, source: "Meta-webhook")
        guard let object = payload["object"].nonEmptyString else {
            throw ChannelPayloadError("Meta-webhook: de inhoud mist \"object\"")
        }
        guard case .array(let entries)? = payload["entry"] else {
            throw ChannelPayloadError("Meta-webhook: de inhoud mist de lijst \"entry\"")
        }
        var events: [ChannelEvent] = []
        for entry in entries {
            events += entryEvents(entry, object: object)
        }
        return events
    }

    private static func entryEvents(_ entry: JSONValue, object: String) -> [ChannelEvent] {
        let accountID = entry["id"].nonEmptyString
        let entryTime = Date(epochSecondsOrMilliseconds: entry["time"])
        var events: [ChannelEvent] = []

        for change in entry["changes"].elements {
            let field = change["field"].string ?? "unknown"
            let value = change["value"] ?? .null
            switch (object, field) {
            case ("page", "feed"):
                events.append(MetaPageFeed.event(value, pageID: accountID, entryTime: entryTime))
            case ("instagram", "comments"), ("instagram", "live_comments"):
                events.append(MetaInstagram.commentEvent(value, accountID: accountID, entryTime: entryTime))
            case ("instagram", "mentions"):
                events.append(MetaInstagram.mentionEvent(value, accountID: accountID, entryTime: entryTime))
            case ("instagram", "messages"):
                // The dashboard's test button sends a DM as a change instead of `messaging[]`.
                events += MetaMessaging.events(value, channel: .instagram)
            case ("whatsapp_business_account", "messages"):
                events += WhatsAppCloud.events(value)
            default:
                events.append(.ignored(kind: "meta_\(object)_\(field)"))
            }
        }

        for message in entry["messaging"].elements {
            switch object {
            case "page": events += MetaMessaging.events(message, channel: .messenger)
            case "instagram": events += MetaMessaging.events(message, channel: .instagram)
            default: events.append(.ignored(kind: "meta_\(object)_messaging"))
            }
        }
        // Handover protocol: another app owns the thread; that app answers it.
        events += entry["standby"].elements.map { _ in .ignored(kind: "meta_\(object)_standby") }
        return events
    }
}

extension Date {
    /// Meta's `entry.time` is in seconds for feed and Instagram changes but in milliseconds
    /// for Messenger; values past the year 5138 in seconds can only be milliseconds.
    init?(epochSecondsOrMilliseconds value: JSONValue?) {
        guard let number = value.int64 else { return nil }
        if number > 100_000_000_000 {
            self.init(millisecondsSince1970: number)
        } else {
            self.init(timeIntervalSince1970: TimeInterval(number))
        }
    }
}
