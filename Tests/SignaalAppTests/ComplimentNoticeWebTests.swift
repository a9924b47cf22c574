import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: a compliment reaches the colleague it is about on their inbox")
struct ComplimentNoticeWebTests {
    static func session(_ client: any TestClientProtocol, email: String) async throws -> (String, String) {
        let cookie = try #require(try await WebTests.signIn(client, email: email, password: "Vlinder-kade-47").1)
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
        let start = try #require(page.range(of: "name=\"csrf\" value=\"")).upperBound
        return (cookie, String(page[start...].prefix { $0 != "\"" }))
    }

    /// The inbox's compliment news only (the cases themselves are listed below it); nil without it.
    static func notice(_ client: any TestClientProtocol, cookie: String) async throws -> String? {
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
        guard let start = page.range(of: "id=\"compliment-notices\"") else { return nil }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</div>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("named or owning the case, the colleague sees it until they press Gezien; a later one shows again", arguments: TestDatabase.all)
    func notices(database: TestDatabase) async throws {
        // The week's compliments are gathered at most once a minute: the clock moves past that
        // before a new one is to show.
        let clock = TestClock()
        try await withApp(database, clock: { clock.date }) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            _ = try await accounts.create(email: "sanne@example.nl", name: "Sanne Bakker", role: .agent, password: "Vlinder-kade-47")
            let joost = try await accounts.create(email: "joost@example.nl", name: "Joost Smit", role: .agent, password: "Vlinder-kade-47")
            _ = try await createCase(
                client, token: token, ["channel": "facebook", "author": ["handle": "1001", "name": "Ria"], "text": "Complimenten voor Sanne, super geholpen met mijn retour!"])
            let sanne = try await Self.session(client, email: "sanne@example.nl")
            let joostSession = try await Self.session(client, email: "joost@example.nl")

            let notice = try #require(try await Self.notice(client, cookie: sanne.0))
            #expect(notice.contains("<strong>Een compliment voor u</strong> van Ria ·"))
            #expect(notice.contains("href=\"/complimenten?voor=mij\""))
            #expect(try await Self.notice(client, cookie: joostSession.0) == nil, "not about Joost")

            // "Gezien" returns to the inbox as she left it: her view and filters.
            let filtered = try await client.execute(uri: "/?zaken=mijn&kanaal=x", method: .get, headers: [.cookie: sanne.0]).text
            #expect(filtered.contains(#"<input type="hidden" name="next" value="/?zaken=mijn&amp;kanaal=x">"#))
            let seen = try await CaseActionsTests.post(
                client, "/complimenten/gezien", cookie: sanne.0, ["csrf": sanne.1, "next": "/?zaken=mijn&kanaal=x"])
            #expect(seen.headers[.location] == "/?zaken=mijn&kanaal=x")
            #expect(try await Self.notice(client, cookie: sanne.0) == nil)
            for elsewhere in ["//evil.example/", "https://evil.example/", "/cases/123"] {
                let again = try await CaseActionsTests.post(client, "/complimenten/gezien", cookie: sanne.0, ["csrf": sanne.1, "next": elsewhere])
                #expect(again.headers[.location] == "/", "only the inbox is a place to return to")
            }
            // Still on the compliments page: seen is not gone.
            #expect((try await client.execute(uri: "/complimenten?voor=mij", method: .get, headers: [.cookie: sanne.0]).text).contains("super geholpen"))

            // A compliment that names nobody reaches whoever owns the case.
            let caseID = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "kees@example.nl"], "text": "Mijn pakket kwam niet aan, wat nu?"])
            _ = try await store.updateCase(id: try #require(CaseID(caseID))) { $0.ownerID = joost.id }
            _ = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "kees@example.nl"], "text": "Het is opgelost, heel erg bedankt voor de snelle hulp!"])
            #expect(try await Self.notice(client, cookie: joostSession.0) == nil, "news within the minute, not at once")
            clock.advance(RecentCompliments.freshness + 1)
            let forJoost = try #require(try await Self.notice(client, cookie: joostSession.0))
            #expect(forJoost.contains("<strong>Een compliment voor u</strong> van "))
            _ = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "blijeklant"], "text": "Dank je wel Sanne, top geregeld!"])
            clock.advance(RecentCompliments.freshness + 1)
            let again = try #require(try await Self.notice(client, cookie: sanne.0))
            #expect(again.contains("<strong>Een compliment voor u</strong> van ") && again.contains("blijeklant") && !again.contains("Ria"))
            _ = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "nogeen"], "text": "Sanne, bedankt voor je geduld, echt top!"])
            clock.advance(RecentCompliments.freshness + 1)
            let two = try #require(try await Self.notice(client, cookie: sanne.0))
            #expect(two.contains("<strong>2 complimenten voor u</strong> ·"), "two: counted, no single author")
        }
    }
}
