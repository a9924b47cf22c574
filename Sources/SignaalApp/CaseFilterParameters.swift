import Foundation
import SignaalDomain
import SignaalStore

/// One reading of the case filters, for the inbox and for `GET /api/v1/cases`: an unknown value
/// is an error that names the choices, never an empty list that looks like "nothing to do".
enum CaseFilterParameters {
    static func filter(
        statuses: [CaseStatus], owner: OwnerFilter = .any, teamID: TeamID? = nil, channel: String?, topic: String?,
        sentiment: String?, intent: String?, topics: [String], recent: String? = nil, now: Date = Date()
    ) throws -> CaseFilter {
        func present(_ value: String?) -> String? {
            value.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var filter = CaseFilter(statuses: statuses, owner: owner, teamID: teamID)
        if let channel = present(channel) {
            filter.channel = try Self.channel(channel)
        }
        if let topic = present(topic) {
            guard topics.contains(topic) else {
                throw DomainError.invalidField("topic", "onbekend onderwerp '\(topic)'; kies uit \(topics.joined(separator: ", "))")
            }
            filter.topic = topic
        }
        if let sentiment = present(sentiment) {
            guard let known = Analysis.Sentiment(rawValue: sentiment) else {
                throw DomainError.invalidField("sentiment", "kies negative, neutral of positive")
            }
            filter.sentiment = known
        }
        if let intent = present(intent) {
            guard let known = Analysis.Intent(rawValue: intent) else {
                throw DomainError.invalidField("intent", "kies complaint, compliment, question of other")
            }
            filter.intent = known
        }
        if let recent = present(recent) {
            guard let minutes = Int(recent), recentChoices.contains(minutes) else {
                throw DomainError.invalidField(
                    "recent", "kies het aantal minuten: \(recentChoices.map(String.init).joined(separator: ", "))")
            }
            filter.lastInboundSince = now.addingTimeInterval(-Double(minutes) * 60)
        }
        return filter
    }

    /// "The customer wrote in the last …" minutes: an hour (a surge's window), four hours, a day.
    static let recentChoices = [60, 240, 1440]

    /// A `channel` filter, for cases and signals alike.
    static func channel(_ text: String) throws -> Channel {
        guard let known = Channel(rawValue: text) else {
            throw DomainError.invalidField("channel", "onbekend kanaal '\(text)'; kies uit \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return known
    }

    /// An API filter given without a value (`?channel=`): a client that sends the parameter means
    /// some value, and would otherwise get every case as if it had matched. The inbox's forms send
    /// an empty value for "all", so only the API reads its filters through this.
    static func given(_ value: String?, _ name: String) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw empty(name) }
        return trimmed
    }

    static func empty(_ name: String) -> DomainError {
        .invalidField(name, "is leeg; laat de parameter weg om niet op \(name) te filteren")
    }
}
