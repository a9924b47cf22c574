import Foundation

/// Recognisers for the lines where quoted history begins, in Dutch and English
/// (plus German and French, which Dutch customers' mail clients sometimes use).
enum ReplyMarkers {
    enum Kind: Equatable {
        /// "Op … schreef …:" / "On … wrote:": the history that follows is `>`-quoted.
        case attribution
        /// "-----Oorspronkelijk bericht-----", an Outlook "Van:/Verzonden:" block: unquoted history.
        case history
        /// "---------- Doorgestuurd bericht ---------", "Begin forwarded message:": what follows is
        /// a message the customer passes on, part of what they say.
        case forward
    }

    /// The marker starting at `index`, if any. Attribution lines wrapped over two or three lines
    /// (as Gmail and Outlook do with long names) are joined before testing.
    static func marker(in lines: [Substring], at index: Int) -> Kind? {
        guard mayStartMarker(lines[index]) else { return nil }
        let line = clean(lines[index])
        guard !line.isEmpty else { return nil }
        if let banner = separatorBanner(line) { return banner }
        if isHeaderBlock(lines, at: index) { return .history }
        if startsAttribution(line) {
            var joined = line
            for extra in 0..<3 {
                if extra > 0 {
                    guard index + extra < lines.count else { break }
                    let next = clean(lines[index + extra])
                    if next.isEmpty { break }
                    joined += " " + next
                }
                if isAttribution(joined) { return .attribution }
            }
        }
        return nil
    }

    /// A cheap look at the first characters, so most lines skip the string work below.
    private static func mayStartMarker(_ line: Substring) -> Bool {
        for byte in line.utf8 {
            switch byte {
            // Spaces, bold markers and the bytes of a no-break space come before the first letter.
            case 0x20, 0x09, UInt8(ascii: "*"), 0xC2, 0xA0:
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "O"), UInt8(ascii: "A"), UInt8(ascii: "L"),
                 UInt8(ascii: "E"), UInt8(ascii: "B"), UInt8(ascii: "b"), UInt8(ascii: "V"), UInt8(ascii: "v"),
                 UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "D"), UInt8(ascii: "d"):
                return true
            default:
                return false
            }
        }
        return false
    }

    /// Trimmed, no-break spaces as spaces, Markdown-style bold from HTML conversion removed.
    static func clean(_ line: Substring) -> String {
        var text = line.contains("\u{00A0}") ? line.replacingOccurrences(of: "\u{00A0}", with: " ") : String(line)
        text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("*") { text = text.replacingOccurrences(of: "*", with: "") }
        return text
    }

    private static func startsAttribution(_ line: String) -> Bool {
        ["Op ", "On ", "Am ", "Le ", "El "].contains { line.hasPrefix($0) }
    }

    /// "Op di 30 dec 2025 om 10:12 schreef NS <x@y.nl>:", "On Tue, … Jan <x@y> wrote:".
    /// Requires a date, time or address, so "Op 12 mei schreef ik:" in the customer's own text is kept.
    static func isAttribution(_ text: String) -> Bool {
        guard text.count <= 400, text.hasSuffix(":") else { return false }
        let lower = text.lowercased()
        let verbs = [" schreef ", " schreef:", "het volgende geschreven", " wrote:", " wrote :", " schrieb ", " schrieb:", " a écrit", " escribió"]
        guard verbs.contains(where: { lower.contains($0) }) else { return false }
        if lower.contains(" schreef ik") || lower.contains(" wrote i ") { return false }
        return lower.contains("@") || containsTime(lower) || containsYear(lower)
    }

    /// "-----Oorspronkelijk bericht-----", "----- Original Message -----" (history);
    /// "-------- Forwarded Message --------", "Begin forwarded message:" (a forward).
    private static func separatorBanner(_ line: String) -> Kind? {
        let lower = line.lowercased()
        if lower.hasPrefix("--") {
            let inner = lower.trimmingCharacters(in: CharacterSet(charactersIn: "- "))
            if ["oorspronkelijk bericht", "origineel bericht", "original message", "ursprüngliche nachricht", "message d'origine"]
                .contains(inner) { return .history }
            if ["doorgestuurd bericht", "forwarded message", "weitergeleitete nachricht", "message transféré"]
                .contains(inner) { return .forward }
            return nil
        }
        return lower == "begin forwarded message:" || lower == "begin doorgestuurd bericht:" ? .forward : nil
    }

    private static let fromLabels = ["van:", "from:", "von:", "de :", "de:"]
    private static let dateLabels = ["verzonden:", "sent:", "datum:", "date:", "gesendet:", "envoyé :"]
    private static let subjectLabels = ["onderwerp:", "subject:", "betreff:", "objet :"]
    private static let otherLabels = ["aan:", "to:", "cc:", "an:", "à :"]

    /// An Outlook quote header: "Van:" followed closely by a date line (Verzonden/Datum) and an
    /// Onderwerp line, so "Van: Utrecht Centraal / Datum: 3 november / Aan: Amersfoort" in a
    /// customer's story stays. A sender with an e-mail address needs no Onderwerp line.
    private static func isHeaderBlock(_ lines: [Substring], at index: Int) -> Bool {
        let lower = clean(lines[index]).lowercased()
        guard fromLabels.contains(where: { lower.hasPrefix($0) }) else { return false }
        var sawDate = false
        var sawSubject = false
        var checked = 0
        var next = index + 1
        while next < lines.count, checked < 6 {
            let candidate = clean(lines[next]).lowercased()
            next += 1
            if candidate.isEmpty { continue }
            checked += 1
            if dateLabels.contains(where: { candidate.hasPrefix($0) }) {
                sawDate = true
            } else if subjectLabels.contains(where: { candidate.hasPrefix($0) }) {
                sawSubject = true
            } else if !otherLabels.contains(where: { candidate.hasPrefix($0) }) {
                break
            }
        }
        return sawDate && (sawSubject || lower.contains("@"))
    }

    /// A rule Outlook draws above its quote header: underscores or dashes only.
    static func isRule(_ line: Substring) -> Bool {
        let text = clean(line)
        return text.count >= 10 && text.allSatisfy { $0 == "_" || $0 == "-" }
    }

    private static func containsTime(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count >= 4 else { return false }
        for index in 1..<(characters.count - 2) where characters[index] == ":" {
            if characters[index - 1].isNumber, characters[index + 1].isNumber, characters[index + 2].isNumber { return true }
        }
        return false
    }

    private static func containsYear(_ text: String) -> Bool {
        var run = 0
        for character in text {
            if character.isASCII, character.isNumber {
                run += 1
            } else {
                if run == 4 { return true }
                run = 0
            }
        }
        return run == 4
    }
}
