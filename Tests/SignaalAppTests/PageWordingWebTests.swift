import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: what the inbox and case page say when there is nothing, or little, to show")
struct PageWordingWebTests {
    @Test("each view without cases says what is empty, in Dutch and English; a search names what was searched for", arguments: TestDatabase.all)
    func emptyViews(database: TestDatabase) async throws {
        let clock = TestClock(SLAWebTests.monday)
        try await withApp(database, clock: { clock.date }, configuration: SLAWebTests.configuration) { client, store, token in
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "reiziger"], "text": "Mijn trein viel uit"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text
            }
            for (uri, text) in [
                ("/?zaken=mijn", "U heeft geen openstaande zaken."),
                ("/?norm=risico", "Geen zaken waarvan de norm in gevaar is."),
                ("/?norm=verlopen", "Geen zaken waarvan de norm verlopen is."),
                ("/?kanaal=email", "Geen openstaande zaken die bij deze filters passen."),
                ("/?q=fietsenstalling", "Niets gevonden voor ‘fietsenstalling’."),
                ("/?zaken=mijn&lang=en", "You have no open cases."),
                ("/?norm=risico&lang=en", "No cases whose SLA is at risk."),
                ("/?norm=verlopen&lang=en", "No cases whose SLA has been breached."),
                ("/?q=fietsenstalling&lang=en", "Nothing found for ‘fietsenstalling’."),
            ] {
                let html = try await page(uri)
                #expect(html.contains(text), "\(uri) should say \(text)")
                #expect(!html.contains("Mooi werk") && !html.contains("Well done"), "\(uri) is not an empty inbox")
            }
            #expect(try await page("/?lang=nl").contains("Mijn trein viel uit"))
        }
    }

    @Test("a search without words keeps the inbox, its menu and the search box, and says what to search for", arguments: TestDatabase.all)
    func searchWithoutWords(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "reiziger"], "text": "Mijn trein viel uit"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            for (query, shown) in [("%3F", "?"), ("%E2%82%AC", "€"), ("%40", "@"), ("%F0%9F%98%A1", "😡"), ("-", "-"), ("(", "(")] {
                let response = try await client.execute(uri: "/?q=\(query)", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .unprocessableContent)
                let html = response.text
                #expect(html.contains("Geen woorden om op te zoeken"), "q=\(shown)")
                #expect(html.contains("id=\"search\" name=\"q\" value=\"\(shown)\""), "the search box keeps \(shown)")
                #expect(html.contains("aria-label=\"hoofdmenu\""), "the menu stays")
                #expect(!html.contains("Er ging iets mis"))
            }
            let english = try await client.execute(uri: "/?q=%3F&lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("No words to search for"))
        }
    }

    @Test("a search for a handle, address, phone number or name shows that customer's cases, also when no message contains it", arguments: TestDatabase.all)
    func searchFindsCustomer(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let tweet = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "JDijkman", "name": "Jeroen Dijkman"], "text": "Mijn vlucht is geannuleerd"])
            let mail = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "petra@example.nl", "name": "Petra Jansen"], "text": "Mijn factuur klopt niet"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: tweet)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text
            }
            let byHandle = try await page("/?q=%40jdijkman")
            #expect(byHandle.contains("Klant gevonden: Jeroen Dijkman"), "\(byHandle)")
            #expect(byHandle.contains("<a href=\"/cases/\(tweet)\">Mijn vlucht is geannuleerd</a>"), "\(byHandle)")
            #expect(!byHandle.contains("Niets gevonden"), "the customer was found")
            let byAddress = try await page("/?q=Petra%40Example.nl")
            #expect(byAddress.contains("Klant gevonden: Petra Jansen") && byAddress.contains("/cases/\(mail)"), "\(byAddress)")
            let words = try await page("/?q=factuur")
            #expect(!words.contains("Klant gevonden"), "ordinary words find messages, not customers")
            // A name an agent knows the customer by, though no message holds it.
            let byName = try await page("/?q=jansen")
            #expect(byName.contains("Klant gevonden: Petra Jansen") && byName.contains("/cases/\(mail)"), "\(byName)")
            #expect(!byName.contains("Niets gevonden"))

            // From a Mac the accents may come decomposed ("u" and a combining diaeresis): found all the same,
            // by the word with or without its accents, and searched for either way.
            let decomposed = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "zoe@example.ch", "name": "Zoe\u{0308} Mu\u{0308}ller"],
                 "text": "Mijn bestelling uit Zu\u{0308}rich kwam kapot aan, ik ben echt gei\u{0308}rriteerd"])
            for query in ["zurich", "z%C3%BCrich", "zu%CC%88rich", "geirriteerd"] {
                #expect(try await page("/?q=\(query)").contains("/cases/\(decomposed)"), "\(query)")
            }
            for query in ["muller", "m%C3%BCller", "mu%CC%88ller"] {
                #expect(try await page("/?q=\(query)").contains("Klant gevonden: Zoë Müller"), "\(query)")
            }
        }
    }

    @Test("the case page says who waits (nobody, or the customer) and leaves out an empty topic list instead of blanks and stray dots", arguments: TestDatabase.all)
    func caseWithoutWaitingOrTopics(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "groeter"], "text": "Hallo daar"])
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let customerID = try #require(try await store.case(id: theCaseID)?.customerID)
            let analysis = try #require(try await store.signals(customerID: customerID).first?.analysis)
            #expect(analysis.topics.isEmpty, "the test needs a message without topics")
            _ = try await store.updateCase(id: theCaseID) { $0.waitingSince = nil }
            let html = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(html.contains("<dt>Wacht</dt><dd>niemand</dd>"))
            #expect(!html.contains("Wacht sinds</dt><dd>niemand"))
            #expect(!html.contains("onderwerpen: \n") && !html.contains("onderwerpen: ·"))
            #expect(html.contains("class=\"analysis\""))
            // Answered: the ball is in the customer's court, which is what the page says.
            _ = try await store.updateCase(id: theCaseID) { theCase in
                try theCase.transition(to: .open, at: Date(), reason: "test")
                try theCase.transition(to: .waitingOnCustomer, at: Date(), reason: "test")
            }
            let answered = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(answered.contains("<dt>Wacht</dt><dd>op de klant</dd>"))
            let english = try await client.execute(uri: "/cases/\(caseID)?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("<dt>Waiting</dt><dd>on the customer</dd>"))
        }
    }

    @Test("a broken next-page link in the inbox says so in plain words; the API still names its nextCursor")
    func invalidInboxCursor() async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "bladeraar"], "text": "Waar blijft mijn pakket?"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let web = try await client.execute(uri: "/?cursor=rommel", method: .get, headers: [.cookie: cookie])
            #expect(web.status == .badRequest)
            #expect(web.text.contains("Deze link naar een volgende pagina klopt niet (meer)."))
            #expect(!web.text.contains("nextCursor"))
            let english = try await client.execute(uri: "/?cursor=rommel&lang=en", method: .get, headers: [.cookie: cookie])
            #expect(english.text.contains("This link to a next page is not valid (any more)."))
            let api = try await client.execute(uri: "/api/v1/cases?cursor=rommel", method: .get, headers: auth(token, json: false))
            #expect(api.status == .badRequest)
            #expect((try api.json()["detail"] as? String ?? "").contains("nextCursor"))
        }
    }

    @Test("a reply the coach found nothing wrong with has no dangling dot on the coaching page", arguments: TestDatabase.all)
    func coachingWithoutFindings(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "jan@example.nl", "name": "Jan Smit"], "text": CoachWebTests.complaint])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": CoachWebTests.goodDraft])
            let theCaseID = try #require(CaseID(caseID))
            let reply = try #require(try await store.replies(caseID: theCaseID).first)
            #expect(reply.coachFindings.isEmpty, "the test needs a reply without findings")
            // A low score without a finding named is still one to go through: listed, without a dot before nothing.
            var low = reply
            low.id = .generate()
            low.coachScore = 40
            try await store.createReply(low)
            try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
            let (_, session) = try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47")
            let html = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: try #require(session)]).text
            #expect(html.contains("#reply-\(low.id)"))
            #expect(!html.contains("#reply-\(reply.id)"), "a good reply without findings is nothing to go through")
            #expect(!html.contains(" · <blockquote>"))
        }
    }

    @Test("timers say they count working hours: the kind first, the due time on hover, and on the case page", arguments: TestDatabase.all)
    func workingHours(database: TestDatabase) async throws {
        let clock = TestClock(SLAWebTests.monday)
        try await withApp(database, clock: { clock.date }, configuration: SLAWebTests.configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "author": ["handle": "pendelaar"], "receivedAt": "2026-12-07T08:00:00Z", "text": "Mijn OV-chipkaart is dubbel belast"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text
            }
            let inbox = try await page("/")
            #expect(inbox.contains("reactie:</span> nog 1 u"))
            #expect(inbox.contains("title=\"In werktijd (openingsuren); uiterlijk 7 dec 2026 10:00\""))
            #expect(inbox.contains("Norm <span class=\"hint\">(werktijd)</span>"))
            #expect(try await page("/?lang=en").contains("title=\"In working hours (opening hours); due 7 Dec 2026 10:00\""))
            #expect(try await page("/cases/\(caseID)").contains("norm 1 u werktijd"))
        }
    }

    @Test("a colleague with one open case has '1 open zaak', in English '1 open case'", arguments: TestDatabase.all)
    func routingCountsInTheSingular(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let anna = try await UserAccounts.forTests(store).create(email: "anna@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "klant1"], "text": "Mijn factuur klopt niet"])
            _ = try await store.updateCase(id: try #require(CaseID(caseID))) { $0.ownerID = anna.id }
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: lead.cookie]).text
            }
            #expect(try await page("/routering").contains("Anna <span class=\"hint\">(medewerker, 1 open zaak)</span>"))
            #expect(try await page("/routering?lang=en").contains("Anna <span class=\"hint\">(agent, 1 open case)</span>"))
            #expect(try await page("/routering?lang=en").contains("Lotte <span class=\"hint\">(team lead, 0 open cases)</span>"))
        }
    }
}
