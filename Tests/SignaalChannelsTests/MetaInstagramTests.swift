import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite struct MetaInstagramTests {
    static let accountID = "17841400000000001"

    @Test func commentOnOurMediaBecomesAnInstagramSignal() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: FixtureFiles.data("meta/ig_comments.json")))
        #expect(draft.channel == .instagram)
        #expect(draft.externalID == "17998877665544332")
        #expect(draft.text == "Mooie foto, maar mijn trein naar Amersfoort is al voor de derde keer deze week uitgevallen 😤 wie gaat dat vergoeden?")
        #expect(draft.author == Author(handle: "lotte.reist", platformID: "17841455512345678"))
        #expect(draft.inReplyTo == "18034567890123456")
        #expect(draft.receivedAt == seconds(1_767_088_964))
        #expect(draft.channelAccount == Self.accountID)
        #expect(!draft.textPending)
    }

    @Test func replyCommentAnswersItsParent() throws {
        let body = try fixture("meta/ig_comments.json", replacing: #""id":"17998877665544332","#, with: #""id":"17998877665544332","parent_id":"17990000000000001","#)
        #expect(try onlyDraft(MetaWebhook.events(from: body)).inReplyTo == "17990000000000001")
    }

    @Test func ourOwnCommentIsIgnored() throws {
        let body = try fixture("meta/ig_comments.json", replacing: #""id":"17841455512345678""#, with: #""id":"17841400000000001""#)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_instagram_own_comment")])
    }

    @Test func mentionBecomesAValidSignalAwaitingItsText() throws {
        let draft = try onlyDraft(MetaWebhook.events(from: FixtureFiles.data("meta/ig_mentions.json")))
        #expect(draft.channel == .instagram)
        #expect(draft.externalID == "17911223344556677")
        #expect(draft.text == "")
        #expect(draft.textPending)
        #expect(draft.inReplyTo == "18012345678901234")
        #expect(draft.author == Author(name: "Instagram-gebruiker"))
        #expect(draft.receivedAt == seconds(1_767_089_264))
        #expect(draft.channelAccount == Self.accountID)
    }

    @Test func anAuthorWithNothingAtAllIsRejectedByTheDomain() {
        // Why the mention carries a placeholder name: validated() needs a handle or a name.
        var draft = SignalDraft(channel: .instagram, externalID: "1", author: Author(), text: "", receivedAt: seconds(0), textPending: true)
        #expect(throws: DomainError.self) { try draft.validated() }
        draft.author = Author(name: "Instagram-gebruiker")
        #expect(throws: Never.self) { try draft.validated() }
    }

    @Test func captionMentionUsesTheMediaID() throws {
        let body = try fixture("meta/ig_mentions.json", replacing: #","comment_id":"17911223344556677""#, with: "")
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(draft.externalID == "18012345678901234")
        #expect(draft.inReplyTo == nil)
        #expect(draft.textPending)
    }

    static func messaging(_ event: String) -> Data {
        Data(#"{"object":"instagram","entry":[{"id":"17841400000000001","time":1767089500000,"messaging":[{"sender":{"id":"1029384756473829"},"recipient":{"id":"17841400000000001"},"timestamp":1767089500123,\#(event)}]}]}"#.utf8)
    }

    @Test func directMessageIsMarkedAndThreadsByCustomer() throws {
        let body = Self.messaging(#""message":{"mid":"aWdfZAG1faXRlbTox","text":"Mijn \u20ac 4,50 toeslag is twee keer afgeschreven \ud83d\ude21","reply_to":{"mid":"aWdfZAG1faXRlbTow"}}"#)
        let draft = try onlyDraft(MetaWebhook.events(from: body))
        #expect(draft.channel == .instagram)
        #expect(draft.externalID == "dm:aWdfZAG1faXRlbTox")
        #expect(draft.text == "Mijn € 4,50 toeslag is twee keer afgeschreven 😡")
        #expect(draft.author == Author(handle: "1029384756473829", platformID: "1029384756473829"))
        #expect(draft.receivedAt == millis(1_767_089_500_123))
        #expect(draft.inReplyTo == nil)
        #expect(draft.channelAccount == Self.accountID)
    }

    @Test func directMessageEchoDeletionAndReadAreHandled() throws {
        #expect(try MetaWebhook.events(from: Self.messaging(#""message":{"mid":"m1","is_echo":true,"text":"Hoi!"}"#)) == [.ignored(kind: "meta_instagram_echo")])
        #expect(try MetaWebhook.events(from: Self.messaging(#""message":{"mid":"m1","is_deleted":true}"#))
            == [.remove(channel: .instagram, externalID: "dm:m1", at: millis(1_767_089_500_123))])
        #expect(try MetaWebhook.events(from: Self.messaging(#""read":{"mid":"m_ours"}"#))
            == [.deliveryStatus(channel: .instagram, externalID: "m_ours", status: .read, at: millis(1_767_089_500_123), detail: nil)])
    }

    @Test func storyMentionWithoutTextGetsAPlaceholder() throws {
        let body = Self.messaging(#""message":{"mid":"m2","attachments":[{"type":"story_mention","payload":{"url":"https://lookaside.example/s"}}]}"#)
        #expect(try onlyDraft(MetaWebhook.events(from: body)).text == "[bijlage: vermelding in verhaal]")
    }

    @Test func unknownInstagramFieldIsIgnored() throws {
        let body = Data(#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"story_insights","value":{}}]}]}"#.utf8)
        #expect(try MetaWebhook.events(from: body) == [.ignored(kind: "meta_instagram_story_insights")])
    }

    // MARK: Graph helpers for mentions

    @Test func mentionedCommentRequestAsksForTextUsernameAndTime() throws {
        let request = MetaGraph.mentionedCommentRequest(instagramUserID: "17841400000000001", commentID: "17911223344556677", accessToken: "EAAB-test")
        #expect(request.method == "GET")
        #expect(request.path == "/v21.0/17841400000000001?fields=mentioned_comment.comment_id(17911223344556677)%7Btext,username,timestamp%7D")
        #expect(request.headers["Authorization"] == "Bearer EAAB-test")
        #expect(request.body.isEmpty)
        let url = try #require(URL(string: "https://graph.facebook.com" + request.path))
        let query = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(query == [URLQueryItem(name: "fields", value: "mentioned_comment.comment_id(17911223344556677){text,username,timestamp}")])
    }

    @Test func mentionedCommentResponseGivesTextAndUsername() throws {
        let body = Data(#"{"mentioned_comment":{"text":"@ns_online weer 20 min vertraging \ud83d\ude24 en \u20ac 12 taxi","username":"lotte.reist","timestamp":"2025-12-30T10:07:44+0000","id":"17911223344556677"},"id":"17841400000000001"}"#.utf8)
        let mention = try MetaGraph.parseMentionedComment(body)
        #expect(mention.text == "@ns_online weer 20 min vertraging 😤 en € 12 taxi")
        #expect(mention.username == "lotte.reist")
        #expect(mention.id == "17911223344556677")
        #expect(mention.timestamp == seconds(1_767_089_264))
    }

    @Test func mentionedCaptionRoundTrip() throws {
        let request = MetaGraph.mentionedMediaRequest(instagramUserID: "17841400000000001", mediaID: "18012345678901234", accessToken: "t")
        #expect(request.path == "/v21.0/17841400000000001?fields=mentioned_media.media_id(18012345678901234)%7Bcaption,username,timestamp%7D")
        let body = Data(#"{"mentioned_media":{"caption":"Weer vast in Utrecht @ns_online","username":"fietsfan","id":"18012345678901234"},"id":"1"}"#.utf8)
        let media = try MetaGraph.parseMentionedMedia(body)
        #expect(media.text == "Weer vast in Utrecht @ns_online")
        #expect(media.username == "fietsfan")
        #expect(media.timestamp == nil)
    }

    @Test func graphErrorThrows() {
        let error = Data(#"{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}"#.utf8)
        #expect(throws: ChannelPayloadError("Graph API mentioned_comment: Invalid OAuth access token.")) { try MetaGraph.parseMentionedComment(error) }
        #expect(throws: ChannelPayloadError.self) { try MetaGraph.parseMentionedComment(Data(#"{"id":"1"}"#.utf8)) }
        #expect(throws: ChannelPayloadError.self) { try MetaGraph.parseMentionedComment(Data("nope".utf8)) }
    }
}
