import Foundation
import SignaalDomain

/// Which database a store runs on.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// Position after the last signal of a page, newest first.
public struct SignalCursor: Sendable, Hashable {
    public var receivedAt: Int64
    public var id: SignalID
    public init(receivedAt: Int64, id: SignalID) {
        self.receivedAt = receivedAt
        self.id = id
    }
    public init(after signal: Signal) {
        self.init(receivedAt: signal.receivedAt.millisecondsSince1970, id: signal.id)
    }
}

/// Position after the last case of a page, highest priority first.
public struct CaseCursor: Sendable, Hashable {
    public var priority: Double
    public var id: CaseID
    public init(priority: Double, id: CaseID) {
        self.priority = priority
        self.id = id
    }
    public init(after theCase: Case) {
        self.init(priority: theCase.priority, id: theCase.id)
    }
}

/// Decides, inside the intake transaction, what to write; nil means the signal is a duplicate.
public typealias IntakePlanning = @Sendable (SignalDraft, IntakeContext) -> IntakePlan?

/// Signals and the customers and cases they create.
public protocol SignalStore: Sendable {
    /// Stores `draft` atomically: customer, identities, case and signal, or nothing.
    /// Two deliveries of the same (channel, external id), even at once, give one signal.
    func ingest(_ draft: SignalDraft, planning: @escaping IntakePlanning) async throws -> IntakeOutcome
    func signal(id: SignalID) async throws -> Signal?
    /// Newest first.
    func signals(channel: Channel?, limit: Int, after cursor: SignalCursor?) async throws -> [Signal]
    /// Oldest first: a case's conversation.
    func signals(caseID: CaseID) async throws -> [Signal]
    /// Oldest first: the customer's whole timeline across cases and channels.
    func signals(customerID: CustomerID) async throws -> [Signal]
}

public protocol CaseStore: Sendable {
    func `case`(id: CaseID) async throws -> Case?
    /// Highest priority first; `statuses` empty means every status.
    func cases(statuses: [CaseStatus], limit: Int, after cursor: CaseCursor?) async throws -> [Case]
    func cases(customerID: CustomerID) async throws -> [Case]
    func customer(id: CustomerID) async throws -> Customer?
    /// Unresolved cases, for recomputing priorities as waiting time grows.
    func unresolvedCases(limit: Int, after cursor: CaseID?) async throws -> [Case]
    func updatePriorities(_ priorities: [(CaseID, Double)]) async throws
    /// Applies `change` to the case inside a transaction (the domain validates the move) and
    /// stores the result with its new transitions. Throws `DomainError.notFound` for an unknown id.
    func updateCase(id: CaseID, _ change: @escaping @Sendable (inout Case) throws -> Void) async throws -> Case
}

public protocol UserStore: Sendable {
    /// Fails with `DomainError.conflict` when the e-mail address is taken.
    func createUser(_ user: User, passwordHash: String) async throws
    func user(id: UserID) async throws -> User?
    func userWithPasswordHash(email: String) async throws -> (User, String)?
    func users() async throws -> [User]
    func userCount() async throws -> Int
}

public protocol TokenStore: Sendable {
    func createToken(_ token: APIToken, secretHash: String) async throws
    /// The token with this hash, revoked or not.
    func token(secretHash: String) async throws -> APIToken?
    func tokens() async throws -> [APIToken]
    /// Returns false when no token has that id.
    func revokeToken(id: APITokenID, at: Date) async throws -> Bool
}

/// Key-value storage with expiry, for web sessions that survive restarts and span instances.
public protocol KeyValueStore: Sendable {
    func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws
    /// Fails with `DomainError.conflict` when the key exists and has not expired.
    func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws
    func value(forKey key: String, now: Date) async throws -> Data?
    func removeValue(forKey key: String) async throws
}

/// Corrections of the analysis by agents.
public protocol LabelStore: Sendable {
    /// Fails with `DomainError.notFound` when the signal does not exist.
    func addLabel(_ label: SignalLabel) async throws
    func labels(signalID: SignalID) async throws -> [SignalLabel]
    /// The latest correction of each corrected signal, with the signal's text, oldest first.
    func latestLabels(limit: Int) async throws -> [(text: String, label: SignalLabel)]
}

/// Everything Signaal keeps, on one database.
public protocol SignaalStore: SignalStore, CaseStore, UserStore, TokenStore, KeyValueStore, LabelStore {
    var kind: DatabaseKind { get }
    /// Applies the migrations not yet recorded in the database.
    func migrate() async throws
    /// The migration versions recorded in the database.
    func appliedMigrations() async throws -> [Int]
    /// Releases connections; the store is unusable afterwards.
    func shutdown() async
}
