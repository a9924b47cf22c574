import Foundation

/// A team's starting point for a reply, per topic and channel. A template is meant to be made
/// personal: the reply coach flags one sent unchanged.
public struct ReplyTemplate: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var title: String
    /// A topic of the taxonomy ("levering"), or nil for any topic.
    public var topic: String?
    /// The channels it suits; empty means every channel.
    public var channels: [Channel]
    /// "nl" or "en".
    public var language: String
    /// With placeholders `{klant}`, `{order}` and `{medewerker}`.
    public var text: String
    /// Only for an answer in public ("Stuur je ons een DM?"), not in a direct message.
    public var publicOnly: Bool?

    public init(id: String, title: String, topic: String?, channels: [Channel], language: String, text: String, publicOnly: Bool? = nil) {
        self.id = id
        self.title = title
        self.topic = topic
        self.channels = channels
        self.language = language
        self.text = text
        self.publicOnly = publicOnly
    }

    public static let placeholders = ["{klant}", "{order}", "{medewerker}"]
    /// Greetings that take a first name.
    static let informalGreetings = ["Hoi", "Hi", "Hallo", "Hey", "Hello", "Dag"]

    /// The text with what is known filled in; unknown placeholders stay visible so the agent
    /// sees what still needs writing.
    public func filled(customerName: String?, orderNumber: String?, agentFirstName: String?) -> String {
        var result = text
        // "Hoi Sanne", not "Hoi Sanne de Vries 🚆"; "Beste Sanne de Vries" keeps the whole name.
        if let first = PersonalText.firstName(customerName), let clean = PersonalText.cleanName(customerName) {
            for greeting in Self.informalGreetings { result = result.replacingOccurrences(of: "\(greeting) {klant}", with: "\(greeting) \(first)") }
            result = result.replacingOccurrences(of: "{klant}", with: clean)
        }
        if let orderNumber, !orderNumber.isEmpty { result = result.replacingOccurrences(of: "{order}", with: orderNumber) }
        if let agentFirstName, !agentFirstName.isEmpty { result = result.replacingOccurrences(of: "{medewerker}", with: agentFirstName) }
        return result
    }

    /// Templates for a case: its topics first, then general ones; this channel and language only.
    public static func suggestions(
        from all: [ReplyTemplate], topics: [String], channel: Channel, language: String, inPublic: Bool = true
    ) -> [ReplyTemplate] {
        let fitting = all.filter {
            ($0.channels.isEmpty || $0.channels.contains(channel)) && $0.language == language && (inPublic || $0.publicOnly != true)
        }
        let onTopic = fitting.filter { $0.topic.map(topics.contains) ?? false }
        let general = fitting.filter { $0.topic == nil }
        return onTopic + general
    }

    /// Reads a template file (a JSON array like Resources/templates.json), checking what a team
    /// member could get wrong by hand: duplicate ids, empty texts, unknown languages.
    public static func decodeList(_ data: Data) throws -> [ReplyTemplate] {
        let templates: [ReplyTemplate]
        do {
            templates = try JSONDecoder().decode([ReplyTemplate].self, from: data)
        } catch {
            throw DomainError.invalidField("templates", "geen lijst met sjablonen in JSON (\(error))")
        }
        var ids = Set<String>()
        for template in templates {
            guard ids.insert(template.id).inserted else {
                throw DomainError.invalidField("templates", "het sjabloon '\(template.id)' staat er twee keer in")
            }
            guard !template.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw DomainError.invalidField("templates", "het sjabloon '\(template.id)' heeft geen tekst")
            }
            guard ["nl", "en"].contains(template.language) else {
                throw DomainError.invalidField("templates", "het sjabloon '\(template.id)' heeft taal '\(template.language)'; kies nl of en")
            }
        }
        return templates
    }
}
