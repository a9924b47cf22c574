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

    /// Counts this attempt before its password is checked and returns the minutes until the next
    /// one is allowed when it is one too many, else nil. Counted first and in one step, so that
    /// guesses sent all at once cannot each pass the check while the others are still being
    /// verified; a right password resets the count.
    func admit(email: String, now: Date) async throws -> Int? {
        let data = try await store.updateValue(forKey: key(email), now: now) { current in
            var failures = current.flatMap { try? JSONDecoder().decode(Failures.self, from: $0) } ?? Failures(count: 0, firstAt: now)
            failures.count += 1
            return ((try? JSONEncoder().encode(failures)) ?? Data(), failures.firstAt.addingTimeInterval(Self.window))
        }
        guard let failures = try? JSONDecoder().decode(Failures.self, from: data), failures.count > Self.maximumFailures else {
            return nil
        }
        return Self.minutesLeft(failures, now: now)
    }

    func reset(email: String) async throws {
        try await store.removeValue(forKey: key(email))
    }

    /// The minutes until `email` may try again when it is locked now, else nil: the next attempt
    /// would be one too many.
    func lockedMinutes(email: String, now: Date) async throws -> Int? {
        guard let data = try await store.value(forKey: key(email), now: now),
            let failures = try? JSONDecoder().decode(Failures.self, from: data), failures.count >= Self.maximumFailures
        else { return nil }
        return failures.firstAt.addingTimeInterval(Self.window) > now ? Self.minutesLeft(failures, now: now) : nil
    }

    /// Whole minutes, rounded up, until the window of `failures` ends; at least 1.
    private static func minutesLeft(_ failures: Failures, now: Date) -> Int {
        let remaining = failures.firstAt.addingTimeInterval(window).timeIntervalSince(now)
        return max(1, Int((remaining / 60).rounded(.up)))
    }
}
