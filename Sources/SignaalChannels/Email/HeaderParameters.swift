import Foundation

/// A structured header such as Content-Type or Content-Disposition:
/// a main value plus `key=value` parameters, with RFC 2231 continuations and charsets.
struct HeaderParameters: Sendable, Equatable {
    /// The main value, lowercased: "multipart/mixed", "attachment".
    var value: String
    /// Parameter names are lowercased; values are unquoted and decoded.
    var parameters: [String: String]

    subscript(_ name: String) -> String? { parameters[name] }

    init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    init(parsing text: String, warnings: inout EmailWarnings) {
        let segments = Self.splitOnSemicolons(text)
        value = (segments.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        // RFC 2231 pieces per base name: (section, text, isExtended).
        var pieces: [String: [(section: Int, text: String, extended: Bool)]] = [:]
        var plain: [String: String] = [:]
        for segment in segments.dropFirst() {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            let key = segment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let rawValue = Self.unquote(segment[segment.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            guard !key.isEmpty else { continue }
            if let star = key.firstIndex(of: "*") {
                let base = String(key[..<star])
                let rest = key[key.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                let section = Int(rest.trimmingCharacters(in: CharacterSet(charactersIn: "*"))) ?? 0
                pieces[base, default: []].append((section, rawValue, extended))
            } else if plain[key] == nil {
                plain[key] = rawValue
            }
        }
        var result = plain
        for (base, list) in pieces {
            result[base] = Self.joinRFC2231(list.sorted { $0.section < $1.section }, warnings: &warnings)
        }
        parameters = result
    }

    /// RFC 2231: `UTF-8''Kla%C3%A9cht.pdf`, possibly over `name*0*`, `name*1*` sections.
    private static func joinRFC2231(_ list: [(section: Int, text: String, extended: Bool)], warnings: inout EmailWarnings) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (position, piece) in list.enumerated() {
            var text = Substring(piece.text)
            if piece.extended, position == 0 {
                let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = parts[0].isEmpty ? nil : String(parts[0])
                    text = parts[2]
                }
            }
            bytes.append(contentsOf: piece.extended ? percentDecode(text) : Array(text.utf8))
        }
        return TextCharset.decode(bytes, charset: charset, warnings: &warnings)
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
               let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }

    /// Splits on ";" outside quoted strings.
    private static func splitOnSemicolons(_ text: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                segments.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        segments.append(current)
        return segments
    }

    /// Removes surrounding quotes and the backslash before `"` or `\`. Other backslashes stay:
    /// Windows clients send unescaped paths such as "C:\Users\jan\foto.png".
    static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            // An unclosed quote (truncated header): drop the opening one.
            return text.hasPrefix("\"") ? String(text.dropFirst()) : text
        }
        let inner = Array(text.dropFirst().dropLast())
        var result = ""
        var index = 0
        while index < inner.count {
            if inner[index] == "\\", index + 1 < inner.count, inner[index + 1] == "\"" || inner[index + 1] == "\\" {
                index += 1
            }
            result.append(inner[index])
            index += 1
        }
        return result
    }
}
