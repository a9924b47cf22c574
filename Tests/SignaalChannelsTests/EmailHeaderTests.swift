import Foundation
import SignaalDomain
import Testing
@testable import SignaalChannels

/// A raw message from readable text; `crlf` converts the line endings as an MTA would deliver them.
func rawMail(_ text: String, crlf: Bool = true) -> Data {
    let lf = text.replacingOccurrences(of: "\r\n", with: "\n")
    return Data((crlf ? lf.replacingOccurrences(of: "\n", with: "\r\n") : lf).utf8)
}

@Suite("E-mail headers")
struct EmailHeaderTests {
    @Test func unfoldsFoldedHeaders() {
        let email = MIMEParser.parse(rawMail("""
        From: a@example.nl
        Subject: Een lange
         onderwerpregel
        \tover drie regels

        Tekst
        """))
        #expect(email.subject == "Een lange onderwerpregel over drie regels")
        #expect(email.header("subject") == "Een lange onderwerpregel\tover drie regels")
        #expect(email.body == "Tekst")
    }

    @Test("blank lines in front of a message do not turn its headers into text")
    func leadingBlankLines() {
        let email = MIMEParser.parse(rawMail("""

        From: Sanne <sanne@example.nl>
        Subject: Pakket kwijt

        Waar is mijn pakket?
        """))
        #expect(email.from?.address == "sanne@example.nl")
        #expect(email.subject == "Pakket kwijt")
        #expect(email.body == "Waar is mijn pakket?")
        #expect(email.warnings.isEmpty, "\(email.warnings)")
    }

    @Test(arguments: [
        ("=?UTF-8?Q?Ren=C3=A9e_de_Boer?=", "Renée de Boer"),
        ("=?utf-8?q?caf=c3=a9?=", "café"),
        ("=?ISO-8859-1?Q?Caf=E9?= au lait", "Café au lait"),
        ("=?UTF-8?B?UmVuw6ll?=", "Renée"),
        ("=?UTF-8?B?Q2Fmw6k?=", "Café"),
        ("=?UTF-8?Q?Wie_vergoedt?= =?UTF-8?Q?_mijn_schade=3F?=", "Wie vergoedt mijn schade?"),
        ("=?UTF-8?Q?caf=C3?=  =?UTF-8?Q?=A9?=", "café"),
        ("=?ISO-8859-1?Q?Ren=E9?= =?UTF-8?Q?_=E2=82=AC?=", "René €"),
        ("=?UTF-8?Q?Klacht?= over bezorging", "Klacht over bezorging"),
        ("Re: =?windows-1252?Q?=80_10?=", "Re: € 10"),
        ("=?UTF-8*nl?Q?h=C3=A9?=", "hé"),
        ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
        ("kapot =?UTF-8?Q?zonder einde", "kapot =?UTF-8?Q?zonder einde"),
        ("a =?UTF-8?Q?b?= c", "a b c"),
    ])
    func decodesEncodedWords(input: String, expected: String) {
        var warnings = EmailWarnings()
        #expect(EncodedWords.decode(input, warnings: &warnings) == expected)
        #expect(warnings.messages.isEmpty)
    }

    @Test func unknownCharsetInEncodedWordFallsBackToWindows1252() {
        var warnings = EmailWarnings()
        #expect(EncodedWords.decode("=?x-foo?Q?=80_5?=", warnings: &warnings) == "€ 5")
        #expect(warnings.messages == ["Onbekende tekenset 'x-foo'; gelezen als Windows-1252."])
    }

    @Test func decodesSubjectFoldedAcrossEncodedWords() {
        let email = MIMEParser.parse(rawMail("""
        From: =?UTF-8?B?UmVuw6ll?= de Boer <renee@example.nl>
        Subject: Re: =?UTF-8?Q?Wie_vergoedt?=
         =?UTF-8?Q?_mijn_schade=3F?=

        x
        """))
        #expect(email.subject == "Re: Wie vergoedt mijn schade?")
        #expect(email.from == EmailAddress(name: "Renée de Boer", address: "renee@example.nl"))
    }

