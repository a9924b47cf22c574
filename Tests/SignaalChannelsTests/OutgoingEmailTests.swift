import Foundation
import SignaalChannels
import Testing

@Suite("Outgoing e-mail: the RFC 5322 message of an agent's reply")
struct OutgoingEmailTests {
    private static let messageUUID = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")!
    private static let sentAt = ISO8601DateFormatter().date(from: "2026-11-22T14:05:00Z")!

    private func reply(
        subject: String = "Pakket niet bezorgd", body: String = "Beste Jan,\n\nExcuses.\n",
        fromName: String? = "Webcare", toName: String? = "Jan de Vries", date: Date = sentAt
    ) -> OutgoingEmail {
        OutgoingEmail(
            from: .init("webcare@signaal.example", name: fromName),
            to: [.init("jan@example.nl", name: toName)],
            subject: subject, body: body, date: date, id: Self.messageUUID,
            inReplyTo: "<abc123@mail.example.nl>", references: ["<root@mail.example.nl>"],
            replyTo: .init(OutgoingEmail.caseAddress("webcare@signaal.example", caseID: "42"), name: fromName)
        )
    }

    @Test("Headers of a plain reply, exactly")
    func exactHeaders() throws {
        let message = try ParsedMessage(reply().rfc5322())
        #expect(message.headerLines == [
            "Date: Sun, 22 Nov 2026 15:05:00 +0100",
            "From: Webcare <webcare@signaal.example>",
            "To: Jan de Vries <jan@example.nl>",
            "Reply-To: Webcare <webcare+case-42@signaal.example>",
            "Subject: Re: Pakket niet bezorgd",
            "Message-ID: <0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@signaal.example>",
            "In-Reply-To: <abc123@mail.example.nl>",
            "References: <root@mail.example.nl> <abc123@mail.example.nl>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ])
        #expect(message.body == "Beste Jan,\r\n\r\nExcuses.\r\n")
        #expect(reply().messageID == "<0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@signaal.example>")
        #expect(reply().recipients == ["jan@example.nl"])
    }

    @Test("Every line ends in CRLF and no line passes 78 characters")
    func lineEndingsAndLength() throws {
        let long = reply(
            subject: "Klacht over gemiste aansluiting – wie vergoedt mijn schade? Ik wacht al drie weken op antwoord van jullie",
            body: String(repeating: "Wij begrijpen dat dit vervelend is – onze excuses. ", count: 12),
            fromName: "Klantenservice Nederlandse Spoorwegen – Webcare Team Utrecht Centraal"
        )
        let bytes = [UInt8](long.rfc5322())
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) })
    }

    @Test("Non-ASCII names and subjects are encoded words that decode back")
    func encodedWords() throws {
        let subject = "Klacht over gemiste aansluiting – wie vergoedt mijn schade? Ik wacht al drie weken 😤"
        let name = "Klantenservice Bakkerij Één & Zoën"
        let message = try ParsedMessage(reply(subject: subject, fromName: name).rfc5322())
        #expect(message.decoded("Subject") == "Re: " + subject)
        #expect(message.decoded("From") == "\(name) <webcare@signaal.example>")
        #expect(message.raw("Subject").hasPrefix("Re: =?UTF-8?Q?Klacht_over_gemiste_aansluiting_=E2=80=93"))
        // "&" is not allowed bare in an encoded word of a display name (RFC 2047 §5).
        #expect(message.raw("From").hasPrefix("=?UTF-8?Q?Klantenservice_Bakkerij_=C3=89=C3=A9n_=26_Zo=C3=AB"))
        #expect(message.raw("From").hasSuffix("?= <webcare@signaal.example>"))
    }

    @Test("Long ASCII subjects fold at spaces and unfold to the same text")
    func asciiFolding() throws {
        let subject = String(repeating: "vertraging ", count: 12).trimmingCharacters(in: .whitespaces)
        let message = try ParsedMessage(reply(subject: subject).rfc5322())
        #expect(message.foldedLineCount("Subject") == 2)
        #expect(message.decoded("Subject") == "Re: " + subject)
    }

    @Test("Re: is added once", arguments: [
        ("Pakket kwijt", "Re: Pakket kwijt"), ("Re: Pakket kwijt", "Re: Pakket kwijt"),
        ("RE: Pakket kwijt", "RE: Pakket kwijt"), ("Antw: Pakket kwijt", "Antw: Pakket kwijt"),
        ("Reparatie", "Re: Reparatie"), ("", "Re:"),
    ])
    func replyPrefix(subject: String, expected: String) throws {
        #expect(try ParsedMessage(reply(subject: subject).rfc5322()).decoded("Subject") == expected)
    }

    @Test("Names with special characters are quoted")
    func quotedNames() throws {
        let message = try ParsedMessage(reply(toName: "Vries, Jan \"de\"").rfc5322())
        #expect(message.raw("To") == #""Vries, Jan \"de\"" <jan@example.nl>"#)
    }

    @Test("Line breaks in a customer's subject or address cannot add headers")
    func headerInjection() throws {
        var email = reply(subject: "Hallo\r\nBcc: iedereen@example.org")
        email.to = [.init("jan@example.nl\r\nBcc: stiekem@example.org")]
        let message = try ParsedMessage(email.rfc5322())
        #expect(message.raw("Subject") == "Re: Hallo Bcc: iedereen@example.org")
        #expect(!message.headerLines.contains { $0.hasPrefix("Bcc:") })
        #expect(message.raw("To") == "jan@example.nlBcc:stiekem@example.org")
    }

    @Test("The Date header carries summer time's offset")
    func summerDate() throws {
        let july = ISO8601DateFormatter().date(from: "2026-07-01T08:00:00Z")!
        #expect(try ParsedMessage(reply(date: july).rfc5322()).raw("Date") == "Wed, 01 Jul 2026 10:00:00 +0200")
    }

    @Test("References: brackets added, duplicates once, the parent last, long threads trimmed")
    func references() throws {
        var email = reply()
        email.inReplyTo = "parent@x"
        email.references = ["<a@x>", "b@x", "<a@x>"] + (1...30).map { "<r\($0)@x>" } + ["<parent@x>"]
        let message = try ParsedMessage(email.rfc5322())
        let ids = message.decoded("References").split(separator: " ").map(String.init)
        #expect(ids.count == 20)
        #expect(ids.first == "<b@x>")
        #expect(ids.suffix(2) == ["<r30@x>", "<parent@x>"])
        #expect(message.raw("In-Reply-To") == "<parent@x>")
    }

    @Test("Quoted-printable body: escapes, soft breaks at 76, trailing whitespace, round trip")
    func quotedPrintableBody() throws {
        let body = "Kosten: €12 = te veel.  \r\n"
            + ".Punt aan het begin\n"
            + String(repeating: "ë", count: 60) + "\n"
            + String(repeating: "x", count: 74) + "é\n"
            + "tab aan het eind\t\n"
            + "Groet 👋"
        let message = try ParsedMessage(reply(body: body).rfc5322())
        let lines = message.body.components(separatedBy: "\r\n")
        #expect(lines[0] == "Kosten: =E2=82=AC12 =3D te veel. =20")
        #expect(lines[1] == ".Punt aan het begin")
        // A character's escapes stay together: 12 ë per line, then a soft break.
        #expect(lines[2] == String(repeating: "=C3=AB", count: 12) + "=")
        #expect(lines.contains(String(repeating: "x", count: 74) + "="))
        #expect(lines.contains("tab aan het eind=09"))
        #expect(lines.allSatisfy { $0.count <= 76 })
        let expected = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        #expect(ParsedMessage.decodeQuotedPrintable(message.body) == expected)
    }

    @Test("Case addresses put the tag before the domain")
    func caseAddress() {
        #expect(OutgoingEmail.caseAddress("webcare@signaal.nl", caseID: "0193a1b2") == "webcare+case-0193a1b2@signaal.nl")
    }
}

