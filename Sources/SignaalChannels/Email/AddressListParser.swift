import Foundation

/// Address headers (From, To, Cc, Reply-To): `"Jansen, Jan" <jan@x.nl>, piet@y.nl (Piet)`, groups,
/// and encoded-word display names. Structure is parsed before decoding, so a decoded name
/// containing a comma cannot split an address.
enum AddressListParser {
    static func parse(_ text: String, warnings: inout EmailWarnings) -> [EmailAddress] {
        var mailboxes: [EmailAddress] = []
        var pendingName = ""
        for segment in splitMailboxes(text) {
            let trimmed = segment.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            // An unquoted comma inside a display name ("Jansen, Jan <jan@x.nl>"): the piece
            // without an address belongs to the next one.
            if !trimmed.contains("@") && !trimmed.contains("<") {
                pendingName += trimmed + ", "
                continue
            }
            let candidate = trimmed.contains("<") ? pendingName + trimmed : trimmed
            if let mailbox = parseMailbox(candidate, warnings: &warnings) { mailboxes.append(mailbox) }
            pendingName = ""
        }
        return mailboxes
    }

    /// Splits on commas and group delimiters outside quotes, angle brackets and comments.
    private static func splitMailboxes(_ text: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var angleDepth = 0
        var commentDepth = 0
        for character in text {
            if escaped {
                escaped = false
                current.append(character)
                continue
            }
            switch character {
            case "\\" where inQuotes || commentDepth > 0:
                escaped = true
            case "\"" where commentDepth == 0:
                inQuotes.toggle()
            case "(" where !inQuotes:
                commentDepth += 1
            case ")" where !inQuotes && commentDepth > 0:
                commentDepth -= 1
            case "<" where !inQuotes && commentDepth == 0:
                angleDepth += 1
            case ">" where !inQuotes && commentDepth == 0 && angleDepth > 0:
                angleDepth -= 1
            case "," where !inQuotes && commentDepth == 0 && angleDepth == 0,
                 ";" where !inQuotes && commentDepth == 0 && angleDepth == 0:
                segments.append(current)
                current = ""
                continue
            case ":" where !inQuotes && commentDepth == 0 && angleDepth == 0:
                // "Group name:" starts a group; the name itself is not a mailbox.
                current = ""
                continue
            default:
                break
            }
            current.append(character)
        }
        segments.append(current)
        return segments
    }

    /// One mailbox: `Name <addr>`, `"Name" <addr>`, `<addr>`, `addr (Name)` or `addr`.
    private static func parseMailbox(_ text: String, warnings: inout EmailWarnings) -> EmailAddress? {
        let (withoutComments, comment) = stripComments(text)
        var name: String
        var address: String
        if let open = withoutComments.lastIndex(of: "<") {
            let afterOpen = withoutComments[withoutComments.index(after: open)...]
            let close = afterOpen.firstIndex(of: ">") ?? afterOpen.endIndex
            address = String(afterOpen[..<close])
            name = String(withoutComments[..<open])
        } else {
            address = withoutComments
            name = ""
        }
        address = address.trimmingCharacters(in: .whitespaces)
        if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
        address = address.replacingOccurrences(of: " ", with: "")
        name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty, let comment { name = comment }
        guard !address.isEmpty else { return nil }
        return EmailAddress(name: displayName(name, warnings: &warnings), address: address)
    }

    /// Unquotes and decodes a display name. Encoded words inside quotes are decoded too:
    /// not allowed by RFC 2047, but common.
    static func displayName(_ raw: String, warnings: inout EmailWarnings) -> String? {
        var name = raw.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\"") {
            name = HeaderParameters.unquote(name)
        } else if name.contains("\"") {
            // Mixed quoted and unquoted words: keep the words, drop the quote marks.
            name = name.replacingOccurrences(of: "\"", with: "")
        }
        name = EncodedWords.decode(name, warnings: &warnings)
            .replacingOccurrences(of: "\t", with: " ")
            .trimmingCharacters(in: .whitespaces)
        // Some senders wrap the name in single quotes as well.
        if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") { name = String(name.dropFirst().dropLast()) }
        return name.isEmpty ? nil : name
    }

    /// Removes `(comments)` outside quotes and returns the first comment's text.
    private static func stripComments(_ text: String) -> (String, String?) {
        guard text.contains("(") else { return (text, nil) }
        var result = ""
        var comment = ""
        var firstComment: String?
        var depth = 0
        var inQuotes = false
        for character in text {
            if character == "\"" && depth == 0 { inQuotes.toggle() }
            if !inQuotes && character == "(" {
                depth += 1
                if depth == 1 { continue }
            } else if !inQuotes && character == ")" && depth > 0 {
                depth -= 1
                if depth == 0 {
                    if firstComment == nil { firstComment = comment.trimmingCharacters(in: .whitespaces) }
                    comment = ""
                    continue
                }
            }
            if depth > 0 { comment.append(character) } else { result.append(character) }
        }
        return (result, firstComment?.isEmpty == true ? nil : firstComment)
    }
}
