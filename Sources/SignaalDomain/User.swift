import Foundation

/// A person who works in Signaal.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case agent, lead, admin

        private var rank: Int {
            switch self {
            case .agent: 0
            case .lead: 1
            case .admin: 2
            }
        }
        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

        public var dutchName: String {
            switch self {
            case .agent: "medewerker"
            case .lead: "teamleider"
            case .admin: "beheerder"
            }
        }
    }

    public var id: UserID
    public var email: String
    public var name: String
    public var role: Role
    public var teamID: TeamID?
    public var isActive: Bool
    public var createdAt: Date

    public init(id: UserID, email: String, name: String, role: Role, teamID: TeamID? = nil, isActive: Bool = true, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.teamID = teamID
        self.isActive = isActive
        self.createdAt = createdAt
    }

    /// Validates and normalises the fields of a new user.
    /// A password guards customers' dossiers: at least this long (NIST SP 800-63B's minimum).
    public static let minimumPasswordCharacters = 8

    public static func validatedNew(
        email: String, name: String, password: String, minimumPassword: Int = minimumPasswordCharacters
    ) throws(DomainError) -> (email: String, name: String) {
        guard let identity = Identity(kind: .email, raw: email) else { throw .invalidField("email", "geen geldig e-mailadres") }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw .invalidField("name", "mag niet leeg zijn") }
        if password.count < minimumPassword { throw .invalidField("password", "moet minstens \(minimumPassword) tekens zijn") }
        if password.utf8.count > 72 { throw .invalidField("password", "mag hoogstens 72 bytes zijn (bcrypt)") }
        return (identity.value, name)
    }
}

/// A group of agents that shares work.
public struct Team: Sendable, Hashable, Codable, Identifiable {
    public var id: TeamID
    public var name: String
    public init(id: TeamID, name: String) {
        self.id = id
        self.name = name
    }
}

/// A credential for the JSON API. Only a hash of the secret is kept.
public struct APIToken: Sendable, Hashable, Codable, Identifiable {
    public var id: APITokenID
    public var name: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: APITokenID, name: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
