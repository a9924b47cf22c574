import Foundation

public typealias TeamRuleID = Identifier<TeamRule>

/// An admin's rule that sends new work to a team: "messages about `betaling` go to Financiën".
/// Rules are tried in order; the first that matches wins, and a case no rule matches stays with
/// everyone.
public struct TeamRule: Sendable, Hashable, Codable, Identifiable {
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        /// A topic of the taxonomy the case's first message names.
        case topic
        case channel
        /// The language the customer writes in ("nl", "en").
        case language
        /// A brand, account handle or name the first message mentions ("@ns_online", "KLM"):
        /// customers address the brand they mean, whatever channel they use.
        case brand
    }

    public var id: TeamRuleID
    public var position: Int
    public var field: Field
    public var value: String
    public var teamID: TeamID

    public init(id: TeamRuleID, position: Int, field: Field, value: String, teamID: TeamID) {
        self.id = id
        self.position = position
        self.field = field
        self.value = value
        self.teamID = teamID
    }

    /// A rule as an admin typed it: the value trimmed and checked against what it can match.
    public static func validated(
        id: TeamRuleID, position: Int, field: Field, value rawValue: String, teamID: TeamID, topics: [String]
    ) throws(DomainError) -> TeamRule {
        let value = rawValue.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .invalidField("value", "vul in waarop de regel let") }
        guard value.count <= 100 else { throw .invalidField("value", "houd de waarde onder de 100 tekens") }
        switch field {
        case .topic:
            guard topics.contains(value) else {
                throw .invalidField("value", "kies een onderwerp: \(topics.joined(separator: ", "))")
            }
        case .channel:
            guard Channel(rawValue: value) != nil else {
                throw .invalidField("value", "kies een kanaal: \(Channel.allCases.map(\.dutchName).joined(separator: ", "))")
            }
        case .language:
            guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw .invalidField("value", "geef een taalcode van twee letters, zoals nl of en")
            }
            return TeamRule(id: id, position: position, field: field, value: value.lowercased(), teamID: teamID)
        case .brand:
            guard value.contains(where: { $0.isLetter || $0.isNumber }) else {
                throw .invalidField("value", "geef een merknaam of account, zoals @ns_online")
            }
        }
        return TeamRule(id: id, position: position, field: field, value: value, teamID: teamID)
    }

    /// Whether a new case, opened by `text`, matches this rule.
    public func matches(_ theCase: Case, text: String) -> Bool {
        switch field {
        case .topic: theCase.topics.contains(value)
        case .channel: theCase.channel.rawValue == value
        case .language: theCase.language == value
        case .brand: Self.mentions(text, value)
        }
    }

    /// The team of the first rule `theCase` matches, in order.
    public static func team(for theCase: Case, text: String, rules: [TeamRule]) -> TeamID? {
        rules.sorted { ($0.position, $0.id.description) < ($1.position, $1.id.description) }
            .first { $0.matches(theCase, text: text) }?.teamID
    }

    /// `name` as a whole word or handle in `text`, ignoring case and accents: "@NS_online"
    /// matches "@ns_online" but "NS" does not match "nsfw" or "NSA".
    static func mentions(_ text: String, _ name: String) -> Bool {
        func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }
        guard let first = name.first, let last = name.last else { return false }
        var from = text.startIndex
        while let found = text.range(of: name, options: [.caseInsensitive, .diacriticInsensitive], range: from..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            // A name that starts or ends with a sign ("@ns_online") needs no boundary on that side.
            let startsClean = !isWord(first) || !(before.map(isWord) ?? false)
            let endsClean = !isWord(last) || !(after.map(isWord) ?? false)
            if startsClean && endsClean { return true }
            from = text.index(after: found.lowerBound)
        }
        return false
    }
}
