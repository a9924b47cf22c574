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
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "geheim123")
            for _ in 0..<4 {
                #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout").0 == .unauthorized)
            }
            // A success before the limit starts the count again.
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "geheim123").1 != nil)
            for _ in 0..<5 {
                #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "fout").0 == .unauthorized)
            }
            let (status, session) = try await WebTests.signIn(client, email: "Agent@Example.nl", password: "geheim123")
            #expect(status == .tooManyRequests)
            #expect(session == nil)
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)

            clock.advance(15 * 60 + 1)
            let (later, laterSession) = try await WebTests.signIn(client, email: "agent@example.nl", password: "geheim123")
            #expect(later == .found)
            #expect(laterSession != nil)
        }
    }

    @Test("guesses sent all at once are counted before their passwords are checked: only five are tried", arguments: TestDatabase.all)
    func parallelGuesses(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "geheim123")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<12 {
                    group.addTask { try await WebTests.signIn(client, email: "agent@example.nl", password: "gok\(index)").0 }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7, "\(statuses)")
            #expect(try await WebTests.signIn(client, email: "agent@example.nl", password: "geheim123").0 == .tooManyRequests)
        }
    }
}
