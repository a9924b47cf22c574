import Foundation
import SignaalStore
import Synchronization

/// Limits wrong passwords, so a password can neither be guessed nor sprayed over many accounts,
/// without letting a stranger lock an agent out: the lock after a few wrong passwords falls on the
/// client (its address, as `Request.clientAddress` reads it) that typed them for that account, so
/// the agent signing in from elsewhere still gets in. Three counts, each over 15 minutes from its
/// first failure:
/// - one account from one client: the 6th attempt after 5 failures is refused;
/// - one client over all accounts: after 20 failures, whatever account it tries next;
/// - one account from all clients: after 50 failures, a backstop against many clients at once.
/// Kept in the database, so every app instance sees the same counts.
struct SignInGuard: Sendable {
    let store: any KeyValueStore

    static let maximumFailures = 5
    static let maximumClientFailures = 20
    static let maximumAccountFailures = 50
    static let window: TimeInterval = 15 * 60
    /// Clients remembered per account: enough for the backstop's count, so a record stays small.
    private static let maximumClients = 2 * maximumAccountFailures

    private struct Failures: Codable {
        var count: Int
        var firstAt: Date

        func live(_ now: Date) -> Bool { firstAt.addingTimeInterval(SignInGuard.window) > now }
    }

    /// An account's failures: per client, and over all clients (the backstop).
    private struct AccountFailures: Codable {
        var clients: [String: Failures] = [:]
        var total: Failures?

        mutating func prune(_ now: Date) {
            clients = clients.filter { $0.value.live(now) }
            if let total, !total.live(now) { self.total = nil }
        }

        var expiresAt: Date? {
            (clients.values.map(\.firstAt) + [total?.firstAt].compactMap { $0 }).max()?.addingTimeInterval(SignInGuard.window)
        }

        /// The failures that lock `client` (any client when nil) out of this account now.
        func lock(for client: String?) -> Failures? {
            if let total, total.count >= SignInGuard.maximumAccountFailures { return total }
            if let client { return clients[client].flatMap { $0.count >= SignInGuard.maximumFailures ? $0 : nil } }
            return clients.values.filter { $0.count >= SignInGuard.maximumFailures }.max { $0.firstAt < $1.firstAt }
        }
    }

    private func accountKey(_ email: String) -> String { "signin-failures:" + email.lowercased() }
    private func clientKey(_ client: String) -> String { "signin-client:" + client }

    /// Counts this attempt of `client` on `email` before its password is checked and returns the
    /// minutes until the next one is allowed when it is one too many, else nil. Counted first and
    /// in one step, so that guesses sent all at once cannot each pass the check while the others are
    /// still being verified; an attempt refused is not counted, so hammering on a lock does not
    /// lengthen it or push the account towards the backstop. A right password (`succeeded`) takes
    /// its own count back.
    func admit(email: String, client: String, now: Date) async throws -> Int? {
        let refusedByClient = Outcome<Failures?>(nil)
        _ = try await store.updateValue(forKey: clientKey(client), now: now) { current in
            var failures = Self.decoded(Failures.self, current).flatMap { $0.live(now) ? $0 : nil } ?? Failures(count: 0, firstAt: now)
            if failures.count >= Self.maximumClientFailures {
                refusedByClient.set(failures)
            } else {
                failures.count += 1
            }
            return (Self.encoded(failures), failures.firstAt.addingTimeInterval(Self.window))
        }
        if let failures = refusedByClient.value { return Self.minutesLeft(failures.firstAt, now: now) }

        let refusedForAccount = Outcome<Failures?>(nil)
        _ = try await store.updateValue(forKey: accountKey(email), now: now) { current in
            var account = Self.decoded(AccountFailures.self, current) ?? AccountFailures()
            account.prune(now)
            if let lock = account.lock(for: client) {
                refusedForAccount.set(lock)
            } else {
                account.total = Failures(count: (account.total?.count ?? 0) + 1, firstAt: account.total?.firstAt ?? now)
                if let known = account.clients[client] {
                    account.clients[client]?.count = known.count + 1
                } else if account.clients.count < Self.maximumClients {
                    account.clients[client] = Failures(count: 1, firstAt: now)
                }
            }
            return (Self.encoded(account), account.expiresAt)
        }
        guard let lock = refusedForAccount.value else { return nil }
        // Not tried, so not counted against the client either.
        try await uncount(client: client, by: 1, now: now)
        return Self.minutesLeft(lock.firstAt, now: now)
    }

