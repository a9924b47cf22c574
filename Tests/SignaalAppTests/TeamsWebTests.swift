import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: teams, team rules and inbox filters")
struct TeamsWebTests {
    static func csrf(in page: String) throws -> String {
        let marker = "name=\"csrf\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test("an admin makes teams and rules; new work lands in the right queue; an agent hands a case to a team", arguments: TestDatabase.all)
    func teams(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            _ = try await accounts.create(email: "admin@example.nl", name: "Fatima Beheer", role: .admin, password: "Vlinder-kade-47")
            let anna = try await accounts.create(email: "anna@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let admin = try #require(try await WebTests.signIn(client, email: "admin@example.nl", password: "Vlinder-kade-47").1)
            let agent = try #require(try await WebTests.signIn(client, email: "anna@example.nl", password: "Vlinder-kade-47").1)
            let adminCSRF = try Self.csrf(in: try await client.execute(uri: "/teams", method: .get, headers: [.cookie: admin]).text)

            for name in ["Webcare", "Financiën"] {
                #expect(try await CaseActionsTests.post(client, "/teams", cookie: admin, ["csrf": adminCSRF, "name": name]).status == .seeOther)
            }
            let duplicate = try await CaseActionsTests.post(client, "/teams", cookie: admin, ["csrf": adminCSRF, "name": "Webcare"])
            #expect(duplicate.status == .conflict)
            for variant in ["webcare", " WEBCARE ", "financien"] {
                #expect(try await CaseActionsTests.post(client, "/teams", cookie: admin, ["csrf": adminCSRF, "name": variant]).status == .conflict, "\(variant)")
            }
            let teams = Dictionary(uniqueKeysWithValues: try await store.teams().map { ($0.name, $0.id) })
            let webcare = try #require(teams["Webcare"]), finance = try #require(teams["Financiën"])
            #expect(try await CaseActionsTests.post(
                client, "/teams/leden/\(anna.id)", cookie: admin, ["csrf": adminCSRF, "team": webcare.description]).status == .seeOther)
            #expect(try await store.user(id: anna.id)?.teamID == webcare)

            let badRule = try await CaseActionsTests.post(
                client, "/teams/regels", cookie: admin, ["csrf": adminCSRF, "field": "topic", "value": "onzin", "team": finance.description])
            #expect(badRule.status == .unprocessableContent)
            #expect(badRule.text.contains("betaling"), "the error names the topics there are")
            #expect(try await CaseActionsTests.post(
                client, "/teams/regels", cookie: admin,
                ["csrf": adminCSRF, "field": "topic", "value": "betaling", "team": finance.description]).status == .seeOther)
            #expect(try await store.teamRules().map(\.value) == ["betaling"])
            let rulesPage = try await client.execute(uri: "/teams", method: .get, headers: [.cookie: admin]).text
            #expect(rulesPage.contains("Onderwerp is <strong>betaling</strong> → team Financiën"))
            #expect(rulesPage.contains("Anna Agent"))
            // Nobody is in Financiën yet: its cases would wait for no one, and the admin is told so.
            #expect(rulesPage.contains("nog niemand in dit team: deze zaken blijven liggen"), "\(rulesPage)")
            // A channel that does not exist is refused with the channels' names, as the help shows them.
            let badChannel = try await CaseActionsTests.post(
                client, "/teams/regels", cookie: admin, ["csrf": adminCSRF, "field": "channel", "value": "fax", "team": webcare.description])
            #expect(badChannel.status == .unprocessableContent)
            #expect(badChannel.text.contains("Kies een kanaal: X (Twitter), Facebook, Messenger"), "\(badChannel.text)")
            #expect(!badChannel.text.contains("x, facebook"))
            // A channel as people say it, shown as they say it; the help names channels so too.
            #expect(try await CaseActionsTests.post(
                client, "/teams/regels", cookie: admin,
                ["csrf": adminCSRF, "field": "channel", "value": "Telefoon", "team": webcare.description]).status == .seeOther)
            #expect(try await store.teamRules().map(\.value) == ["betaling", "phone"])
            let channelRule = try await client.execute(uri: "/teams", method: .get, headers: [.cookie: admin]).text
            #expect(channelRule.contains("Kanaal is <strong>telefoon</strong> → team Webcare"), "\(channelRule)")
            #expect(channelRule.contains("Kanalen: X (Twitter), Facebook"), "\(channelRule)")
            let phoneRule = try #require(try await store.teamRules().last)
            #expect(try await store.removeTeamRule(id: phoneRule.id))

            // An agent may not change teams.
            let agentCSRF = try Self.csrf(in: try await client.execute(uri: "/", method: .get, headers: [.cookie: agent]).text)
            #expect(try await CaseActionsTests.post(client, "/teams", cookie: agent, ["csrf": agentCSRF, "name": "Eigen team"]).status == .forbidden)
            #expect(try await store.teams().count == 2)

            let payment = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "klant@example.nl"],
                "text": "Er is twee keer € 49,95 van mijn rekening afgeschreven voor dezelfde bestelling. Graag terugstorten.",
            ])
            #expect(try await store.case(id: try #require(CaseID(payment)))?.teamID == finance)
            let parcel = try await createCase(client, token: token, [
                "channel": "x", "externalId": "team-2", "author": ["handle": "wachter"], "text": "Mijn pakket is al een week onderweg, waar blijft het?",
            ])
            let parcelID = try #require(CaseID(parcel))
            #expect(try await store.case(id: parcelID)?.teamID == nil)

            // Anna's team view: cases of Webcare only; the payment case is Financiën's.
            let teamView = try await client.execute(uri: "/?zaken=team", method: .get, headers: [.cookie: agent]).text
            #expect(!teamView.contains("twee keer € 49,95"))
            #expect(try await CaseActionsTests.post(client, "/cases/\(parcel)/take", cookie: agent, ["csrf": agentCSRF]).status == .seeOther)
            #expect(try await store.case(id: parcelID)?.teamID == webcare, "work taken by a team member counts for the team")
            #expect(try await client.execute(uri: "/?zaken=team", method: .get, headers: [.cookie: agent]).text.contains("pakket is al een week"))

            // A warm handoff to Financiën's queue: nobody owns it, the team has it, the briefing waits on top.
            let briefing = "Klant betaalde ook verzendkosten dubbel; graag samen met de terugstorting bekijken."
            let casePage = try await client.execute(uri: "/cases/\(parcel)", method: .get, headers: [.cookie: agent]).text
            #expect(casePage.contains("value=\"team:\(finance)\""))
            let handed = try await CaseActionsTests.post(
                client, "/cases/\(parcel)/handoff", cookie: agent, ["csrf": agentCSRF, "to": "team:\(finance)", "briefing": briefing])
            #expect(handed.status == .seeOther)
            let moved = try #require(try await store.case(id: parcelID))
            #expect(moved.ownerID == nil)
            #expect(moved.teamID == finance)
            let after = try await client.execute(uri: "/cases/\(parcel)", method: .get, headers: [.cookie: admin]).text
            #expect(after.contains("Team Financiën"))
            #expect(after.contains("Van Anna Agent aan team Financiën"))
            #expect(after.contains("verzendkosten dubbel"))
            let unknownTeam = try await CaseActionsTests.post(
                client, "/cases/\(payment)/handoff", cookie: agent, ["csrf": agentCSRF, "to": "team:\(TeamID.generate())", "briefing": briefing])
            #expect(unknownTeam.status == .unprocessableContent)

            // The admin renames Financiën: its queue, rules, members and the handoff's history go along.
            let teamsPage = try await client.execute(uri: "/teams", method: .get, headers: [.cookie: admin]).text
            #expect(teamsPage.contains("action=\"/teams/\(finance)/naam\""))
            #expect(try await CaseActionsTests.post(
                client, "/teams/\(finance)/naam", cookie: admin, ["csrf": adminCSRF, "name": "Betalingen"]).status == .seeOther)
            let renamed = try await client.execute(uri: "/teams", method: .get, headers: [.cookie: admin]).text
            #expect(renamed.contains("Onderwerp is <strong>betaling</strong> → team Betalingen"), "\(renamed)")
            #expect(!renamed.contains("Financiën"))
            #expect(try await client.execute(uri: "/cases/\(parcel)", method: .get, headers: [.cookie: admin]).text
                .contains("Van Anna Agent aan team Betalingen"))
            #expect(try await store.case(id: parcelID)?.teamID == finance)
            // Its own name in other capitals is fine; another team's name, a blank one or an agent's try is not.
            #expect(try await CaseActionsTests.post(
                client, "/teams/\(finance)/naam", cookie: admin, ["csrf": adminCSRF, "name": "BETALINGEN"]).status == .seeOther)
            #expect(try await CaseActionsTests.post(
                client, "/teams/\(finance)/naam", cookie: admin, ["csrf": adminCSRF, "name": "webcare"]).status == .conflict)
            #expect(try await CaseActionsTests.post(
                client, "/teams/\(finance)/naam", cookie: admin, ["csrf": adminCSRF, "name": " "]).status == .unprocessableContent)
            #expect(try await CaseActionsTests.post(
                client, "/teams/\(TeamID.generate())/naam", cookie: admin, ["csrf": adminCSRF, "name": "Nieuw"]).status == .notFound)
            #expect(try await CaseActionsTests.post(
                client, "/teams/\(finance)/naam", cookie: agent, ["csrf": agentCSRF, "name": "Van Anna"]).status == .forbidden)
            #expect(try await store.teams().map(\.name).sorted() == ["BETALINGEN", "Webcare"])
        }
    }

    @Test("the teams page speaks English on ?lang=en and Dutch by default", arguments: TestDatabase.all)
    func teamsPageInBothLanguages(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let accounts = UserAccounts.forTests(store)
            _ = try await accounts.create(email: "admin@example.nl", name: "Fatima Beheer", role: .admin, password: "Vlinder-kade-47")
            _ = try await accounts.create(email: "anna@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let admin = try #require(try await WebTests.signIn(client, email: "admin@example.nl", password: "Vlinder-kade-47").1)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: admin]).text
            }
            let empty = try await page("/teams?lang=en")
            #expect(empty.contains("There are no teams yet.") && empty.contains(">Create team</button>"))
            #expect(!empty.contains("Er zijn nog geen teams.") && !empty.contains("Team maken"))

            let csrf = try Self.csrf(in: empty)
            #expect(try await CaseActionsTests.post(client, "/teams", cookie: admin, ["csrf": csrf, "name": "Financiën"]).status == .seeOther)
            let finance = try #require(try await store.teams().first).id
            #expect(try await CaseActionsTests.post(
                client, "/teams/regels", cookie: admin,
                ["csrf": csrf, "field": "topic", "value": "betaling", "team": finance.description]).status == .seeOther)

            let english = try await page("/teams?lang=en")
            for text in [
                "<title>Teams · Signaal</title>", "A new case goes to the queue of the team", "<th scope=\"col\">Members</th>",
                "<span class=\"hint\">nobody yet</span>", "<label for=\"team-name\">New team</label>", "Who is in which team",
                "Anna Agent <span class=\"hint\">(agent)</span>", "Fatima Beheer <span class=\"hint\">(administrator)</span>",
                ">No team</option>", "Rules for new cases", "Topic is <strong>betaling</strong> → team Financiën", ">remove</button>",
                "<label for=\"rule-field\">If</label>", "<option value=\"brand\">Brand or account mentioned</option>",
                "<label for=\"rule-team\">then to team</label>", ">Add rule</button>", "Topics: ", "Language: a code such as nl or en.",
            ] { #expect(english.contains(text), "English teams page lacks \(text)") }
            for text in [
                "Leden", "nog niemand", "Nieuw team", "Wie zit in welk team", "medewerker", "beheerder", "Geen team", "Regels voor nieuwe zaken",
                "Onderwerp is", "verwijderen</button>", "Merk of account genoemd", "dan naar team", "Regel toevoegen", "Onderwerpen:",
            ] { #expect(!english.contains(text), "English teams page still says \(text)") }

            let dutch = try await page("/teams")
            for text in [
                "<th scope=\"col\">Leden</th>", "<span class=\"hint\">nog niemand</span>", "Anna Agent <span class=\"hint\">(medewerker)</span>",
                ">Geen team</option>", "Onderwerp is <strong>betaling</strong> → team Financiën", ">verwijderen</button>",
                "<option value=\"brand\">Merk of account genoemd</option>", ">Regel toevoegen</button>", "Taal: een code als nl of en.",
            ] { #expect(dutch.contains(text), "Dutch teams page lacks \(text)") }
            #expect(!dutch.contains("Add rule") && !dutch.contains("nobody yet") && !dutch.contains("Who is in which team"))
        }
    }

    @Test("the inbox and the API filter by channel, topic, tone and kind; unknown values are refused", arguments: TestDatabase.all)
    func filters(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            _ = try await createCase(client, token: token, [
                "channel": "x", "externalId": "f-1", "author": ["handle": "boos"],
                "text": "Schandalig! Mijn pakket is voor de derde keer kwijt en niemand neemt de telefoon op.",
            ])
            _ = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "vraag@example.nl"], "text": "Hoe kan ik mijn factuur downloaden?",
            ])
            _ = try await createCase(client, token: token, [
                "channel": "facebook", "externalId": "f-3", "author": ["handle": "blij"],
                "text": "Super bedankt voor de snelle hulp vandaag, top geregeld!",
            ])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: try #require(try await store.cases(statuses: [], limit: 1, after: nil).first).id.description)
            func inbox(_ query: String) async throws -> String {
                try await client.execute(uri: "/?" + query, method: .get, headers: [.cookie: cookie]).text
            }
            let email = try await inbox("kanaal=email")
            #expect(email.contains("factuur downloaden") && !email.contains("pakket is voor de derde") && !email.contains("snelle hulp"))
            let angry = try await inbox("toon=negative")
            #expect(angry.contains("pakket is voor de derde") && !angry.contains("snelle hulp"))
            let praise = try await inbox("soort=compliment")
            #expect(praise.contains("snelle hulp") && !praise.contains("factuur downloaden"))
            let parcels = try await inbox("onderwerp=levering&kanaal=x")
            #expect(parcels.contains("pakket is voor de derde") && !parcels.contains("factuur downloaden"))
            // The chosen filters stay selected, and the views keep them.
            #expect(parcels.contains("<option value=\"x\" selected>"))
            #expect(parcels.contains("href=\"/?zaken=mijn&amp;kanaal=x&amp;onderwerp=levering\""))

            // A search is narrowed by the view and the refinements; its form and the views keep them all.
            _ = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "pakket@example.nl"], "text": "Waar blijft mijn pakket? Al een week niets gehoord.",
            ])
            let everywhere = try await inbox("q=pakket")
            #expect(everywhere.contains("pakket is voor de derde") && everywhere.contains("Waar blijft mijn pakket"))
            let byEmail = try await inbox("q=pakket&kanaal=email")
            #expect(byEmail.contains("Waar blijft mijn pakket") && !byEmail.contains("pakket is voor de derde"))
            #expect(byEmail.contains("<input type=\"hidden\" name=\"kanaal\" value=\"email\">"))
            #expect(byEmail.contains("<input type=\"hidden\" name=\"q\" value=\"pakket\">"))
            #expect(byEmail.contains("href=\"/?zaken=mijn&amp;kanaal=email&amp;q=pakket\""))
            // Non-ASCII letters in the search are escaped in the view links (UTF-8, as browsers send them).
            let accented = try await inbox("q=caf%C3%A9%20pakket")
            #expect(accented.contains("href=\"/?zaken=mijn&amp;q=caf%C3%A9%20pakket\""), "\(accented)")
            let mine = try await inbox("q=pakket&zaken=mijn")
            #expect(!mine.contains("Waar blijft mijn pakket") && !mine.contains("pakket is voor de derde"), "nobody owns these cases")

            let badChannel = try await client.execute(uri: "/?kanaal=fax", method: .get, headers: [.cookie: cookie, .accept: "text/html"])
            #expect(badChannel.status == .unprocessableContent)
            #expect(badChannel.text.contains("whatsapp"), "the error names the channels there are")
            #expect(try await client.execute(uri: "/?zaken=team", method: .get, headers: [.cookie: cookie]).status == .unprocessableContent)

            let api = try await client.execute(uri: "/api/v1/cases?channel=x&intent=complaint", method: .get, headers: auth(token)).json()
            let items = try #require(api["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["sentiment"] as? String == "negative")
            #expect((items.first?["topics"] as? [String])?.contains("levering") == true)
            let badTopic = try await client.execute(uri: "/api/v1/cases?topic=onzin", method: .get, headers: auth(token))
            #expect(badTopic.status == .unprocessableContent)
            #expect(badTopic.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        }
    }

    @Test("compliments and first-contact figures per team", arguments: TestDatabase.all)
    func perTeam(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            let sanne = try await accounts.create(email: "sanne@example.nl", name: "Sanne Bakker", role: .agent, password: "Vlinder-kade-47")
            let joost = try await accounts.create(email: "joost@example.nl", name: "Joost Smit", role: .agent, password: "Vlinder-kade-47")
            let webcare = Team(id: .generate(), name: "Webcare"), finance = Team(id: .generate(), name: "Financiën")
            try await store.createTeam(webcare, now: Date())
            try await store.createTeam(finance, now: Date())
            try await store.setTeam(userID: sanne.id, teamID: webcare.id)
            try await store.setTeam(userID: joost.id, teamID: finance.id)
            _ = try await createCase(client, token: token, [
                "channel": "facebook", "author": ["handle": "2001"], "text": "Complimenten voor Sanne, super geholpen! Dank jullie wel",
            ])
            // Nobody named, nobody owns it, but it waits in Financiën's queue: the team's compliment.
            let queued = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "blij@example.nl"], "text": "Heel erg bedankt voor de snelle terugbetaling, top geregeld!",
            ])
            _ = try await store.updateCase(id: try #require(CaseID(queued))) { $0.teamID = finance.id }

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: queued)
            let all = try await client.execute(uri: "/complimenten", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(all.contains("Team Webcare (1)"))
            #expect(all.contains("Team Financiën (1)"))
            #expect(all.contains("Voor <strong>team Financiën</strong>"))
            let financeOnly = try await client.execute(uri: "/complimenten?team=\(finance.id)", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(financeOnly.contains("snelle terugbetaling") && !financeOnly.contains("Complimenten voor Sanne"))
            let unknown = try await client.execute(uri: "/complimenten?team=\(TeamID.generate())", method: .get, headers: [.cookie: lead.cookie])
            #expect(unknown.status == .notFound)

            // Sanne resolves one case herself; Joost resolves one he received from her: Webcare
            // has a first-contact resolution, Financiën a resolution after a transfer.
            for (owner, text, external) in [(sanne, "Mijn pakket is niet aangekomen", "c1"), (joost, "Factuur is te hoog", "c2")] {
                let id = try #require(CaseID(try await createCase(
                    client, token: token, ["channel": "x", "externalId": external, "author": ["handle": "k\(external)"], "text": text])))
                let now = Date()
                _ = try await store.recordHandoff(
                    Handoff(id: .generate(), caseID: id, fromUserID: nil, toUserID: sanne.id, byUserID: sanne.id, briefing: "opgepakt door Sanne", at: now),
                    now: now)
                if owner.id == joost.id {
                    _ = try await store.recordHandoff(
                        Handoff(id: .generate(), caseID: id, fromUserID: sanne.id, toUserID: joost.id, byUserID: sanne.id,
                                briefing: "Factuurvraag, hoort bij Financiën; klant wacht op uitleg.", at: now), now: now)
                }
                _ = try await store.updateCase(id: id) { theCase in
                    theCase.respondedAt = now  // answered: a case resolved without an answer is no first contact
                    try theCase.transition(to: .open, at: now, actorID: owner.id, reason: "opgepakt")
                    try theCase.transition(to: .resolved, at: now, actorID: owner.id, reason: "opgelost")
                }
            }
            let coaching = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: lead.cookie]).text
            let perTeam = try #require(coaching.range(of: "Per team")).upperBound
            let rows = String(coaching[perTeam...])
            #expect(rows.contains("<th scope=\"row\">Financiën</th><td class=\"fcr\">1 / 0 (0 %)</td><td class=\"transfers\">0 / 1</td>"))
            #expect(rows.contains("<th scope=\"row\">Webcare</th><td class=\"fcr\">1 / 1 (100 %)</td><td class=\"transfers\">1 / 0</td>"))
        }
    }

    @Test("a case page reports who else has the case open and who is writing; it needs the page's token and a real case", arguments: TestDatabase.all)
    func collision(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, [
                "channel": "x", "externalId": "col-1", "author": ["handle": "haast"], "text": "Mijn trein is uitgevallen, krijg ik mijn geld terug?",
            ])
            let (anna, annaCSRF) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            func report(_ cookie: String, _ csrf: String, typing: Bool, on id: String = caseID) async throws -> TestResponse {
                try await client.execute(
                    uri: "/cases/\(id)/aanwezig", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: csrf],
                    body: ByteBuffer(string: "{\"typing\": \(typing)}"))
            }
            let alone = try await report(anna, annaCSRF, typing: false).json()
            #expect((alone["others"] as? [[String: Any]])?.isEmpty == true)
            _ = try await report(lead.cookie, lead.csrf, typing: true)
            let others = try #require(try await report(anna, annaCSRF, typing: false).json()["others"] as? [[String: Any]])
            #expect(others.count == 1)
            #expect(others.first?["typing"] as? Bool == true)
            #expect((others.first?["name"] as? String)?.isEmpty == false)
            let seenByLead = try #require(try await report(lead.cookie, lead.csrf, typing: false).json()["others"] as? [[String: Any]])
            #expect(seenByLead.first?["name"] as? String == "Anna Agent")
            #expect(seenByLead.first?["typing"] as? Bool == false)
            // The lead closes the page: Anna's next report no longer names the lead.
            let leaving = try await client.execute(
                uri: "/cases/\(caseID)/aanwezig", method: .post,
                headers: [.cookie: lead.cookie, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: lead.csrf],
                body: ByteBuffer(string: "{\"typing\": false, \"leaving\": true}"))
            #expect(leaving.status == .noContent)
            #expect((try await report(anna, annaCSRF, typing: false).json()["others"] as? [[String: Any]])?.isEmpty == true)

            #expect(try await report(anna, "verkeerd", typing: false).status == .forbidden)
            #expect(try await report(anna, annaCSRF, typing: false, on: CaseID.generate().description).status == .notFound)
            let badBody = try await client.execute(
                uri: "/cases/\(caseID)/aanwezig", method: .post,
                headers: [.cookie: anna, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: annaCSRF],
                body: ByteBuffer(string: "typing"))
            #expect(badBody.status == .badRequest)
            // Presence is no change to the case: it is not in the audit log.
            let audit = try await store.auditEntries(.subject(caseID), before: nil, limit: 50)
            #expect(!audit.isEmpty, "viewing the case is in the log")
            #expect(audit.allSatisfy { !$0.detail.contains("aanwezig") })
            #expect(AuditEntry.classify(method: "POST", path: "/cases/\(caseID)/aanwezig") == nil)
            #expect(AuditEntry.classify(method: "POST", path: "/cases/\(caseID)/take") != nil)
        }
    }
}
