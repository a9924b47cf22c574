import ArgumentParser
import Foundation
import Logging
import SignaalApp
import SignaalStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pas de databasemigraties toe en stop.")

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let config = try database.config()
        let store = try await openStore(config.database, logger: Logger(label: "signaal"), creating: true)
        let versions = try await store.appliedMigrations()
        await store.shutdown()
        print("Database \(config.database) is bij: migratie \(versions.last ?? 0).")
    }
}

/// Opens and migrates the store, or stops with one clear line. Only `serve` and `migrate` make a
/// new SQLite file (`creating`); for the other commands a file that is not there is a mistyped
/// path, and an empty new database would take their work and report success.
func openStore(_ url: DatabaseURL, logger: Logger, creating: Bool = false) async throws -> any SignaalStore {
    if !creating, case .sqliteFile(let path) = url, !FileManager.default.fileExists(atPath: path) {
        throw CLIError("database \(path) bestaat niet; start eerst `signaal serve` of `signaal migrate`, of controleer het pad")
    }
    let store: any SignaalStore
    do {
        store = try await StoreFactory.open(url, logger: logger)
    } catch {
        throw CLIError("kan de database \(url) niet openen: \(StoreFactory.describe(error))")
    }
    do {
        try await store.migrate()
    } catch {
        await store.shutdown()
        throw CLIError("migratie van \(url) mislukt: \(StoreFactory.describe(error))")
    }
    return store
}
