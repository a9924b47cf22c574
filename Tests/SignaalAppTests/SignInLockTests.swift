import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SignaalApp
import SignaalStoreTesting
import Testing

@Suite("Web: sign-in is locked after repeated wrong passwords")
struct SignInLockTests {
    @Test("five wrong passwords lock the account for 15 minutes, even for the right one; a success resets the count", arguments: TestDatabase.all)
    func lockOut(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withApp(database, clock: { clock.date }) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            for _ in 0..<4 {
                #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout").0 == .unauthorized)
            }
            // A success before the limit starts the count again.
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47").1 != nil)
            for _ in 0..<5 {
                #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout").0 == .unauthorized)
            }
            let (status, session) = try await WebTests.signIn(client, email: "Agent@Example.nl", password: "Vlinder-kade-47")
            #expect(status == .tooManyRequests)
            #expect(session == nil)
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)

            clock.advance(15 * 60 + 1)
            let (later, laterSession) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            #expect(later == .found)
            #expect(laterSession != nil)
        }
    }

    /// The app behind a trusted proxy, which names each client in `X-Forwarded-For`.
    static var proxied: AppConfig {
        var configuration = AppConfig.forTests
        configuration.trustProxy = true
        return configuration
    }

    @Test("wrong passwords from one client lock that client out of the account, not the agent signing in from elsewhere",
          arguments: TestDatabase.all)
    func lockFallsOnTheClient(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.proxied) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            for _ in 0..<5 {
                #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout", from: "203.0.113.9").0 == .unauthorized)
            }
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "203.0.113.9").0 == .tooManyRequests)
            let (status, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "198.51.100.7")
            #expect(status == .found)
            #expect(session != nil)
            // Her success elsewhere does not let the other client guess on.
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout", from: "203.0.113.9").0 == .tooManyRequests)
        }
    }

    @Test("one client that tries many accounts is refused after 20 wrong passwords, whatever account it tries next",
          arguments: TestDatabase.all)
    func sprayingIsLimitedPerClient(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.proxied) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            for index in 0..<19 {
                #expect(try await WebTests.signIn(client, email: "collega\(index)@example.nl", password: "Welkom01", from: "203.0.113.9").0 == .unauthorized)
            }
            // A right password from the same client forgives its own attempt, not the other accounts' failures.
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "203.0.113.9").0 == .found)
            #expect(try await WebTests.signIn(client, email: "collega19@example.nl", password: "Welkom01", from: "203.0.113.9").0 == .unauthorized)
            #expect(try await WebTests.signIn(client, email: "collega20@example.nl", password: "Welkom01", from: "203.0.113.9").0 == .tooManyRequests)
            let locked = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "203.0.113.9")
            #expect(locked.0 == .tooManyRequests)
            #expect(locked.1 == nil)
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "198.51.100.7").0 == .found)
        }
    }

    @Test("50 wrong passwords for one account from many clients lock it everywhere, until an admin lifts it", arguments: TestDatabase.all)
    func backstopAgainstManyClients(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.proxied) { client, store, _ in
            let anna = try await UserAccounts.forTests(store).create(
                email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            for attempt in 0..<50 {
                let status = try await WebTests.signIn(client, email: "agent@example.nl", password: "gok\(attempt)", from: "192.0.2.\(attempt / 4)").0
                #expect(status == .unauthorized, "attempt \(attempt)")
            }
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "198.51.100.7").0 == .tooManyRequests)
            #expect(try await UserAccounts.forTests(store).unlock(anna.id))
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: "198.51.100.7").0 == .found)
        }
    }

    @Test("an office behind one address at its 20-failure limit: an admin's unlock of a colleague forgives her failures there too, not the others'",
          arguments: TestDatabase.all)
    func unlockForgivesTheAccountsFailuresPerClient(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.proxied) { client, store, _ in
            let anna = try await UserAccounts.forTests(store).create(
                email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let office = "203.0.113.50"
            for index in 0..<16 {
                #expect(try await WebTests.signIn(client, email: "collega\(index)@example.nl", password: "Welkom01", from: office).0 == .unauthorized)
            }
            for _ in 0..<4 {
                #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout", from: office).0 == .unauthorized)
            }
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: office).0 == .tooManyRequests)

            // check: the admin's unlock lets her in from the office at once
            _ = try await UserAccounts.forTests(store).unlock(anna.id)
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47", from: office).0 == .found)
            // check: the office's failures on other accounts still count: four more reach the limit again
            for index in 16..<20 {
                #expect(try await WebTests.signIn(client, email: "collega\(index)@example.nl", password: "Welkom01", from: office).0 == .unauthorized)
            }
            #expect(try await WebTests.signIn(client, email: "collega20@example.nl", password: "Welkom01", from: office).0 == .tooManyRequests)
        }
    }

    @Test("guesses sent all at once are counted before their passwords are checked: only five are tried", arguments: TestDatabase.all)
    func parallelGuesses(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<12 {
                    group.addTask { try await WebTests.signIn(client, email: "agent@example.nl", password: "gok\(index)").0 }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7, "\(statuses)")
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47").0 == .tooManyRequests)
        }
    }

    @Test("an admin lifts a lock on /gebruikers, with the button or by setting a new password; both are in the audit log", arguments: TestDatabase.all)
    func adminUnlocks(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let anna = try await UserAccounts.forTests(store).create(email: "anna@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let (fatima, admin) = try await UsersWebTests.fatima(client, store)
            func lockOut() async throws {
                for _ in 0..<5 { _ = try await WebTests.signIn(client, email: "anna@example.nl", password: "fout") }
                #expect(try await WebTests.signIn(client, email: "anna@example.nl", password: "Vlinder-kade-47").0 == .tooManyRequests)
            }
            try await lockOut()
            let page = try await UsersWebTests.page(client, "/gebruikers", cookie: admin).text
            #expect(page.contains("geblokkeerd na te veel foute wachtwoorden (nog 15 min)"), "\(page)")
            #expect(page.contains("action=\"/gebruikers/\(anna.id)/ontgrendelen\""))
            let csrf = try TeamsWebTests.csrf(in: page)
            let unlocked = try await CaseActionsTests.post(client, "/gebruikers/\(anna.id)/ontgrendelen", cookie: admin, ["csrf": csrf])
            #expect(unlocked.status == .seeOther)
            #expect(!(try await UsersWebTests.page(client, "/gebruikers", cookie: admin).text.contains("geblokkeerd")))
            #expect(try await WebTests.signIn(client, email: "anna@example.nl", password: "Vlinder-kade-47").0 == .found)

            // Locked again: a new password set by the admin lets her in with it at once.
            try await lockOut()
            let reset = try await CaseActionsTests.post(
                client, "/gebruikers/\(anna.id)/wachtwoord", cookie: admin, ["csrf": csrf, "password": "nieuw-wachtwoord"])
            #expect(reset.status == .seeOther)
            #expect(try await WebTests.signIn(client, email: "anna@example.nl", password: "nieuw-wachtwoord").0 == .found)
            let audit = try await store.auditEntries(.subject(anna.id.description), before: nil, limit: 10)
            #expect(audit.contains { $0.detail.hasSuffix("/ontgrendelen") && $0.userID == fatima.id && $0.action == .change }, "\(audit)")
            #expect(audit.contains { $0.detail.hasSuffix("/wachtwoord") && $0.userID == fatima.id }, "\(audit)")
        }
    }

    @Test("signaal user unlock and user password lift the lock, and say so")
    func unlockFromTheCommandLine() async throws {
        let location = try await TestDatabaseLocation.make(.sqlite)
        defer { Task { await location.destroy() } }
        let database = try #require(location.sqliteURL)
        /// Signs in on the app over this database, as the web would: the status of each try.
        func signIn(_ password: String, times: Int = 1) async throws -> HTTPResponse.Status {
            let store = try await location.open()
            let app = try await buildApplication(configuration: .forTests, dependencies: .init(store: store))
            let last = try await app.test(.router) { client in
                var last = HTTPResponse.Status.ok
                for _ in 0..<times { last = try await WebTests.signIn(client, email: "anna@example.nl", password: password).0 }
                return last
            }
            await store.shutdown()
            return last
        }
        let setup = try await location.open()
        try await UserAccounts.forTests(setup).create(email: "anna@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
        await setup.shutdown()

        #expect(try await signIn("fout", times: 6) == .tooManyRequests)
        let unlocked = try await CLI.run(["user", "unlock", "--email", "Anna@example.nl", "--database", database])
        #expect(unlocked.status == 0, "\(unlocked.stderr)")
        #expect(unlocked.stdout.contains("anna@example.nl is ontgrendeld en kan meteen inloggen"), "\(unlocked.stdout)")
        #expect(try await signIn("Vlinder-kade-47") == .found)
        let notLocked = try await CLI.run(["user", "unlock", "--email", "anna@example.nl", "--database", database])
        #expect(notLocked.stdout.contains("anna@example.nl was niet geblokkeerd"), "\(notLocked.stdout)")

        #expect(try await signIn("fout", times: 6) == .tooManyRequests)
        let password = try await CLI.run(["user", "password", "--email", "anna@example.nl", "--database", database], input: "nieuw-wachtwoord\n")
        #expect(password.status == 0, "\(password.stderr)")
        #expect(password.stdout.contains("de blokkade na te veel foute wachtwoorden is opgeheven"), "\(password.stdout)")
        #expect(try await signIn("nieuw-wachtwoord") == .found)
        let unknown = try await CLI.run(["user", "unlock", "--email", "niemand@example.nl", "--database", database])
        #expect(unknown.status != 0 && unknown.stderr.contains("niemand@example.nl bestaat niet"), "\(unknown.stderr)")
    }
}
