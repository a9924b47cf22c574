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
        let store = try await openStore(config.database, logger: Logger(label: "signaal"))
        let versions = try await store.appliedMigrations()
        await store.shutdown()
        print("Database \(config.database) is bij: migratie \(versions.last ?? 0).")
    }
}

/// Opens and migrates the store, or stops with one clear line.
func openStore(_ url: DatabaseURL, logger: Logger) async throws -> any SignaalStore {
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
