import Foundation
import SignaalChannels
import SignaalDomain
import Testing

/// The reply target for each customer signal the adapters produce from the fixtures.
@Suite struct OutboundReplyTargetTests {
    static func signal(_ draft: SignalDraft) -> Signal {
        Signal(id: .generate(), caseID: .generate(), customerID: .generate(), draft: draft, analysis: nil, createdAt: seconds(1_767_100_000))
    }

    static func target(x file: String) throws -> ReplyTarget? {
        ReplyTarget.forReplying(to: signal(try onlyDraft(XAccountActivity.events(from: FixtureFiles.data(file)))))
    }

    static func target(meta file: String) throws -> ReplyTarget? {
        ReplyTarget.forReplying(to: signal(try onlyDraft(MetaWebhook.events(from: FixtureFiles.data(file)))))
    }

    @Test func tweetIsAnsweredWithAReplyTweet() throws {
        #expect(try Self.target(x: "x/aaa_tweet_create_mention_reply.json") == .xReply(toTweetID: "2005923613378610386"))
        #expect(try Self.target(x: "x/aaa_tweet_create_mention_extended.json") == .xReply(toTweetID: "2005924991442356377"))
    }

    @Test func directMessageIsAnsweredPrivatelyToTheSender() throws {
        #expect(try Self.target(x: "x/aaa_direct_message_incoming.json") == .xDirectMessage(toUserID: "1525548233118941185"))
    }

    @Test func facebookCommentAndPostAreAnsweredWithAComment() throws {
        #expect(try Self.target(meta: "meta/fb_page_feed_comment.json") == .facebookComment(commentOrPostID: "1023456789012345_1187654321098765"))
        #expect(try Self.target(meta: "meta/fb_page_feed_post.json") == .facebookComment(commentOrPostID: "109876543210987_1029384756102938"))
    }

    @Test func messengerIsAnsweredToThePSID() throws {
        #expect(try Self.target(meta: "meta/fb_messenger_message.json") == .messenger(psid: "7281950364417260"))
    }

    @Test func instagramCommentIsAnsweredUnderTheComment() throws {
        #expect(try Self.target(meta: "meta/ig_comments.json") == .instagramComment(commentID: "17998877665544332"))
    }

    @Test func instagramMentionElsewhereHasNoReplyTarget() throws {
        #expect(try Self.target(meta: "meta/ig_mentions.json") == nil)
    }

    @Test func instagramDirectMessageIsAnsweredPrivately() throws {
        let body = MetaInstagramTests.messaging(#""message":{"mid":"aWdfZAG1faXRlbTox","text":"Hallo?"}"#)
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(ReplyTarget.forReplying(to: Self.signal(draft)) == .instagramDirect(igsid: "1029384756473829"))
    }

    @Test func whatsappIsAnsweredFromTheNumberThatReceivedIt() throws {
        #expect(try Self.target(meta: "meta/wa_cloud_text_message.json") == .whatsapp(phoneNumberID: "106540352242922", to: "31612345678"))
    }

    @Test func channelsWithoutAReplyAPIOrMissingIDsGiveNil() {
        let email = SignalDraft(channel: .email, externalID: "<a@b>", author: Author(email: "renee@example.com"), text: "Hoi", receivedAt: seconds(0))
        #expect(ReplyTarget.forReplying(to: Self.signal(email)) == nil)
        let whatsappWithoutAccount = SignalDraft(channel: .whatsapp, externalID: "wamid.X", author: Author(phone: "31612345678"), text: "Hoi", receivedAt: seconds(0))
        #expect(ReplyTarget.forReplying(to: Self.signal(whatsappWithoutAccount)) == nil)
        let dmWithoutSender = SignalDraft(channel: .x, externalID: "dm:1", author: Author(handle: "sanne_pendelt"), text: "Hoi", receivedAt: seconds(0))
        #expect(ReplyTarget.forReplying(to: Self.signal(dmWithoutSender)) == nil)
    }

    @Test func builtRequestForAFixtureSignalCarriesTheReply() throws {
        let target = try #require(try Self.target(meta: "meta/wa_cloud_text_message.json"))
        let request = OutboundRequests.request(for: target, text: "Dag Mohammed, uw klacht 88231 is behandeld: € 12,– retour 👍", accessToken: "wa-token")
        #expect(request.path == "/v21.0/106540352242922/messages")
        let json = try jsonObject(request.body)
        #expect(json["to"] as? String == "31612345678")
        #expect((json["text"] as? [String: Any])?["body"] as? String == "Dag Mohammed, uw klacht 88231 is behandeld: € 12,– retour 👍")
    }
}
