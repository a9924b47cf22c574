import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SignaalApp
import SignaalServices

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migreer de database en start de webapp en de API.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Adres om op te luisteren (wint van HOST).") var host: String?
    @Option(help: "Poort (wint van PORT).") var port: Int?
    @Flag(help: "Laad eerst de demodata in een lege database en toon de demo-logins.") var demo = false

    func run() async throws {
        var config = try database.config()
        if let host { config.host = host }
        if let port {
            guard (1...65535).contains(port) else { throw CLIError("--port \(port) is geen poortnummer (1-65535)") }
            config.port = port
        }
        var logger = Logger(label: "signaal")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let store = try await openStore(config.database, logger: logger)
        let analyzer = config.makeAnalyzer()
        if demo {
            try await DemoSetup.run(store: store, analyzer: analyzer)
        }
        let app = try await buildApplication(
            configuration: config, dependencies: .init(store: store, logger: logger, analyzer: analyzer))
        logger.info("Signaal luistert op http://\(config.host):\(config.port) (database: \(config.database))")
        do {
            try await app.runService()
        } catch {
            await store.shutdown()
            throw CLIError("de server stopte: \(error)")
        }
        await store.shutdown()
    }
}

enum DemoSetup {
    static func run(store: any SignaalStore, analyzer: DutchTextAnalyzer) async throws {
        let accounts = try await DemoAccounts.create(in: store)
        let stored = try await LoadDemoData(store: store, analyzer: analyzer)(DemoData.bundled())
        if let stored {
            print("Demodata geladen: \(stored) signalen.")
        } else {
            print("De database bevat al signalen: demodata niet opnieuw geladen.")
        }
        print("Demo-logins (wachtwoord 'demo', alleen voor de demo):")
        for account in accounts { print("  \(account.email)  (\(account.role.dutchName))") }
    }
}
