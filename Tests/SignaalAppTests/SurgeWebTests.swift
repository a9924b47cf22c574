import Foundation
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: a surge of messages on one topic is said above the inbox")
struct SurgeWebTests {
    static let outage = [
        "Is er een storing? De app doet het al een half uur niet en ik kan niet inloggen.",
        "Storing bij het pinnen in de winkel, niemand kan afrekenen!",
        "Weer een storing, internetbankieren ligt er al de hele ochtend uit.",
        "Jullie website is plat, storing?",
        "Storing? Ik kan al een uur niet betalen met de app.",
        "Grote storing bij jullie, mijn salaris is niet zichtbaar en de app laadt niet.",
        "Hoe lang gaat deze storing nog duren? Ik moet vandaag betalen.",
        "Storing in de app, foutmelding bij inloggen. Wanneer is dit opgelost?",
        "Al de hele middag storing, dit is echt belachelijk.",
    ]

    @Test("nine outage messages in an hour that is usually quiet: the inbox says so and links to them", arguments: TestDatabase.all)
    func surgeShown(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            var first = ""
            for (index, text) in Self.outage.enumerated() {
                let id = try await createCase(
                    client, token: token, ["channel": "x", "externalId": "storing-\(index)", "author": ["handle": "klant\(index)"], "text": text])
                if index == 0 { first = id }
            }
            // An outage message of three hours ago is an open case on the topic, but not of this surge.
            let older = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "storing-oud", "author": ["handle": "vroeg"], "text": "Storing bij het inloggen, al een kwartier.",
                 "receivedAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 3600))])
            // A compliment elsewhere is no part of it.
            let compliment = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "blij@example.nl"], "text": "Dank jullie wel voor de snelle hulp!"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: first)
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(inbox.contains("id=\"surges\""))
            #expect(inbox.contains(
                "<strong>Piek in het afgelopen uur:</strong> <a href=\"/?onderwerp=storing&amp;recent=60\">Storing</a> 9 (gewoonlijk bijna geen)"))
            #expect(inbox.contains("één statusupdate voor iedereen helpt"))
            #expect(!inbox.contains("Hoogste prioriteit bovenaan"), "the surge takes the introduction's place")
            let english = try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("Surge in the last hour:</strong> <a href=\"/?onderwerp=storing&amp;recent=60\">Outage</a> 9 (usually almost none)"))
            // The link shows those cases: the outage's, of the last hour.
            let shown = try await client.execute(uri: "/?onderwerp=storing&recent=60", method: .get, headers: [.cookie: cookie]).text
            #expect(shown.components(separatedBy: "<tr").count - 2 == 9, "nine rows under the header")
            #expect(!shown.contains("al een kwartier"))
            #expect(shown.contains("<option value=\"60\" selected>in het afgelopen uur</option>"), "the refinement says what is shown")
            let all = try await client.execute(uri: "/?onderwerp=storing", method: .get, headers: [.cookie: cookie]).text
            #expect(all.contains("al een kwartier"))
            let wrong = try await client.execute(uri: "/?recent=5", method: .get, headers: [.cookie: cookie])
            #expect(wrong.status == .unprocessableContent)

            // A case of the surge says so on its page; the one of three hours ago and the compliment do not.
            let member = try await client.execute(uri: "/cases/\(first)", method: .get, headers: [.cookie: cookie]).text
            #expect(member.contains("id=\"case-surge\""))
            #expect(member.contains("<strong>Hoort bij een piek:</strong> 9 berichten over Storing in het afgelopen uur."))
            let earlier = try await client.execute(uri: "/cases/\(older)", method: .get, headers: [.cookie: cookie]).text
            #expect(earlier.contains("al een kwartier") && !earlier.contains("id=\"case-surge\""))
            let thanks = try await client.execute(uri: "/cases/\(compliment)", method: .get, headers: [.cookie: cookie]).text
            #expect(!thanks.contains("id=\"case-surge\""))
        }
    }

    @Test("a few messages on a topic are no surge", arguments: TestDatabase.all)
    func noSurge(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            var first = ""
            for (index, text) in Self.outage.prefix(5).enumerated() {
                let id = try await createCase(
                    client, token: token, ["channel": "x", "externalId": "rustig-\(index)", "author": ["handle": "klant\(index)"], "text": text])
                if index == 0 { first = id }
            }
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: first)
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(inbox.contains("Openstaande zaken"))
            #expect(!inbox.contains("id=\"surges\""))
        }
    }
}
