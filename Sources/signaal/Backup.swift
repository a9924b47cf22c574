import ArgumentParser
import Foundation
import SignaalApp
import SignaalStoreSQLite

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Maak een back-up van de SQLite-database, ook terwijl serve draait.",
        discussion: """
            Schrijft een nieuw, gecontroleerd bestand; een bestaand bestand wordt nooit overschreven. \
            Terugzetten: stop serve, zet het bestand op de plaats van de database (zonder de -wal en \
            -shm ernaast) en start serve weer. Voor PostgreSQL maakt pg_dump de back-up.
            """)

    @Argument(help: "Het nieuwe bestand, bv. backups/signaal-2026-12-05.sqlite.")
    var file: String

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let config = try database.config()
        switch config.database {
        case .sqliteFile(let path):
            let started = ContinuousClock.now
            let summary: SQLiteBackup.Summary
            do {
                summary = try SQLiteBackup.copy(from: path, to: file)
            } catch {
                throw CLIError("geen back-up gemaakt: \(error)")
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let dutch = { (value: Double) in String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") }
            print(
                "Back-up gemaakt: \(file) (\(summary.signals) \(summary.signals == 1 ? "signaal" : "signalen"), "
                    + "\(summary.customers) \(summary.customers == 1 ? "klant" : "klanten"), migratie \(summary.migration), "
                    + "\(dutch(Double(summary.bytes) / 1_048_576)) MB, in \(dutch(seconds)) s).")
        case .sqliteMemory:
            throw CLIError("een database in het geheugen (sqlite::memory:) heeft geen bestand om een back-up van te maken")
        case .postgres:
            throw CLIError(
                "voor PostgreSQL maakt pg_dump de back-up, bv.: pg_dump --format=custom --file=signaal.dump \"$DATABASE_URL\"")
        }
    }
}
