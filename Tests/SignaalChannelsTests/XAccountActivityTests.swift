import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite struct XAccountActivityTests {
    static let sanne = Author(
        handle: "sanne_pendelt", name: "Sanne de Vries 🚆", followers: 1287, verified: false,
        platformID: "1525548233118941185"
    )

    @Test func mentionThatRepliesToTheBrandBecomesASignalInThatThread() throws {
        let draft = try onlyDraft(XAccountActivity.events(from: FixtureFiles.data("x/aaa_tweet_create_mention_reply.json")))
        #expect(draft.channel == .x)
        #expect(draft.externalID == "2005923613378610386")
        #expect(draft.text == "@NS_online Alweer geen trein tussen Utrecht en Amersfoort en niemand meldt iets. Wie betaalt mijn gemiste afspraak?")
        #expect(draft.author == Self.sanne)
        #expect(draft.receivedAt == millis(1_767_084_432_345))
        #expect(draft.inReplyTo == "2005911243432394829")
        #expect(draft.url == "https://x.com/sanne_pendelt/status/2005923613378610386")
        #expect(draft.channelAccount == "104209012")
        #expect(draft.warnings.isEmpty)
        #expect(!draft.textPending)
    }

    @Test func truncatedTweetGivesTheFullTextWithEmoji() throws {
        let draft = try onlyDraft(XAccountActivity.events(from: FixtureFiles.data("x/aaa_tweet_create_mention_extended.json")))
        #expect(draft.externalID == "2005924991442356377")
        #expect(draft.text == "@NS_online Sinds 07:40 staat de trein van 08:02 naar Amersfoort Centraal op 'vertraagd' en nu is hij ineens geschrapt. Perron 18 staat vol, geen omroep, geen bus. Hoe vraag ik Geld Terug bij Vertraging aan als de app niks laat zien? 😡 #storing")
        #expect(draft.author == Self.sanne)
        #expect(draft.receivedAt == millis(1_767_084_760_901))
        #expect(draft.inReplyTo == nil)
        #expect(draft.url == "https://x.com/sanne_pendelt/status/2005924991442356377")
    }

    @Test func incomingDirectMessageIsMarkedAndHasNoThreadOrURL() throws {
        let draft = try onlyDraft(XAccountActivity.events(from: FixtureFiles.data("x/aaa_direct_message_incoming.json")))
        #expect(draft.channel == .x)
        #expect(draft.externalID == "dm:2005927703525461221")
        #expect(DirectMessageID.platformID(from: draft.externalID) == "2005927703525461221")
        #expect(draft.text == "Hoi, ik stuur even een DM met mijn gegevens: reis Amersfoort Centraal → Utrecht Centraal, 30-12 om 08:02, OV-chipkaart eindigend op 4417. Ik kwam 52 minuten te laat. Kunnen jullie dit oppakken?")
        #expect(draft.author == Self.sanne)
        #expect(draft.receivedAt == millis(1_767_085_407_512))
        #expect(draft.inReplyTo == nil)
        #expect(draft.url == nil)
        #expect(draft.subject == nil)
        #expect(draft.channelAccount == "104209012")
    }

    @Test func echoOfOurOwnDirectMessageIsIgnored() throws {
        #expect(try XAccountActivity.events(from: FixtureFiles.data("x/aaa_direct_message_outgoing_echo.json")) == [.ignored(kind: "x_dm_echo")])
    }

    @Test func likeIsIgnored() throws {
        #expect(try XAccountActivity.events(from: FixtureFiles.data("x/aaa_favorite_events.json")) == [.ignored(kind: "x_favorite")])
    }

    @Test func tweetByTheBrandItselfIsIgnored() throws {
        // The brand's reply, as X delivers it in tweet_create_events.
        let body = try fixture("x/aaa_tweet_create_mention_reply.json",
            replacing: #""id_str":"1525548233118941185","name":"Sanne"#, with: #""id_str":"104209012","name":"Sanne"#)
        #expect(try XAccountActivity.events(from: body) == [.ignored(kind: "x_own_tweet")])
    }

    @Test func brandUserIDStandsInWhenForUserIDIsMissing() throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json", replacing: #"{"for_user_id":"104209012","#, with: "{")
        #expect(try XAccountActivity.events(from: body, brandUserID: "1525548233118941185") == [.ignored(kind: "x_own_tweet")])
        let draft = try onlyDraft(XAccountActivity.events(from: body, brandUserID: "104209012"))
        #expect(draft.channelAccount == "104209012")
    }

    @Test func retweetIsIgnored() throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json",
            replacing: #""is_quote_status":false"#, with: #""is_quote_status":false,"retweeted_status":{"id_str":"1"}"#)
        #expect(try XAccountActivity.events(from: body) == [.ignored(kind: "x_retweet")])
    }

    @Test func htmlEntitiesAreDecodedOnce() throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json",
            replacing: "Wie betaalt mijn gemiste afspraak?", with: #"Prijs &gt; \u20ac 20 &amp; dat is &lt;oneerlijk&gt;, letterlijk &amp;lt; \"echt\""#)
        let draft = try onlyDraft(XAccountActivity.events(from: body))
        #expect(draft.text.hasSuffix(#"Prijs > € 20 & dat is <oneerlijk>, letterlijk &lt; "echt""#))
    }

    @Test(arguments: [#""user_has_blocked":"true""#, #""user_has_blocked":true"#])
    func blockedSenderIsKeptWithAWarning(flag: String) throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json", replacing: #""user_has_blocked":false"#, with: flag)
        let draft = try onlyDraft(XAccountActivity.events(from: body))
        #expect(draft.warnings == ["Het merkaccount heeft deze afzender geblokkeerd."])
    }

    @Test func userHasBlockedAsTheDocsStringFalseIsNotAWarning() throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json", replacing: #""user_has_blocked":false"#, with: #""user_has_blocked":"false""#)
        #expect(try onlyDraft(XAccountActivity.events(from: body)).warnings.isEmpty)
    }

    @Test func numericTimestampIsReadLikeAString() throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json",
            replacing: #""timestamp_ms":"1767084432345""#, with: #""timestamp_ms":1767084432345"#)
        #expect(try onlyDraft(XAccountActivity.events(from: body)).receivedAt == millis(1_767_084_432_345))
    }

    @Test func createdAtIsTheFallbackTime() throws {
        let body = try fixture("x/aaa_tweet_create_mention_reply.json", replacing: #","timestamp_ms":"1767084432345""#, with: "")
        #expect(try onlyDraft(XAccountActivity.events(from: body)).receivedAt == seconds(1_767_084_432))
    }

    @Test func deletedTweetBecomesARemove() throws {
        let body = Data(#"{"for_user_id":"104209012","tweet_delete_events":[{"status":{"id":"2005923613378610386","user_id":"1525548233118941185"},"timestamp_ms":"1767090000123"}]}"#.utf8)
        #expect(try XAccountActivity.events(from: body) == [.remove(channel: .x, externalID: "2005923613378610386", at: millis(1_767_090_000_123))])
    }

    @Test func otherEventTypesAreIgnoredWithTheirKey() throws {
        let body = Data(#"{"for_user_id":"104209012","follow_events":[{"type":"follow"}],"direct_message_indicate_typing_events":[{"sender_id":"1"},{"sender_id":"2"}]}"#.utf8)
        #expect(try XAccountActivity.events(from: body) == [
            .ignored(kind: "x_direct_message_indicate_typing_events"), .ignored(kind: "x_direct_message_indicate_typing_events"),
            .ignored(kind: "x_follow_events"),
        ])
        #expect(try XAccountActivity.events(from: Data(#"{"for_user_id":"104209012"}"#.utf8)) == [.ignored(kind: "x_unknown")])
    }

    @Test func incompleteTweetIsIgnoredButTheRestOfTheDeliveryCounts() throws {
        let body = Data(#"{"for_user_id":"104209012","tweet_create_events":[{"text":"zonder id"}]}"#.utf8)
        #expect(try XAccountActivity.events(from: body) == [.ignored(kind: "x_malformed_tweet")])
    }

    @Test(arguments: ["", "{", "[]", "\"tweet\"", "42", "{\"for_user_id\":", "<html>"])
    func malformedBodyThrows(body: String) {
        #expect(throws: ChannelPayloadError.self) { try XAccountActivity.events(from: Data(body.utf8)) }
    }
}

// MARK: - Helpers shared by the X, Meta and outbound tests

extension ChannelEvent {
    var draft: SignalDraft? {
        if case .signal(let draft) = self { return draft }
        return nil
    }
}

/// The one signal a delivery must hold, checked against the rules every channel shares.
func onlyDraft(_ events: [ChannelEvent], sourceLocation: SourceLocation = #_sourceLocation) throws -> SignalDraft {
    try #require(events.count == 1, "expected one event, got \(events)", sourceLocation: sourceLocation)
    let draft = try #require(events[0].draft, "expected a signal, got \(events[0])", sourceLocation: sourceLocation)
    #expect(throws: Never.self, sourceLocation: sourceLocation) { try draft.validated() }
    return draft
}

func millis(_ value: Int64) -> Date { Date(millisecondsSince1970: value) }
func seconds(_ value: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(value)) }

/// Parses JSON the tests built or received, as a dictionary.
func jsonObject(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], sourceLocation: sourceLocation)
}

/// A copy of a fixture body with one string replaced, to test a variant of a real shape.
func fixture(_ path: String, replacing old: String, with new: String) throws -> Data {
    let text = try #require(String(data: try FixtureFiles.data(path), encoding: .utf8))
    #expect(text.contains(old), "fixture \(path) no longer contains \(old)")
    return Data(text.replacingOccurrences(of: old, with: new).utf8)
}
