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
        "---------- Doorgestuurd bericht ---------\nVan: Service <s@x.example>",
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
}
