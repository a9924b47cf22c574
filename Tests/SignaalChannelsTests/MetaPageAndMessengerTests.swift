import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite struct MetaPageAndMessengerTests {
    static let pageID = "109876543210987"

    // MARK: Page feed

    @Test func commentOnAPagePostBecomesAFacebookSignal() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: FixtureFiles.data("meta/fb_page_feed_comment.json")))
        #expect(draft.channel == .facebook)
        #expect(draft.externalID == "1023456789012345_1187654321098765")
        #expect(draft.text == "Al drie dagen op rij storing tussen Utrecht en Amersfoort. Ik betaal wel elke maand € 342 voor mijn abonnement. Wanneer krijgen we compensatie?")
        #expect(draft.author == Author(handle: "8473920156483920", name: "Kees van Dijk", platformID: "8473920156483920"))
        #expect(draft.receivedAt == seconds(1_767_085_533))
        #expect(draft.inReplyTo == "109876543210987_1023456789012345")
        #expect(draft.url == "https://www.facebook.com/NS/posts/pfbid02TEST012345")
        #expect(draft.channelAccount == Self.pageID)
    }

    @Test func visitorPostBecomesAFacebookSignalWithoutThread() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: FixtureFiles.data("meta/fb_page_feed_post.json")))
        #expect(draft.channel == .facebook)
        #expect(draft.externalID == "109876543210987_1029384756102938")
        #expect(draft.text == "Beste NS, vanochtend stond ik 40 minuten op perron 18 in Utrecht zonder enige omroep. Is er een klachtenformulier voor dit soort situaties?")
        #expect(draft.author == Author(handle: "6655443322110099", name: "Fatima El Amrani", platformID: "6655443322110099"))
        #expect(draft.receivedAt == seconds(1_767_087_068))
        #expect(draft.inReplyTo == nil)
        #expect(draft.url == nil)
        #expect(draft.channelAccount == Self.pageID)
    }

    @Test func replyToACommentAnswersThatComment() throws {
        let body = try fixture("meta/fb_page_feed_comment.json",
            replacing: #""parent_id":"109876543210987_1023456789012345""#, with: #""parent_id":"1023456789012345_1100000000000001""#)
        #expect(try onlyDraft(MetaWebhook.events(from: body)).inReplyTo == "1023456789012345_1100000000000001")
    }

    @Test func editedCommentBecomesAnEditAtTheNotificationTime() throws {
        let body = try fixture("meta/fb_page_feed_comment.json", replacing: #""verb":"add""#, with: #""verb":"edited""#)
        #expect(try MetaWebhook.events(from: body) == [.edit(
            channel: .facebook, externalID: "1023456789012345_1187654321098765",
            newText: "Al drie dagen op rij storing tussen Utrecht en Amersfoort. Ik betaal wel elke maand € 342 voor mijn abonnement. Wanneer krijgen we compensatie?",
            at: seconds(1_767_085_535))])
    }

    @Test func removedPostBecomesARemove() throws {
        let body = try fixture("meta/fb_page_feed_post.json", replacing: #""verb":"add""#, with: #""verb":"remove""#)
        #expect(try MetaWebhook.events(from: body) == [.remove(channel: .facebook, externalID: "109876543210987_1029384756102938", at: seconds(1_767_087_069))])
    }

    @Test func commentByThePageItselfIsIgnored() throws {
        let body = try fixture("meta/fb_page_feed_comment.json", replacing: #""id":"8473920156483920""#, with: #""id":"109876543210987""#)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_page_feed_own")])
    }

    @Test(arguments: ["reaction", "like", "share"])
    func nonMessageItemsAreIgnoredByItem(item: String) throws {
        let body = try fixture("meta/fb_page_feed_comment.json", replacing: #""item":"comment""#, with: #""item":"\#(item)""#)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_page_feed_\(item)")])
    }

    @Test func hiddenCommentIsIgnoredWithItsVerb() throws {
        let body = try fixture("meta/fb_page_feed_comment.json", replacing: #""verb":"add""#, with: #""verb":"hide""#)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_page_feed_comment_hide")])
    }

    @Test func photoCommentWithoutWordsGetsAPlaceholder() throws {
        let body = try fixture("meta/fb_page_feed_comment.json",
            replacing: #""message":"Al drie dagen op rij storing tussen Utrecht en Amersfoort. Ik betaal wel elke maand \u20ac 342 voor mijn abonnement. Wanneer krijgen we compensatie?","#,
            with: #""photo":"https:\/\/scontent.example\/p.jpg","#)
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(draft.text == "[afbeelding]")
        #expect(draft.attachments == [SignaalDomain.Attachment(filename: nil, contentType: "image/jpeg", size: 0, content: nil)])
    }

    // MARK: Messenger

    @Test func messengerTextBecomesAMessengerSignal() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: FixtureFiles.data("meta/fb_messenger_message.json")))
        #expect(draft.channel == .messenger)
        #expect(draft.externalID == "m_TEST-Ai9XwQk3bR1yZt7VhM2pLcE5nS0fJ8uGdK4oY6aHqB1xWe3rT9sUv2iOp0lMn7bVc")
        #expect(draft.text == "Goedemorgen! Mijn OV-fiets was niet beschikbaar in Amersfoort terwijl de app er nog 12 aangaf. Ik heb € 18 aan taxi betaald. Kan ik dat terugkrijgen?")
        #expect(draft.author == Author(handle: "7281950364417260", platformID: "7281950364417260"))
        #expect(draft.receivedAt == millis(1_767_087_617_331))
        #expect(draft.inReplyTo == nil)
        #expect(draft.channelAccount == Self.pageID)
    }

    static func messaging(_ event: String) -> Data {
        Data(#"{"object":"page","entry":[{"id":"109876543210987","time":1767087617571,"messaging":[{"sender":{"id":"7281950364417260"},"recipient":{"id":"109876543210987"},"timestamp":1767087617331,\#(event)}]}]}"#.utf8)
    }

    @Test func echoOfOurOwnMessageIsIgnored() throws {
        let body = Self.messaging(#""message":{"mid":"m_1","is_echo":true,"app_id":1,"text":"Wij kijken ernaar."}"#)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_messenger_echo")])
    }

    @Test func imageWithoutTextGetsAPlaceholderAndMetadata() throws {
        let body = Self.messaging(#""message":{"mid":"m_2","attachments":[{"type":"image","payload":{"url":"https://lookaside.example/x"}}]}"#)
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(draft.text == "[bijlage: afbeelding]")
        #expect(draft.attachments == [SignaalDomain.Attachment(filename: nil, contentType: "image/*", size: 0, content: nil)])
        #expect(draft.externalID == "m_2")
    }

    @Test func replyToAMessageNamesIt() throws {
        let body = Self.messaging(#""message":{"mid":"m_3","text":"Nog steeds niets 😤","reply_to":{"mid":"m_ours"}}"#)
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(draft.text == "Nog steeds niets 😤")
        #expect(draft.inReplyTo == "m_ours")
    }

    @Test func deliveryBecomesAStatusPerMid() throws {
        let body = Self.messaging(#""delivery":{"mids":["m_a","m_b"],"watermark":1767087620000}"#)
        #expect(try MetaWebhook.events(from: body) == [
            .deliveryStatus(channel: .messenger, externalID: "m_a", status: .delivered, at: millis(1_767_087_620_000), detail: nil),
            .deliveryStatus(channel: .messenger, externalID: "m_b", status: .delivered, at: millis(1_767_087_620_000), detail: nil),
        ])
    }

    @Test func readWithOnlyAWatermarkIsIgnored() throws {
        #expect(try MetaWebhook.events(from: Self.messaging(#""read":{"watermark":1767087630000}"#)) == [.ignored(kind: "meta_messenger_read")])
        #expect(try MetaWebhook.events(from: Self.messaging(#""delivery":{"watermark":1767087630000}"#)) == [.ignored(kind: "meta_messenger_delivery")])
    }

    @Test func postbackAndReactionAreIgnored() throws {
        #expect(try MetaWebhook.events(from: Self.messaging(#""postback":{"title":"Start","payload":"GET_STARTED"}"#)) == [.ignored(kind: "meta_messenger_postback")])
        #expect(try MetaWebhook.events(from: Self.messaging(#""reaction":{"mid":"m_1","action":"react","emoji":"👍"}"#)) == [.ignored(kind: "meta_messenger_reaction")])
    }

    @Test func deletedAndEditedMessagesBecomeRemoveAndEdit() throws {
        #expect(try MetaWebhook.events(from: Self.messaging(#""message":{"mid":"m_4","is_deleted":true}"#))
            == [.remove(channel: .messenger, externalID: "m_4", at: millis(1_767_087_617_331))])
        #expect(try MetaWebhook.events(from: Self.messaging(#""message_edit":{"mid":"m_4","text":"Toch € 20","num_edit":1}"#))
            == [.edit(channel: .messenger, externalID: "m_4", newText: "Toch € 20", at: millis(1_767_087_617_331))])
    }

    // MARK: Envelope

    @Test func unknownObjectOrFieldIsIgnoredWithBoth() throws {
        let unknownObject = Data(#"{"object":"user","entry":[{"id":"1","time":1,"changes":[{"field":"photos","value":{}}]}]}"#.utf8)
        #expect(try MetaWebhook.events(from: unknownObject) == [.ignored(kind: "meta_user_photos")])
        let unknownField = Data(#"{"object":"page","entry":[{"id":"1","time":1,"changes":[{"field":"ratings","value":{}}]}]}"#.utf8)
        #expect(try MetaWebhook.events(from: unknownField) == [.ignored(kind: "meta_page_ratings")])
    }

    @Test(arguments: ["", "{", "[]", "null", #"{"entry":[]}"#, #"{"object":"page"}"#, #"{"object":"page","entry":{}}"#])
    func malformedBodyThrows(body: String) {
        #expect(throws: ChannelPayloadError.self) { try MetaWebhook.events(from: Data(body.utf8)) }
    }
}
