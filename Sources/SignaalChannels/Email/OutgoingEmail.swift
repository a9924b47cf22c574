import Foundation

/// An agent's e-mail reply, written out as an RFC 5322 message with one UTF-8 text part.
///
/// The message threads in the customer's mail program (`In-Reply-To`, `References`, one
/// `Re: `), and its `Reply-To` can carry the case (`webcare+case-ID@…`), so the customer's
/// answer lands on the same case. Pure: the caller supplies the id and the date, so the same
/// values give the same bytes. The helpers are private to this file so other e-mail code in
/// the module can name its own.
public struct OutgoingEmail: Sendable, Hashable {
    /// A mailbox: the address and, optionally, the name shown for it.
    public struct Address: Sendable, Hashable {
        public var email: String
        public var name: String?

        public init(_ email: String, name: String? = nil) {
            self.email = email
            self.name = name
        }
    }

    public var from: Address
    public var to: [Address]
    public var replyTo: Address?
    /// The subject being answered; `Re: ` is put in front unless it is already there.
    public var subject: String
    public var body: String
    public var date: Date
    /// Becomes the Message-ID, so the caller can store it and recognise the customer's answer.
    public var id: UUID
    /// The Message-ID of the customer's e-mail being answered, with or without `<>`.
    public var inReplyTo: String?
    /// The `References` of the customer's e-mail, oldest first.
    public var references: [String]
    /// The zone the Date header is written in; the offset is always given, so any zone is correct.
    public var timeZone: TimeZone

    public init(
        from: Address, to: [Address], subject: String, body: String, date: Date, id: UUID,
        inReplyTo: String? = nil, references: [String] = [], replyTo: Address? = nil,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam")!
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.date = date
        self.id = id
        self.inReplyTo = inReplyTo
        self.references = references
        self.timeZone = timeZone
    }

    /// `webcare@example.nl` and case `42` give `webcare+case-42@example.nl`.
    public static func caseAddress(_ mailbox: String, caseID: String) -> String {
        guard let at = mailbox.lastIndex(of: "@") else { return mailbox + "+case-" + caseID }
        return mailbox[..<at] + "+case-" + caseID + mailbox[at...]
    }

    /// `<uuid@domain>`, the domain taken from the From address.
    public var messageID: String {
        let domain = from.email.split(separator: "@").last.map(String.init) ?? "localhost"
        return "<\(id.uuidString.lowercased())@\(Self.clean(domain))>"
    }

    /// The subject as sent, before encoding: `Re: ` once, whitespace and control characters
    /// (which could otherwise start a new header) turned into single spaces.
    public var replySubject: String {
        let text = Self.singleLine(subject)
        let lowered = text.lowercased()
        // Dutch Outlook writes "Antw:" where others write "Re:".
        if lowered.hasPrefix("re:") || lowered.hasPrefix("antw:") { return text }
        return text.isEmpty ? "Re:" : "Re: " + text
    }

    /// The bare addresses of `to`, for the SMTP envelope.
    public var recipients: [String] { to.map { Self.clean($0.email) } }

