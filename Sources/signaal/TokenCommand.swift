import ArgumentParser
import Foundation
import Logging
import SignaalApp
import SignaalDomain

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Beheer API-tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Maak een API-token en toon het één keer (alleen het token op stdout).")
        @Option(help: "Waarvoor het token is, bv. 'koppeling CRM'.") var name: String
        @Option(help: "Na hoeveel dagen het token niet meer werkt (1 tot 3650); zonder: tot het wordt ingetrokken.")
        var expiresInDays: Int?
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let config = try database.config()
            let store = try await openStore(config.database, logger: Logger(label: "signaal"))
            do {
                let (token, secret) = try await APITokens(store: store).create(name: name, lifetimeDays: expiresInDays)
                await UserCommand.audit(store, "token create", subject: .other, id: nil, note: "‘\(token.name)’ (\(token.id))")
                await store.shutdown()
                print(secret)
                FileHandle.standardError.write(Data("token \(token.id) '\(token.name)' gemaakt in \(config.database); bewaar het nu, het wordt niet opnieuw getoond.\n".utf8))
            } catch let error as DomainError {
                await store.shutdown()
                throw CLIError(error.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Toon alle tokens (zonder geheim).")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let config = try database.config()
            let store = try await openStore(config.database, logger: Logger(label: "signaal"))
            let tokens = try await store.tokens()
            await store.shutdown()
            for token in tokens {
                let now = Date()
                let state =
                    if let revokedAt = token.revokedAt {
                        "ingetrokken \(revokedAt.formatted(.iso8601))"
                    } else if let expiresAt = token.expiresAt {
                        token.hasExpired(at: now) ? "verlopen \(expiresAt.formatted(.iso8601))" : "actief tot \(expiresAt.formatted(.iso8601))"
                    } else {
                        "actief"
                    }
                print("\(token.id)\t\(token.name)\t\(token.createdAt.formatted(.iso8601))\t\(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trek een token in; het werkt direct niet meer.")
        @Argument(help: "Het id van het token (zie 'signaal token list').") var id: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            guard let tokenID = APITokenID(id) else { throw CLIError("'\(id)' is geen token-id") }
            let config = try database.config()
            let store = try await openStore(config.database, logger: Logger(label: "signaal"))
            let revoked = try await store.revokeToken(id: tokenID, at: Date())
            if revoked { await UserCommand.audit(store, "token revoke", subject: .other, id: nil, note: "\(tokenID)") }
            await store.shutdown()
            guard revoked else { throw CLIError("geen token met id \(id)") }
            print("token \(id) ingetrokken")
        }
    }
}
