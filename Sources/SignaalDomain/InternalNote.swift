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
    /// When its author last changed the text; nil for a note as first written.
    public var editedAt: Date?
    /// What the note said before each change, oldest first: a colleague who acted on the first
    /// words can still see them, and the case's record is not rewritten unseen.
    public var earlierVersions: [Version]

    /// One text the note had, from when it was written until it was replaced.
    public struct Version: Sendable, Hashable, Codable {
        public var text: String
        public var writtenAt: Date
        public var replacedAt: Date

        public init(text: String, writtenAt: Date, replacedAt: Date) {
            self.text = text
            self.writtenAt = writtenAt
            self.replacedAt = replacedAt
        }
    }

    public init(
        id: InternalNoteID, caseID: CaseID, authorID: UserID, text: String, createdAt: Date, editedAt: Date? = nil,
        earlierVersions: [Version] = []
    ) {
        self.id = id
        self.caseID = caseID
        self.authorID = authorID
        self.text = text
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.earlierVersions = earlierVersions
    }

    /// Its author changes the text (a typo, a time that was wrong, news since); the old text is
    /// kept as an earlier version. Returns false, changing nothing, when the text stays the same.
    public mutating func edit(to newText: String, by user: UserID, at: Date) throws -> Bool {
        guard user == authorID else {
            throw DomainError.forbidden("Alleen wie de notitie schreef kan haar aanpassen; schrijf anders een nieuwe.")
        }
        // An erased customer's notes stay erased: nothing may be written back about them.
        guard text != Erasure.placeholder else { throw DomainError.conflict("Deze notitie is gewist met de gegevens van de klant.") }
        let checked = try Self.checkedText(newText)
        guard checked != text else { return false }
        earlierVersions.append(Version(text: text, writtenAt: editedAt ?? createdAt, replacedAt: at))
        text = checked
        editedAt = at
        return true
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
