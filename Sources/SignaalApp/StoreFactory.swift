import Foundation
import Logging
import SignaalStore
import SignaalStorePostgres
import SignaalStoreSQLite

/// Opens the store a `DatabaseURL` names.
public enum StoreFactory {
    public static func open(_ url: DatabaseURL, logger: Logger = Logger(label: "signaal.store")) async throws -> any SignaalStore {
        switch url {
        case .sqliteFile(let path):
            return try SQLiteStore(path: path)
        case .sqliteMemory:
            return try SQLiteStore(path: nil)
        case .postgres(let endpoint):
            return try await PostgresStore.connect(to: endpoint, logger: logger)
        }
    }
}

extension StoreFactory {
    /// One line about a database error that a person can act on.
    public static func describe(_ error: any Error) -> String {
        let text = String(reflecting: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") {
            return "verbinding geweigerd (draait de databaseserver en klopt de poort?)"
        }
        if text.contains("28P01") || text.contains("password authentication failed") {
            return "gebruikersnaam of wachtwoord geweigerd"
        }
        if text.contains("3D000") { return "deze database bestaat niet" }
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine
    }
}
