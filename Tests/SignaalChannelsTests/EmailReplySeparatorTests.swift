import Foundation
import Testing
import SignaalChannels

@Suite("E-mail reply separation")
struct EmailReplySeparatorTests {
    private let newWords = "Mijn pakket is nog steeds niet bezorgd.\nGraag vandaag een reactie."

    @Test(arguments: [
        "Op di 30 dec 2025 om 10:12 schreef NS Klantenservice <klantenservice@ns.example>:",
        "Op di 30 dec 2025 om 10:12 schreef NS Klantenservice <\nklantenservice@ns.example>:",
        "Op di 30 dec 2025 om 10:12 schreef NS Klantenservice\n<klantenservice@ns.example>:",
        "Op 30 dec. 2025 om 10:12 heeft Klantenservice <service@x.example> het volgende geschreven:",
        "Op dinsdag 30 december 2025 10:12:09 CET schreef Jan Jansen <jan@x.example>:",
        "Op 30-12-2025 om 10:12 schreef Jan Jansen:",
        "On Tue, Dec 30, 2025 at 10:12 AM Support <support@x.example> wrote:",
        "On Tue, Dec 30, 2025 at 10:12 AM Support Team of a Very Long Company Name <\nsupport@x.example> wrote:",
        "Am Di., 30. Dez. 2025 um 10:12 Uhr schrieb Kundenservice <service@x.example>:",
    ])
    func cutsAtAttributionLines(marker: String) {
        let body = newWords + "\n\n" + marker + "\n> Beste klant,\n>\n> Uw pakket komt morgen.\n"
        #expect(ReplySeparator.newText(of: body) == newWords)
    }

    @Test(arguments: [
        "-----Oorspronkelijk bericht-----\nVan: Service <s@x.example>\nVerzonden: maandag 29 december 2025 09:00\nAan: Klant <k@x.example>\nOnderwerp: Pakket",
        "-----Original Message-----\nFrom: Service\nSent: Monday, December 29, 2025 9:00 AM",
        "----- Original Message -----\nFrom: Service",
        "________________________________\nVan: Service <s@x.example>\nVerzonden: maandag 29 december 2025 09:00\nAan: Klant <k@x.example>\nOnderwerp: Pakket",
        "Van: Service <s@x.example>\nDatum: maandag 29 december 2025 om 09:00\nAan: Klant <k@x.example>\nOnderwerp: Pakket",
        "From: Service <s@x.example>\nSent: Monday, December 29, 2025 9:00 AM\nTo: Klant\nSubject: Pakket",
        "*Van:* Service <s@x.example>\n*Verzonden:* maandag 29 december 2025 09:00\n*Aan:* Klant",
    ])
    func cutsAtUnquotedHistory(marker: String) {
        let body = newWords + "\n\n" + marker + "\n\nBeste klant,\nUw pakket komt morgen.\n\nMet vriendelijke groet,\nService"
        #expect(ReplySeparator.newText(of: body) == newWords)
    }

    @Test func removesQuotedRunsAndKeepsInlineAnswers() {
        let body = """
        On Mon, 5 Jan 2026 at 09:00, Service <s@x.example> wrote:
        > Wat is uw ordernummer?
        20251187

        > En wanneer heeft u besteld?
        >
        Op 2 januari.

        Groet, Jan
        """
        #expect(ReplySeparator.newText(of: body) == "20251187\n\nOp 2 januari.\n\nGroet, Jan")
    }

    @Test func bottomPostedAnswerIsKept() {
        let body = "> Kunt u een foto sturen?\n> Groet, Service\n\nDe foto zit in de bijlage."
        #expect(ReplySeparator.newText(of: body) == "De foto zit in de bijlage.")
    }

    @Test(arguments: [
        "Verzonden vanaf mijn iPhone", "Sent from my iPhone", "Verstuurd vanaf mijn Samsung Galaxy-smartphone.",
        "Outlook voor iOS downloaden", "Get Outlook for Android",
    ])
    func removesMobileSignatures(line: String) {
        #expect(ReplySeparator.newText(of: newWords + "\n\n" + line + "\n") == newWords)
    }

    @Test func removesDashDashSignatureButKeepsClosing() {
        let body = "Met vriendelijke groet,\nJan Jansen\n\n-- \nJan Jansen\nJansen Installatietechniek B.V.\n06-12345678"
        #expect(ReplySeparator.newText(of: newWords + "\n\n" + body) == newWords + "\n\nMet vriendelijke groet,\nJan Jansen")
    }

    @Test(arguments: [
        "Op 12 mei schreef ik u al het volgende:\nIk wil mijn geld terug.",
        "Op maandag schreef ik:\nDe monteur kwam niet.",
        ">50 euro is te veel voor een rit van tien minuten.",
        "Van: Utrecht Centraal\nNaar: Amersfoort\nDatum: 30 december",
        "Ik had -- zoals gezegd -- geen keus.",
        "Met vriendelijke groet,\nJan",
    ])
    func keepsTheCustomersOwnWords(text: String) {
        let body = newWords + "\n\n" + text
        #expect(ReplySeparator.newText(of: body) == body)
    }

