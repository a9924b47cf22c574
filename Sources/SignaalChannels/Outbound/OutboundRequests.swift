import Foundation
import SignaalDomain

/// Builds the request that sends an agent's reply, and reads the platform's id of the sent
/// message from the answer (so delivery statuses and echoes can be matched to it).
///
/// X: API v2 (`POST /2/tweets`, `POST /2/dm_conversations/with/{id}/messages`).
/// Meta: Graph API `graphAPIVersion` for Page comments, Messenger and Instagram messages,
/// Instagram comment replies and the WhatsApp Cloud API. All send JSON with a Bearer token
/// in the header, never in the URL, so tokens stay out of access logs.
public enum OutboundRequests {
    public static let graphAPIVersion = "v21.0"

    public static func request(for target: ReplyTarget, text: String, accessToken: String) -> OutboundHTTPRequest {
        let graph = "/" + graphAPIVersion
        switch target {
        case .xReply(let tweetID):
            return post("/2/tweets", XTweet(text: text, reply: .init(in_reply_to_tweet_id: tweetID)), accessToken)
        case .xDirectMessage(let userID):
            return post("/2/dm_conversations/with/\(pathSegment(userID))/messages", TextOnly(text: text), accessToken)
        case .facebookComment(let id):
            return post("\(graph)/\(pathSegment(id))/comments", GraphComment(message: text), accessToken)
        case .instagramComment(let commentID):
            return post("\(graph)/\(pathSegment(commentID))/replies", GraphComment(message: text), accessToken)
        case .messenger(let recipient), .instagramDirect(let recipient):
            let message = SendAPIMessage(recipient: .init(id: recipient), messaging_type: "RESPONSE", message: .init(text: text))
            return post("\(graph)/me/messages", message, accessToken)
        case .whatsapp(let phoneNumberID, let to):
            let message = WhatsAppText(
                messaging_product: "whatsapp", recipient_type: "individual", to: to, type: "text",
                text: .init(preview_url: false, body: text)
            )
            return post("\(graph)/\(pathSegment(phoneNumberID))/messages", message, accessToken)
        }
    }

    /// The sent message's id from a successful response body; nil for errors or unknown shapes.
    public static func sentMessageID(for target: ReplyTarget, responseBody: Data) -> String? {
        guard let response = try? JSONValue.object(from: responseBody, source: "reply response") else { return nil }
        switch target {
        case .xReply:
            return response["data"]["id"].nonEmptyString
        case .xDirectMessage:
            // The DM event id, which the Account Activity echo of this message carries as `id`.
            return response["data"]["dm_event_id"].nonEmptyString
        case .facebookComment, .instagramComment:
            return response["id"].nonEmptyString
        case .messenger, .instagramDirect:
            return response["message_id"].nonEmptyString
        case .whatsapp:
            return response["messages"].elements.first?["id"].nonEmptyString
        }
    }

    // MARK: Helpers shared with MetaGraph

    static func headers(accessToken: String, json: Bool) -> [String: String] {
        var headers = ["Authorization": "Bearer \(accessToken)", "Accept": "application/json"]
        if json { headers["Content-Type"] = "application/json" }
        return headers
    }

    /// Ids come from webhook payloads; escaping keeps a hostile one from changing the path.
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .rfc3986Unreserved) ?? id
    }

    private static func post(_ path: String, _ body: some Encodable, _ accessToken: String) -> OutboundHTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // These plain structs of strings and bools cannot fail to encode.
        let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
        return OutboundHTTPRequest(method: "POST", path: path, headers: headers(accessToken: accessToken, json: true), body: data)
    }

    // MARK: Bodies (property names are the APIs' own)

    private struct TextOnly: Encodable { var text: String }

    private struct XTweet: Encodable {
        struct Reply: Encodable { var in_reply_to_tweet_id: String }
        var text: String
        var reply: Reply
    }

    private struct GraphComment: Encodable { var message: String }

    private struct SendAPIMessage: Encodable {
        struct Recipient: Encodable { var id: String }
        var recipient: Recipient
        var messaging_type: String
        var message: TextOnly
    }

    private struct WhatsAppText: Encodable {
        struct Text: Encodable {
            var preview_url: Bool
            var body: String
        }
        var messaging_product: String
        var recipient_type: String
        var to: String
        var type: String
        var text: Text
    }
}
