import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("E-mail: a mail server's report that our reply did not arrive")
struct EmailDeliveryReportTests {
    static func parse(_ text: String) -> ParsedEmail { MIMEParser.parse(Data(text.utf8)) }

    @Test("a plain notice from MAILER-DAEMON that quotes our Message-ID marks that reply; a delay is no failure; a customer's mail is no report")
    func notices() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let plain = Self.parse("""
            From: Mail Delivery Subsystem <mailer-daemon@mail.example>
            To: webcare@bank.example
            Subject: Delivery Status Notification (Failure)

            Uw bericht kon niet worden bezorgd.

            ----- Original message -----
            Message-ID: <01a2-reply@bank.example>
            Subject: Re: Pakket kwijt
            """)
        let events = try #require(EmailDeliveryReport.events(from: plain, now: now))
        guard case .deliveryStatus(let channel, let externalID, let status, _, let detail) = try #require(events.first) else {
            Issue.record("expected a delivery status: \(events)"); return
        }
        #expect(channel == .email && externalID == "01a2-reply@bank.example" && status == .failed)
        #expect(detail?.contains("kwam niet aan") == true)

        let delayed = Self.parse("""
            From: postmaster@mx.example
            Subject: Delayed Mail (still being retried)
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; jan@klant.example
            Action: delayed
            Status: 4.4.1

            --b
            Content-Type: text/rfc822-headers

            Message-ID: <01a3-reply@bank.example>

            --b--
            """)
        #expect(EmailDeliveryReport.events(from: delayed, now: now) == [.ignored(kind: "email_report")])

        let customer = Self.parse("From: Jan <jan@klant.example>\nSubject: Status van mijn levering\n\nMijn pakket is niet bezorgd. Message-ID: <x@y>\n")
        #expect(EmailDeliveryReport.events(from: customer, now: now) == nil)
    }
}
