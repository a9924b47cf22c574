import Foundation
import Testing
import SignaalChannels

/// The team's fixture and the hand-made .eml files in Fixtures/email (written by byte-exact Python).
@Suite("E-mail fixtures")
struct EmailFixtureTests {
    private func load(_ name: String) throws -> ParsedEmail {
        MIMEParser.parse(try FixtureFiles.data("email/\(name)"))
    }

    static let dutchReplyNewText = """
        Beste klantenservice,

        Bedankt voor uw reactie, maar dit lost mijn probleem niet op. In de bijlage
        zit een screenshot van de reisplanner: de trein van 08:02 naar Amersfoort
        Centraal is om 08:31 geschrapt zonder enige omroep op het perron. Daardoor
        miste ik mijn afspraak in het ziekenhuis (annuleringskosten € 45,–).

        Wie vergoedt deze schade? Graag een reactie binnen twee werkdagen.

        Met vriendelijke groet,
        Renée de Boer
        Klantnummer 3528 4417 0091
        """

    @Test func dutchReplyMultipart() throws {
        let email = try load("dutch_reply_multipart.eml")
        #expect(email.subject == "Re: Klacht over gemiste aansluiting – wie vergoedt mijn schade?")
        #expect(email.from == EmailAddress(name: "Renée de Boer", address: "renee.deboer@example.com"))
        #expect(email.to == [EmailAddress(name: "NS Klantenservice", address: "klantenservice+ticket-88231@vervoerder.example")])
        #expect(email.caseTag(prefix: "ticket-") == "88231")
        #expect(email.messageID == "CAF7x9kq2QeYv3n8pQ-TEST@mail.example.com")
        #expect(email.inReplyTo == ["20251230091208.4471.ticket-88231@vervoerder.example"])
        #expect(email.references == ["20251230091208.4471.ticket-88231@vervoerder.example"])
        #expect(email.date == Date(timeIntervalSince1970: 1_767_088_029))
        #expect(email.newText == Self.dutchReplyNewText)
        #expect(email.body.hasPrefix(Self.dutchReplyNewText + "\n\nOp di 30 dec 2025 om 10:12 schreef NS Klantenservice <klantenservice+ticket-88231@vervoerder.example>:\n> Beste mevrouw De Boer,"))
        #expect(email.body.hasSuffix("> Ticket #88231"))
        #expect(email.attachments.count == 1)
        let png = try #require(email.attachments.first)
        #expect(png.filename == "screenshot_reisplanner.png")
        #expect(png.contentType == "image/png")
        #expect(png.size == 92)
        #expect(png.content?.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(email.header("X-Fixture-Note")?.hasPrefix("SYNTHETIC") == true)
        #expect(email.warnings.isEmpty)
    }

