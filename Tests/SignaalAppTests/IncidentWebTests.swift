import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: an incident gathers a surge's cases and sends them one status update")
struct IncidentWebTests {
    /// Signs in as a team lead; the cookie and a CSRF token of the session.
    static func lead(_ client: any TestClientProtocol, store: any SignaalStore, email: String = "lead@example.nl") async throws -> (String, String) {
        try await UserAccounts.forTests(store).create(email: email, name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
        let cookie = try #require(try await WebTests.signIn(client, email: email, password: "Vlinder-kade-47").1)
        return (cookie, try await csrf(client, cookie: cookie))
    }

    static func csrf(_ client: any TestClientProtocol, cookie: String) async throws -> String {
        let page = try await client.execute(uri: "/incidenten", method: .get, headers: [.cookie: cookie]).text
        let start = try #require(page.range(of: "name=\"csrf\" value=\"")).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    static func outage(_ client: any TestClientProtocol, token: String) async throws -> [String] {
        var ids: [String] = []
        for (index, text) in SurgeWebTests.outage.enumerated() {
            var author: [String: Any] = ["handle": "klant\(index)"]
            if index == 0 { author["name"] = "Joost van den Berg" }
            ids.append(try await createCase(client, token: token, ["channel": "x", "externalId": "storing-\(index)", "author": author, "text": text]))
        }
        return ids
    }

    /// The outage's cases, a lead's session and the incident the lead opened for them.
    static func openOutage(_ client: any TestClientProtocol, store: any SignaalStore, token: String, title: String = "Storing bank-app") async throws
        -> (ids: [String], cookie: String, csrf: String, location: String)
    {
        let ids = try await outage(client, token: token)
        let (cookie, csrf) = try await lead(client, store: store)
        let opened = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, ["csrf": csrf, "onderwerp": "storing", "titel": title])
        return (ids, cookie, csrf, try #require(opened.headers[.location]))
    }

    @Test("a lead makes the surge an incident, sends one update that each customer gets in their own case, and closes it", arguments: TestDatabase.all)
    func flow(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let ids = try await Self.outage(client, token: token)
            let older = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "storing-oud", "author": ["handle": "vroeg"], "text": "Storing bij het inloggen, al een kwartier.",
                 "receivedAt": Date().addingTimeInterval(-3 * 3600).formatted(.iso8601)])
            let (cookie, csrf) = try await Self.lead(client, store: store)
            let list = try await client.execute(uri: "/incidenten", method: .get, headers: [.cookie: cookie]).text
            #expect(list.contains("Storing: 9 berichten in het afgelopen uur"))
            #expect(list.contains("Er is geen open incident."))

