import ArgumentParser
import Foundation
import SignaalApp

@main
struct Signaal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signaal",
        abstract: "Signaal — webcare en klachtafhandeling. Elk klantsignaal telt.",
        subcommands: [
            Serve.self, Migrate.self, UserCommand.self, TokenCommand.self, Analyze.self, Eval.self, Train.self, IngestEmail.self,
            IngestStream.self, ImportCommand.self, Coach.self, CoachEval.self, Backup.self,
        ])
}

/// Options shared by every command that touches the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "sqlite://PAD, sqlite::memory: of postgres://gebruiker:wachtwoord@host:poort/db (wint van DATABASE_URL).")
    var database: String?

    /// The configuration from the environment, with this flag on top; all problems in one message.
    func config() throws -> AppConfig {
        var environment = ProcessInfo.processInfo.environment
        if let database { environment["DATABASE_URL"] = database }
        do {
            return try AppConfig(environment: environment)
        } catch {
            throw CLIError("ongeldige configuratie: \(error.description)")
        }
    }
}

/// A one-line message for stderr and a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