    /// A right password from `client`: its earlier failures on this account are forgiven, and so
    /// is this attempt, counted on admission. The client's failures on other accounts stay.
    func succeeded(email: String, client: String, now: Date) async throws {
        let forgiven = Outcome(1)
        _ = try await store.updateValue(forKey: accountKey(email), now: now) { current in
            var account = Self.decoded(AccountFailures.self, current) ?? AccountFailures()
            account.prune(now)
            let count = account.clients.removeValue(forKey: client)?.count ?? 1
            forgiven.set(count)
            if var total = account.total {
                total.count = max(0, total.count - count)
                account.total = total.count > 0 ? total : nil
            }
            return (Self.encoded(account), account.expiresAt ?? now)
        }
        try await uncount(client: client, by: forgiven.value, now: now)
    }

    private func uncount(client: String, by count: Int, now: Date) async throws {
        _ = try await store.updateValue(forKey: clientKey(client), now: now) { current in
            guard var failures = Self.decoded(Failures.self, current), failures.live(now) else { return (Data(), now) }
            failures.count = max(0, failures.count - count)
            return (Self.encoded(failures), failures.firstAt.addingTimeInterval(Self.window))
        }
    }

    /// Lifts every lock on the account (an admin's unlock, a new password): from every client,
    /// and the backstop. The failures on this account are forgiven in each client's count over all
    /// accounts too, as a right password forgives them: an office behind one address whose
    /// colleagues' typos neared that client's limit is not kept out after the admin has helped.
    /// The client's failures on other accounts stay.
    func reset(email: String, now: Date) async throws {
        let removed = Outcome<AccountFailures?>(nil)
        _ = try await store.updateValue(forKey: accountKey(email), now: now) { current in
            removed.set(Self.decoded(AccountFailures.self, current))
            return (Data(), now)  // expired at once: gone
        }
        guard var account = removed.value else { return }
        account.prune(now)
        for (client, failures) in account.clients {
            try await uncount(client: client, by: failures.count, now: now)
        }
    }

    /// The minutes until `email` may try again from the client that is locked out longest, when one
    /// is (or every client is, past the backstop), else nil.
    func lockedMinutes(email: String, now: Date) async throws -> Int? {
        let stored = try await store.value(forKey: accountKey(email), now: now)
        guard var account = Self.decoded(AccountFailures.self, stored) else { return nil }
        account.prune(now)
        return account.lock(for: nil).map { Self.minutesLeft($0.firstAt, now: now) }
    }

    /// Whole minutes, rounded up, until the window begun at `firstAt` ends; at least 1.
    private static func minutesLeft(_ firstAt: Date, now: Date) -> Int {
        let remaining = firstAt.addingTimeInterval(window).timeIntervalSince(now)
        return max(1, Int((remaining / 60).rounded(.up)))
    }

    private static func decoded<T: Decodable>(_ type: T.Type, _ data: Data?) -> T? {
        data.flatMap { try? JSONDecoder().decode(type, from: $0) }
    }

    private static func encoded(_ value: some Encodable) -> Data { (try? JSONEncoder().encode(value)) ?? Data() }
}

/// What a change made inside the store's transaction decided, read once it is done.
private final class Outcome<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    init(_ value: Value) { state = Mutex(value) }
    func set(_ value: Value) { state.withLock { $0 = value } }
    var value: Value { state.withLock { $0 } }
}
