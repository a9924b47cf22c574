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
    public static let maximumNameCharacters = 100

    /// `demoPassword`: the demo loader's documented `demo`, which only the demo accounts have and
    /// no other caller may pass.
    public static func validatedNew(
        email: String, name: String, password: String, demoPassword: Bool = false
    ) throws(DomainError) -> (email: String, name: String) {
        guard let identity = Identity(kind: .email, raw: email) else { throw .invalidField("email", "geen geldig e-mailadres") }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw .invalidField("name", "mag niet leeg zijn") }
        // A name shows in every list of colleagues and on every case they own.
        if name.count > maximumNameCharacters { throw .invalidField("name", "mag hoogstens \(maximumNameCharacters) tekens zijn") }
        if !demoPassword { try validatedPassword(password, email: identity.value, name: name) }
        return (identity.value, name)
    }

    /// The rule for every password, a new account's and a new one for an existing account (whose
    /// `email` and `name` it may not contain): long enough, within bcrypt's 72 bytes, and not easy
    /// to guess (`PasswordWeakness`).
    public static func validatedPassword(_ password: String, email: String, name: String) throws(DomainError) {
        if password.count < minimumPasswordCharacters { throw .invalidField("password", "moet minstens \(minimumPasswordCharacters) tekens zijn") }
        if password.utf8.count > 72 { throw .invalidField("password", "mag hoogstens 72 bytes zijn (bcrypt)") }
        if let weakness = PasswordWeakness.of(password, email: email, name: name) { throw .invalidField("password", weakness.dutchReason) }
    }

    /// Who changes an account: an admin signed in to the web app, or the operator at the command line.
    public enum Changer: Sendable, Hashable {
        case admin(UserID)
        case `operator`
    }

    /// Whether `changed` may replace `current`, the account as stored. Nobody takes away the last
    /// active admin (nobody could manage colleagues any more), and an admin neither deactivates nor
    /// demotes themselves (another admin does that, so there is always a second pair of eyes).
    /// `activeAdmins` counts the active admins as stored, `current` included.
    public static func checkChange(of current: User, to changed: User, by changer: Changer, activeAdmins: Int) throws(DomainError) {
        if case .admin(let id) = changer, id == current.id {
            if current.isActive && !changed.isActive {
                throw .forbidden("U kunt uw eigen account niet deactiveren; laat een andere beheerder dat doen.")
            }
            if changed.role < current.role {
                throw .forbidden("U kunt uw eigen rol niet verlagen; laat een andere beheerder dat doen.")
            }
        }
        let losesAdmin = current.isActive && current.role == .admin && (!changed.isActive || changed.role != .admin)
        if losesAdmin && activeAdmins <= 1 {
            throw .conflict(
                "\(current.name) is de laatste actieve beheerder. Maak eerst een collega beheerder; anders kan niemand collega's meer beheren.")
        }
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
    /// From then on the token is refused (nil: until revoked).
    public var expiresAt: Date?

    public init(id: APITokenID, name: String, createdAt: Date, revokedAt: Date? = nil, expiresAt: Date? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
    }

    /// Whether it was past its expiry at `now`.
    public func hasExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }
}
