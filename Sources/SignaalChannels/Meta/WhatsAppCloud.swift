import Foundation
import SignaalDomain

/// The `value` of a WhatsApp Cloud API `messages` change.
///
/// Each of `messages[]` becomes a `.whatsapp` signal: external id the wamid, author phone
/// `from`, platform id the contact's `wa_id`, name its profile name, `inReplyTo` the message
/// the customer replied to (`context.id`), `channelAccount` our `phone_number_id`. Media
/// become a Dutch placeholder ("[afbeelding]", "[spraakbericht]", "[document: naam]",
/// "[locatie]"), followed by the caption, plus attachment metadata without content (the
/// app downloads media by id). Reactions and system notices are ignored.
///
/// Each of `statuses[]` becomes a `.deliveryStatus` for one of our sent messages, with the
/// first error's title and details as `detail` when it failed.
enum WhatsAppCloud {
    static func events(_ value: JSONValue) -> [ChannelEvent] {
        let account = value["metadata"]["phone_number_id"].nonEmptyString
        let contacts = value["contacts"].elements
        var events = value["messages"].elements.map { messageEvent($0, contacts: contacts, account: account) }
        events += value["statuses"].elements.map(statusEvent)
        return events.isEmpty ? [.ignored(kind: "meta_whatsapp_business_account_messages_empty")] : events
    }

    private static func messageEvent(_ message: JSONValue, contacts: [JSONValue], account: String?) -> ChannelEvent {
        let type = message["type"].string ?? "unknown"
        if ["reaction", "system", "ephemeral"].contains(type) { return .ignored(kind: "meta_whatsapp_\(type)") }
        guard let id = message["id"].nonEmptyString, let from = message["from"].nonEmptyString,
            let receivedAt = Date(epochSeconds: message["timestamp"])
        else { return .ignored(kind: "meta_whatsapp_malformed") }

        // Meta normalises some numbers, so wa_id can differ from `from`; one contact is then still ours.
        let contact = contacts.first { $0["wa_id"].string == from } ?? (contacts.count == 1 ? contacts.first : nil)
        let (text, attachments, warnings) = content(of: message, type: type)

        let draft = SignalDraft(
            channel: .whatsapp,
            externalID: id,
            author: Author(
                name: contact["profile"]["name"].nonEmptyString,
                phone: from,
                platformID: contact["wa_id"].nonEmptyString ?? from
            ),
            text: text,
            receivedAt: receivedAt,
            inReplyTo: message["context"]["id"].nonEmptyString,
            attachments: attachments,
            warnings: warnings,
            channelAccount: account
        )
        return .signal(draft)
    }

    private static func content(of message: JSONValue, type: String) -> (String, [Attachment], [String]) {
        let body = message[type]
        func media(_ placeholder: String, defaultType: String) -> (String, [Attachment], [String]) {
            let attachment = Attachment(
                filename: body["filename"].nonEmptyString,
                contentType: body["mime_type"].nonEmptyString ?? defaultType,
                size: 0, content: nil
            )
            let caption = body["caption"].nonEmptyString
            return ([placeholder, caption].compactMap { $0 }.joined(separator: " "), [attachment], [])
        }
        switch type {
        case "text":
            return (body["body"].string ?? "", [], [])
        case "image":
            return media("[afbeelding]", defaultType: "image/jpeg")
        case "video":
            return media("[video]", defaultType: "video/mp4")
        case "audio":
            return media("[spraakbericht]", defaultType: "audio/ogg")
        case "sticker":
            return media("[sticker]", defaultType: "image/webp")
        case "document":
            let name = body["filename"].nonEmptyString
            return media(name.map { "[document: \($0)]" } ?? "[document]", defaultType: "application/octet-stream")
        case "location":
            let place = [body["name"].nonEmptyString, body["address"].nonEmptyString].compactMap { $0 }.joined(separator: ", ")
            var coordinates = ""
            if let latitude = body["latitude"].double, let longitude = body["longitude"].double {
                coordinates = "(\(latitude), \(longitude))"
            }
            return (["[locatie]", place, coordinates].filter { !$0.isEmpty }.joined(separator: " "), [], [])
        case "contacts":
            let names = body.elements.compactMap { $0["name"]["formatted_name"].nonEmptyString }
            return ("[contactkaart: \(names.joined(separator: ", "))]", [], [])
        case "button":
            return (body["text"].string ?? "", [], [])
        case "interactive":
            let reply = body["button_reply"] ?? body["list_reply"]
            return (reply["title"].string ?? "", [], [])
        default:
            let reason = message["errors"].elements.first?["title"].nonEmptyString
            let warning = "WhatsApp gaf dit bericht niet door (type \(type)\(reason.map { ": " + $0 } ?? ""))."
            return ("[niet-ondersteund bericht]", [], [warning])
        }
    }

    private static func statusEvent(_ status: JSONValue) -> ChannelEvent {
        let name = status["status"].string ?? "unknown"
        guard let deliveryStatus = DeliveryStatus(rawValue: name) else {
            return .ignored(kind: "meta_whatsapp_status_\(name)")
        }
        guard let id = status["id"].nonEmptyString, let at = Date(epochSeconds: status["timestamp"]) else {
            return .ignored(kind: "meta_whatsapp_malformed")
        }
        return .deliveryStatus(channel: .whatsapp, externalID: id, status: deliveryStatus, at: at, detail: errorDetail(status))
    }

    /// "Re-engagement message: Message failed to send because more than 24 hours have passed…"
    private static func errorDetail(_ status: JSONValue) -> String? {
        guard let error = status["errors"].elements.first else { return nil }
        let title = error["title"].nonEmptyString ?? error["message"].nonEmptyString
        let details = error["error_data"]["details"].nonEmptyString
        let parts = [title, details == title ? nil : details].compactMap { $0 }
        return parts.isEmpty ? error["code"].string.map { "Fout \($0)" } : parts.joined(separator: ": ")
    }
}
