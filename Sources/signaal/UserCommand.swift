import ArgumentParser
import Foundation
import Logging
import SignaalApp
import SignaalDomain
import SignaalStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Beheer gebruikers.",
        subcommands: [Create.self, List.self, Deactivate.self, Activate.self, Role.self, Password.self, Unlock.self])

    /// The store for one command, shut down after; a rule the input broke becomes its Dutch message.
    static func withAccounts<T: Sendable>(
        _ database: DatabaseOption, _ body: (UserAccounts, any SignaalStore) async throws -> T
    ) async throws -> T {
        let config = try database.config()
        let store = try await openStore(config.database, logger: Logger(label: "signaal"))
        do {
            let result = try await body(UserAccounts(store: store), store)
            await store.shutdown()
            return result
        } catch let error as DomainError {
            await store.shutdown()
            throw CLIError(error.message)
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// `withAccounts` for one change to the account with this e-mail address.
    static func change(
        _ database: DatabaseOption, email: String, audit command: String, note: String? = nil, _ body: (UserAccounts, UserID) async throws -> User
    ) async throws -> User {
        try await withAccounts(database) { accounts, store in
            let user = try await body(accounts, try await accounts.user(email: email).id)
            await audit(store, command, id: user.id.description, note: note)
            return user
        }
    }

    /// What the operator changed goes in the audit log, as the same change on `/gebruikers` does:
    /// who was given admin rights at the command line must not leave less trace than on the web.
    static func audit(_ store: any SignaalStore, _ command: String, subject: AuditEntry.Subject = .user, id: String?, note: String? = nil) async {
        do {
            try await store.recordAudit(AuditEntry(
                at: Date(), userID: nil, action: .change, subject: subject, subjectID: id, detail: AuditEntry.commandLine(command, note: note)))
        } catch {
            FileHandle.standardError.write(Data("let op: de wijziging is gedaan, maar niet in het auditlog gekomen: \(StoreFactory.describe(error))\n".utf8))
        }
    }

    static func role(_ text: String) throws -> User.Role {
        guard let role = User.Role(rawValue: text) else { throw CLIError("--role '\(text)' bestaat niet; kies agent, lead of admin") }
        return role
    }

    /// The first line of stdin: a password typed or piped, never an argument (which `ps` and the shell's history show).
    static func password(example: String) throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError("geef het wachtwoord op stdin, bv. echo 'een-lang-wachtwoord' | signaal user \(example)")
        }
        return line
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Maak een gebruiker; het wachtwoord komt van stdin.")

        @Option(help: "E-mailadres (inlognaam).") var email: String
        @Option(help: "Naam zoals collega's die zien.") var name: String
        @Option(help: "agent, lead of admin.") var role: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let role = try UserCommand.role(self.role)
            let password = try UserCommand.password(example: "create …")
            let user = try await UserCommand.withAccounts(database) { accounts, store in
                let user = try await accounts.create(email: email, name: name, role: role, password: password)
                await UserCommand.audit(store, "user create", id: user.id.description, note: "rol: \(role.dutchName)")
                return user
            }
            print(user.id)
            // The id alone on stdout, for scripts; where it went on stderr, so a mistyped path shows.
            FileHandle.standardError.write(Data("gebruiker \(user.email) gemaakt in \(try database.config().database)\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Toon alle gebruikers: e-mailadres, naam, rol en of ze actief zijn (tab-gescheiden).")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let users = try await UserCommand.withAccounts(database) { _, store in try await store.users() }
            for user in users {
                print("\(user.email)\t\(user.name)\t\(user.role.rawValue)\t\(user.isActive ? "actief" : "inactief")")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Zet een gebruiker op inactief: direct uitgelogd, kan niet meer inloggen; open zaken blijven staan.")
        @Option(help: "E-mailadres van de gebruiker.") var email: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            // One store for both: the change and the open cases the leaver still owns.
            let (user, open) = try await UserCommand.withAccounts(database) { accounts, store in
                let user = try await accounts.setActive(false, of: try await accounts.user(email: email).id, by: .operator)
                await UserCommand.audit(store, "user deactivate", id: user.id.description)
                return (user, try await store.openCaseCounts()[user.id] ?? 0)
            }
            print("\(user.email) is inactief (\(try database.config().database))")
            if open > 0 { print("nog \(open) open \(open == 1 ? "zaak" : "zaken") op naam van \(user.name): draag ze over aan een collega") }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Zet een inactieve gebruiker weer op actief.")
        @Option(help: "E-mailadres van de gebruiker.") var email: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let user = try await UserCommand.change(database, email: email, audit: "user activate") { accounts, id in
                try await accounts.setActive(true, of: id, by: .operator)
            }
            print("\(user.email) is actief (\(try database.config().database))")
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Geef een gebruiker een andere rol.")
        @Option(help: "E-mailadres van de gebruiker.") var email: String
        @Option(help: "agent, lead of admin.") var role: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let role = try UserCommand.role(self.role)
            let user = try await UserCommand.change(database, email: email, audit: "user role", note: "nieuwe rol: \(role.dutchName)") { accounts, id in
                try await accounts.setRole(role, of: id, by: .operator)
            }
            print("\(user.email) is nu \(user.role.rawValue) (\(try database.config().database))")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stel een nieuw wachtwoord in; het komt van stdin.")
        @Option(help: "E-mailadres van de gebruiker.") var email: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let password = try UserCommand.password(example: "password --email …")
            let (user, wasLocked) = try await UserCommand.withAccounts(database) { accounts, store in
                let user = try await accounts.user(email: email)
                let locked = try await accounts.lockedMinutes(of: user) != nil
                try await accounts.setPassword(password, of: user.id)
                await UserCommand.audit(store, "user password", id: user.id.description)
                return (user, locked)
            }
            print("nieuw wachtwoord ingesteld voor \(user.email) (\(try database.config().database))")
            if wasLocked { print("de blokkade na te veel foute wachtwoorden is opgeheven: \(user.email) kan meteen inloggen") }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hef de blokkade op na te veel foute wachtwoorden (15 minuten); het wachtwoord blijft hetzelfde.")
        @Option(help: "E-mailadres van de gebruiker.") var email: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let (user, wasLocked) = try await UserCommand.withAccounts(database) { accounts, store in
                let user = try await accounts.user(email: email)
                let wasLocked = try await accounts.unlock(user.id)
                if wasLocked { await UserCommand.audit(store, "user unlock", id: user.id.description) }
                return (user, wasLocked)
            }
            print(
                wasLocked ? "\(user.email) is ontgrendeld en kan meteen inloggen (\(try database.config().database))"
                    : "\(user.email) was niet geblokkeerd (\(try database.config().database))")
        }
    }
}
