import Foundation
import HummingbirdBcrypt
import NIOPosix
import SignaalDomain
import SignaalStore

/// Creates users with bcrypt-hashed passwords.
public struct UserAccounts: Sendable {
    let store: any UserStore
    /// bcrypt's work factor: 2^cost rounds of its key setup.
    let cost: UInt8

    /// What every account gets: slow enough to make guessing a stolen hash costly, quick enough for a sign-in.
    public static let passwordCost: UInt8 = 12

    /// `cost` is for tests only, which make many accounts; sign-in checks each hash at its own cost.
    public init(store: any UserStore, cost: UInt8 = UserAccounts.passwordCost) {
        precondition((4...31).contains(cost), "bcrypt's cost is 4 to 31")
        self.store = store
        self.cost = cost
    }

    @discardableResult
    public func create(email: String, name: String, role: User.Role, password: String, now: Date = Date()) async throws -> User {
        try await create(email: email, name: name, role: role, password: password, demoPassword: false, now: now)
    }

    @discardableResult
    func create(email: String, name: String, role: User.Role, password: String, demoPassword: Bool, now: Date = Date()) async throws -> User {
        let valid = try User.validatedNew(email: email, name: name, password: password, demoPassword: demoPassword)
        let hash = try await NIOThreadPool.singleton.runIfActive { [cost] in Bcrypt.hash(password, cost: cost) }
        let user = User(id: .generate(now: now), email: valid.email, name: valid.name, role: role, createdAt: now)
        try await store.createUser(user, passwordHash: hash)
        return user
    }

    /// The account with this e-mail address, as typed (any case); `DomainError.notFound` when there is none.
    public func user(email: String) async throws -> User {
        let address = Identity(kind: .email, raw: email)?.value ?? email.lowercased()
        guard let (user, _) = try await store.userWithPasswordHash(email: address) else {
            throw DomainError.notFound("gebruiker met e-mailadres \(email)")
        }
        return user
    }

    /// Gives a colleague another role. `changer` is the admin who does it (who may not demote
    /// themselves) or the operator; the last active admin keeps the role (`User.checkChange`).
    @discardableResult
    public func setRole(_ role: User.Role, of id: UserID, by changer: User.Changer) async throws -> User {
        try await change(id, by: changer) { $0.role = role }
    }

    /// Deactivates (a leaver: signed out at once, no longer signs in or gets work) or reactivates
    /// a colleague; their cases stay theirs. An admin does not deactivate themselves, and the last
    /// active admin stays active.
    @discardableResult
    public func setActive(_ active: Bool, of id: UserID, by changer: User.Changer) async throws -> User {
        try await change(id, by: changer) { $0.isActive = active }
    }

    /// A new password, under the same rule as a new account's. It signs the person out of every
    /// web session (the old password may be known to someone else) and lifts a lock after too many
    /// wrong passwords (whoever set it knows the new one); returns the new password's stamp, with
    /// which the session of a person changing their own keeps going.
    @discardableResult
    public func setPassword(_ password: String, of id: UserID) async throws -> String {
        guard let user = try await store.user(id: id) else { throw DomainError.notFound("gebruiker") }
        try User.validatedPassword(password, email: user.email, name: user.name)
        let hash = try await NIOThreadPool.singleton.runIfActive { [cost] in Bcrypt.hash(password, cost: cost) }
        try await store.setPasswordHash(userID: id, hash)
        _ = try await unlock(id)
        return WebSession.passwordStamp(of: hash)
    }

    /// Lifts the lock after too many wrong passwords (`SignInGuard`), so the person may sign in at
    /// once; returns whether the account was locked.
    @discardableResult
    public func unlock(_ id: UserID, now: Date = Date()) async throws -> Bool {
        guard let user = try await store.user(id: id) else { throw DomainError.notFound("gebruiker") }
        guard let signIns else { return false }
        let locked = try await signIns.lockedMinutes(email: user.email, now: now) != nil
        try await signIns.reset(email: user.email, now: now)
        return locked
    }

    /// The minutes until this person may try to sign in again, when too many wrong passwords locked them out; else nil.
    public func lockedMinutes(of user: User, now: Date = Date()) async throws -> Int? {
        try await signIns?.lockedMinutes(email: user.email, now: now)
    }

    /// The sign-in counts live beside the accounts in the app's store.
    private var signIns: SignInGuard? { (store as? any KeyValueStore).map(SignInGuard.init) }

    private func change(_ id: UserID, by changer: User.Changer, _ edit: @escaping @Sendable (inout User) -> Void) async throws -> User {
        try await store.updateUser(id: id) { user, activeAdmins in
            var changed = user
            edit(&changed)
            try User.checkChange(of: user, to: changed, by: changer, activeAdmins: activeAdmins)
            user = changed
        }
    }
}

/// The demo logins of INTERFACES.md, password `demo`, for the demo only.
public enum DemoAccounts {
    public static let all: [(email: String, name: String, role: User.Role)] = [
        ("agent@demo.signaal.nl", "Sanne Bakker", .agent),
        ("lead@demo.signaal.nl", "Jeroen de Wit", .lead),
        ("admin@demo.signaal.nl", "Fatima el Amrani", .admin),
    ]

    /// Creates the accounts that do not exist yet; returns all three.
    @discardableResult
    public static func create(in store: any UserStore) async throws -> [(email: String, name: String, role: User.Role)] {
        let accounts = UserAccounts(store: store)
        for account in all where try await store.userWithPasswordHash(email: account.email) == nil {
            // "demo" is the documented demo password, shorter and easier than a real account may have.
            try await accounts.create(email: account.email, name: account.name, role: account.role, password: "demo", demoPassword: true)
        }
        return all
    }
}
