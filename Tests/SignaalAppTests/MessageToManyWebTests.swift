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

    @Test("a reply longer than the platform takes comes back with the text, the length, the limit and a way forward", arguments: TestDatabase.all)
    func replyTooLong(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let onX = try await createCase(
                client, token: token, ["channel": "x", "externalId": "lang-1", "author": ["handle": "reiziger"], "text": "Trein weer uitgevallen!"])
            let onMessenger = try await createCase(
                client, token: token, ["channel": "messenger", "externalId": "mid.lang", "author": ["handle": "4411"], "text": "Mijn pas is kapot"])
            let byMail = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "jan@example.nl"], "text": "Mijn pas is kapot"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: onX)

            let long = String(repeating: "Wat vervelend. ", count: 20).trimmingCharacters(in: .whitespaces)
            let refused = try await CaseActionsTests.post(client, "/cases/\(onX)/replies", cookie: cookie, ["csrf": csrf, "text": long])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(
                "Te lang voor een openbaar antwoord op X (Twitter): \(long.count) tekens, de limiet is 280. "
                    + "Kort het antwoord in of stuur het als DM; er is nog niets verstuurd."), "\(refused.text)")
            #expect(refused.text.contains(">\(long)</textarea>"), "the draft is kept")
            #expect(try await store.replies(caseID: try #require(CaseID(onX))).isEmpty, "nothing queued")
            // X counts a link as 23 characters, however long it is.
            let withLink = String(repeating: "a", count: 250) + " https://www.example.nl/storingen/vandaag/bank-app?bron=x&id=1234567890"
            let linked = try await CaseActionsTests.post(client, "/cases/\(onX)/replies", cookie: cookie, ["csrf": csrf, "text": withLink])
            #expect(linked.status == .seeOther, "\(linked.text)")

            let chat = String(repeating: "Wat vervelend dat je pas kapot is. ", count: 150)
            let messenger = try await CaseActionsTests.post(client, "/cases/\(onMessenger)/replies", cookie: cookie, ["csrf": csrf, "text": chat])
            #expect(messenger.status == .unprocessableContent)
            #expect(messenger.text.contains(
                "Te lang voor een bericht via Messenger: 5.249 tekens, de limiet is 2.000. Kort het antwoord in of verdeel het over meer berichten"),
                "\(messenger.text)")
            #expect(try await store.replies(caseID: try #require(CaseID(onMessenger))).isEmpty)
            // An e-mail may be long.
            let mail = try await CaseActionsTests.post(client, "/cases/\(byMail)/replies", cookie: cookie, ["csrf": csrf, "text": chat])
            #expect(mail.status == .seeOther)

            // The coach names the channel as users know it, and the route.
            let coach = try await CoachWebTests.coach(client, caseID: onX, cookie: cookie, csrf: csrf, json: CoachWebTests.draftJSON(long))
            let messages = try CoachWebTests.review(coach).findings.map(\.message)
            #expect(messages.contains("Te lang voor een openbaar antwoord op X (Twitter): \(long.count) tekens, de limiet is 280."), "\(messages)")
        }
    }

    @Test("a status update or an improvement's news too long for some customers' platform is refused as a whole, before anyone gets it", arguments: TestDatabase.all)
    func messageToManyTooLong(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await IncidentWebTests.openOutage(client, store: store, token: token)
            let long = "Hoi {klant}, " + String(repeating: "we werken aan de storing. ", count: 12)
            let refused = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": long])
            #expect(refused.status == .unprocessableContent)
            // Joost's copy is the longest: his name in place of {klant}.
            let joost = PersonalText.filled(long, customerName: "Joost van den Berg").trimmingCharacters(in: .whitespaces).count
            #expect(refused.text.contains(
                "Te lang voor 9 klanten via X (Twitter) (openbaar antwoord: \(joost) tekens, de limiet is 280). "
                    + "Kort het bericht in tot binnen de limiet; er is nog niets verstuurd."), "\(refused.text)")
            #expect(refused.text.contains(">\(long.trimmingCharacters(in: .whitespaces))</textarea>") || refused.text.contains(">\(long)</textarea>"))
            #expect(try await store.incidentUpdates(incidentID: try #require(IncidentID(String(location.dropFirst("/incidenten/".count))))).isEmpty)
            for id in ids { #expect(try await store.replies(caseID: try #require(CaseID(id))).isEmpty, "nobody got it") }

            // The improvement's news to customers on X: the action stays running.
            let (_, _) = try await ImprovementWebTests.resolvedComplaints(client, store: store, token: token)
            let started = try await CaseActionsTests.post(
                client, "/verbeteringen", cookie: cookie, ["csrf": csrf, "titel": "Retour zonder rembours", "oorzaak": "levering", "plan": ""])
            let action = try #require(started.headers[.location])
            let news = String(repeating: "Retourneren kost voortaan niets meer. ", count: 10)
            let finish = try await CaseActionsTests.post(
                client, "\(action)/afronden", cookie: cookie, ["csrf": csrf, "bericht": news, "klanten": "ja"])
            #expect(finish.status == .unprocessableContent)
            #expect(finish.text.contains("Te lang voor 3 klanten via X (Twitter) (openbaar antwoord: 379 tekens, de limiet is 280)."), "\(finish.text)")
            #expect(try await store.improvement(id: try #require(ImprovementID(String(action.dropFirst("/verbeteringen/".count)))))?.isDone == false)
            // Without writing to customers, the same words finish it: the colleagues read them in Signaal.
            let quiet = try await CaseActionsTests.post(client, "\(action)/afronden", cookie: cookie, ["csrf": csrf, "bericht": news])
            #expect(quiet.status == .seeOther)
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
