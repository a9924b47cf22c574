import Foundation
import Testing
@testable import SignaalChannels

@Suite("E-mail MIME structure")
struct EmailMultipartTests {
    @Test func prefersPlainTextInAlternativeAndSkipsPreambleAndEpilogue() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/alternative; boundary=simple

        Dit is een bericht in MIME-formaat.
        --simple
        Content-Type: text/plain; charset=utf-8

        Platte tekst.
        --simple
        Content-Type: text/html; charset=utf-8

        <p>HTML-tekst.</p>
        --simple--
        EPILOOG
        """))
        #expect(email.body == "Platte tekst.")
        #expect(email.attachments.isEmpty)
        #expect(email.warnings.isEmpty)
    }

    @Test func usesHTMLWhenPlainAlternativeIsEmpty() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/alternative; boundary="b"

        --b
        Content-Type: text/plain

        \("  ")
        --b
        Content-Type: text/html

        <div>Alleen&nbsp;HTML</div><div>tweede regel</div>
        --b--
        """))
        #expect(email.body == "Alleen HTML\ntweede regel")
    }

    @Test(arguments: [
        "\"=_a'b(c)+d,e-f.g/h:i=j?k\"",
        "=_unquoted_Part_1",
        "\"----=_NextPart_000_0001_01DC7F1A.AA11BB22\"",
    ])
    func acceptsBoundaryShapes(parameter: String) {
        let boundary = parameter.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/mixed;
        \tboundary=\(parameter)

        --\(boundary)
        Content-Type: text/plain

        Deel een.
        --\(boundary)\("  ")
        Content-Type: text/plain

        Deel twee.
        --\(boundary)--
        """))
        #expect(email.body == "Deel een.\n\nDeel twee.")
        #expect(email.warnings.isEmpty)
    }

    @Test func longerBoundaryLineIsContentNotDelimiter() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/mixed; boundary=abc

        --abc
        Content-Type: text/plain

        Regel
        --abcdef is geen grens
        --abc--
        """))
        #expect(email.body == "Regel\n--abcdef is geen grens")
    }

    @Test func missingClosingBoundaryKeepsWhatWasRead() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/mixed; boundary=open

        --open
        Content-Type: text/plain

        Eerste deel.
        --open
        Content-Type: text/plain

        Tweede deel zonder einde.
        """))
        #expect(email.body == "Eerste deel.\n\nTweede deel zonder einde.")
        #expect(email.warnings == ["Multipart-deel zonder afsluitende grens '--open--'; gelezen wat er stond."])
    }

    @Test func guessesMissingBoundaryParameter() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/mixed

        --geraden
        Content-Type: text/plain

        Toch gelezen.
        --geraden--
        """))
        #expect(email.body == "Toch gelezen.")
        #expect(email.warnings == ["Multipart-bericht zonder boundary-parameter; de grens is uit de inhoud afgeleid."])
    }

    @Test func multipartWithoutAnyDelimiterIsReadAsText() {
        let email = MIMEParser.parse(rawMail("Content-Type: multipart/mixed; boundary=nergens\n\nGewoon tekst.\n"))
        #expect(email.body == "Gewoon tekst.")
        #expect(email.warnings == ["Multipart-bericht zonder herkenbare grens; de inhoud is als tekst gelezen."])
    }

    @Test func relatedUsesStartPartAndMixedJoinsTextParts() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/mixed; boundary=m

        --m
        Content-Type: multipart/related; boundary=r; start="<root@x>"

        --r
        Content-Type: text/plain

        Niet de start.
        --r
        Content-Type: text/html
        Content-ID: <root@x>

        <p>Wel de start.</p>
        --r--
        --m
        Content-Type: image/jpeg
        Content-Transfer-Encoding: base64

        /9j/4AAQ
        --m
        Content-Type: text/plain

        Tekst na de afbeelding.
        --m--
        """))
        #expect(email.body == "Wel de start.\n\nTekst na de afbeelding.")
        #expect(email.attachments.map(\.contentType) == ["image/jpeg"])
        #expect(email.attachments.first?.filename == nil)
        #expect(email.attachments.first?.content == Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]))
    }

    @Test func recognisesAttachmentsAndTheirNames() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: multipart/mixed; boundary=x

        --x
        Content-Type: text/plain

        Zie bijlagen.
        --x
        Content-Type: text/plain; name="notities.txt"
        Content-Disposition: attachment

        Dit hoort niet in de tekst.
        --x
        Content-Type: application/pdf
        Content-Disposition: attachment;
         filename*0*=UTF-8''klacht%20;
         filename*1*=%C3%A9%C3%A9n.pdf

        %PDF
        --x
        Content-Type: application/octet-stream; name="=?UTF-8?Q?bonnetje_=E2=82=AC5.jpg?="

        bytes
        --x
        Content-Type: image/png
        Content-Disposition: inline; filename="C:\\Users\\jan\\foto.png"

        png
        --x
        Content-Type: text/csv; charset=utf-8

        a;b
        --x
        Content-Type: message/rfc822

        Subject: doorgestuurd

        oude tekst
        --x--
        """))
        #expect(email.body == "Zie bijlagen.")
        #expect(email.attachments.map(\.filename) == ["notities.txt", "klacht één.pdf", "bonnetje €5.jpg", "foto.png", nil, nil])
        #expect(email.attachments.map(\.contentType) == ["text/plain", "application/pdf", "application/octet-stream", "image/png", "text/csv", "message/rfc822"])
        #expect(email.attachments.map(\.size) == [27, 4, 5, 3, 3, 35])
        #expect(email.attachments.map(\.isInline) == [false, false, false, true, false, false])
    }

    @Test func attachmentLimitCoversAllContentTogether() throws {
        let part = String(repeating: "A", count: 40)
        let raw = rawMail("""
        Content-Type: multipart/mixed; boundary=x

        --x
        Content-Type: text/plain

        Drie bijlagen.
        --x
        Content-Type: application/octet-stream; name=een.bin

        \(part)
        --x
        Content-Type: application/octet-stream; name=twee.bin

        \(part)
        --x
        Content-Type: application/octet-stream; name=drie.bin

        \(part)
        --x--
        """)
        let limited = MIMEParser.parse(raw, maxAttachmentBytes: 100)
        #expect(limited.attachments.map(\.size) == [40, 40, 40])
        #expect(limited.attachments.map { $0.content != nil } == [true, true, false])
        #expect(limited.warnings == ["Bijlage 'drie.bin' (40 bytes) past niet binnen de limiet van 100 bytes; alleen naam, type en grootte bewaard."])

        let unlimited = MIMEParser.parse(raw)
        #expect(unlimited.attachments.allSatisfy { $0.content == Data(part.utf8) })
        #expect(unlimited.warnings.isEmpty)
        #expect(MIMEParser.parse(raw, maxAttachmentBytes: 0).attachments.allSatisfy { $0.content == nil })
    }

    @Test func singlePartNonTextMessageIsAnAttachment() {
        let email = MIMEParser.parse(rawMail("""
        Content-Type: application/pdf; name="scan.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        """))
        #expect(email.body == "")
        #expect(email.attachments == [EmailAttachmentPart(filename: "scan.pdf", contentType: "application/pdf", size: 9, content: Data("%PDF-1.4\n".utf8))])
        #expect(email.warnings.isEmpty)
    }

    @Test func decodesFormatFlowed() {
        let lines = [
            "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes", "",
            "Een zin die over twee re ", "gels loopt.", " Spatie-gevuld.", "> geciteerd en  ", "> doorlopend",
        ]
        let email = MIMEParser.parse(rawMail(lines.joined(separator: "\n")))
        #expect(email.body == "Een zin die over twee regels loopt.\nSpatie-gevuld.\n> geciteerd en doorlopend")
    }

    @Test func crlfAndLFGiveTheSameResult() throws {
        let text = String(decoding: try FixtureFiles.data("email/dutch_reply_multipart.eml"), as: UTF8.self)
        let crlf = MIMEParser.parse(rawMail(text, crlf: true))
        let lf = MIMEParser.parse(rawMail(text, crlf: false))
        #expect(lf == crlf)
        #expect(lf.body.contains("\r") == false)
        #expect(lf.attachments.first?.size == 92)
    }

    @Test func skipsMboxSeparatorLine() {
        let email = MIMEParser.parse(rawMail("From klant@example.nl Tue Dec 30 10:47:09 2025\nSubject: mbox\n\nTekst\n"))
        #expect(email.subject == "mbox")
        #expect(email.body == "Tekst")
        #expect(email.warnings.isEmpty)
    }

    @Test func deepNestingIsCutOffWithWarning() {
        var text = ""
        for level in 0..<60 { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\nDiep.\n"
        let email = MIMEParser.parse(rawMail(text))
        #expect(email.warnings.contains("Multipart-structuur te diep genest; de diepere delen zijn overgeslagen."))
        #expect(!email.body.contains("Diep."))
    }
}