    @Test func keepsLongTextAfterDashDashLine() {
        let tail = (1...20).map { "Punt \($0) van mijn klacht." }.joined(separator: "\n")
        let body = newWords + "\n--\n" + tail
        #expect(ReplySeparator.newText(of: body) == body)
    }

    @Test func returnsWholeBodyWhenEverythingIsHistory() {
        let body = "\n-----Oorspronkelijk bericht-----\nVan: Service\nVerzonden: gisteren\nAan: Klant\n\nAlleen geschiedenis.\n"
        #expect(ReplySeparator.newText(of: body) == body.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ReplySeparator.newText(of: "> alleen\n> citaat") == "> alleen\n> citaat")
        #expect(ReplySeparator.newText(of: "  \n ") == "")
    }

    @Test func handlesCRLFAndCollapsesGaps() {
        let body = "Regel 1\r\n> citaat\r\n\r\n> meer\r\n\r\nRegel 2\r\n"
        #expect(ReplySeparator.newText(of: body) == "Regel 1\n\nRegel 2")
    }

    @Test("an attribution-like sentence without quotes below it is the customer's own text", arguments: [
        "Geachte heer/mevrouw,\n\nOp 12 oktober 2026 schreef uw collega Mark mij het volgende: u krijgt €249 terug binnen 5 werkdagen.\n\nIk heb nog steeds niets ontvangen. Ik stap naar de Geschillencommissie.\n\nMet vriendelijke groet,\nAnna",
        "Geachte heer/mevrouw,\n\nOp 12 oktober 2026 schreef uw collega Mark mij het volgende:\nu krijgt €249 terug binnen 5 werkdagen.\n\nIk heb nog steeds niets ontvangen. Ik stap naar de Geschillencommissie.",
        "Op 12 oktober 2026 schreef uw collega Mark mij het volgende:\n\nu krijgt €249 terug binnen 5 werkdagen. Nog steeds niets ontvangen.",
        "On 12 October 2026 your colleague Mark wrote:\n\nyou will get €249 back within 5 working days. Nothing arrived yet.",
    ])
    func attributionWithoutQuotesStays(body: String) {
        #expect(ReplySeparator.newText(of: body) == body)
    }

    @Test("a Van:/Datum: pair in the customer's story is no header block without an Onderwerp line")
    func travelStoryStays() {
        let body = "Mijn reis ging zo:\n\nVan: Utrecht Centraal\nDatum: 3 november\nAan: Amersfoort\n\nDe trein viel uit en ik miste mijn afspraak."
        #expect(ReplySeparator.newText(of: body) == body)
    }

    @Test("a bare -- between points is no signature separator")
    func bareDashDashStays() {
        let body = "Punt 1: de levering was te laat.\n--\nPunt 2: ik ben twee keer 49,95 afgeschreven."
        #expect(ReplySeparator.newText(of: body) == body)
    }

    @Test("a forwarded complaint stays in the text, with its amount, order number and deadline", arguments: [
        "---------- Doorgestuurd bericht ---------\nVan: Anna Jansen <anna@example.nl>\nDatum: ma 2 nov 2026 om 10:00\nOnderwerp: Terugbetaling\nAan: <webcare@winkel.example>\n",
        "Begin forwarded message:\n\nFrom: Anna Jansen <anna@example.nl>\nSubject: Terugbetaling\nDate: 2 November 2026 at 10:00:00 CET\nTo: webcare@winkel.example\n",
        "-------- Forwarded Message --------\nSubject: Terugbetaling\nDate: Mon, 2 Nov 2026 10:00:00 +0100\nFrom: Anna Jansen <anna@example.nl>\n",
    ])
    func forwardBannerKeepsTheForward(banner: String) {
        let forwarded = "Bestelling 2026-11873: ik wil mijn €249 voor 20 november terug.\n> zoals uw collega beloofde"
        let body = "Dit is al mijn tweede mail, zie hieronder.\n\n" + banner + "\n" + forwarded
        let text = ReplySeparator.newText(of: body)
        #expect(text.hasPrefix("Dit is al mijn tweede mail, zie hieronder."))
        #expect(text.contains(banner.components(separatedBy: "\n")[0]))
        #expect(text.contains("Bestelling 2026-11873: ik wil mijn €249 voor 20 november terug."))
        #expect(text.contains("> zoals uw collega beloofde"))
    }

    @Test("a Fwd: or Doorst: subject keeps the forwarded Outlook block", arguments: ["Fwd: Terugbetaling", "Doorst: Terugbetaling", "FW: Terugbetaling"])
    func forwardSubjectKeepsTheForward(subject: String) {
        let email = MIMEParser.parse(rawMail("""
        From: Anna Jansen <anna@example.nl>
        To: webcare@winkel.example
        Subject: \(subject)

        Nog steeds geen antwoord.

        ________________________________
        Van: Anna Jansen <anna@example.nl>
        Verzonden: maandag 2 november 2026 10:00
        Aan: webcare@winkel.example
        Onderwerp: Terugbetaling

        Bestelling 2026-11873: ik wil mijn €249 voor 20 november terug.
        """))
        #expect(email.newText.contains("Nog steeds geen antwoord."))
        #expect(email.newText.contains("Bestelling 2026-11873: ik wil mijn €249 voor 20 november terug."))
    }
}
