import Foundation

/// The customer's new words in a reply: quoted history, signature and "Sent from my iPhone"
/// lines removed. Conservative: closings such as "Met vriendelijke groet,\nJan" stay, and when
/// nothing would be left the whole body is returned.
public enum ReplySeparator {
    /// - Parameter forwarded: the subject says the customer forwards a message ("Fwd:"); then
    ///   the whole body is theirs to show, as the forwarded mail is their evidence.
    public static func newText(of body: String, forwarded: Bool = false) -> String {
        let normalized = body.utf8.contains(0x0D)
            ? body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            : body
        let full = TextLines.trimmed(normalized)
        if forwarded { return full }
        let lines = TextLines.split(normalized, collapsingBlankRuns: true)

        let (own, forward) = removeHistory(lines)
        var kept = own.filter { !isQuoteLine($0) && !isMobileSignature($0) }
        kept = removeSignature(kept)
        // A forwarded message (the unanswered complaint, with its amount and order number) is
        // kept as it came, quotes and all.
        let text = TextLines.trimmed(collapseBlankLines(kept + [""] + forward))
        return text.isEmpty ? full : text
    }

    /// Cuts at the first history marker. Below an attribution line with inline answers between
    /// the quotes, only the attribution goes (the quotes are removed later), so the answers stay.
    /// An attribution without quotes below it is the customer's own sentence and stays.
    /// From a forwarding banner on, the lines are returned apart as `forward`.
    private static func removeHistory(_ lines: [Substring]) -> (own: [Substring], forward: [Substring]) {
        var result: [Substring] = []
        var index = 0
        while index < lines.count {
            guard let kind = ReplyMarkers.marker(in: lines, at: index) else {
                result.append(lines[index])
                index += 1
                continue
            }
            switch kind {
            case .forward:
                return (result, Array(lines[index...]))
            case .history:
                // Drop an Outlook rule line just above the header block as well.
                while let last = result.last, TextLines.isBlank(last) || ReplyMarkers.isRule(last) {
                    result.removeLast()
                }
                return (result, [])
            case .attribution:
                let quoteStart = firstQuoteLine(lines, after: index)
                guard let firstQuote = lines[quoteStart...].firstIndex(where: { !TextLines.isBlank($0) }),
                      isQuoteLine(lines[firstQuote]) else {
                    result.append(lines[index])
                    index += 1
                    continue
                }
                if hasAnswersBetweenQuotes(lines, from: quoteStart) {
                    index = quoteStart
                    continue
                }
                return (result, [])
            }
        }
        return (result, [])
    }

    /// The index of the first line after the (possibly wrapped) attribution that is quoted or blank.
    private static func firstQuoteLine(_ lines: [Substring], after index: Int) -> Int {
        var next = index + 1
        while next < lines.count, next <= index + 2, !isQuoteLine(lines[next]), !TextLines.isBlank(lines[next]) {
            next += 1
        }
        return next
    }

    /// True when unquoted, non-signature text follows the quote block (bottom-posting or inline answers).
    private static func hasAnswersBetweenQuotes(_ lines: [Substring], from start: Int) -> Bool {
        var sawQuote = false
        for line in lines[start...] {
            if isQuoteLine(line) {
                sawQuote = true
                continue
            }
            if TextLines.isBlank(line) || isMobileSignature(line) { continue }
            if isSignatureSeparator(line) { return false }
            if sawQuote { return true }
        }
        return false
    }

    /// "> text", ">> text" and a bare ">"; not ">50 euro" in the customer's own sentence.
    static func isQuoteLine(_ line: Substring) -> Bool {
        var sawMarker = false
        for byte in line.utf8 {
            if sawMarker { return byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">") }
            if byte == UInt8(ascii: ">") {
                sawMarker = true
            } else if byte != 0x20 && byte != 0x09 {
                return false
            }
        }
        return sawMarker
    }

    /// "-- " (RFC 3676) only: a bare "--" is as often a customer's own divider between points.
    static func isSignatureSeparator(_ line: Substring) -> Bool {
        line == "-- "
    }

    private static let mobilePrefixes = [
        "verzonden vanaf mijn ", "verstuurd vanaf mijn ", "verzonden vanuit mijn ", "verzonden met mijn ",
        "verzonden vanaf samsung", "verzonden vanaf windows", "verzonden vanuit outlook", "verzonden met outlook",
        "sent from my ", "sent from outlook", "sent from mail for windows", "sent from yahoo", "sent from samsung",
        "get outlook for ", "outlook voor ios", "outlook voor android", "download outlook voor",
    ]

    static func isMobileSignature(_ line: Substring) -> Bool {
        // Cheap first-letter check: these lines start with Verzonden/Verstuurd/Sent/Get/Outlook/Download.
        guard let first = line.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "*") }) else { return false }
        switch first | 0x20 {
        case UInt8(ascii: "v"), UInt8(ascii: "s"), UInt8(ascii: "g"), UInt8(ascii: "o"), UInt8(ascii: "d"): break
        default: return false
        }
        let text = ReplyMarkers.clean(line).lowercased()
        guard !text.isEmpty, text.count <= 80 else { return false }
        return mobilePrefixes.contains { text.hasPrefix($0) }
    }

    /// Cuts at the last "-- " separator when what follows is short enough to be a signature
    /// and real text precedes it.
    private static func removeSignature(_ lines: [Substring]) -> [Substring] {
        guard let separator = lines.lastIndex(where: isSignatureSeparator) else { return lines }
        let tail = lines[(separator + 1)...].filter { !TextLines.isBlank($0) }
        let head = lines[..<separator].filter { !TextLines.isBlank($0) }
        guard tail.count <= 15, !head.isEmpty else { return lines }
        return Array(lines[..<separator])
    }

    /// At most one blank line in a row, also where removed quotes leave a gap.
    private static func collapseBlankLines(_ lines: [Substring]) -> String {
        var output: [Substring] = []
        var previousBlank = false
        for line in lines {
            var end = line.endIndex
            while end > line.startIndex {
                let before = line.utf8.index(before: end)
                let byte = line.utf8[before]
                guard byte == 0x20 || byte == 0x09 else { break }
                end = before
            }
            let trimmedEnd = line[..<end]
            let blank = trimmedEnd.isEmpty
            if blank && previousBlank { continue }
            output.append(trimmedEnd)
            previousBlank = blank
        }
        return output.joined(separator: "\n")
    }
}
