import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Web: GDPR access and erasure for leads, and the audit log")
struct PrivacyWebTests {
    /// Petra's case about her housing allowance: its id and her customer id.
    static func petrasCase(_ client: any TestClientProtocol, store: any SignaalStore, token: String) async throws -> (String, String) {
        let caseID = try await createCase(
            client, token: token,
            ["channel": "email", "author": ["email": "petra@example.nl", "name": "Petra Jansen"], "text": "Mijn huurtoeslag is niet gestort"])
        let theCaseID = try #require(CaseID(caseID))
        let theCase = try #require(try await store.case(id: theCaseID))
        return (caseID, theCase.customerID.description)
    }

    @Test("a lead downloads the customer's data and erases the customer; an agent may do neither; all of it is in the audit log", arguments: TestDatabase.all)
    func accessAndErasure(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (caseID, customer) = try await Self.petrasCase(client, store: store, token: token)
            let agent = try await CompensationWebTests.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: caseID)
            #expect(try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: agent.cookie]).status == .forbidden)
            let agentErase = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: agent.cookie, ["csrf": agent.csrf, "bevestiging": "WISSEN"])
            #expect(agentErase.status == .forbidden)
            #expect(try await client.execute(uri: "/audit", method: .get, headers: [.cookie: agent.cookie]).status == .forbidden)

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            // An agent's correction of how her message was read is data about her words: in the export.
            let theCaseID = try #require(CaseID(caseID))
            let signal = try #require(try await store.signals(caseID: theCaseID).first)
            let anna = try #require(try await store.users().first { $0.email == "anna@example.nl" })
            try await store.addLabel(
                SignalLabel(signalID: signal.id, sentiment: .negative, intent: .complaint, topics: ["toeslag"], userID: anna.id, createdAt: Date()))
            let json = try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: lead.cookie])
            #expect(json.status == .ok)
            let dossier = try json.json()
            let messages = try #require(dossier["messages"] as? [[String: Any]])
            #expect(messages.first?["text"] as? String == "Mijn huurtoeslag is niet gestort")
            #expect((dossier["cases"] as? [[String: Any]])?.count == 1)
            let corrections = try #require(dossier["corrections"] as? [[String: Any]])
            #expect(corrections.count == 1 && corrections.first?["sentiment"] as? String == "negative", "\(corrections)")
            let page = try await client.execute(uri: "/customers/\(customer)/gegevens", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(page.contains("Petra Jansen") && page.contains("huurtoeslag"))
            // The lead is told before erasing that the open case will be closed.
            #expect(page.contains("1 open zaak wordt gesloten"), "\(page)")

            // An expired form is no refusal of the person: nothing to log.
            let expired = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": "verlopen", "bevestiging": "WISSEN"])
            #expect(expired.status == .forbidden)
            let unconfirmed = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": lead.csrf, "bevestiging": "ja"])
            #expect(unconfirmed.status == .unprocessableContent)
            // The dossier again, with the reason beside the open form, not a dead-end error page.
            #expect(unconfirmed.text.contains("Gegevens van") && unconfirmed.text.contains("<details class=\"card erase\" open>"), "\(unconfirmed.text)")
            #expect(unconfirmed.text.contains("role=\"alert\">Typ WISSEN om te bevestigen."), "\(unconfirmed.text)")
            #expect(try await store.customer(id: try #require(CustomerID(customer)))?.name == "Petra Jansen", "nothing erased without the word")
            let erased = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": lead.csrf, "bevestiging": "wissen"])
            #expect(erased.status == .seeOther)
            let after = try await client.execute(uri: "/customers/\(customer)/gegevens", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(after.contains("Deze klant is gewist op"))
            #expect(!after.contains("huurtoeslag") && !after.contains("Petra"))
            // Once: a second erasure is refused, and logs nothing.
            let again = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": lead.csrf, "bevestiging": "WISSEN"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("Deze klant is al gewist"))

            let audit = try await client.execute(uri: "/audit", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(audit.contains("klant gewist"))
            #expect(audit.contains("gegevens opgevraagd"))
            #expect(audit.contains("bekeken"))
            #expect(audit.contains("geweigerd (geen recht)"))
            let entries = try await store.auditEntries(.subject(customer), before: nil, limit: 20)
            let leadID = try #require(try await store.users().first { $0.email == "lotte@example.nl" }).id
            #expect(entries.filter { $0.action == .erase }.map(\.userID) == [leadID], "one erasure, by the lead")
            // The agent's two tries are on record as refused, and only hers: not the lead's expired form or second erasure.
            let refused = entries.filter { $0.action == .refused }
            #expect(refused.map(\.userID) == [anna.id, anna.id], "\(refused)")
            #expect(Set(refused.map(\.detail)) == ["GET /customers/\(customer)/gegevens.json", "POST /customers/\(customer)/wissen"])
            #expect(try await store.auditEntries(.subject(customer), before: nil, limit: 20).allSatisfy { $0.subject == .customer })
            #expect(entries.contains { $0.action == .export && $0.userID == leadID })
            let caseViews = try await store.auditEntries(.subject(caseID), before: nil, limit: 20)
            #expect(caseViews.filter { $0.action == .view }.count >= 2, "both agents' views of the case are logged")
        }
    }

    @Test(
        "the customer's data holds their messages on a record an agent linked their address from, not another person's there",
        arguments: TestDatabase.all)
    func dataAcrossLinkedRecords(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (caseID, customer) = try await Self.petrasCase(client, store: store, token: token)
            // Petra once wrote from her work address, which made a record of its own; an agent
            // linked her colleague's address to that record too, and he wrote as well.
            let workCase = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "p.jansen@werk.nl"], "text": "Mijn fietsenstalling is dubbel afgeschreven"])
            let workCaseID = try #require(CaseID(workCase))
            let workRecord = try #require(try await store.case(id: workCaseID)).customerID
            try await store.linkIdentity(try #require(Identity(kind: .email, raw: "collega@werk.nl")), to: workRecord, by: nil, at: Date())
            _ = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "collega@werk.nl"], "text": "Bij mij is het zonnescherm nog steeds kapot"])
            // Now an agent links her work address to her.
            try await store.linkIdentity(
                try #require(Identity(kind: .email, raw: "p.jansen@werk.nl")), to: try #require(CustomerID(customer)), by: nil, at: Date())

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let json = try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: lead.cookie])
            #expect(json.text.contains("fietsenstalling"), "her message under her work address is hers")
            #expect(!json.text.contains("zonnescherm") && !json.text.contains("collega@werk.nl"), "her colleague's is not")
            let elsewhere = try #require(try json.json()["messagesOnOtherRecords"] as? [[String: Any]])
            #expect(elsewhere.map { $0["customerID"] as? String } == [workRecord.description], "it says which record keeps it")
            let page = try await client.execute(uri: "/customers/\(customer)/gegevens", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(page.contains("Berichten bij een ander klantrecord") && page.contains("fietsenstalling") && !page.contains("zonnescherm"))
        }
    }

    @Test("the readable data holds what the export holds about the customer: hand-over briefings, the resolve outcome, notes, corrections, in Dutch and English",
          arguments: TestDatabase.all)
    func pageHoldsWhatTheExportHolds(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (caseID, customer) = try await Self.petrasCase(client, store: store, token: token)
            _ = try await CompensationWebTests.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: caseID)
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let anna = try #require(try await store.users().first { $0.email == "anna@example.nl" })
            let briefing = "Petra Jansen, Dorpsstraat 4 Zwolle: toeslag oktober ontbreekt, belt liever na 17:00"
            let handoff = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/handoff", cookie: lead.cookie, ["csrf": lead.csrf, "to": anna.id.description, "briefing": briefing])
            #expect(handoff.status == .seeOther, "\(handoff.text)")
            let note = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/intern", cookie: lead.cookie, ["csrf": lead.csrf, "text": "Petra heeft een betalingsregeling lopen"])
            #expect(note.status == .seeOther, "\(note.text)")
            let outcome = "Toeslag oktober alsnog gestort op haar rekening NL91ABNA0417164300"
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: lead.cookie,
                ["csrf": lead.csrf, "outcome": outcome, "root_cause": "levering", "confirm": "1"])
            #expect(resolved.status == .seeOther, "\(resolved.text)")
            let theCaseID = try #require(CaseID(caseID))
            let signal = try #require(try await store.signals(caseID: theCaseID).first)
            try await store.addLabel(
                SignalLabel(signalID: signal.id, sentiment: .negative, intent: .complaint, topics: ["toeslag"], userID: anna.id, createdAt: Date()))

            let json = try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: lead.cookie]).text
            for text in [briefing, outcome, "betalingsregeling", "toeslag"] { #expect(json.contains(text), "the export holds \(text)") }

            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: lead.cookie]).text
            }
            let dutch = try await page("/customers/\(customer)/gegevens")
            for text in [
                "Overdracht", briefing, "Verloop", "opgelost: \(outcome)", "Interne notitie", "Petra heeft een betalingsregeling lopen",
                "oorzaak: levering", "Correcties van hoe berichten zijn gelezen", "negatief · klacht · toeslag",
            ] { #expect(dutch.contains(text), "the Dutch page lacks \(text)") }
            let english = try await page("/customers/\(customer)/gegevens?lang=en")
            for text in [
                "Hand-over", briefing, "History", "resolved: \(outcome)", "Internal note", "cause: levering",
                "Corrections of how messages were read", "negative · complaint · toeslag",
            ] { #expect(english.contains(text), "the English page lacks \(text)") }
            for text in ["Overdracht", "Verloop", "Interne notitie"] { #expect(!english.contains(text), "English still says \(text)") }
        }
    }

    @Test("the audit log of an unknown case or customer number says there is none (404), not that nothing was recorded", arguments: TestDatabase.all)
    func unknownAuditSubject(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (caseID, _) = try await Self.petrasCase(client, store: store, token: token)
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            func audit(_ over: String) async throws -> TestResponse {
                try await client.execute(uri: "/audit?over=\(over)", method: .get, headers: [.cookie: lead.cookie, .accept: "text/html"])
            }
            for unknown in [CaseID.generate().description, CustomerID.generate().description, "zaak-12345"] {
                let page = try await audit(unknown)
                #expect(page.status == .notFound, "\(unknown)")
                #expect(page.text.contains("Er is geen zaak, klant of collega met nummer ‘\(unknown)’."), "\(page.text)")
                #expect(!page.text.contains("Nog niets vastgelegd."), "an unknown number is no empty log")
                #expect(page.text.contains("<input id=\"audit-over\" name=\"over\" value=\"\(unknown)\">"), "the number stays in the form to correct")
            }
            // A case nobody has opened yet does exist: its log is empty, and says so.
            let unseen = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "joost@example.nl", "name": "Joost Jansen"], "text": "Mijn pakket is kwijt"])
            let empty = try await audit(unseen)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Nog niets vastgelegd.") && !empty.text.contains("Er is geen zaak"), "\(empty.text)")
            // The number of a case that was looked at still shows who did.
            let seen = try await audit(caseID)
            #expect(seen.status == .ok && seen.text.contains("<td>GET /cases/\(caseID)</td>"))
        }
    }

    @Test("the customer's data and the audit log speak English on ?lang=en and Dutch by default", arguments: TestDatabase.all)
    func pagesInBothLanguages(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (caseID, customer) = try await Self.petrasCase(client, store: store, token: token)
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let granted = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: lead.cookie,
                ["csrf": lead.csrf, "kind": "voucher", "amount": "10", "reason": "toeslag te laat"])
            #expect(granted.status == .seeOther)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: lead.cookie]).text
            }

            let english = try await page("/customers/\(customer)/gegevens?lang=en")
            for text in [
                "<title>Customer data · Signaal</title>", "<h1>Data held on Petra Jansen</h1>",
                "Everything Signaal keeps about this customer", "this request is recorded in the <a href=\"/audit?over=\(customer)\">audit log</a>",
                "Download as JSON", "Customer since", "Messages from the customer", "Compensation: €10.00 voucher (granted)",
                "Erase customer (right to be forgotten)", "Type WISSEN to confirm", ">Erase customer</button>",
            ] { #expect(english.contains(text), "English customer data lacks \(text)") }
            for text in ["Gegevens van", "Download als JSON", "Klant sinds", "Berichten van de klant", "tegoedbon", "toegekend", "Klant wissen", "om te bevestigen"] {
                #expect(!english.contains(text), "English customer data still says \(text)")
            }
            #expect(english.contains("huurtoeslag"), "the customer's own words stay as they are")

            let dutch = try await page("/customers/\(customer)/gegevens")
            for text in [
                "<title>Gegevens van een klant · Signaal</title>", "<h1>Gegevens van Petra Jansen</h1>",
                "dit opvragen staat in het <a href=\"/audit?over=\(customer)\">auditlog</a>", "Download als JSON", "Klant sinds",
                "Tegemoetkoming: € 10,00 tegoedbon (toegekend)", "Typ WISSEN om te bevestigen", ">Klant wissen</button>",
            ] { #expect(dutch.contains(text), "Dutch customer data lacks \(text)") }
            #expect(!dutch.contains("Download as JSON") && !dutch.contains("Erase customer"))

            let erased = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": lead.csrf, "bevestiging": "WISSEN"])
            #expect(erased.status == .seeOther)
            let after = try await page("/customers/\(customer)/gegevens?lang=en")
            #expect(after.contains("This customer was erased on"))
            #expect(after.contains("The cases and counts remain"))
            #expect(!after.contains("Deze klant is gewist op") && !after.contains("Erase customer"))

            let audit = try await page("/audit?lang=en")
            for text in [
                "<title>Audit log · Signaal</title>", "<h1>Audit log</h1>", "Who viewed or changed which case", "The latest entries.",
                "<label for=\"audit-over\">Case or customer number (or the page address)</label>", "<th scope=\"col\">About</th>", ">Show</button>", "<th scope=\"col\">When</th>",
                "<th scope=\"col\">Request</th>", "<td>customer erased</td>", "<td>data requested</td>", "<td>viewed</td>",
            ] { #expect(audit.contains(text), "English audit log lacks \(text)") }
            for text in ["klant gewist", "gegevens opgevraagd", "bekeken", "Wanneer", "Zaak- of klantnummer", "Tonen"] {
                #expect(!audit.contains(text), "English audit log still says \(text)")
            }
            let about = try await page("/audit?over=\(customer)&lang=en")
            #expect(about.contains("The latest entries about unnamed customer (\(customer)), with everything about this customer&#39;s cases."), "\(about)")
            // The dossier links here: who saw her case is in it, not only who asked for her data.
            #expect(about.contains("<td>viewed</td>") && about.contains("<td>GET /cases/\(caseID)</td>"), "\(about)")
            // What was looked at is named, with a link to it, not only the request's address.
            #expect(about.contains("<a href=\"/cases/\(caseID)\">case ‘[gewist op verzoek van de klant]’</a>"), "\(about)")
            // A case's address pasted from the browser filters as its number does.
            let pasted = try await page("/audit?over=http://signaal.example.nl/cases/\(caseID)&lang=en")
            #expect(pasted.contains("<td>GET /cases/\(caseID)</td>") && !pasted.contains("<td>customer erased</td>"), "\(pasted)")
            #expect(about.contains("<td>customer erased</td>"))
            let nothing = try await page("/audit?over=onbekend&lang=en")
            #expect(nothing.contains("There is no case, customer or colleague with number ‘onbekend’.") && !nothing.contains("Er is geen zaak"))
            // A NUL typed or pasted into the filter finds nothing; PostgreSQL refused the query (500).
            let withNUL = try await client.execute(uri: "/audit?over=a%00b&lang=en", method: .get, headers: [.cookie: lead.cookie])
            #expect(withNUL.status == .notFound && withNUL.text.contains("There is no case, customer or colleague"), "\(withNUL.text)")

            let dutchAudit = try await page("/audit?over=\(customer)")
            #expect(try await page("/audit").contains("De nieuwste regels.</p>"), "no filter: no dangling 'over'")
            for text in ["<h1>Auditlog</h1>", "De nieuwste regels over klant zonder naam (\(customer)), met alles over de zaken van deze klant.", "<td>klant gewist</td>", "<td>gegevens opgevraagd</td>", ">Tonen</button>"] {
                #expect(dutchAudit.contains(text), "Dutch audit log lacks \(text)")
            }
            #expect(!dutchAudit.contains("customer erased") && !dutchAudit.contains("data requested"))
        }
    }

    @Test(
        "an erased customer's e-mail delivered again (webhook, ingest-email, API) is a duplicate of the placeholder; another mail under its Message-ID is still taken in",
        arguments: TestDatabase.all)
    func erasedMailStaysErased(database: TestDatabase) async throws {
        let configuration = WebhookTests.configuration()
        try await withApp(database, configuration: configuration) { client, store, token in
            // A mailer that writes one id for every mail (`<@localhost>`): Sophie's mail, then Kees's under the same id.
            let sophie = """
                From: Sophie de Boer <sophie@example.nl>
                To: webcare@winkel.example
                Subject: Mijn meter
                Message-ID: <avg-sophie-1@example.nl>

                Mijn slimme meter op de Kerkweg 12 geeft al een week niets door.
                """
            let kees = sophie.replacingOccurrences(of: "Sophie de Boer <sophie@example.nl>", with: "Kees Bakker <kees@example.nl>")
                .replacingOccurrences(of: "Kerkweg 12", with: "Molenlaan 3")
            let first = try await WebhookTests.postMail(client, sophie).json()
            let sophieID = try #require((first["signalIDs"] as? [String])?.first)
            let other = try await WebhookTests.postMail(client, kees).json()
            let keesID = try #require((other["signalIDs"] as? [String])?.first)
            #expect(keesID != sophieID, "another mail under a shared Message-ID is kept apart")
            // And one through the API, as an integration passes a mail on.
            let apiMail: [String: Any] = [
                "channel": "email", "externalId": "avg-sophie-2@example.nl", "author": ["email": "sophie@example.nl", "name": "Sophie de Boer"],
                "text": "Mijn IBAN is NL91ABNA0417164300",
            ]
            let viaAPI = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(apiMail)).json()
            let apiID = try #require(viaAPI["id"] as? String)
            let sophieSignal = try #require(SignalID(sophieID))
            let customer = try #require(try await store.signal(id: sophieSignal)).customerID
            try await store.eraseCustomer(id: customer, at: Date())

            let again = try await WebhookTests.postMail(client, sophie).json()
            #expect(again["duplicates"] as? Int == 1 && again["stored"] as? Int == 0, "\(again)")
            #expect(again["signalIDs"] as? [String] == [sophieID])
            let piped = try await ChannelImports(store: store, configuration: configuration)
                .ingestEmail(Data(sophie.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            guard case .duplicate(let placeholder) = piped else {
                Issue.record("ingest-email took the erased mail in again: \(piped.signal.text)")
                return
            }
            #expect(placeholder.id.description == sophieID)
            let apiAgain = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(apiMail))
            #expect(apiAgain.status == .ok)
            #expect(try apiAgain.json()["duplicate"] as? Bool == true && apiAgain.json()["id"] as? String == apiID, "\(apiAgain.text)")
            // Kees's mail is his own: a redelivery of it is his, and a new mail under the id still comes in.
            #expect(try await WebhookTests.postMail(client, kees).json()["signalIDs"] as? [String] == [keesID])
            let anna = sophie.replacingOccurrences(of: "Sophie de Boer <sophie@example.nl>", with: "Anna Smit <anna@example.nl>")
                .replacingOccurrences(of: "Kerkweg 12", with: "Dorpsstraat 4")
            #expect(try await WebhookTests.postMail(client, anna).json()["stored"] as? Int == 1)

            let texts = try await store.signals(channel: .email, limit: 20, after: nil).map(\.text)
            #expect(texts.count == 4, "\(texts)")
            #expect(!texts.contains { $0.contains("Kerkweg") || $0.contains("NL91") }, "\(texts)")
        }
    }
}
