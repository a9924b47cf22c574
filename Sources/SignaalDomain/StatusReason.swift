/// Why Signaal moved a case to another status. A case's history stores the Dutch text, the
/// language of the data; a page in another language reads it back with `init(dutch:)` and says it
/// in its own words. Reasons an agent types stay as typed.
public enum StatusReason: Sendable, Hashable {
    case firstMessage(via: Channel)
    case customerReplied
    case customerWroteAfterResolution
    case takenBy(name: String)
    case firstReply
    case replyWritten
    case replyNotReceived
    /// The outcome an agent named when resolving.
    case resolved(outcome: String)
    case closed
    case customerNotSolved(score: Int)
    case customerNotSatisfied(score: Int)
    /// Closed by `signaal import csv`: the complaint log said it was handled (`note`: the log's word).
    case handledInLog(note: String)

    public var dutch: String {
        switch self {
        case .firstMessage(let channel): "eerste signaal via \(channel.dutchName)"
        case .customerReplied: "klant reageerde"
        case .customerWroteAfterResolution: "klant schreef opnieuw na oplossing"
        case .takenBy(let name): "opgepakt door \(name)"
        case .firstReply: "eerste antwoord"
        case .replyWritten: "antwoord geschreven"
        case .replyNotReceived: "antwoord kwam niet aan bij de klant"
        case .resolved(let outcome): Self.resolvedPrefix + outcome
        case .closed: "gesloten"
        case .customerNotSolved(let score): "klant: niet opgelost (cijfer \(score))"
        case .customerNotSatisfied(let score): "klant niet tevreden (cijfer \(score))"
        case .handledInLog(let note): Self.handledInLogPrefix + note + ")"
        }
    }

    /// The reason a stored Dutch text says; nil for a text an agent typed.
    public init?(dutch text: String) {
        if let fixed = Self.fixed.first(where: { $0.dutch == text }) {
            self = fixed
        } else if let rest = text.dropping(prefix: Self.resolvedPrefix) {
            self = .resolved(outcome: rest)
        } else if let rest = text.dropping(prefix: "opgepakt door "), !rest.isEmpty {
            self = .takenBy(name: rest)
        } else if let rest = text.dropping(prefix: "eerste signaal via "), let channel = Channel.allCases.first(where: { $0.dutchName == rest }) {
            self = .firstMessage(via: channel)
        } else if let rest = text.dropping(prefix: Self.handledInLogPrefix), rest.hasSuffix(")") {
            self = .handledInLog(note: String(rest.dropLast()))
        } else if let score = Self.score(in: text, after: "klant: niet opgelost (cijfer ") {
            self = .customerNotSolved(score: score)
        } else if let score = Self.score(in: text, after: "klant niet tevreden (cijfer ") {
            self = .customerNotSatisfied(score: score)
        } else {
            return nil
        }
    }

    private static let resolvedPrefix = "opgelost: "
    private static let handledInLogPrefix = "geïmporteerd: afgerond in het klachtenlog ("
    private static let fixed: [StatusReason] = [.customerReplied, .customerWroteAfterResolution, .firstReply, .replyWritten, .replyNotReceived, .closed]

    private static func score(in text: String, after prefix: String) -> Int? {
        guard let rest = text.dropping(prefix: prefix), rest.hasSuffix(")") else { return nil }
        return Int(rest.dropLast())
    }
}

extension String {
    fileprivate func dropping(prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