/// A small reader of what `OutgoingEmail` writes, independent of it: unfolds headers,
/// decodes RFC 2047 encoded words and quoted-printable.
private struct ParsedMessage {
    var headerLines: [String]
    var body: String

    init(_ data: Data) throws {
        let text = try #require(String(data: data, encoding: .utf8))
        let parts = text.components(separatedBy: "\r\n\r\n")
        headerLines = parts[0].components(separatedBy: "\r\n")
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
    }

    /// The field's value as written, folds removed (RFC 5322 §2.2.3: drop the CRLF only).
    func raw(_ name: String) -> String {
        fieldText(name).replacingOccurrences(of: "\r\n", with: "")
    }

    func foldedLineCount(_ name: String) -> Int {
        fieldText(name).components(separatedBy: "\r\n").count
    }

    /// The unfolded value with encoded words decoded; space between two encoded words is dropped.
    func decoded(_ name: String) -> String {
        let tokens = raw(name).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var result = ""
        var previousWasEncoded = false
        for (index, token) in tokens.enumerated() {
            let decodedWord = Self.decodeEncodedWord(token)
            if index > 0 && !(previousWasEncoded && decodedWord != nil) { result += " " }
            result += decodedWord ?? token
            previousWasEncoded = decodedWord != nil
        }
        return result
    }

    private func fieldText(_ name: String) -> String {
        var collected: [String] = []
        for line in headerLines {
            if line.hasPrefix(name + ":") {
                collected = [String(line.dropFirst(name.count + 1))]
            } else if !collected.isEmpty && (line.hasPrefix(" ") || line.hasPrefix("\t")) {
                collected.append(line)
            } else if !collected.isEmpty {
                break
            }
        }
        let value = collected.joined(separator: "\r\n")
        return value.hasPrefix(" ") ? String(value.dropFirst()) : value
    }

    private static func decodeEncodedWord(_ token: String) -> String? {
        guard token.hasPrefix("=?"), token.hasSuffix("?="), token.count > 4 else { return nil }
        let parts = token.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].uppercased() == "UTF-8", parts[1].uppercased() == "Q" else { return nil }
        return decodeQ(String(parts[2]).replacingOccurrences(of: "_", with: " "))
    }

    private static func decodeQ(_ text: String) -> String? {
        decodeQBytes(text).flatMap { String(bytes: $0, encoding: .utf8) }
    }

    private static func decodeQBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "=" {
                guard let end = text.index(index, offsetBy: 3, limitedBy: text.endIndex),
                      let byte = UInt8(text[text.index(after: index)..<end], radix: 16)
                else { return nil }
                bytes.append(byte)
                index = end
            } else {
                bytes.append(contentsOf: Array(String(text[index]).utf8))
                index = text.index(after: index)
            }
        }
        return bytes
    }

    /// Soft breaks join lines; a character's bytes may in general span them, so decode bytes first.
    static func decodeQuotedPrintable(_ body: String) -> String? {
        var bytes: [UInt8] = []
        var lines = body.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let isSoft = line.hasSuffix("=")
            guard let part = decodeQBytes(isSoft ? String(line.dropLast()) : line) else { return nil }
            bytes += part
            if !isSoft { bytes += [0x0D, 0x0A] }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
