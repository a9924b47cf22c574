import Foundation

/// The topics a team sorts its signals by, with the words that point to each. Configurable:
/// the default is bundled (Resources/topics.json); a team's own file replaces it at start.
public struct Taxonomy: Sendable, Codable, Hashable {
    public struct Topic: Sendable, Codable, Hashable {
        public var name: String
        /// What readers see (Dutch); the name when absent.
        public var label: String?
        /// What readers of the English pages see; the Dutch label when absent.
        public var labelEnglish: String?
        /// Words (matched on their stem and as compound heads) and phrases.
        public var keywords: [String]

        public init(name: String, label: String? = nil, labelEnglish: String? = nil, keywords: [String]) {
            self.name = name
            self.label = label
            self.labelEnglish = labelEnglish
            self.keywords = keywords
        }
    }

    public var topics: [Topic]

    public init(topics: [Topic]) { self.topics = topics }

    public static let bundled: Taxonomy = {
        let url = Bundle.module.bundleURL.appendingPathComponent("topics.json")
        let fallback = Bundle.module.url(forResource: "topics", withExtension: "json")
        guard let data = (try? Data(contentsOf: url)) ?? fallback.flatMap({ try? Data(contentsOf: $0) }),
            let taxonomy = try? JSONDecoder().decode(Taxonomy.self, from: data)
        else { return Taxonomy(topics: []) }
        return taxonomy
    }()

    /// Reads a team's taxonomy file; the error says what is wrong with it.
    public static func load(from path: String) throws -> Taxonomy {
        guard let data = FileManager.default.contents(atPath: path) else { throw TaxonomyError("het bestand bestaat niet of is onleesbaar") }
        guard let taxonomy = try? JSONDecoder().decode(Taxonomy.self, from: data) else {
            throw TaxonomyError("geen geldige JSON van de vorm {\"topics\": [{\"name\": …, \"keywords\": [...]}]}")
        }
        for topic in taxonomy.topics where topic.name.isEmpty || topic.keywords.isEmpty {
            throw TaxonomyError("onderwerp '\(topic.name)' heeft een naam en minstens één trefwoord nodig")
        }
        return taxonomy
    }
}

public struct TaxonomyError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
