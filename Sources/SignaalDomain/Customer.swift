import Foundation

/// One person, however many channels they write from.
public struct Customer: Sendable, Hashable, Codable, Identifiable {
    public var id: CustomerID
    public var name: String?
    public var identities: [Identity]
    public var createdAt: Date

    public init(id: CustomerID, name: String?, identities: [Identity], createdAt: Date) {
        self.id = id
        self.name = name
        self.identities = identities
        self.createdAt = createdAt
    }
}
