import ArgumentParser
import Foundation
import Logging
import SignaalApp
import SignaalDomain

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Beheer gebruikers.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Maak een gebruiker; het wachtwoord komt van stdin.")

        @Option(help: "E-mailadres (inlognaam).") var email: String
        @Option(help: "Naam zoals collega's die zien.") var name: String
        @Option(help: "agent, lead of admin.") var role: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            guard let role = User.Role(rawValue: role) else {
                throw CLIError("--role '\(role)' bestaat niet; kies agent, lead of admin")
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("geef het wachtwoord op stdin, bv. echo 'geheim' | signaal user create …")
            }
            let config = try database.config()
            let store = try await openStore(config.database, logger: Logger(label: "signaal"))
            defer { Task { await store.shutdown() } }
            do {
                let user = try await UserAccounts(store: store).create(email: email, name: name, role: role, password: line)
                print(user.id)
            } catch let error as DomainError {
                throw CLIError(error.message)
            }
        }
    }
}
