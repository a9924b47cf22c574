import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: an improvement action tells the customers of a cause and the colleagues what changed")
struct ImprovementWebTests {
    static let complaints = [
        ("joostvdberg", "Joost van den Berg", "Waarom moet ik €6,95 rembourskosten betalen om mijn bestelling terug te sturen? Belachelijk."),
        ("sanne_dv", "Sanne de Vries", "Retour sturen kost me ineens rembourskosten. Dat stond nergens!"),
        ("kees1980", nil, "Pakket retour gestuurd en nu moet ik rembours betalen?? Nooit meer."),
    ]

    /// Three complaints about cash-on-delivery costs, resolved by an agent on their case pages with
    /// "levering" as the root cause; the agent's session.
    static func resolvedComplaints(_ client: any TestClientProtocol, store: any SignaalStore, token: String) async throws -> ([String], (String, String)) {
        var ids: [String] = []
        for (index, (handle, name, text)) in complaints.enumerated() {
            var author: [String: Any] = ["handle": handle]
            if let name { author["name"] = name }
            ids.append(try await createCase(client, token: token, ["channel": "x", "externalId": "rembours-\(index)", "author": author, "text": text]))
        }
        let agent = try await CaseActionsTests.session(client, store: store, caseID: ids[0])
        for id in ids {
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(id)/resolve", cookie: agent.0,
                ["csrf": agent.1, "outcome": "Rembourskosten teruggestort", "root_cause": "levering", "confirm": "1"])
            #expect(resolved.headers[.location] == "/cases/\(id)", "resolving \(id): \(resolved.status)")
        }
        return (ids, agent)
    }

    @Test("a lead starts an action on the cause, finishes it, and each customer and the agent hear what changed", arguments: TestDatabase.all)
    func flow(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, agent) = try await Self.resolvedComplaints(client, store: store, token: token)
            let (cookie, csrf) = try await IncidentWebTests.lead(client, store: store)
            let list = try await client.execute(uri: "/verbeteringen", method: .get, headers: [.cookie: cookie]).text
            #expect(list.contains("<td>Levering</td><td class=\"num\">3</td>"))
            #expect(list.contains("href=\"/verbeteringen?oorzaak=levering#new-improvement\""))
            #expect(list.contains("Er loopt geen verbeteractie."))

            let started = try await CaseActionsTests.post(
                client, "/verbeteringen", cookie: cookie,
                ["csrf": csrf, "titel": "Retourneren zonder rembourskosten", "oorzaak": "levering", "plan": "Logistiek haalt de rembours van de retourlabels."])
            let location = try #require(started.headers[.location])
            #expect(location.hasPrefix("/verbeteringen/"))
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("<h1>Retourneren zonder rembourskosten</h1>"))
            #expect(page.contains("Logistiek haalt de rembours van de retourlabels."))
            #expect(page.contains("3 zaken van 3 klanten sinds"))
            #expect(page.contains("Behandeld door: Anna Agent (3)"))
            #expect(page.contains("Stuur het bericht aan de 3 klanten"))
            // Before writing to everyone the lead sees who will hear it, as an incident says it.
            #expect(page.contains("<p class=\"hint\" id=\"improvement-reach\">Gaat naar 3 klanten: 3 via X (Twitter).</p>"))
            for id in ids { #expect(page.contains("/cases/\(id)")) }
            // The cause has its action now: the table links to it, and a second start goes there too.
            let listAfter = try await client.execute(uri: "/verbeteringen", method: .get, headers: [.cookie: cookie]).text
            #expect(listAfter.contains("<a href=\"\(location)\">Retourneren zonder rembourskosten</a>"))
            let twice = try await CaseActionsTests.post(client, "/verbeteringen", cookie: cookie, ["csrf": csrf, "titel": "Nog een", "oorzaak": "levering"])
            #expect(twice.headers[.location] == location)
            // While it runs, the case page says so: the agent can tell a customer who asks.
            let running = try await client.execute(uri: "/cases/\(ids[1])", method: .get, headers: [.cookie: agent.0]).text
            #expect(running.contains("id=\"case-improvement\"") && running.contains("Verbeteractie voor deze oorzaak loopt"))

            let message = "Hoi {klant}, je liet ons weten dat je rembourskosten moest betalen voor een retour. Dankzij jouw melding is retourneren nu gratis."
            let finished = try await CaseActionsTests.post(
                client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": message, "klanten": "ja"])
            #expect(finished.headers[.location] == "\(location)?verstuurd=3")
            let again = try await CaseActionsTests.post(client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": message, "klanten": "ja"])
            #expect(again.status == .conflict, "a double click writes to nobody twice")
            // Queued is not arrived: one goes out, one fails (X sending not set up), one still waits.
            let queued = try await store.claimDueReplies(now: Date().addingTimeInterval(60), limit: 10)
            #expect(queued.count == 3)
            for reply in queued where reply.caseID.description != ids[2] {
                let outcome: ReplySendOutcome = reply.caseID.description == ids[0] ? .sent(externalID: "t-1") : .failed(error: "X is niet ingesteld")
                _ = try await store.finishReply(id: reply.id, attempt: reply.attempts, outcome: outcome, now: Date())
            }
            let done = try await client.execute(uri: "\(location)?verstuurd=3", method: .get, headers: [.cookie: cookie]).text
            #expect(done.contains("Afgerond. Het bericht is klaargezet voor 3 klanten"))
            #expect(done.contains("3 klaargezet · 1 aangekomen · 1 mislukt · 1 onderweg · 0 overgeslagen"))
            #expect(!done.contains("Verstuurd naar 3 klanten"))
            let failedList = try #require(done.range(of: "class=\"delivery-failed\""))
            #expect(done[failedList.upperBound...].contains("<a href=\"/cases/\(ids[1])\">Sanne de Vries · "), "the failed case, to act on")
            #expect(!done.contains("id=\"improvement-finish\""))
            // Did the complaints drop? Per day, as the time since is shorter than the month before.
            #expect(done.contains("30 dagen voor het afronden: 3 (0,1 per dag) · sinds het afronden op "))
            #expect(done.contains(": 0 (0 per dag)"))
            let joost = try await store.replies(caseID: try #require(CaseID(ids[0])))
            #expect(joost.map(\.text) == ["Hoi Joost, je liet ons weten dat je rembourskosten moest betalen voor een retour. Dankzij jouw melding is retourneren nu gratis."])
            let kees = try await store.replies(caseID: try #require(CaseID(ids[2])))
            #expect(kees.map(\.text).first?.hasPrefix("Hoi, je liet ons weten") == true)

            // The monthly report lists it beside its topic's trend.
            let report = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: cookie]).text
            #expect(report.contains("id=\"report-improved\"") && report.contains("<a href=\"\(location)\">Retourneren zonder rembourskosten</a>"))
            #expect(report.contains("1 klant laten weten wat er veranderd is (1 nog klaargezet, 1 mislukt)"))
            #expect(!report.contains("3 klanten laten weten"))

            // The agent who resolved them sees it on the inbox until they mark it seen.
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: agent.0]).text
            #expect(inbox.contains("<strong>Verbeterd dankzij 3 van uw zaken:</strong> <a href=\"\(location)\" title=\"Hoi, je liet ons weten"),
                    "the link shows the message as a customer without a name reads it")
            #expect(inbox.contains(">Retourneren zonder rembourskosten</a>"))
            let leadInbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(!leadInbox.contains("id=\"improvement-notices\""), "the lead handled none of the cases")
            let seen = try await CaseActionsTests.post(client, "\(location)/gezien", cookie: agent.0, ["csrf": agent.1])
            #expect(seen.headers[.location] == "/")
            let inboxAfter = try await client.execute(uri: "/", method: .get, headers: [.cookie: agent.0]).text
            #expect(!inboxAfter.contains("id=\"improvement-notices\""))
            let casePage = try await client.execute(uri: "/cases/\(ids[1])", method: .get, headers: [.cookie: agent.0]).text
            #expect(casePage.contains("Verbeterd op") && casePage.contains("<a href=\"\(location)\">Retourneren zonder rembourskosten</a>"))
            // An open case that only shares the topic may be about something else: the agent is asked, not told.
            let other = try await createCase(
                client, token: token, ["channel": "x", "externalId": "pakket-weg", "author": ["handle": "wachter"], "text": "Mijn pakket is al een week onderweg en nog steeds niet bezorgd."])
            let sameTopic = try await client.execute(uri: "/cases/\(other)", method: .get, headers: [.cookie: agent.0]).text
            #expect(sameTopic.contains("Over hetzelfde onderwerp (Levering) is op ") && sameTopic.contains("iets verbeterd; kijk of deze zaak erbij hoort"))
            #expect(!sameTopic.contains("Verbeterd op"))
        }
    }

    @Test("agents read improvements but may not start or finish them; bad input is refused")
    func rolesAndBadInput() async throws {
        try await withApp(.sqlite) { client, store, token in
            let (ids, agent) = try await Self.resolvedComplaints(client, store: store, token: token)
            let (cookie, csrf) = try await IncidentWebTests.lead(client, store: store)
            for (fields, status) in [
                (["csrf": csrf, "oorzaak": "levering", "titel": "  "], HTTPResponse.Status.unprocessableContent),
                (["csrf": csrf, "oorzaak": "weer", "titel": "Beter weer"], .unprocessableContent),
                (["csrf": csrf, "oorzaak": "levering", "titel": String(repeating: "x", count: 121)], .unprocessableContent),
                (["csrf": csrf, "oorzaak": "levering", "titel": "Retour", "plan": String(repeating: "p", count: 2001)], .unprocessableContent),
                (["csrf": "verkeerd", "oorzaak": "levering", "titel": "Retour"], .forbidden),
            ] {
                let response = try await CaseActionsTests.post(client, "/verbeteringen", cookie: cookie, fields)
                #expect(response.status == status, "\(fields.filter { $0.key != "plan" }): \(response.status)")
            }
            #expect(try await store.improvements(limit: 10).isEmpty)
            let started = try await CaseActionsTests.post(client, "/verbeteringen", cookie: cookie, ["csrf": csrf, "oorzaak": "levering", "titel": "Retour gratis"])
            let location = try #require(started.headers[.location])
            let empty = try await CaseActionsTests.post(client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": "  ", "klanten": "ja"])
            #expect(empty.status == .unprocessableContent)
            let unknown = try await client.execute(uri: "/verbeteringen/\(UUID().uuidString.lowercased())", method: .get, headers: [.cookie: cookie])
            #expect(unknown.status == .notFound)
            let nonsense = try await client.execute(uri: "/verbeteringen/geen-id", method: .get, headers: [.cookie: cookie])
            #expect(nonsense.status == .notFound)

            let read = try await client.execute(uri: location, method: .get, headers: [.cookie: agent.0]).text
            #expect(read.contains("<h1>Retour gratis</h1>") && !read.contains("id=\"improvement-finish\""))
            for path in ["/verbeteringen", "\(location)/afronden"] {
                let response = try await CaseActionsTests.post(
                    client, path, cookie: agent.0, ["csrf": agent.1, "oorzaak": "levering", "titel": "Retour", "bericht": "Hallo", "klanten": "ja"])
                #expect(response.status == .forbidden, "\(path): \(response.status)")
            }
            #expect(try await store.replies(caseID: try #require(CaseID(ids[0]))).isEmpty, "nothing was sent")
            #expect(try await store.improvements(limit: 10).allSatisfy { !$0.isDone })
        }
    }

    @Test("an action whose sending a stopped server interrupted says how many customers still follow", arguments: TestDatabase.all)
    func interrupted(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try #require(CaseID(try await createCase(
                client, token: token, ["channel": "x", "externalId": "stop-1", "author": ["handle": "wachter"], "text": "Rembourskosten bij mijn retour!"])))
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let lead = try #require(try await store.users().first { $0.role == .lead })
            let action = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: ["levering"], by: lead.id, now: Date())
            try await store.createImprovement(action)
            _ = try await store.finishImprovement(id: action.id, message: "Retour is gratis.", by: lead.id, at: Date(), notices: [:], recipients: [caseID])
            let page = try await client.execute(uri: "/verbeteringen/\(action.id)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("0 klaargezet · 0 aangekomen · 0 mislukt · 0 onderweg · 0 overgeslagen"))
            #expect(page.contains("1 volgen binnen enkele minuten"))
            #expect(!page.contains("Niet naar klanten verstuurd"))
        }
    }
}
