import DutchText

/// The taxonomy's topics as pages show them: filters, rules and forms use the name ("betaling"),
/// a reader sees its label in the page's language ("Betaling", "Payment").
struct TopicCatalogue: Sendable {
    let names: [String]
    private let labels: [String: (dutch: String?, english: String?)]

    init(_ taxonomy: Taxonomy) {
        names = taxonomy.topics.map(\.name)
        labels = Dictionary(taxonomy.topics.map { ($0.name, ($0.label, $0.labelEnglish)) }) { first, _ in first }
    }

    /// A topic the taxonomy no longer has (an old analysis) shows under its name.
    func label(_ name: String, language: Language) -> String {
        let known = labels[name]
        return (language == .en ? known?.english ?? known?.dutch : known?.dutch) ?? name
    }

    func labels(_ names: [String], language: Language) -> [String] {
        names.map { label($0, language: language) }
    }
}
