import Foundation
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: an account posing as the brand's care team is marked in the inbox and on its case")
struct FakeAccountWebTests {
    @Test("'@NS_0nline' is marked as posing as @NS_online; a customer who names NS is not", arguments: TestDatabase.all)
    func fakeMarked(database: TestDatabase) async throws {
        var configuration = AppConfig.forTests
        configuration.brandHandles = ["NS_online"]
        try await withApp(database, configuration: configuration) { client, store, token in
            let fake = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "fake-1", "author": ["handle": "NS_0nline", "name": "NS Klantenservice"],
                 "inReplyTo": "1790000000000000001", "text": "@reiziger Had je maar eerder moeten vertrekken, dan was je wel op tijd geweest."])
            let customer = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "real-1", "author": ["handle": "ns_hater"], "text": "@NS_online alweer vertraging tussen Utrecht en Zwolle"])
            // The traveller the fake snapped at (its message arrives after the fake's reply: order does not matter).
            let traveller = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "1790000000000000001", "author": ["handle": "reiziger", "name": "Sanne Reiziger"],
                 "text": "@NS_online trein naar Zwolle uitgevallen, ik kom te laat op mijn sollicitatie"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: fake)

            let fakePage = try await client.execute(uri: "/cases/\(fake)", method: .get, headers: [.cookie: cookie]).text
            #expect(fakePage.contains("id=\"fake-account\""))
            #expect(fakePage.contains("Dit account doet zich voor als ons account @NS_online"))
            #expect(fakePage.contains("Het reageerde op deze klanten; help hen:"))
            #expect(fakePage.contains("<a href=\"/cases/\(traveller)\">Sanne Reiziger</a>"), "the customer to help, one click away")
            #expect(!fakePage.contains("id=\"fake-replies\""))
            let customerPage = try await client.execute(uri: "/cases/\(customer)", method: .get, headers: [.cookie: cookie]).text
            #expect(!customerPage.contains("id=\"fake-account\""))
            #expect(!customerPage.contains("id=\"fake-replies\""))
            // The traveller's own case says what the fake told them, in our name.
            let travellerPage = try await client.execute(uri: "/cases/\(traveller)", method: .get, headers: [.cookie: cookie]).text
            #expect(!travellerPage.contains("id=\"fake-account\""))
            #expect(travellerPage.contains("id=\"fake-replies\""))
            #expect(travellerPage.contains("Een nepaccount reageerde op deze klant"))
            #expect(travellerPage.contains("<a href=\"/cases/\(fake)\">NS Klantenservice</a>"))
            #expect(travellerPage.contains("doet zich voor als @NS_online"))
            #expect(travellerPage.contains("Had je maar eerder moeten vertrekken"))
            let travellerEnglish = try await client.execute(uri: "/cases/\(traveller)?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(travellerEnglish.contains("A fake account replied to this customer"))

            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(inbox.components(separatedBy: "<span class=\"tag fake\">nepaccount?</span>").count == 2, "one row marked")
            // Nobody waits for the fake's answer: no clock on its row or its page.
            #expect(inbox.components(separatedBy: ">geen norm</td>").count == 2, "only the fake's row has no target")
            #expect(!fakePage.contains("class=\"facts sla-facts\""))
            #expect(travellerPage.contains("class=\"facts sla-facts\""))
            let english = try await client.execute(uri: "/cases/\(fake)?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("This account poses as our account @NS_online"))
            // Tools reading the API can tell the fake's case apart too.
            for (id, poses) in [(fake, true), (customer, false), (traveller, false)] {
                let detail = try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: auth(token)).json()
                #expect((detail["case"] as? [String: Any])?["posesAsBrand"] as? Bool == poses, "\(id)")
            }
        }
        // Without the brand's handles nothing is suspected.
        try await withApp(.sqlite) { client, store, token in
            let fake = try await createCase(
                client, token: token, ["channel": "x", "externalId": "fake-2", "author": ["handle": "NS_0nline"], "text": "@reiziger jammer dan"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: fake)
            let page = try await client.execute(uri: "/cases/\(fake)", method: .get, headers: [.cookie: cookie]).text
            #expect(!page.contains("id=\"fake-account\""))
        }
    }

    @Test("a fake's case is reported, not served: no reply, call, compensation, surprise or satisfaction question", arguments: TestDatabase.all)
    func fakeNotServed(database: TestDatabase) async throws {
        var configuration = AppConfig.forTests
        configuration.brandHandles = ["NS_online"]
        try await withApp(database, configuration: configuration) { client, store, token in
            let fake = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "fake-9", "author": ["handle": "NS_Klantenservice_", "name": "NS Klantenservice"],
                 "inReplyTo": "1790000000000000009", "text": "@reiziger Volgende keer gewoon de fiets pakken, dan ben je wel op tijd."])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: fake)
            let caseID = try #require(CaseID(fake))
            #expect(try await store.case(id: caseID)?.posesAsBrand == true)

            let page = try await client.execute(uri: "/cases/\(fake)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("we beantwoorden het niet en geven het niets"))
            #expect(page.contains("Laatste bericht van dit account") && !page.contains("Laatste bericht van de klant"))
            #expect(!page.contains("action=\"/cases/\(fake)/replies\""), "no composer")
            #expect(!page.contains("action=\"/cases/\(fake)/compensations\""), "nothing to grant")
            #expect(!page.contains("name=\"check\" value=\"1\""), "no satisfaction question on resolving")
            #expect(!page.contains("nog geen antwoord van ons"), "no customer waits for an answer here")

            let reply = try await CaseActionsTests.post(client, "/cases/\(fake)/replies", cookie: cookie, ["csrf": csrf, "text": "Excuses voor het ongemak!"])
            #expect(reply.status == .conflict)
            let grant = try await CaseActionsTests.post(
                client, "/cases/\(fake)/compensations", cookie: cookie, ["csrf": csrf, "kind": "refund", "amount": "20", "reason": "terug"])
            #expect(grant.status == .conflict)
            let call = try await CaseActionsTests.post(
                client, "/cases/\(fake)/notes", cookie: cookie, ["csrf": csrf, "channel": "phone", "direction": "wij", "text": "Gebeld."])
            #expect(call.status == .conflict)
            #expect(try await store.replies(caseID: caseID).isEmpty)
            #expect(try await store.compensations(caseID: caseID).isEmpty)

            // Dealt with is resolved, and nobody is asked how satisfied they are.
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(fake)/resolve", cookie: cookie,
                ["csrf": csrf, "outcome": "Account gemeld bij X als nepaccount.", "root_cause": "bejegening", "check": "1"])
            #expect(resolved.status == .seeOther, "\(resolved.text)")
            #expect(try await store.case(id: caseID)?.status == .resolved)
            #expect(try await store.replies(caseID: caseID).isEmpty, "no satisfaction question went out")
            // Dealing with it is no complaint resolved: not in the board's figures, nor in the agent's.
            let (lead, _) = try await IncidentWebTests.lead(client, store: store)
            let report = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: lead]).text
            #expect(try #require(StaffingWebTests.row(report, "Zaken opgelost")).contains("<td class=\"value\">0</td>"))
            #expect(try #require(StaffingWebTests.row(report, "Klantsignalen")).contains("<td class=\"value\">0</td>"), "its message is no customer's")
            let coaching = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: lead]).text
            #expect(!coaching.contains("1 / 1"), "no resolution credited to Anna")
        }
    }
}
