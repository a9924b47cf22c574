import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStore
import SignaalStoreTesting
import Testing

/// PostgreSQL ends the connections of requests in flight (a restart, a failover): a person gets a
/// page that says so, still signed in; the API its problem+json; nothing is half-written.
@Suite("A database that drops its connections mid-request")
struct DatabaseOutageWebTests {
    /// The app on a fresh PostgreSQL schema with a signed-in agent's session cookie.
    static func withOutageApp(
        _ body: @Sendable (any TestClientProtocol, any SignaalStore, TestDatabaseLocation, String, String) async throws -> Void
    ) async throws {
        let location = try await TestDatabaseLocation.make(.postgres)
        let store = try await location.open()
        do {
            let (_, token) = try await APITokens(store: store).create(name: "outage")
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let app = try await buildApplication(configuration: .forTests, dependencies: .init(store: store))
            try await app.test(.router) { client in
                let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
                try await body(client, store, location, try #require(session), token)
            }
        } catch {
            await store.shutdown()
            await location.destroy()
            throw error
        }
        await store.shutdown()
        await location.destroy()
    }

    /// Sends `request` while `table` is locked, and ends its backend once it waits there. The lock
    /// is let go whatever happens: a request that never answers fails the test, not the whole run.
    static func duringDrop(
        _ location: TestDatabaseLocation, table: String, _ request: @escaping @Sendable () async throws -> TestResponse
    ) async throws -> (TestResponse, Duration) {
        let lock = try await location.holdLock(on: table)
        let started = ContinuousClock.now
        let sent = Task { try await request() }
        do {
            try await lock.waitForBlocked()
            try await lock.terminateBlocked()
            let response = try await answer(within: .seconds(30)) { try await sent.value }
            let took = ContinuousClock.now - started
            await lock.release()
            return (response, took)
        } catch {
            await lock.release()
            throw error
        }
    }

    @Test(
        "a signed-in agent's page whose session read is cut off gets 503 with Retry-After and a page that says they are still signed in, in Dutch and English",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func pageDuringDrop(database: TestDatabase) async throws {
        try await Self.withOutageApp { client, _, location, cookie, _ in
            for (uri, sentence) in [
                ("/", "De database is even niet bereikbaar; probeer het over een minuut opnieuw. U bent niet uitgelogd."),
                ("/?lang=en", "The database cannot be reached just now; please try again in a minute. You have not been signed out."),
            ] {
                let (page, took) = try await Self.duringDrop(location, table: "kv") {
                    try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie, .accept: "text/html"])
                }
                #expect(page.status == .serviceUnavailable, "\(uri): \(page.status) \(page.headers[.location] ?? "")")
                #expect(page.headers[.retryAfter] == "60")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.text.contains(sentence), "\(page.text.prefix(300))")
                #expect(took < .seconds(10))
            }
            // check: the session was never lost; once the database answers the inbox opens as before
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie, .accept: "text/html"])
            #expect(inbox.status == .ok)
        }
    }

    @Test(
        "the sign-in form sent while the database drops its connection gets the outage page (503, Retry-After), not problem+json",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func loginDuringDrop(database: TestDatabase) async throws {
        try await Self.withOutageApp { client, _, location, _, _ in
            let page = try await client.execute(uri: "/login", method: .get)
            let loginCookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let start = try #require(page.text.range(of: "name=\"csrf\" value=\"")).upperBound
            let csrf = String(page.text[start...].prefix { $0 != "\"" })
            let form = "email=agent@example.nl&password=Vlinder-kade-47&csrf=\(csrf)&next=%2F"
            let (response, _) = try await Self.duringDrop(location, table: "kv") {
                try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: loginCookie, .accept: "text/html,application/xhtml+xml"],
                    body: ByteBuffer(string: form))
            }
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "60")
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(response.headers[.contentType] ?? "")")
            #expect(response.text.contains("De database is even niet bereikbaar"), "\(response.text.prefix(300))")
        }
    }

    @Test(
        "an API intake whose connection is ended mid-request gets 503 problem+json with Retry-After at once, and nothing is stored",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func apiDuringDrop(database: TestDatabase) async throws {
        try await Self.withOutageApp { client, store, location, _, token in
            let input = body(["channel": "email", "author": ["email": "wegval@example.nl"], "text": "Valt de verbinding weg?"])
            let (response, took) = try await Self.duringDrop(location, table: "signals") {
                try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: input)
            }
            try expectProblem(response, .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "60")
            #expect(took < .seconds(10))
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
        }
    }
}