    public func rfc5322() -> Data {
        var header: [String] = []
        header.append("Date: " + Self.dateText(date, timeZone: timeZone))
        header.append(Self.addressField("From", [from]))
        header.append(Self.addressField("To", to))
        if let replyTo { header.append(Self.addressField("Reply-To", [replyTo])) }
        header.append(Self.subjectField(replySubject))
        header.append("Message-ID: " + messageID)
        let thread = Self.thread(inReplyTo: inReplyTo, references: references)
        if let parent = thread.last, let inReplyTo, !Self.singleLine(inReplyTo).isEmpty {
            header.append("In-Reply-To: " + parent)
        }
        if !thread.isEmpty {
            var field = FoldedField(name: "References")
            thread.forEach { field.append($0) }
            header.append(field.text)
        }
        header.append("MIME-Version: 1.0")
        header.append("Content-Type: text/plain; charset=utf-8")
        header.append("Content-Transfer-Encoding: quoted-printable")
        let text = header.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body)
        return Data(text.utf8)
    }

    // MARK: - Header fields

    private static func addressField(_ name: String, _ addresses: [Address]) -> String {
        var field = FoldedField(name: name)
        for (index, address) in addresses.enumerated() {
            let isLast = index == addresses.count - 1
            let mailbox = clean(address.email)
            let displayName = address.name.map(singleLine) ?? ""
            if displayName.isEmpty {
                field.append(mailbox + (isLast ? "" : ","))
                continue
            }
            phraseTokens(displayName).forEach { field.append($0) }
            field.append("<\(mailbox)>" + (isLast ? "" : ","))
        }
        return field.text
    }

    private static func subjectField(_ subject: String) -> String {
        var field = FoldedField(name: "Subject")
        var words = subject.split(separator: " ").map(String.init)
        if subject.allSatisfy(\.isASCII) {
            words.forEach { field.append($0) }
            return field.text
        }
        // Keep the reply prefix readable; encode the rest, spaces included.
        if let first = words.first, ["re:", "antw:"].contains(first.lowercased()) {
            field.append(first)
            words.removeFirst()
        }
        EncodedWord.encode(words.joined(separator: " ")).forEach { field.append($0) }
        return field.text
    }

    /// A display name as words, a quoted string, or encoded words (RFC 2047) when not ASCII.
    private static func phraseTokens(_ name: String) -> [String] {
        guard name.allSatisfy(\.isASCII) else { return EncodedWord.encode(name) }
        let atext = CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ ").union(.alphanumerics)
        if name.unicodeScalars.allSatisfy(atext.contains) {
            return name.split(separator: " ").map(String.init)
        }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// Message ids with `<>`, each once, parent last; long threads keep the first and the last 19,
    /// as mail programs do to keep the header small.
    private static func thread(inReplyTo: String?, references: [String]) -> [String] {
        var ids: [String] = []
        for raw in references + [inReplyTo].compactMap({ $0 }) {
            var id = clean(raw)
            if id.isEmpty { continue }
            if !id.hasPrefix("<") { id = "<" + id }
            if !id.hasSuffix(">") { id += ">" }
            if let existing = ids.firstIndex(of: id) { ids.remove(at: existing) }
            ids.append(id)
        }
        return ids.count > 20 ? [ids[0]] + ids.suffix(19) : ids
    }

    /// RFC 5322 date: `Sun, 22 Nov 2026 14:05:00 +0100`, English names whatever the locale.
    private static func dateText(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = timeZone.secondsFromGMT(for: date) / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone = (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + two(abs(offset) % 60)
        return "\(weekdays[c.weekday! - 1]), \(two(c.day!)) \(months[c.month! - 1]) \(c.year!) "
            + "\(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) \(zone)"
    }

    /// Addresses and ids lose whitespace, control characters and angle brackets: none belong
    /// there, and a line break would let text from outside write its own headers.
    private static func clean(_ value: String) -> String {
        String(value.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.union(.controlCharacters).contains($0) && $0 != "<" && $0 != ">" }
            .map(Character.init))
    }

    private static func singleLine(_ value: String) -> String {
        value.components(separatedBy: CharacterSet.whitespacesAndNewlines.union(.controlCharacters))
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// A header field folded at spaces so lines stay within 78 characters where the words allow.
private struct FoldedField {
    private var lines: [String]
    private var isEmpty = true

    init(name: String) { lines = [name + ":"] }

    mutating func append(_ token: String) {
        let last = lines.count - 1
        // The first token stays beside the name: folding right after the colon gains nothing.
        if !isEmpty && lines[last].count + 1 + token.count > 78 {
            lines.append(" " + token)
        } else {
            lines[last] += " " + token
        }
        isEmpty = false
    }

    var text: String { lines.joined(separator: "\r\n") }
}

/// RFC 2047 encoded words, `=?UTF-8?Q?…?=`, in the restricted alphabet that is safe in display
/// names and subjects alike. At most 62 characters each, so one fits after `Subject: Re: ` on a
/// 76-column line, and never splitting a character, which each word must hold whole.
private enum EncodedWord {
    static func encode(_ text: String) -> [String] {
        let maximumPayload = 62 - "=?UTF-8?Q??=".count
        var words: [String] = []
        var payload = ""
        for character in text {
            var encoded = ""
            for byte in String(character).utf8 {
                switch byte {
                case 0x20: encoded += "_"
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"),
                     UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                    encoded.append(Character(Unicode.Scalar(byte)))
                default: encoded += QuotedPrintable.hex(byte)
                }
            }
            if !payload.isEmpty && payload.count + encoded.count > maximumPayload {
                words.append("=?UTF-8?Q?\(payload)?=")
                payload = ""
            }
            payload += encoded
        }
        if !payload.isEmpty { words.append("=?UTF-8?Q?\(payload)?=") }
        return words
    }
}

/// Quoted-printable (RFC 2045 §6.7) with CRLF line ends.
private enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map(encodeLine).map { $0 + "\r\n" }.joined()
    }

    /// One text line as one or more encoded lines of at most 76 characters, soft breaks (`=`)
    /// included. A character's bytes stay on one line (some readers decode line by line), and
    /// whitespace at the end of the line is escaped because transports may strip it.
    private static func encodeLine(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        var output: [String] = []
        var current = ""
        for (index, scalar) in scalars.enumerated() {
            let isLast = index == scalars.count - 1
            var token = ""
            for byte in String(scalar).utf8 {
                switch byte {
                case 0x20, 0x09: token += isLast ? hex(byte) : String(Character(Unicode.Scalar(byte)))
                case 0x3D: token += hex(byte)
                case 0x21...0x7E: token.append(Character(Unicode.Scalar(byte)))
                default: token += hex(byte)
                }
            }
            // The last token may reach column 76; any other must leave room for the soft break.
            if current.count + token.count > (isLast ? 76 : 75) {
                output.append(current + "=")
                current = ""
            }
            current += token
        }
        output.append(current)
        return output.joined(separator: "\r\n")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
