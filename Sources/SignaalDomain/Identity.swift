import Foundation

/// One way to recognise a customer: a handle on a platform, an e-mail address, a phone number.
public struct Identity: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case x
        case meta
        case instagram
        case email
        case phone
        case whatsapp
    }

    public let kind: Kind
    /// Normalised, so that the same person written twice is the same identity.
    public let value: String

    /// Normalises `raw`; returns nil when nothing usable is left.
    public init?(kind: Kind, raw: String) {
        let normalised: String?
        switch kind {
        case .x, .instagram:
            var handle = raw.trimmingWhitespace().lowercased()
            while handle.hasPrefix("@") { handle.removeFirst() }
            normalised = handle.isEmpty ? nil : handle
        case .meta:
            let id = raw.trimmingWhitespace().lowercased()
            normalised = id.isEmpty ? nil : id
        case .email:
            let email = raw.trimmingWhitespace().lowercased()
            normalised = Self.looksLikeEmail(email) ? email : nil
        case .phone, .whatsapp:
            normalised = Self.normalisePhone(raw)
        }
        guard let normalised, normalised.utf8.count <= 320 else { return nil }
        self.kind = kind
        self.value = normalised
    }

    private static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !email.contains(where: { $0.isWhitespace })
    }

    /// Dutch numbers in any common notation become E.164: "06-12345678" → "+31612345678".
    static func normalisePhone(_ raw: String) -> String? {
        var trimmed = raw.trimmingWhitespace()
        // Excel shows long numbers as "3,16123E+10": the digits after the sixth are gone, and two
        // people's numbers would become one. That is no number to recognise anyone by.
        guard trimmed.wholeMatch(of: /\d+([.,]\d+)?[eE][+]?\d+/) == nil else { return nil }
        // "+31 (0)6 12345678": the trunk zero in brackets is not dialled after the country code.
        trimmed = trimmed.replacingOccurrences(of: "(0)", with: "")
        var digits = trimmed.filter(\.isASCIIDigit)
        guard digits.count >= 6, digits.count <= 15 else { return nil }
        if trimmed.hasPrefix("+") { return "+" + digits }
        if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        if digits.hasPrefix("0") {
            digits.removeFirst()
            return "+31" + digits
        }
        // Nine digits are a Dutch number whose leading zero a spreadsheet dropped ("612345678").
        if digits.count == 9 { return "+31" + digits }
        // WhatsApp delivers numbers without a plus: "31612345678".
        return "+" + digits
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Identity {
    /// The identities a search text could name, so that an agent finds a customer by the handle,
    /// address or number they type: "@JDijkman", "jeroen.dijkman@example.nl", "06-12345678".
    /// Empty for ordinary text (several words, punctuation).
    public static func candidates(inSearch text: String) -> [Identity] {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 320 else { return [] }
        if trimmed.contains("@"), !trimmed.hasPrefix("@") { return [Identity(kind: .email, raw: trimmed)].compactMap { $0 } }
        var found: [Identity] = []
        if trimmed.filter(\.isASCIIDigit).count >= 6, trimmed.allSatisfy({ $0.isASCIIDigit || " +-().".contains($0) }) {
            found += [Identity(kind: .phone, raw: trimmed), Identity(kind: .whatsapp, raw: trimmed)].compactMap { $0 }
        }
        // X allows letters, digits and '_'; Instagram also '.'.
        let handle = trimmed.drop { $0 == "@" }
        if !handle.isEmpty, handle.count <= 30, handle.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) {
            found += [Identity(kind: .x, raw: String(handle)), Identity(kind: .instagram, raw: String(handle))].compactMap { $0 }
        }
        return found
    }
}
