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
}