            let opened = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, ["csrf": csrf, "onderwerp": "storing", "titel": "Storing bank-app"])
            #expect(opened.status == .seeOther || opened.status == .found)
            let location = try #require(opened.headers[.location])
            #expect(location.hasPrefix("/incidenten/"))
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("<h1>Storing bank-app</h1>"))
            #expect(page.contains("Zaken bij dit incident (9)"))
            for id in ids { #expect(page.contains("/cases/\(id)")) }
            #expect(!page.contains("/cases/\(older)"), "three hours ago is before the incident")
            // The surge has its incident now; a second click on it goes to the same incident.
            #expect(!(try await client.execute(uri: "/incidenten", method: .get, headers: [.cookie: cookie]).text).contains("Pieken zonder incident"))
            let twice = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, ["csrf": csrf, "onderwerp": "storing", "titel": "Nog een"])
            #expect(twice.headers[.location] == location)

            let sent = try await CaseActionsTests.post(
                client, "\(location)/statusupdate", cookie: cookie,
                ["csrf": csrf, "tekst": "Hoi {klant}, we weten van de storing en werken eraan. Om 15:00 horen jullie meer."])
            #expect(sent.headers[.location] == "\(location)?verstuurd=9")
            // A double click sends nobody the same update twice.
            let again = try await CaseActionsTests.post(
                client, "\(location)/statusupdate", cookie: cookie,
                ["csrf": csrf, "tekst": "Hoi {klant}, we weten van de storing en werken eraan. Om 15:00 horen jullie meer."])
            #expect(again.status == .conflict)
            let after = try await client.execute(uri: "\(location)?verstuurd=9", method: .get, headers: [.cookie: cookie]).text
            // Queued in the outbox, not yet sent: the page says no more than that.
            #expect(after.contains("Statusupdate klaargezet voor 9 klanten"))
            #expect(!after.contains("verstuurd naar"))
            #expect(after.contains("9 klaargezet · 0 aangekomen · 0 mislukt · 9 onderweg · 0 overgeslagen"))
            // Messages to many are no replies of the lead's own to coach.
            let coaching = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: cookie]).text
            #expect(!coaching.contains("<th scope=\"row\">Lotte Lead</th>"))
            // Each customer gets it in their own case, with their first name where it is known.
            let joost = try await store.replies(caseID: try #require(CaseID(ids[0])))
            #expect(joost.map(\.text) == ["Hoi Joost, we weten van de storing en werken eraan. Om 15:00 horen jullie meer."])
            let other = try await store.replies(caseID: try #require(CaseID(ids[1])))
            #expect(other.map(\.text) == ["Hoi, we weten van de storing en werken eraan. Om 15:00 horen jullie meer."])
            #expect(try await store.replies(caseID: try #require(CaseID(older))).isEmpty)

            // The case page tells the agent it is part of the incident, with the latest update.
            let casePage = try await client.execute(uri: "/cases/\(ids[2])", method: .get, headers: [.cookie: cookie]).text
            #expect(casePage.contains("id=\"case-incident\""))
            #expect(casePage.contains("<a href=\"\(location)\">Storing bank-app</a>"))
            #expect(casePage.contains("we weten van de storing en werken eraan"))
            #expect(!casePage.contains("id=\"case-surge\""), "the incident replaces the surge note")

            let closed = try await CaseActionsTests.post(client, "\(location)/sluiten", cookie: cookie, ["csrf": csrf])
            #expect(closed.headers[.location] == location)
            let closedPage = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(closedPage.contains("id=\"incident-closed\""))
            #expect(!closedPage.contains("id=\"incident-update\""))
            let late = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Nog iets"])
            #expect(late.status == .conflict)
            let caseAfter = try await client.execute(uri: "/cases/\(ids[2])", method: .get, headers: [.cookie: cookie]).text
            #expect(!caseAfter.contains("id=\"case-incident\""))
        }
    }

    @Test("agents read incidents but may not open, update or close them; bad input is refused")
    func rolesAndBadInput() async throws {
        try await withApp(.sqlite) { client, store, token in
            let ids = try await Self.outage(client, token: token)
            let (cookie, csrf) = try await Self.lead(client, store: store)
            for (fields, status) in [
                (["csrf": csrf, "onderwerp": "storing", "titel": "  "], HTTPResponse.Status.unprocessableContent),
                (["csrf": csrf, "onderwerp": "weer", "titel": "Onweer"], .unprocessableContent),
                (["csrf": csrf, "onderwerp": "storing", "titel": String(repeating: "x", count: 121)], .unprocessableContent),
                (["csrf": "verkeerd", "onderwerp": "storing", "titel": "Storing"], .forbidden),
            ] {
                let response = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, fields)
                #expect(response.status == status, "\(fields): \(response.status)")
            }
            let opened = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, ["csrf": csrf, "onderwerp": "storing", "titel": "Storing"])
            let location = try #require(opened.headers[.location])
            let empty = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "   "])
            #expect(empty.status == .unprocessableContent)
            let unknown = try await client.execute(uri: "/incidenten/\(UUID().uuidString.lowercased())", method: .get, headers: [.cookie: cookie])
            #expect(unknown.status == .notFound)

            let (agent, agentCSRF) = try await CaseActionsTests.session(client, store: store, caseID: ids[0])
            let read = try await client.execute(uri: location, method: .get, headers: [.cookie: agent]).text
            #expect(read.contains("Zaken bij dit incident (9)") && !read.contains("id=\"incident-update\""))
            for path in ["/incidenten", "\(location)/statusupdate", "\(location)/sluiten"] {
                let response = try await CaseActionsTests.post(
                    client, path, cookie: agent, ["csrf": agentCSRF, "onderwerp": "storing", "titel": "Storing", "tekst": "Hallo"])
                #expect(response.status == .forbidden, "\(path): \(response.status)")
            }
            #expect(try await store.replies(caseID: try #require(CaseID(ids[0]))).isEmpty, "nothing was sent")
        }
    }

    @Test("an update says how many replies arrived and failed, lists the failed cases, and skips who cannot be reached", arguments: TestDatabase.all)
    func deliveryCounted(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await Self.openOutage(client, store: store, token: token)
            // A customer who called about it and left only a number: Signaal cannot write to them.
            let caller = try await createCase(
                client, token: token,
                ["channel": "phone", "externalId": "call-1", "author": ["name": "Els Bel", "phone": "0612345678"],
                 "text": "Storing bij de bank-app, ik kan niet inloggen."])
            _ = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, we werken eraan."])
            #expect(try await store.replies(caseID: try #require(CaseID(caller))).isEmpty, "no reply queued only to fail")
            // X sending is not set up: most fail, two go out.
            for (index, reply) in try await store.claimDueReplies(now: Date().addingTimeInterval(60), limit: 20).enumerated() {
                let outcome: ReplySendOutcome = index < 2 ? .sent(externalID: "t-\(index)") : .failed(error: "X is niet ingesteld")
                _ = try await store.finishReply(id: reply.id, attempt: reply.attempts, outcome: outcome, now: Date())
            }
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("\(ids.count) klaargezet · 2 aangekomen · \(ids.count - 2) mislukt · 0 onderweg · 1 overgeslagen"))
            #expect(page.contains("1 overgeslagen: via telefoon kan Signaal niet zelf antwoorden en er is geen e-mailadres bekend"))
            let failedStart = try #require(page.range(of: "class=\"delivery-failed\"")).lowerBound
            let failedList = String(try #require(page[failedStart...].components(separatedBy: "</details>").first))
            #expect(failedList.contains("Mislukt bij \(ids.count - 2)"))
            #expect(ids.filter { failedList.contains("/cases/\($0)") }.count == ids.count - 2, "each failed case linked")
        }
    }

    @Test("an incident shows when it was opened, and apart from that since when messages belong to it (Amsterdam time)", arguments: TestDatabase.all)
    func openedAt(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (cookie, _) = try await Self.lead(client, store: store)
            let lead = try #require(try await store.users().first { $0.role == .lead })
            // 7 Dec 2026 08:55 UTC is 09:55 in Amsterdam (winter time).
            let opened = try Date("2026-12-07T08:55:00Z", strategy: .iso8601)
            let incident = try Incident.open(title: "Storing bank-app", topic: "storing", by: lead.id, now: opened)
            try await store.createIncident(incident)
            _ = try await store.closeIncident(id: incident.id, by: lead.id, at: opened.addingTimeInterval(60))
            let page = try await client.execute(uri: "/incidenten/\(incident.id)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("geopend 7 dec 2026 09:55 door Lotte Lead"))
            #expect(page.contains("berichten sinds 08:55 meegenomen"))
            #expect(!page.contains("sinds 7 dec 2026 08:55"))
            let list = try await client.execute(uri: "/incidenten", method: .get, headers: [.cookie: cookie]).text
            #expect(list.contains("7 dec 2026 09:55 – 7 dec 2026 09:56"))
        }
    }

    @Test("an update whose sending a stopped server interrupted says how many customers still follow", arguments: TestDatabase.all)
    func interrupted(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let ids = try await Self.outage(client, token: token)
            let (cookie, _) = try await Self.lead(client, store: store)
            let lead = try #require(try await store.users().first { $0.role == .lead })
            let incident = try Incident.open(title: "Storing bank-app", topic: "storing", by: lead.id, now: Date())
            try await store.createIncident(incident)
            let update = IncidentUpdate(
                id: .generate(), incidentID: incident.id, text: "We werken eraan.", postedBy: lead.id, postedAt: Date(), reached: 0, skipped: 0)
            try await store.addIncidentUpdate(update, recipients: ids.prefix(2).compactMap(CaseID.init))
            let page = try await client.execute(uri: "/incidenten/\(incident.id)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("0 klaargezet · 0 aangekomen · 0 mislukt · 0 onderweg · 0 overgeslagen"))
            #expect(page.contains("2 volgen binnen enkele minuten"))
        }
    }

    @Test("customers who write after the update get it too when the lead says so, once", arguments: TestDatabase.all)
    func newcomers(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await Self.openOutage(client, store: store, token: token)
            let text = "Hoi {klant}, de storing is om 16:00 verholpen."
            _ = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": text])
            #expect(!(try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text).contains("id=\"incident-newcomers\""))

            // The storm goes on: a customer writes after the update.
            let later = try #require(CaseID(try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "storing-later", "author": ["handle": "laatkomer", "name": "Ilse Laat"],
                 "text": "Storing bij de bank-app? Ik kan niet inloggen."])))
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("1 zaak kwam erbij sinds deze update en kreeg hem nog niet."))
            #expect(page.contains("id=\"incident-complete\""))
            let sent = try await CaseActionsTests.post(client, "\(location)/statusupdate/aanvullen", cookie: cookie, ["csrf": csrf])
            #expect(sent.headers[.location] == "\(location)?aangevuld=1")
            #expect(try await store.replies(caseID: later).map(\.text) == ["Hoi Ilse, de storing is om 16:00 verholpen."])
            let after = try await client.execute(uri: "\(location)?aangevuld=1", method: .get, headers: [.cookie: cookie]).text
            #expect(after.contains("De laatste statusupdate ging ook naar de nieuwe zaak."))
            #expect(after.contains("\(ids.count + 1) klaargezet · 0 aangekomen · 0 mislukt · \(ids.count + 1) onderweg · 0 overgeslagen"))
            #expect(!after.contains("id=\"incident-newcomers\""))
            // A second click finds nobody new and writes to nobody twice.
            let again = try await CaseActionsTests.post(client, "\(location)/statusupdate/aanvullen", cookie: cookie, ["csrf": csrf])
            #expect(again.headers[.location] == "\(location)?aangevuld=0")
            #expect(try await store.replies(caseID: later).count == 1)
            for id in ids { #expect(try await store.replies(caseID: try #require(CaseID(id))).count == 1) }
            // Agents read the incident but do not send for it.
            let agent = try await CaseActionsTests.session(client, store: store, caseID: later.description)
            let refused = try await CaseActionsTests.post(client, "\(location)/statusupdate/aanvullen", cookie: agent.0, ["csrf": agent.1])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("an update with an unknown placeholder or a template bracket is refused before anyone gets it, the text kept beside the form", arguments: TestDatabase.all)
    func placeholdersRefused(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await Self.openOutage(client, store: store, token: token)
            // Before sending, the lead sees whom it reaches and how.
            let before = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(before.contains("<p class=\"hint\" id=\"incident-reach\">Gaat naar 9 klanten: 9 via X (Twitter).</p>"))
            for (text, shown) in [("Hoi {naam}, er is een storing.", "‘{naam}’"), ("Hoi {klant}, de storing is om [tijd] voorbij.", "‘[tijd]’")] {
                let refused = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": text])
                #expect(refused.status == .unprocessableContent)
                let page = refused.text
                #expect(page.contains("\(shown) zou letterlijk bij elke klant aankomen"), "\(text)")
                #expect(page.contains("er is nog niets verstuurd.</p>"))
                #expect(page.contains(">\(text)</textarea>"), "the typed text is kept")
            }
            #expect(try await store.incidentUpdates(incidentID: try #require(IncidentID(String(location.dropFirst("/incidenten/".count))))).isEmpty)
            for id in ids { #expect(try await store.replies(caseID: try #require(CaseID(id))).isEmpty, "nobody got it") }
            // Corrected, it goes — the refused text claimed no minute of the double-click guard.
            let sent = try await CaseActionsTests.post(
                client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, er is een storing."])
            #expect(sent.headers[.location] == "\(location)?verstuurd=9")
            #expect(try await store.replies(caseID: try #require(CaseID(ids[0]))).map(\.text) == ["Hoi Joost, er is een storing."])
        }
    }

    @Test("a case whose latest message names no topic does not join; a lead takes a wrongly linked case out, puts it back or adds one by hand", arguments: TestDatabase.all)
    func casesByHand(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            // A train traveller wrote about a delay by an outage hours ago, and now about her money.
            let author: [String: Any] = ["email": "anna@example.nl", "name": "Anna Spoor"]
            let train = try await createCase(
                client, token: token,
                ["channel": "email", "author": author, "text": "Mijn trein had vertraging door een storing, ik wil mijn geld terug.",
                 "receivedAt": Date().addingTimeInterval(-3 * 3600).formatted(.iso8601)])
            #expect(try await createCase(client, token: token, ["channel": "email", "author": author, "text": "Het geld is er nog steeds niet!"]) == train)
            let (ids, cookie, csrf, location) = try await Self.openOutage(client, store: store, token: token)
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Zaken bij dit incident (9)"))
            #expect(!page.contains("/cases/\(train)"), "no topic, no incident")

            // Taken out: the lead sees it apart, and it gets no update.
            let removed = try await CaseActionsTests.post(client, "\(location)/zaken/\(ids[1])/verwijderen", cookie: cookie, ["csrf": csrf])
            #expect(removed.headers[.location] == location)
            let without = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(without.contains("Zaken bij dit incident (8)"))
            let removedList = String(try #require(without.components(separatedBy: "id=\"incident-removed\"").dropFirst().first))
            #expect(removedList.contains("/cases/\(ids[1])") && removedList.contains("door Lotte Lead"))
            _ = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, we werken eraan."])
            #expect(try await store.replies(caseID: try #require(CaseID(ids[1]))).isEmpty)
            #expect(try await store.replies(caseID: try #require(CaseID(ids[2]))).count == 1)
            let casePage = try await client.execute(uri: "/cases/\(ids[1])", method: .get, headers: [.cookie: cookie]).text
            #expect(!casePage.contains("id=\"case-incident\""))
            // In the case's audit trail.
            let audit = try await store.auditEntries(.case(try #require(CaseID(ids[1]))), before: nil, limit: 20)
            #expect(audit.contains { $0.detail == "POST \(location)/zaken/\(ids[1])/verwijderen" && $0.action == .change })

            // Agents may not; a case that does not exist is not found.
            let (agent, agentCSRF) = try await CaseActionsTests.session(client, store: store, caseID: ids[3])
            let refused = try await CaseActionsTests.post(client, "\(location)/zaken/\(ids[3])/verwijderen", cookie: agent, ["csrf": agentCSRF])
            #expect(refused.status == .forbidden)
            let agentPage = try await client.execute(uri: location, method: .get, headers: [.cookie: agent]).text
            #expect(agentPage.contains("/cases/\(ids[3])") && !agentPage.contains("/verwijderen") && !agentPage.contains("id=\"incident-add-case\""))
            let unknown = try await CaseActionsTests.post(client, "\(location)/zaken/\(UUID().uuidString.lowercased())/verwijderen", cookie: cookie, ["csrf": csrf])
            #expect(unknown.status == .notFound)
            let forged = try await CaseActionsTests.post(client, "\(location)/zaken/\(ids[3])/verwijderen", cookie: cookie, ["csrf": "verkeerd"])
            #expect(forged.status == .forbidden)

            // Put back, and the train customer added by hand (by her case's link).
            _ = try await CaseActionsTests.post(client, "\(location)/zaken/\(ids[1])/toevoegen", cookie: cookie, ["csrf": csrf])
            let bad = try await CaseActionsTests.post(client, "\(location)/zaken", cookie: cookie, ["csrf": csrf, "zaak": "zaak 12"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Plak de link van de zaak") && bad.text.contains("value=\"zaak 12\""))
            let added = try await CaseActionsTests.post(client, "\(location)/zaken", cookie: cookie, ["csrf": csrf, "zaak": "http://localhost:8080/cases/\(train)"])
            #expect(added.headers[.location] == location)
            let after = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).text
            #expect(after.contains("Zaken bij dit incident (10)"))
            #expect(after.contains("/cases/\(train)\">") && after.contains("met de hand toegevoegd"))
            #expect(!after.contains("id=\"incident-removed\""))
        }
    }

    @Test("the inbox's surge banner names the open incident that covers it and links to it, instead of advising an update", arguments: TestDatabase.all)
    func surgeKnowsIncident(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (_, cookie, csrf, location) = try await Self.openOutage(client, store: store, token: token)
            let opened = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(opened.contains("<a href=\"\(location)\" class=\"surge-incident\">incident ‘Storing bank-app’ is open, nog zonder statusupdate.</a>"))
            #expect(!opened.contains("één statusupdate voor iedereen helpt"))
            _ = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, we werken eraan."])
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(inbox.contains("id=\"surges\""))
            #expect(inbox.contains("<a href=\"\(location)\" class=\"surge-incident\">incident ‘Storing bank-app’ is open; statusupdate verstuurd op "))
            #expect(!inbox.contains("één statusupdate voor iedereen helpt"))
            // Closed, the advice is back.
            _ = try await CaseActionsTests.post(client, "\(location)/sluiten", cookie: cookie, ["csrf": csrf])
            let closed = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(closed.contains("één statusupdate voor iedereen helpt") && !closed.contains("surge-incident"))
        }
    }
}