    @Test func acceptsRawUTF8AndStrayLatin1InHeaders() {
        var bytes = Array("From: Jürgen Müller <j@example.de>\r\nSubject: Klacht über café\r\nX-Oud: caf".utf8)
        bytes += [0xE9] + Array("\r\n\r\nTekst\r\n".utf8)
        let email = MIMEParser.parse(Data(bytes))
        #expect(email.subject == "Klacht über café")
        #expect(email.from?.name == "Jürgen Müller")
        #expect(email.header("X-Oud") == "café")
        #expect(email.warnings == ["Tekst bevatte ongeldige UTF-8-bytes; die zijn gelezen als Windows-1252."])
    }

    @Test func parsesAddressLists() {
        var warnings = EmailWarnings()
        let list = AddressListParser.parse(
            "\"Jansen, Piet\" <piet@x.nl>, =?UTF-8?Q?Boer=2C_Ren=C3=A9e_de?= <r@x.nl>, kees@x.nl (Kees de Vries), <anon@x.nl>",
            warnings: &warnings)
        #expect(list == [
            EmailAddress(name: "Jansen, Piet", address: "piet@x.nl"),
            EmailAddress(name: "Boer, Renée de", address: "r@x.nl"),
            EmailAddress(name: "Kees de Vries", address: "kees@x.nl"),
            EmailAddress(name: nil, address: "anon@x.nl"),
        ])
    }

    @Test(arguments: [
        ("Klanten: a@x.nl, b@x.nl;, c@x.nl", ["a@x.nl", "b@x.nl", "c@x.nl"]),
        ("undisclosed-recipients:;", []),
        ("Jansen, Piet <piet@x.nl>", ["piet@x.nl"]),
        ("\"=?UTF-8?Q?Ren=C3=A9e?=\" <r@x.nl>", ["r@x.nl"]),
        ("mailto:info@x.nl", ["info@x.nl"]),
        ("", []),
    ])
    func parsesAddressShapes(input: String, addresses: [String]) {
        var warnings = EmailWarnings()
        #expect(AddressListParser.parse(input, warnings: &warnings).map(\.address) == addresses)
    }

    @Test func keepsUnquotedCommaNamesAndQuotedEncodedWords() {
        var warnings = EmailWarnings()
        #expect(AddressListParser.parse("Jansen, Piet <piet@x.nl>", warnings: &warnings).first?.name == "Jansen, Piet")
        #expect(AddressListParser.parse("\"=?UTF-8?Q?Ren=C3=A9e?=\" <r@x.nl>", warnings: &warnings).first?.name == "Renée")
    }

    @Test func readsMessageIDsWithoutBrackets() {
        let email = MIMEParser.parse(rawMail("""
        Message-ID: <abc.123@mail.example.nl>
        In-Reply-To: <parent@x.nl> (Jan's message of Mon, 5 Jan 2026)
        References: <root@x.nl>
         <middle@x.nl>	<parent@x.nl>

        x
        """))
        #expect(email.messageID == "abc.123@mail.example.nl")
        #expect(email.inReplyTo == ["parent@x.nl"])
        #expect(email.references == ["root@x.nl", "middle@x.nl", "parent@x.nl"])
        #expect(EmailHeaderFields.messageIDs(in: "bare@id.nl") == ["bare@id.nl"])
    }

    @Test(arguments: [
        ("Tue, 30 Dec 2025 10:47:09 +0100", 1_767_088_029.0),
        ("30 Dec 2025 10:47:09 +0100", 1_767_088_029),
        ("Tue, 30 Dec 2025 10:47:09 +0100 (CET)", 1_767_088_029),
        ("Tue, 30 Dec 25 10:47:09 +0100", 1_767_088_029),
        ("Tue, 30 Dec 2025 09:47:09 GMT", 1_767_088_029),
        ("Tue, 30 Dec 2025 04:47:09 EST", 1_767_088_029),
        ("Tue, 30 Dec 2025 10:47:09 CET", 1_767_088_029),
        ("Tue Dec 30 10:47:09 2025", 1_767_088_029),
        ("Tuesday, December 30, 2025 9:47:09 AM +0000", 1_767_088_029),
        ("2025-12-30T10:47:09+01:00", 1_767_088_029),
        ("2025-12-30 09:47:09Z", 1_767_088_029),
        ("di 30 dec 2025 10:47:09 +0100", 1_767_088_029),
        ("Tue, 30 Dec 2025 10:47 +0100", 1_767_088_020),
        ("Tue,  30 Dec 2025 10:47:09 +01:00", 1_767_088_029),
        ("zo 30 mrt 2025 12:00:00 +0200", 1_743_328_800),
        ("maandag 30 maart 2025 12:00:00 +0200", 1_743_328_800),
    ])
    func parsesDates(input: String, epoch: Double) {
        #expect(EmailDateParser.parse(input)?.timeIntervalSince1970 == epoch)
    }

    @Test("a date without a zone is Amsterdam time: +01:00 in winter, +02:00 in summer", arguments: [
        ("vrijdag 4 december 2026 10:00", "2026-12-04T09:00:00Z"),
        ("Fri, 4 Dec 2026 10:00:00", "2026-12-04T09:00:00Z"),
        ("Wed, 1 Jul 2026 10:00:00", "2026-07-01T08:00:00Z"),
        ("2026-07-01 10:00:00", "2026-07-01T08:00:00Z"),
        ("Fri, 4 Dec 2026 10:00:00 +0000", "2026-12-04T10:00:00Z"),
        ("Fri, 4 Dec 2026 10:00:00 GMT", "2026-12-04T10:00:00Z"),
    ])
    func zonelessDatesAreAmsterdamTime(input: String, utc: String) {
        #expect(EmailDateParser.parse(input) == ISO8601DateFormatter().date(from: utc))
    }

    @Test(arguments: ["gisteren", "32 Dec 2025 10:00 +0100", "", "30 Foo 2025 10:00", "29 Feb 2025 10:00:00 +0000"])
    func rejectsUnreadableDates(input: String) {
        #expect(EmailDateParser.parse(input) == nil)
    }

    @Test func warnsAboutUnreadableDateHeader() {
        let email = MIMEParser.parse(rawMail("Date: gisteren rond vijf uur\nSubject: x\n\nTekst\n"))
        #expect(email.date == nil)
        #expect(email.warnings == ["Datum onleesbaar: 'gisteren rond vijf uur'."])
    }

    @Test("a copy that shows the case address only in Delivered-To still names its case")
    func caseTagOfACopy() {
        let caseID = CaseID.generate()
        let email = MIMEParser.parse(rawMail("""
        Delivered-To: webcare+case-\(caseID)@winkel.example
        From: Sanne <sanne@example.nl>
        To: info@winkel.example
        Subject: Re: Pakket kwijt

        Het is er nog steeds niet.
        """))
        #expect(EmailSignal.draft(from: email, raw: Data(), now: Date()).caseHint == caseID)
    }

    @Test func findsCaseTagInPlusAddresses() {
        let email = ParsedEmail(
            to: [EmailAddress(address: "info@x.nl"), EmailAddress(name: "Webcare", address: "webcare+case-ABC@x.nl")])
        #expect(email.caseTag() == "ABC")
        #expect(email.caseTag(prefix: "ticket-") == nil)
        #expect(email.caseTag(prefix: "") == "case-ABC")

        let ticket = ParsedEmail(cc: [EmailAddress(address: "Klantenservice+TICKET-88231@x.nl")])
        #expect(ticket.caseTag(prefix: "ticket-") == "88231")
        #expect(ticket.caseTag() == nil)

        let plain = ParsedEmail(to: [EmailAddress(address: "webcare@x.nl"), EmailAddress(address: "webcare+case-@x.nl")])
        #expect(plain.caseTag() == nil)
    }

    @Test func fallsBackToDeliveryHeadersForCaseTag() {
        let email = MIMEParser.parse(rawMail("""
        Delivered-To: webcare+case-Q42@x.nl
        To: undisclosed-recipients:;
        Subject: Bcc

        Tekst
        """))
        #expect(email.to.isEmpty)
        #expect(email.caseTag() == "Q42")
    }
}
