import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite struct XFilteredStreamTests {
    static func streamChunk() throws -> String {
        try #require(String(data: FixtureFiles.data("x/v2_filtered_stream_mention.json"), encoding: .utf8))
    }

    @Test func mentionLineBecomesTheSameSignalAsTheWebhook() throws {
        let chunk = try Self.streamChunk()
        #expect(chunk.hasSuffix("\r\n"))
        let draft = try onlyDraft(XFilteredStream.events(fromLine: chunk, brandUserID: "104209012"))
        #expect(draft.channel == .x)
        #expect(draft.externalID == "2005923613378610386")
        #expect(draft.text == "@NS_online Alweer geen trein tussen Utrecht en Amersfoort en niemand meldt iets. Wie betaalt mijn gemiste afspraak?")
        #expect(draft.author == Author(handle: "sanne_pendelt", name: "Sanne de Vries 🚆", followers: 1287, verified: false, platformID: "1525548233118941185"))
        #expect(draft.receivedAt == millis(1_767_084_432_345))
        #expect(draft.inReplyTo == "2005911243432394829")
        #expect(draft.url == "https://x.com/sanne_pendelt/status/2005923613378610386")
        #expect(draft.channelAccount == "104209012")

        // The webhook copy of this post dedupes and threads with it.
        let webhook = try onlyDraft(XAccountActivity.events(from: FixtureFiles.data("x/aaa_tweet_create_mention_reply.json")))
        #expect(webhook == draft)
    }

    @Test(arguments: ["", "\r\n", "   \r\n", "\n", "\t"])
    func keepAliveLinesGiveNothing(line: String) throws {
        #expect(try XFilteredStream.events(fromLine: line).isEmpty)
    }

    @Test func chunkWithKeepAlivesBetweenLinesGivesEachPostOnce() throws {
        let line = try Self.streamChunk()
        let chunk = "\r\n\r\n" + line + "\r\n" + line
        let events = try XFilteredStream.events(fromLines: chunk, brandUserID: "104209012")
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.draft?.externalID == "2005923613378610386" })
    }

    @Test func postByTheBrandIsIgnored() throws {
        let line = try Self.streamChunk()
        #expect(try XFilteredStream.events(fromLine: line, brandUserID: "1525548233118941185") == [.ignored(kind: "x_own_tweet")])
    }

    @Test func retweetIsIgnored() throws {
        let line = try Self.streamChunk().replacingOccurrences(of: #"{"type":"replied_to""#, with: #"{"type":"retweeted""#)
        #expect(try XFilteredStream.events(fromLine: line) == [.ignored(kind: "x_retweet")])
    }

    @Test func streamErrorMessageIsIgnored() throws {
        let line = #"{"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect"}]}"# + "\r\n"
        #expect(try XFilteredStream.events(fromLine: line) == [.ignored(kind: "x_stream_errors")])
    }

    @Test func malformedLineThrows() {
        #expect(throws: ChannelPayloadError.self) { try XFilteredStream.events(fromLine: #"{"data":{"id":"1""#) }
        #expect(throws: ChannelPayloadError.self) { try XFilteredStream.events(fromLine: "[1,2]") }
    }
}
