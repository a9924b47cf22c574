import Foundation
import SignaalDomain
import Testing
@testable import SignaalChannels

@Suite("E-mail: automatic replies")
struct EmailAutoReplyTests {
    private static func mail(headers: String, subject: String = "Re: Uw klacht") -> ParsedEmail {
        MIMEParser.parse(rawMail("""
        From: Sanne de Vries <sanne@example.nl>
        To: webcare@winkel.example
        Subject: \(subject)
        Date: Fri, 4 Dec 2026 09:00:00 +0100
        \(headers)

        Ik ben tot 14 december afwezig en lees mijn e-mail dan niet.
        """))
    }

    @Test("an out-of-office reply is marked automatic, with a warning that says the case stays as it was", arguments: [
        ("Auto-Submitted: auto-replied", "Re: Uw klacht"),
        ("Auto-Submitted: auto-generated; owner-email=sanne@example.nl", "Re: Uw klacht"),
        ("X-Autoreply: yes", "Re: Uw klacht"),
        ("X-Autorespond: Ik ben afwezig", "Re: Uw klacht"),
        ("Precedence: auto_reply", "Re: Uw klacht"),
        ("Precedence: bulk", "Automatisch antwoord: Re: Uw klacht"),
        ("X-Mailer: Outlook", "Automatisch antwoord: Re: Uw klacht"),
        ("X-Mailer: Outlook", "AFWEZIG: Re: Uw klacht"),
        ("X-Mailer: Outlook", "Out of Office: Re: Uw klacht"),
        ("X-Mailer: Outlook", "Automatic reply: Re: Uw klacht"),
        ("X-Mailer: Outlook", "autoreply: Re: Uw klacht"),
    ])
    func automatic(header: String, subject: String) {
        let email = Self.mail(headers: header, subject: subject)
        #expect(email.isAutomaticReply)
        let draft = EmailSignal.draft(from: email, raw: Data(), now: Date())
        #expect(draft.automatic)
        #expect(draft.warnings.contains("Automatisch antwoord (afwezigheidsbericht): de zaak blijft zoals hij was."))
        #expect(draft.text.contains("tot 14 december afwezig"))
    }

    @Test("a customer's own mail is not automatic: Auto-Submitted: no, a newsletter's Precedence, 'afwezig' later in the subject", arguments: [
        ("Auto-Submitted: no", "Re: Uw klacht"),
        ("Precedence: bulk", "Re: Uw klacht"),
        ("Precedence: junk", "Nieuwsbrief december"),
        ("X-Mailer: Outlook", "Monteur was afwezig: klacht"),
        ("X-Mailer: Outlook", "Re: Automatisch antwoord van uw systeem klopt niet"),
    ])
    func notAutomatic(header: String, subject: String) {
        let email = Self.mail(headers: header, subject: subject)
        #expect(!email.isAutomaticReply)
        #expect(!EmailSignal.draft(from: email, raw: Data(), now: Date()).automatic)
    }
}
