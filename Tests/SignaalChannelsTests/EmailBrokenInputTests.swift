import Foundation
import Testing
@testable import SignaalChannels

/// Deterministic pseudo-random bytes, so a failing noise test can be reproduced.
private func noise(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

private func isDisplayable(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) || $0 == "\n" || $0 == "\t" }
}

@Suite("E-mail broken input")
struct EmailBrokenInputTests {
    @Test func headerOnlyMessage() {
        let email = MIMEParser.parse(rawMail("From: a@example.nl\nSubject: Alleen een kop\n"))
        #expect(email.subject == "Alleen een kop")
        #expect(email.body == "")
        #expect(email.newText == "")
        // An empty message is not unreadable; the signal layer reports missing text itself.
        #expect(email.warnings.isEmpty)
    }

    @Test func emptyInput() {
        let email = MIMEParser.parse(Data())
        #expect(email.body == "")
        #expect(email.headers.isEmpty)
        #expect(email.attachments.isEmpty)
    }

    @Test func plainTextWithoutHeadersIsReadAsBody() {
        let email = MIMEParser.parse(rawMail("dit is geen e-mail maar gewoon tekst\nmet twee regels\n"))
        #expect(email.headers.isEmpty)
        #expect(email.body == "dit is geen e-mail maar gewoon tekst\nmet twee regels")
        #expect(email.warnings == ["Geen kopregels gevonden; het hele bericht is als tekst gelezen."])
    }

    @Test func headerGarbageStartsTheBody() {
        let email = MIMEParser.parse(rawMail("Subject: Kapot\nDit is geen kopregel\nMaar tekst.\n"))
        #expect(email.subject == "Kapot")
        #expect(email.body == "Dit is geen kopregel\nMaar tekst.")
        #expect(email.warnings == ["Onleesbare kopregel aangetroffen; daar is de inhoud begonnen."])
    }

    @Test("without the blank line, a first body line shaped like a header stays text: 'Ordernummer: 4455' is not lost")
    func headerShapedBodyLineWithoutBlankLine() {
        let email = MIMEParser.parse(rawMail(
            "From: Sanne <sanne@example.nl>\nSubject: Pakket kwijt\nOrdernummer: 4455\nBezorgd op: dinsdag\nMijn pakket is nooit aangekomen.\n"))
        #expect(email.subject == "Pakket kwijt")
        #expect(email.body == "Ordernummer: 4455\nBezorgd op: dinsdag\nMijn pakket is nooit aangekomen.")
        #expect(email.headers.map(\.name) == ["From", "Subject"])
        // Known fields of a real header block stay fields, also custom X- ones.
        let real = MIMEParser.parse(rawMail("From: a@example.nl\nX-Mailer: Outlook\nThread-Topic: Pakket\nTekst zonder lege regel\n"))
        #expect(real.headers.map(\.name) == ["From", "X-Mailer", "Thread-Topic"])
        #expect(real.body == "Tekst zonder lege regel")
        // With the blank line, what comes before it is the header, whatever its names.
        let proper = MIMEParser.parse(rawMail("From: a@example.nl\nOrdernummer: 4455\n\nTekst\n"))
        #expect(proper.headers.map(\.name) == ["From", "Ordernummer"])
        #expect(proper.body == "Tekst")
        // A message that ends in such a line, with no text after it.
        let last = MIMEParser.parse(rawMail("From: a@example.nl\nSubject: Vraag\nKlantnummer: 123"))
        #expect(last.body == "Klantnummer: 123")
    }

    @Test func truncatedInsideHeadersAndEncodedWords() {
        let email = MIMEParser.parse(Data("Subject: =?UTF-8?B?Q2Fm".utf8))
        #expect(email.subject == "=?UTF-8?B?Q2Fm")
        #expect(email.body == "")
    }

    @Test func truncatedInsidePartHeaders() {
        let email = MIMEParser.parse(rawMail("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/pl"))
        #expect(email.body == "")
        #expect(email.warnings.contains("Multipart-deel zonder afsluitende grens '--x--'; gelezen wat er stond."))
    }

    @Test(arguments: [1 as UInt64, 2, 3, 42, 2025])
    func binaryNoiseNeverCrashes(seed: UInt64) {
        let bytes = noise(count: 64 * 1024, seed: seed)
        let email = MIMEParser.parse(Data(bytes))
        #expect(isDisplayable(email.body))
        #expect(!email.warnings.isEmpty)
    }

