import Foundation
import HummingbirdTesting
@testable import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

extension SLAWebTests {
    /// The case page's line for one SLA target: its name to the end of its state.
    static func slaTarget(_ page: String, _ name: String) -> String? {
        guard let start = page.range(of: "<dt>\(name) ") else { return nil }
        let rest = page[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</dd>")?.upperBound ?? rest.endIndex)])
    }

    @Test("a case resolved without any reply says so at its first response, instead of a target met", arguments: TestDatabase.all)
    func resolvedWithoutReply(database: TestDatabase) async throws {
        try await Self.withWatchedApp(database) { client, store, token, clock, _ in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "stil-1", "author": ["handle": "forens"], "receivedAt": "2026-12-07T08:00:00Z",
                 "text": "Mijn abonnement is opgezegd zonder dat ik daarom vroeg"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/take", cookie: cookie, ["csrf": csrf])
            clock.advance(20 * 60)
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: cookie,
                ["csrf": csrf, "outcome": "Abonnement hersteld", "root_cause": "betaling", "confirm": "1"])
            #expect(resolved.status == .seeOther)

            let dutch = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            let response = try #require(Self.slaTarget(dutch, "Eerste reactie"))
            #expect(response.contains("zonder antwoord afgehandeld"), "\(response)")
            #expect(!response.contains("gehaald"), "nobody answered: no response target was met")
            #expect(try #require(Self.slaTarget(dutch, "Oplossing")).contains("gehaald"), "the resolution itself was in time")
            let english = try await client.execute(uri: "/cases/\(caseID)?lang=en", method: .get, headers: [.cookie: cookie]).text
            let inEnglish = try #require(Self.slaTarget(english, "First response"))
            #expect(inEnglish.contains("resolved without a reply"), "\(inEnglish)")
            #expect(!inEnglish.contains(">met<"))
        }
    }
}
