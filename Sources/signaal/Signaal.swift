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

    /// As ArgumentParser runs a command, but our own refusals say "Fout:" in the product's language
    /// instead of "Error:"; usage mistakes and help keep ArgumentParser's own texts, except an import
    /// format there is none for (`ImportCommand.unsupportedFormat`).
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if let refusal = ImportCommand.unsupportedFormat(Array(CommandLine.arguments.dropFirst())) {
                FileHandle.standardError.write(Data("Fout: \(refusal.description)\n".utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
        do {
            var command = command
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("Fout: \(error.description)\n".utf8))
            Foundation.exit(1)
        } catch let error as DomainError {
            FileHandle.standardError.write(Data("Fout: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

/// Options shared by every command that touches the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "sqlite://PAD, sqlite::memory: of postgres://gebruiker:wachtwoord@host:poort/db (wint van DATABASE_URL).")
    var database: String?

    /// The configuration from the environment, with this flag on top; all problems in one message.
    func config() throws -> AppConfig {
        var environment = ProcessInfo.processInfo.environment
        var problems: [String] = []
        var flagged: DatabaseURL?
        if let database {
            // The flag wins, so a DATABASE_URL it overrides is not judged, and a bad flag is named as the flag.
            environment.removeValue(forKey: "DATABASE_URL")
            do throws(ConfigurationError) {
                flagged = try DatabaseURL(parsing: database, name: "--database")
            } catch {
                problems.append(error.description)
            }
        }
        var config: AppConfig?
        do throws(ConfigurationErrors) {
            config = try AppConfig(environment: environment)
        } catch {
            problems.append(error.description)
        }
        guard problems.isEmpty, var config else { throw CLIError("ongeldige configuratie: \(problems.joined(separator: "; "))") }
        if let flagged { config.database = flagged }
        return config
    }
}

/// A one-line message for stderr and a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
