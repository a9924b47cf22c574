import Foundation

public typealias InternalNoteID = Identifier<InternalNote>

/// A note on a case for colleagues only, never sent to the customer: what was found out, what
/// another department said on the phone, what to watch for. The next colleague who opens the
/// case reads it instead of asking around, and the customer never tells the story twice (S4).
public struct InternalNote: Sendable, Hashable, Codable, Identifiable {
    public var id: InternalNoteID
    public var caseID: CaseID
    public var authorID: UserID
    public var text: String
    public var createdAt: Date

    public init(id: InternalNoteID, caseID: CaseID, authorID: UserID, text: String, createdAt: Date) {
        self.id = id
        self.caseID = caseID
        self.authorID = authorID
        self.text = text
        self.createdAt = createdAt
    }

    public static let maximumLength = 10_000

    /// The text to keep: trimmed, not empty, at most `maximumLength` characters.
    public static func checkedText(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalidField("text", "schrijf eerst wat collega's moeten weten") }
        guard trimmed.count <= maximumLength else {
            throw DomainError.invalidField("text", "een notitie is hoogstens \(maximumLength) tekens; zet de rest in een tweede")
        }
        return trimmed
    }

    /// The colleagues the note calls on with "@Voornaam" — or "@Voornaam Achternaam" where two
    /// share a first name — ignoring case and accents; never its author, only active colleagues.
    public static func mentioned(in text: String, among users: [User], author: UserID) -> [UserID] {
        func fold(_ text: some StringProtocol) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "nl_NL"))
        }
        func words(_ text: some StringProtocol) -> [String] { fold(text).split { !$0.isLetter && $0 != "-" }.map(String.init) }
        let people = users.filter { $0.isActive && $0.id != author }.map { (id: $0.id, name: words($0.name)) }.filter { !$0.name.isEmpty }
        var found: [UserID] = []
        var index = text.startIndex
        while let at = text[index...].firstIndex(of: "@") {
            index = text.index(after: at)
            // A mention starts a word, and a name follows at once: "klant@bram.nl" and "@ Bram" are none.
            if at > text.startIndex, let before = text[..<at].last, before.isLetter || before.isNumber { continue }
            let part = text[index...]
            guard let first = part.first, first.isLetter else { continue }
            let following = words(part.prefix(80))
            guard let given = following.first else { continue }
            var candidates = people.filter { $0.name.first == given }
            if candidates.count > 1, following.count > 1 {
                let exact = candidates.filter { $0.name.count > 1 && $0.name[1] == following[1] }
                if !exact.isEmpty { candidates = exact }
            }
            for candidate in candidates where !found.contains(candidate.id) { found.append(candidate.id) }
        }
        return found
    }
}
