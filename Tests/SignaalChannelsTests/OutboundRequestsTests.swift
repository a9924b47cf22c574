import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite struct OutboundRequestsTests {
    /// Everything a JSON encoder can get wrong: €, é, emoji, quotes, a backslash, a slash, a newline.
    static let reply = "Beste Renée, sorry voor de \"vertraging\" 🙏 We storten € 18,50 terug.\nGroet, ^Jeroen (NS) \\ 50/50"

    static let jsonHeaders = ["Authorization": "Bearer tok-123", "Content-Type": "application/json", "Accept": "application/json"]

    @Test func xReplyPostsATweetInReplyToTheCustomer() throws {
        let request = OutboundRequests.request(for: .xReply(toTweetID: "2005923613378610386"), text: Self.reply, accessToken: "tok-123")
        #expect(request.method == "POST")
        #expect(request.path == "/2/tweets")
        #expect(request.headers == Self.jsonHeaders)
        let json = try jsonObject(request.body)
        #expect(Set(json.keys) == ["text", "reply"])
        #expect(json["text"] as? String == Self.reply)
        #expect(json["reply"] as? [String: String] == ["in_reply_to_tweet_id": "2005923613378610386"])
        // The exact bytes: UTF-8 as is, quotes and backslash escaped, the slash not.
        let expected = #"{"reply":{"in_reply_to_tweet_id":"2005923613378610386"},"text":"Beste Renée, sorry voor de \"vertraging\" 🙏 We storten € 18,50 terug.\nGroet, ^Jeroen (NS) \\ 50/50"}"#
        #expect(String(data: request.body, encoding: .utf8) == expected)
    }

    @Test func xDirectMessageGoesToTheConversationWithTheUser() throws {
        let request = OutboundRequests.request(for: .xDirectMessage(toUserID: "1525548233118941185"), text: Self.reply, accessToken: "tok-123")
        #expect(request.method == "POST")
        #expect(request.path == "/2/dm_conversations/with/1525548233118941185/messages")
        #expect(request.headers == Self.jsonHeaders)
        let json = try jsonObject(request.body)
        #expect(json.count == 1)
        #expect(json["text"] as? String == Self.reply)
    }

    @Test func facebookCommentAndInstagramReplyPostAMessage() throws {
        let facebook = OutboundRequests.request(for: .facebookComment(commentOrPostID: "1023456789012345_1187654321098765"), text: Self.reply, accessToken: "tok-123")
        #expect(facebook.method == "POST")
        #expect(facebook.path == "/v21.0/1023456789012345_1187654321098765/comments")
        #expect(facebook.headers == Self.jsonHeaders)
        #expect(try jsonObject(facebook.body) as? [String: String] == ["message": Self.reply])

        let instagram = OutboundRequests.request(for: .instagramComment(commentID: "17998877665544332"), text: Self.reply, accessToken: "tok-123")
        #expect(instagram.path == "/v21.0/17998877665544332/replies")
        #expect(instagram.headers == Self.jsonHeaders)
        #expect(try jsonObject(instagram.body) as? [String: String] == ["message": Self.reply])
    }

    @Test(arguments: [ReplyTarget.messenger(psid: "7281950364417260"), .instagramDirect(igsid: "7281950364417260")])
    func messengerAndInstagramDirectUseTheSendAPI(target: ReplyTarget) throws {
        let request = OutboundRequests.request(for: target, text: Self.reply, accessToken: "tok-123")
        #expect(request.method == "POST")
        #expect(request.path == "/v21.0/me/messages")
        #expect(request.headers == Self.jsonHeaders)
        let json = try jsonObject(request.body)
        #expect(Set(json.keys) == ["recipient", "messaging_type", "message"])
        #expect(json["recipient"] as? [String: String] == ["id": "7281950364417260"])
        #expect(json["messaging_type"] as? String == "RESPONSE")
        #expect(json["message"] as? [String: String] == ["text": Self.reply])
    }

    @Test func whatsappSendsAPlainTextMessage() throws {
        let request = OutboundRequests.request(for: .whatsapp(phoneNumberID: "106540352242922", to: "31612345678"), text: Self.reply, accessToken: "tok-123")
        #expect(request.method == "POST")
        #expect(request.path == "/v21.0/106540352242922/messages")
        #expect(request.headers == Self.jsonHeaders)
        let json = try jsonObject(request.body)
        #expect(Set(json.keys) == ["messaging_product", "recipient_type", "to", "type", "text"])
        #expect(json["messaging_product"] as? String == "whatsapp")
        #expect(json["recipient_type"] as? String == "individual")
        #expect(json["to"] as? String == "31612345678")
        #expect(json["type"] as? String == "text")
        let text = try #require(json["text"] as? [String: Any])
        #expect(Set(text.keys) == ["preview_url", "body"])
        #expect(text["body"] as? String == Self.reply)
        #expect(String(data: request.body, encoding: .utf8)?.contains(#""preview_url":false"#) == true)
    }

    @Test func idsCannotChangeThePath() {
        let request = OutboundRequests.request(for: .facebookComment(commentOrPostID: "1/../../me/feed?x=1"), text: "hoi", accessToken: "t")
        #expect(request.path == "/v21.0/1%2F..%2F..%2Fme%2Ffeed%3Fx%3D1/comments")
    }

    @Test(arguments: [
        (ReplyTarget.xReply(toTweetID: "1"), #"{"data":{"id":"2005999999999999999","text":"…","edit_history_tweet_ids":["2005999999999999999"]}}"#, "2005999999999999999"),
        (.xDirectMessage(toUserID: "1"), #"{"data":{"dm_conversation_id":"104209012-1525548233118941185","dm_event_id":"2005929610109258982"}}"#, "2005929610109258982"),
        (.facebookComment(commentOrPostID: "1"), #"{"id":"1023456789012345_1190000000000001"}"#, "1023456789012345_1190000000000001"),
        (.instagramComment(commentID: "1"), #"{"id":"17999000000000001"}"#, "17999000000000001"),
        (.messenger(psid: "1"), #"{"recipient_id":"7281950364417260","message_id":"m_OUR-REPLY"}"#, "m_OUR-REPLY"),
        (.instagramDirect(igsid: "1"), #"{"recipient_id":"1","message_id":"aWdfOUR"}"#, "aWdfOUR"),
        (.whatsapp(phoneNumberID: "1", to: "2"), #"{"messaging_product":"whatsapp","contacts":[{"input":"31612345678","wa_id":"31612345678"}],"messages":[{"id":"wamid.OURS"}]}"#, "wamid.OURS"),
    ])
    func sentMessageIDIsReadFromEachAPI(target: ReplyTarget, response: String, id: String) {
        #expect(OutboundRequests.sentMessageID(for: target, responseBody: Data(response.utf8)) == id)
    }

    @Test func errorResponsesGiveNoID() {
        let error = Data(#"{"error":{"message":"(#10) This message is sent outside of allowed window.","code":10}}"#.utf8)
        #expect(OutboundRequests.sentMessageID(for: .messenger(psid: "1"), responseBody: error) == nil)
        #expect(OutboundRequests.sentMessageID(for: .xReply(toTweetID: "1"), responseBody: Data(#"{"errors":[{"message":"duplicate"}]}"#.utf8)) == nil)
        #expect(OutboundRequests.sentMessageID(for: .whatsapp(phoneNumberID: "1", to: "2"), responseBody: Data("<html>".utf8)) == nil)
    }
}
