import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: a message to many leaves owners be, fits each platform, and its preview says who it cannot reach")
struct MessageToManyWebTests {
    @Test("a lead's status update makes the lead owner of no case; an agent's own reply still takes the case", arguments: TestDatabase.all)
    func updateTakesNoOwnership(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await IncidentWebTests.openOutage(client, store: store, token: token)
            let agent = try await CaseActionsTests.session(client, store: store, caseID: ids[0])
            // One case an agent already owns.
            let took = try await CaseActionsTests.post(client, "/cases/\(ids[1])/take", cookie: agent.0, ["csrf": agent.1])
            #expect(took.status == .seeOther || took.status == .found)
            let takenID = try #require(CaseID(ids[1]))
            let anna = try #require(try await store.case(id: takenID)?.ownerID)

            let sent = try await CaseActionsTests.post(
                client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, de storing is opgelost."])
            #expect(sent.headers[.location] == "\(location)?verstuurd=9")
            for id in ids {
                let caseID = try #require(CaseID(id))
                let theCase = try #require(try await store.case(id: caseID))
                #expect(theCase.ownerID == (id == ids[1] ? anna : nil), "case \(id) keeps its owner")
                #expect(try await store.replies(caseID: theCase.id).count == 1)
            }
            // The agent answers a customer the update reached, not refused as someone else's case,
            // and by answering becomes its owner, as with any first reply.
            let reply = try await CaseActionsTests.post(
                client, "/cases/\(ids[2])/replies", cookie: agent.0,
                ["csrf": agent.1, "text": "Fijn dat het weer werkt. Lukt inloggen nu ook bij jou?"])
            #expect(reply.status == .seeOther, "\(reply.text)")
            #expect(try await store.case(id: try #require(CaseID(ids[2])))?.ownerID == anna)
        }
    }

    @Test("the preview says up front how many customers cannot be reached and why; after sending the figures add up", arguments: TestDatabase.all)
    func previewCountsTheUnreachable(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await IncidentWebTests.openOutage(client, store: store, token: token)
            // Two Instagram comments whose author Signaal cannot write to, no e-mail address known;
            // a web form with an address, answered by e-mail.
            var instagram: [String] = []
            for index in 0..<2 {
                instagram.append(try await createCase(
                    client, token: token,
                    ["channel": "instagram", "externalId": "ig-storing-\(index)", "author": ["handle": "insta\(index)"],
                     "text": "Storing in de app? Ik kan niet inloggen."]))
            }
            let webform = try await createCase(
                client, token: token, ["channel": "webform", "author": ["email": "mies@example.nl", "name": "Mies"], "text": "Storing bij het inloggen in de app."])
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Zaken bij dit incident (12)"))
            #expect(page.contains(
                "<p class=\"hint\" id=\"incident-reach\">Gaat naar 10 van de 12 klanten: 9 via X (Twitter), 1 via e-mail. "
                    + "Niet bereikbaar: 2 via Instagram zonder e-mailadres.</p>"), "\(page)")

            let sent = try await CaseActionsTests.post(
                client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, we werken aan de storing."])
            #expect(sent.headers[.location] == "\(location)?verstuurd=10")
            let after = try await client.execute(uri: "\(location)?verstuurd=10", method: .get, headers: [.cookie: cookie]).text
            #expect(after.contains("10 klaargezet · 0 aangekomen · 0 mislukt · 10 onderweg · 2 overgeslagen"), "\(after)")
            for id in instagram { #expect(try await store.replies(caseID: try #require(CaseID(id))).isEmpty) }
            #expect(try await store.replies(caseID: try #require(CaseID(webform))).map(\.channel) == [.email])
            #expect(try await store.replies(caseID: try #require(CaseID(ids[0]))).map(\.channel) == [.x])
        }
    }
}