    @Test func noiseAfterValidHeadersAndAllByteValues() {
        var bytes = Array("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
        bytes += (0...255).map { UInt8($0) } + Array("=\r\n=4".utf8)
        let email = MIMEParser.parse(Data(bytes))
        #expect(isDisplayable(email.body))
        #expect(email.body.hasSuffix("=4"))
        #expect(email.warnings == ["Tekst bevatte ongeldige UTF-8-bytes; die zijn gelezen als Windows-1252."])
    }

    @Test func multipartNoiseInsideParts() {
        var bytes = Array("Content-Type: multipart/mixed; boundary=n\r\n\r\n--n\r\nContent-Type: text/plain\r\n\r\nLeesbaar.\r\n--n\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
        bytes += noise(count: 4096, seed: 7)
        let email = MIMEParser.parse(Data(bytes))
        #expect(email.body == "Leesbaar.")
        #expect(email.attachments.count == 1)
    }

    @Test func fixtureCutAtAnyPointKeepsWhatWasRead() throws {
        let bytes = [UInt8](try FixtureFiles.data("email/dutch_reply_multipart.eml"))
        let htmlPart = try #require(String(decoding: bytes, as: UTF8.self).range(of: "--=_alt_2b8c44\r\nContent-Type: text/html"))
        let plainComplete = String(decoding: bytes, as: UTF8.self).utf8.distance(
            from: String(decoding: bytes, as: UTF8.self).startIndex, to: htmlPart.lowerBound)
        for cut in stride(from: 0, through: bytes.count, by: 7) {
            let email = MIMEParser.parse(Data(bytes[..<cut]))
            #expect(isDisplayable(email.body))
            // Once the plain part is complete its text is always there (a cut-off delimiter or
            // part header after it may add a fragment).
            if cut > plainComplete {
                #expect(email.newText.hasPrefix(EmailFixtureTests.dutchReplyNewText), "cut at \(cut)")
            }
        }
    }

    @Test func mutatedFixturesNeverCrash() throws {
        let original = [UInt8](try FixtureFiles.data("email/nested_related_inline.eml"))
        let positions = noise(count: 600, seed: 99)
        for round in 0..<200 {
            var bytes = original
            for flip in 0..<3 {
                let high = Int(positions[round * 3 + flip])
                let index = (high * 7919 + round * 31) % bytes.count
                bytes[index] = positions[(round * 3 + flip + 1) % positions.count]
            }
            let email = MIMEParser.parse(Data(bytes))
            #expect(isDisplayable(email.body))
        }
    }

    @Test("a mail with hundreds of attachments keeps the first 50 and says how many were not kept")
    func manyAttachments() {
        let parts = (1...120).map { "--veel\nContent-Type: text/plain; name=b\($0).txt\nContent-Disposition: attachment; filename=b\($0).txt\n\nx\n" }
        let raw = rawMail("From: Klant <klant@example.nl>\nSubject: Bijlagen\nContent-Type: multipart/mixed; boundary=veel\n\n"
            + "--veel\nContent-Type: text/plain\n\nZie de bijlagen.\n" + parts.joined() + "--veel--\n")
        let email = MIMEParser.parse(raw)
        #expect(email.attachments.count == 120)
        let draft = EmailSignal.draft(from: email, raw: raw, now: Date())
        #expect(draft.attachments.count == 50)
        #expect(draft.attachments.first?.filename == "b1.txt" && draft.attachments.last?.filename == "b50.txt")
        #expect(draft.warnings.contains("Het bericht had 120 bijlagen; de eerste 50 zijn bewaard, de andere 70 niet."))
        #expect(draft.text == "Zie de bijlagen.")
    }

    @Test func fiveMegabyteMessageParsesQuickly() {
        let attachment = Data(noise(count: 2_700_000, seed: 5)).base64EncodedString(options: .lineLength76Characters)
        let paragraph = "Ik wacht al weken op mijn terugbetaling van € 49,95 en niemand reageert.\n"
        let text = String(repeating: paragraph, count: 20_000)
        let raw = rawMail("""
        From: Klant <klant@example.nl>
        Subject: Groot bericht
        Content-Type: multipart/mixed; boundary=groot

        --groot
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        \(text)
        --groot
        Content-Type: application/octet-stream; name=groot.bin
        Content-Transfer-Encoding: base64

        \(attachment)
        --groot--
        """)
        #expect(raw.count > 5_000_000)
        let clock = ContinuousClock()
        var email = ParsedEmail()
        let elapsed = clock.measure { email = MIMEParser.parse(raw) }
        #expect(email.attachments.first?.size == 2_700_000)
        #expect(email.body.hasPrefix("Ik wacht al weken"))
        #expect(elapsed < .seconds(10), "parsing took \(elapsed); a quadratic pass would take minutes")
    }
}
