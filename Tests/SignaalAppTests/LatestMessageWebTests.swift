import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: the case page opens with what the customer wrote last")
struct LatestMessageWebTests {
    /// The "Laatste bericht van de klant" card, nil when the page has none.
    static func latestCard(_ page: String) -> String? {
        page.components(separatedBy: "id=\"latest-message\"").dropFirst().first?.components(separatedBy: "</section>").first
    }

    @Test("the newest message of the case is on top, above the work on it, linked to the timeline; an answer says so", arguments: TestDatabase.all)
    func latestOnTop(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let first = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "l-1", "author": ["handle": "pendelaar", "name": "Joost Pendelaar"],
                 "text": "Mijn OV-chipkaart is twee keer belast voor dezelfde rit"])
            _ = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "l-2", "author": ["handle": "pendelaar"], "inReplyTo": "l-1",
                 "text": "En nu staat er ook nog een boete van 20 euro op mijn rekening!"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: first)
            func page() async throws -> String {
                try await client.execute(uri: "/cases/\(first)", method: .get, headers: [.cookie: cookie]).text
            }
            var shown = try await page()
            let card = try #require(Self.latestCard(shown))
            #expect(card.contains("Laatste bericht van de klant"))
            #expect(card.contains("van 20 euro op mijn"), "the newest message")
            #expect(!card.contains("twee keer belast"), "one message, not the thread")
            #expect(!card.contains("beantwoord op"))
            let cardAt = try #require(shown.range(of: "id=\"latest-message\""))
            #expect(cardAt.lowerBound < shown.range(of: "class=\"ownership card\"")!.lowerBound, "before owning and answering")
            #expect(cardAt.lowerBound < shown.range(of: "class=\"composer card\"")!.lowerBound)
            // The timeline keeps each message once under its own id; the card links to it.
            let newest = try #require(try await store.signals(externalID: "l-2").first)
            #expect(shown.components(separatedBy: "id=\"signal-\(newest.id)\"").count == 2)
            #expect(card.contains("href=\"#signal-\(newest.id)\""))

            // After an answer the card says when: the customer waits no more for that one.
            let replied = try await CaseActionsTests.post(
                client, "/cases/\(first)/replies", cookie: cookie,
                ["csrf": csrf, "text": "Wat vervelend, Joost! Ik zet de dubbele rit en de boete terug, binnen twee dagen zie je het op je rekening."])
            #expect(replied.status == .seeOther)
            shown = try await page()
            #expect(try #require(Self.latestCard(shown)).contains("beantwoord op"), "the agent sees it was answered")
            shown = try await client.execute(uri: "/cases/\(first)?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(Self.latestCard(shown)).contains("The customer&#39;s latest message") || shown.contains("The customer's latest message"))
        }
    }
}
