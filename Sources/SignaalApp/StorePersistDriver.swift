import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore

/// Keeps web sessions in the database, so they survive a restart and are shared by every
/// instance on one PostgreSQL.
struct StorePersistDriver: PersistDriver {
    let store: any KeyValueStore
    let clock: @Sendable () -> Date

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await store.createValue(try JSONEncoder().encode(value), forKey: key, expiresAt: expiry(expires))
        } catch DomainError.conflict {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.setValue(try JSONEncoder().encode(value), forKey: key, expiresAt: expiry(expires))
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let data = try await store.value(forKey: key, now: clock()) else { return nil }
        return try? JSONDecoder().decode(Object.self, from: data)
    }

    func remove(key: String) async throws {
        try await store.removeValue(forKey: key)
    }

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { clock().addingTimeInterval(Double($0.components.seconds)) }
    }
}
