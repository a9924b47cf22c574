import Foundation
import SignaalStore

/// Locks an account's sign-in for a while after repeated wrong passwords, so a password cannot
/// be guessed. Kept in the database, so every app instance sees the same count.
struct SignInGuard: Sendable {
    let store: any KeyValueStore

    static let maximumFailures = 5
    static let window: TimeInterval = 15 * 60

    private struct Failures: Codable {
        var count: Int
        var firstAt: Date
    }

    private func key(_ email: String) -> String { "signin-failures:" + email.lowercased() }

    private func failures(_ email: String, now: Date) async throws -> Failures? {
        guard let data = try await store.value(forKey: key(email), now: now) else { return nil }
        return try? JSONDecoder().decode(Failures.self, from: data)
    }

    /// Minutes until the next try is allowed, or nil when the account is not locked.
    func lockedMinutes(email: String, now: Date) async throws -> Int? {
        guard let failures = try await failures(email, now: now), failures.count >= Self.maximumFailures else { return nil }
        let remaining = failures.firstAt.addingTimeInterval(Self.window).timeIntervalSince(now)
        return remaining > 0 ? Int((remaining / 60).rounded(.up)) : nil
    }

    func recordFailure(email: String, now: Date) async throws {
        var current = try await failures(email, now: now) ?? Failures(count: 0, firstAt: now)
        current.count += 1
        try await store.setValue(
            try JSONEncoder().encode(current), forKey: key(email), expiresAt: current.firstAt.addingTimeInterval(Self.window))
    }

    func reset(email: String) async throws {
        try await store.removeValue(forKey: key(email))
    }
}
