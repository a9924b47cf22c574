/// What can go wrong in the domain, without any HTTP knowledge.
public enum DomainError: Error, Sendable, Equatable {
    case emptyText
    case textTooLong(limit: Int)
    case unknownChannel(String)
    case invalidTimestamp(String)
    case invalidField(String, String)
    case invalidTransition(from: CaseStatus, to: CaseStatus)
    case notFound(String)
    case conflict(String)
    /// The person may not do this (their role, or it is someone else's case).
    case forbidden(String)

    /// A Dutch sentence for the person who caused it.
    public var message: String {
        switch self {
        case .emptyText: "De tekst is leeg."
        case .textTooLong(let limit): "De tekst is langer dan \(limit / 1024) KiB."
        case .unknownChannel(let channel):
            "Onbekend kanaal '\(channel)'. Kies uit: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))."
        case .invalidTimestamp(let value): "Ongeldig tijdstip '\(value)': gebruik ISO 8601, bv. 2026-11-22T14:05:00Z."
        case .invalidField(let field, let reason): "Veld '\(field)': \(reason)."
        case .invalidTransition(let from, let to): "Een zaak kan niet van '\(from.rawValue)' naar '\(to.rawValue)'."
        // Callers name the thing in the middle of a sentence ("klant"); here it opens one.
        case .notFound(let what): "\(what.prefix(1).uppercased())\(what.dropFirst()) bestaat niet."
        case .conflict(let what): what
        case .forbidden(let why): why
        }
    }
}
