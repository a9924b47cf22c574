import Foundation

extension Analysis {
    /// Compact JSON of the analysis, written by hand: intake stores one per signal inside the
    /// single writer's transaction, where a general-purpose encoder is too slow.
    /// `JSONDecoder` reads it back as usual.
    public var compactJSON: String {
        var out = "{\"cues\":["
        out += cues.map(Self.quote).joined(separator: ",")
        out += "],\"emotion\":"
        out += emotion.map(Self.number) ?? "null"
        out += ",\"evidence\":["
        out += evidence.map { item in
            var entry = "{"
            if let end = item.end { entry += "\"end\":\(end)," }
            if let kind = item.kind { entry += "\"kind\":\(Self.quote(kind))," }
            if let start = item.start { entry += "\"start\":\(start)," }
            entry += "\"text\":\(Self.quote(item.text)),\"weight\":\(Self.number(item.weight))}"
            return entry
        }.joined(separator: ",")
        out += "],\"intent\":\(Self.quote(intent.rawValue)),\"language\":\(Self.quote(language))"
        out += ",\"score\":\(Self.number(score)),\"sentiment\":\(Self.quote(sentiment.rawValue))"
        out += ",\"topics\":[\(topics.map(Self.quote).joined(separator: ","))],\"urgency\":\(Self.number(urgency))}"
        return out
    }

    /// The topics as a JSON array, as in `compactJSON`; nil for none.
    public var topicsJSON: String? {
        topics.isEmpty ? nil : "[" + topics.map(Self.quote).joined(separator: ",") + "]"
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return String(value)
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