    @Test func iso8859QuotedPrintable() throws {
        let email = try load("iso8859_qp_accents.eml")
        #expect(email.subject == "Te late bezorging en beschadigd caféservies")
        #expect(email.from?.name == "René Mulder")
        #expect(email.body == """
            Geachte heer/mevrouw,

            Mijn bestelling (ordernummer 20251187) is na drie weken eindelijk bezorgd, maar het caféservies
            was beschadigd. Ook de vaas uit de reeks "Zeeën" was gebroken. Dit is al de tweede keer dat
            dit gebeurt; ik ben er echt klaar mee. Ik verwacht een volledige terugbetaling van het bedrag
            en een reactie binnen vijf werkdagen.

            Met vriendelijke groet,
            René Mulder
            """)
        #expect(email.newText == email.body)
        #expect(email.warnings.isEmpty)
    }

    @Test func windows1252Euro() throws {
        let email = try load("windows1252_euro.eml")
        #expect(email.subject == "Dubbele afschrijving € 49,95")
        #expect(email.caseTag() == "W1252")
        #expect(email.body.contains("afschrijving van € 49,95 voor het ‘premium’ abonnement…\nIk heb maar één abonnement."))
        #expect(email.body.hasSuffix("-- \nPiet Jansen\nTel. 06-12345678"))
        #expect(email.newText == """
            Beste webcare,

            Op mijn bankafschrift staat twee keer een afschrijving van € 49,95 voor het ‘premium’ abonnement…
            Ik heb maar één abonnement. Graag het dubbel afgeschreven bedrag terugstorten.

            Groet,
            Piet Jansen
            """)
    }

    @Test func base64UTF8WithEmoji() throws {
        let email = try load("base64_utf8_emoji.eml")
        #expect(email.subject == "Wéér vertraging 😡")
        #expect(email.to == [EmailAddress(name: "Webcare Spoor", address: "webcare@spoor.example")])
        #expect(email.body.hasSuffix("Groetjes,\nSanne\n\nVerzonden vanaf mijn iPhone"))
        #expect(email.newText == """
            Hallo,

            Alweer 40 minuten vertraging op de lijn Zwolle – Groningen 😡🚆.
            Ik heb een afspraak gemist en wil weten hoe ik mijn geld terugkrijg.

            Groetjes,
            Sanne
            """)
    }

    @Test func outlookHTMLOnly() throws {
        let email = try load("outlook_html_only.eml")
        #expect(email.from == EmailAddress(name: "Ayla Özdemir", address: "ayla.ozdemir@example.nl"))
        #expect(email.cc == [
            EmailAddress(name: "Jansen, Piet", address: "piet.jansen@example.nl"),
            EmailAddress(name: "Boekhouding", address: "boekhouding@example.nl"),
        ])
        #expect(email.caseTag() == "INV7781")
        #expect(email.body.contains("Van: Klantenservice Energie <service@energie.example>\nVerzonden: maandag 5 januari 2026 14:03"))
        #expect(!email.body.contains("alert"))
        #expect(email.newText == """
            Geachte heer, mevrouw,

            Op mijn factuur van december staat een bedrag van € 112,40, terwijl mijn voorschot € 85,00 is. \
            Het verschil van € 27,40 (€ 27,40) kan ik niet verklaren.
            Zie ook mijn factuur en de meterstand van 3 januari.

            Met vriendelijke groet,
            Ayla Özdemir
            """)
    }

    @Test func nestedRelatedWithInlineImage() throws {
        let email = try load("nested_related_inline.eml")
        #expect(email.body == """
            Goedemiddag,

            In de bijlage de factuur en een foto van het perron in Utrecht.
            De lift is al twee weken kapot; met een rolstoel kom ik het perron niet op.

            Hans Bakker
            """)
        #expect(email.attachments.map(\.filename) == ["perron één.png", "factuur – december.pdf"])
        #expect(email.attachments.map(\.contentType) == ["image/png", "application/pdf"])
        #expect(email.attachments.map(\.size) == [70, 87])
        #expect(email.attachments.map(\.contentID) == ["foto1@hans", nil])
        #expect(email.attachments.map(\.isInline) == [true, false])
        #expect(email.attachments.last?.content.map { String(decoding: $0.prefix(8), as: UTF8.self) } == "%PDF-1.4")
        #expect(email.warnings.isEmpty)
    }

    @Test func oorspronkelijkBerichtFlowedReply() throws {
        let email = try load("oorspronkelijk_bericht_reply.eml")
        #expect(email.caseTag() == "A7F3")
        #expect(email.references == ["case-A7F3-0@telecom.example", "case-A7F3-1@telecom.example"])
        #expect(email.date == Date(timeIntervalSince1970: 1_767_725_040))
        #expect(email.body.contains("-----Oorspronkelijk bericht-----\nVan: Webcare"))
        #expect(email.newText == """
            Hallo,

            Ik heb nog steeds geen reactie op mijn klacht over de monteur die twee keer niet is komen opdagen. \
            Ik heb daarvoor twee dagen vrij genomen.

            Ik wil graag een vergoeding.

            Met vriendelijke groet,
            Marieke Smit
            """)
    }

    @Test func englishOnWroteReply() throws {
        let email = try load("english_on_wrote_reply.eml")
        #expect(email.replyTo == EmailAddress(name: "Tom C.", address: "tom.c@example.org"))
        #expect(email.inReplyTo == ["support-reply-7@bank.example"])
        #expect(email.date == Date(timeIntervalSince1970: 1_767_777_120))
        #expect(email.body.hasSuffix(">> My card was swallowed by the ATM."))
        #expect(email.newText == """
            Hi,

            The replacement card you promised still has not arrived. I have been without
            a working card for 12 days now. Please call me back today.
            """)
    }

    @Test func brokenMissingBoundaryAndTruncatedBase64() throws {
        let email = try load("broken_truncated.eml")
        #expect(email.subject == "Kapotte bijlage")
        #expect(email.body == "Mijn bonnetje zit in de bijlage. Er is te veel afgerekend.")
        #expect(email.attachments.count == 1)
        let receipt = try #require(email.attachments.first)
        #expect(receipt.filename == "bonnetje.txt")
        #expect(receipt.size == 111)
        #expect(receipt.content.map { String(decoding: $0.prefix(24), as: UTF8.self) } == "Bonnetje 31-12-2025: 2x ")
        #expect(email.warnings == [
            "Multipart-deel zonder afsluitende grens '--b8--'; gelezen wat er stond.",
            "Base64-inhoud was afgekapt of beschadigd; de leesbare bytes zijn bewaard.",
        ])
    }
}
