import Foundation
import Testing
import SignaalChannels

@Suite("E-mail Postmark inbound")
struct EmailPostmarkTests {
    private func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func matchesTheRawMessage() throws {
        let postmark = try PostmarkInbound.parse(try FixtureFiles.data("email/postmark_inbound.json"))
        let raw = MIMEParser.parse(try FixtureFiles.data("email/dutch_reply_multipart.eml"))
        // The header's Message-ID, not Postmark's own UUID.
        #expect(postmark.messageID == "CAF7x9kq2QeYv3n8pQ-TEST@mail.example.com")
        #expect(postmark.messageID == raw.messageID)
        #expect(normalized(postmark.newText) == normalized(raw.newText))
        #expect(normalized(postmark.newText) == EmailFixtureTests.dutchReplyNewText)
        #expect(normalized(postmark.body) == normalized(raw.body))
        #expect(postmark.subject == raw.subject)
        #expect(postmark.from == raw.from)
        #expect(postmark.to == raw.to)
        #expect(postmark.caseTag(prefix: "ticket-") == "88231")
        #expect(postmark.inReplyTo == raw.inReplyTo)
        #expect(postmark.references == raw.references)
        #expect(postmark.date == raw.date)
        #expect(postmark.attachments.map(\.filename) == raw.attachments.map(\.filename))
        #expect(postmark.attachments.map(\.size) == [92])
        #expect(postmark.attachments.first?.content == raw.attachments.first?.content)
        #expect(postmark.header("X-Spam-Status") == "No")
        #expect(postmark.warnings.isEmpty)
    }

    @Test func attachmentLimitKeepsMetadata() throws {
        let email = try PostmarkInbound.parse(try FixtureFiles.data("email/postmark_inbound.json"), maxAttachmentBytes: 50)
        #expect(email.attachments.map(\.size) == [92])
        #expect(email.attachments.first?.content == nil)
        #expect(email.warnings == ["Bijlage 'screenshot_reisplanner.png' (92 bytes) past niet binnen de limiet van 50 bytes; alleen naam, type en grootte bewaard."])
    }

    @Test func fallsBackToHTMLBodyAndFromString() throws {
        let json = #"""
        {"From": "\"Jan de Vries\" <jan@example.nl>", "To": "webcare+case-X1@x.example", "Subject": "Klacht",
         "TextBody": "", "HtmlBody": "<p>Mijn &euro;&nbsp;20 is kwijt.</p><blockquote><p>oud</p></blockquote>",
         "Headers": [{"Name": "Message-ID", "Value": "<pm-1@example.nl>"}]}
        """#
        let email = try PostmarkInbound.parse(Data(json.utf8))
        #expect(email.from == EmailAddress(name: "Jan de Vries", address: "jan@example.nl"))
        #expect(email.caseTag() == "X1")
        #expect(email.messageID == "pm-1@example.nl")
        #expect(email.body == "Mijn € 20 is kwijt.\n\n> oud")
        #expect(email.newText == "Mijn € 20 is kwijt.")
    }

    @Test(arguments: ["", "niet json", "[]", "{\"From\": 12}", "{\"FromFull\": {\"Email\": \"a@b.nl\"", "{\"Headers\": \"x\", \"From\": \"a@b.nl\"}"])
    func rejectsMalformedJSON(json: String) {
        #expect {
            try PostmarkInbound.parse(Data(json.utf8))
        } throws: { error in
            guard case PostmarkInboundError.malformedJSON = error else { return false }
            return true
        }
    }

    @Test(arguments: ["{}", "{\"Subject\": \"x\", \"From\": \"\"}", "{\"FromFull\": {\"Email\": \"\", \"Name\": \"Jan\"}}"])
    func rejectsMissingFrom(json: String) {
        #expect(throws: PostmarkInboundError.missingFrom) {
            try PostmarkInbound.parse(Data(json.utf8))
        }
    }

    @Test func errorsDescribeTheProblem() {
        #expect(PostmarkInboundError.missingFrom.description == "Postmark inbound: no sender (From/FromFull) in the payload.")
        #expect(PostmarkInboundError.malformedJSON("x").description.contains("x"))
    }
}
