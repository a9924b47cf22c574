import Foundation

/// The longest message each platform takes, per route: one rule for the composer, a message to
/// many and the reply coach, so a text too long is refused before it is queued, with the reason
/// beside it, instead of being rejected by the platform after the agent moved on.
///
/// The figures are the platforms' documented limits: X 280 for a public post (10,000 for a DM),
/// a Facebook comment 8,000, Messenger 2,000, an Instagram comment 2,200 (a DM 1,000), WhatsApp
/// 4,096. E-mail and our own notes of a call, visit or letter have no platform limit; only
/// `Reply.maximumTextBytes` bounds them.
public enum MessageLength {
    /// X counts every link as this many characters (its t.co length), however long the link.
    public static let xLinkLength = 23

    /// The most characters one message on `channel` may have; `inPublic`: a post or comment (an X
    /// reply, a Facebook or Instagram comment) rather than a direct message. Nil where no platform
    /// sets a limit.
    public static func limit(on channel: Channel, inPublic: Bool) -> Int? {
        switch channel {
        case .x: inPublic ? 280 : 10_000
        case .facebook: 8_000
        case .messenger: 2_000
        case .instagram: inPublic ? 2_200 : 1_000
        case .whatsapp: 4_096
        default: nil
        }
    }

    /// The length of `text` as `channel` counts it. X: links count 23, an emoji 2, and characters
    /// outside Latin, Greek, Cyrillic and the like (CJK) 2 — an approximation of X's weighted
    /// count that errs on the long side. Elsewhere: Unicode code points.
    public static func length(of text: String, on channel: Channel) -> Int {
        channel == .x ? xLength(text) : text.unicodeScalars.count
    }

    /// Why `text` cannot go on `channel` by that route, with the length, the limit and the way
    /// forward; nil when it fits. A reason for `DomainError.invalidField`: without its full stop.
    public static func problem(_ text: String, on channel: Channel, inPublic: Bool) -> String? {
        guard let limit = limit(on: channel, inPublic: inPublic) else { return nil }
        let length = length(of: text, on: channel)
        guard length > limit else { return nil }
        let way = inPublic ? "kort het antwoord in of stuur het als DM" : "kort het antwoord in of verdeel het over meer berichten"
        return "te lang voor \(routeName(channel, inPublic: inPublic)): \(grouped(length)) tekens, de limiet is \(grouped(limit)). "
            + "\(way.prefix(1).uppercased() + way.dropFirst()); er is nog niets verstuurd"
    }

    /// "een openbaar antwoord op X (Twitter)", "een bericht via WhatsApp".
    public static func routeName(_ channel: Channel, inPublic: Bool) -> String {
        inPublic ? "een openbaar antwoord op \(channel.dutchName)" : "een bericht via \(channel.dutchName)"
    }

    /// 20000 as "20.000", as Dutch readers write it.
    public static func grouped(_ value: Int) -> String { Written.grouped(value, separator: ".") }

    private static func xLength(_ text: String) -> Int {
        var length = 0
        var rest = Substring(text)
        while let link = nextLink(in: rest) {
            length += weighted(rest[..<link.lowerBound]) + xLinkLength
            rest = rest[link.upperBound...]
        }
        return length + weighted(rest)
    }

    /// The next "http://…" or "https://…" up to the following white space.
    private static func nextLink(in text: Substring) -> Range<Substring.Index>? {
        let starts = ["https://", "http://"].compactMap { text.range(of: $0, options: .caseInsensitive)?.lowerBound }
        guard let start = starts.min() else { return nil }
        let end = text[start...].firstIndex { $0.isWhitespace } ?? text.endIndex
        return start..<end
    }

    private static func weighted(_ text: Substring) -> Int {
        text.reduce(0) { sum, character in
            let scalars = character.unicodeScalars
            if scalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) { return sum + 2 }
            return sum + scalars.reduce(0) { $0 + (isLight($1.value) ? 1 : 2) }
        }
    }

    /// X's ranges that weigh 1: Latin, Greek, Cyrillic, Hebrew, Arabic … and common punctuation.
    private static func isLight(_ value: UInt32) -> Bool {
        value <= 0x10FF || (0x2000...0x200D).contains(value) || (0x2010...0x201F).contains(value) || (0x2032...0x2037).contains(value)
    }
}
