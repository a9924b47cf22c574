import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: compensation within mandate at once, above it with a lead's approval")
struct CompensationWebTests {
    static func signIn(_ client: any TestClientProtocol, store: any SignaalStore, email: String, role: User.Role, caseID: String) async throws
        -> (cookie: String, csrf: String)
    {
        try await UserAccounts.forTests(store).create(email: email, name: email.components(separatedBy: "@")[0].capitalized, role: role, password: "Vlinder-kade-47")
        let (_, session) = try await WebTests.signIn(client, email: email, password: "Vlinder-kade-47")
        let cookie = try #require(session)
        let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
        let marker = "name=\"csrf\" value=\""
        let start = try #require(page.text.range(of: marker)).upperBound
        return (cookie, String(page.text[start...].prefix { $0 != "\"" }))
    }

    @Test("€ 12,50 is granted at once; € 40 waits; the agent cannot approve it, the lead can; the API shows the ledger", arguments: TestDatabase.all)
    func withinAndAbove(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "ria@example.nl", "name": "Ria"], "text": "Ik moest € 12,50 rembourskosten betalen voor een retour."])
            let theCaseID = try #require(CaseID(caseID))
            let agent = try await Self.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: caseID)

            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: agent.cookie])
            #expect(page.text.contains("Uw mandaat: € 25,00 per zaak"))

            let bad = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "refund", "amount": "twaalf"])
            #expect(bad.status == .unprocessableContent)
            let unknownKind = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "cash", "amount": "5"])
            #expect(unknownKind.status == .unprocessableContent)
            let zero = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "refund", "amount": "0"])
            #expect(zero.status == .unprocessableContent)
            #expect(try await store.compensations(caseID: theCaseID).isEmpty)

            let within = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie,
                ["csrf": agent.csrf, "kind": "waived_costs", "amount": "12,50", "reason": "rembours had nooit mogen worden gerekend"])
            #expect(within.status == .seeOther)
            let above = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "voucher", "amount": "40"])
            #expect(above.status == .seeOther)
            let ledger = try await store.compensations(caseID: theCaseID)
            #expect(ledger.map(\.status) == [.granted, .pending])
            #expect(ledger.map(\.amountCents) == [1250, 4000])

            let shown = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: agent.cookie]).text
            #expect(shown.contains("€ 12,50") && shown.contains("toegekend"))
            #expect(shown.contains("€ 40,00") && shown.contains("wacht op akkoord"))
            #expect(!shown.contains("/compensations/\(ledger[1].id)/decide"), "an agent is not offered the approval")

            let agentDecides = try await CaseActionsTests.post(
                client, "/compensations/\(ledger[1].id)/decide", cookie: agent.cookie, ["csrf": agent.csrf, "decision": "approve"])
            #expect(agentDecides.status == .forbidden)
            let agentOverview = try await client.execute(uri: "/tegemoetkomingen", method: .get, headers: [.cookie: agent.cookie])
            #expect(agentOverview.status == .forbidden)

            let lead = try await Self.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let overview = try await client.execute(uri: "/tegemoetkomingen", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(overview.contains("€ 40,00") && overview.contains("/compensations/\(ledger[1].id)/decide"))
            let approve = try await CaseActionsTests.post(
                client, "/compensations/\(ledger[1].id)/decide", cookie: lead.cookie,
                ["csrf": lead.csrf, "decision": "approve", "note": "terecht", "next": "/tegemoetkomingen"])
            #expect(approve.status == .seeOther)
            #expect(approve.headers[.location] == "/tegemoetkomingen")
            let again = try await CaseActionsTests.post(
                client, "/compensations/\(ledger[1].id)/decide", cookie: lead.cookie, ["csrf": lead.csrf, "decision": "reject"])
            #expect(again.status == .conflict)
            #expect(try await store.compensations(caseID: theCaseID).map(\.status) == [.granted, .granted])

            let detail = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token)).json()
            let compensations = try #require(detail["compensations"] as? [[String: Any]])
            #expect(compensations.map { $0["amountCents"] as? Int } == [1250, 4000])
            #expect(compensations.last?["status"] as? String == "granted")
            #expect(compensations.last?["decisionNote"] as? String == "terecht")

            // The audit log says which decision, on how much, about which case; not only the request.
            let audit = try await client.execute(uri: "/audit", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(audit.contains("<td>gewijzigd: besluit over een tegemoetkoming (goedgekeurd: € 40,00 \(Compensation.Kind.voucher.dutchName))</td>"), "\(audit)")
            #expect(audit.contains("<td><a href=\"/cases/\(caseID)\">zaak ‘Ik moest € 12,50 rembourskosten betalen voor een retour.’</a></td><td>POST /compensations/\(ledger[1].id)/decide</td>"))
            #expect(audit.contains("<td>gewijzigd: tegemoetkoming gegeven of aangevraagd</td>"))
            let english = try await client.execute(uri: "/audit?lang=en", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(english.contains("<td>changed: decision on a compensation (goedgekeurd: € 40,00"))
        }
    }

    @Test("a lead's approval above the lead's own mandate is refused; a customer given much is flagged to leads only", arguments: TestDatabase.all)
    func leadLimitAndFlag(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "veelklager"], "text": "Alweer een kapotte levering, ik wil mijn geld terug"])
            let theCaseID = try #require(CaseID(caseID))
            let agent = try await Self.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: caseID)
            let lead = try await Self.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            _ = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "refund", "amount": "300"])
            let big = try #require(try await store.compensations(caseID: theCaseID).first)
            #expect(big.status == .pending)
            // The lead reads before the click that € 300 is above the lead's own € 250: no Akkoord
            // button, only Afwijzen. An admin gets the button.
            let leadPage = try await client.execute(uri: "/tegemoetkomingen", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(leadPage.contains("Boven uw eigen mandaat (€ 250,00 voor terugbetaling)"))
            #expect(!leadPage.contains("value=\"approve\"") && leadPage.contains("value=\"reject\""))
            let admin = try await Self.signIn(client, store: store, email: "ahmed@example.nl", role: .admin, caseID: caseID)
            let adminPage = try await client.execute(uri: "/tegemoetkomingen", method: .get, headers: [.cookie: admin.cookie]).text
            #expect(adminPage.contains("value=\"approve\"") && !adminPage.contains("Boven uw eigen mandaat"))
            let refused = try await CaseActionsTests.post(
                client, "/compensations/\(big.id)/decide", cookie: lead.cookie, ["csrf": lead.csrf, "decision": "approve"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("beheerder"))
            let rejected = try await CaseActionsTests.post(
                client, "/compensations/\(big.id)/decide", cookie: lead.cookie, ["csrf": lead.csrf, "decision": "reject"])
            #expect(rejected.status == .seeOther)

            // Beyond every role's mandate (an admin's € 1.000): refused at once, with the reason beside
            // the form and the amount kept, instead of waiting for an approval nobody can give.
            let huge = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "refund", "amount": "1.250"])
            #expect(huge.status == .unprocessableContent)
            #expect(huge.text.contains("boven het hoogste mandaat (€ 1.000,00 voor terugbetaling)") && huge.text.contains("1.250"))
            #expect(try await store.compensations(caseID: theCaseID).count == 1)

            for amount in ["5", "5", "5", "5"] {
                _ = try await CaseActionsTests.post(
                    client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "gift", "amount": amount])
            }
            let flag = "Alleen voor teamleiders: deze klant kreeg de afgelopen twaalf maanden 4 keer iets"
            #expect(try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: lead.cookie]).text.contains(flag))
            #expect(!(try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: agent.cookie]).text.contains(flag)))
            let overview = try await client.execute(uri: "/tegemoetkomingen", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(overview.contains("veelklager"))
            #expect(overview.contains("€ 20,00"))
        }
    }

    @Test("the compensations page speaks English with ?lang=en, kinds included, and Dutch by default", arguments: TestDatabase.all)
    func overviewInEnglish(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "ria@example.nl", "name": "Ria"], "text": "Mijn bestelling kwam kapot aan, ik wil mijn geld terug."])
            let agent = try await Self.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: caseID)
            let above = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: agent.cookie, ["csrf": agent.csrf, "kind": "voucher", "amount": "40"])
            #expect(above.status == .seeOther)
            let lead = try await Self.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)

            let english = try await client.execute(uri: "/tegemoetkomingen?lang=en", method: .get, headers: [.cookie: lead.cookie])
            #expect(english.status == .ok)
            let page = english.text
            #expect(page.contains("<title>Compensations · Signaal</title>"))
            #expect(page.contains("<h2 id=\"pending-title\">Awaiting approval</h2>"))
            #expect(page.contains("€40.00</strong> voucher"), "the kind is named in English, the amount written as English writes it")
            #expect(page.contains("requested by Anna"))
            #expect(page.contains(">Approve</button>") && page.contains(">Reject</button>"))
            #expect(page.contains("No customers above the threshold."))
            for dutch in ["Tegemoetkomingen", "Wacht op akkoord", "tegoedbon", "gevraagd door", "Toelichting", "Afwijzen", "Geen klanten boven de drempel"] {
                #expect(!page.contains(dutch), "'\(dutch)' is still Dutch")
            }

            let dutch = try await client.execute(uri: "/tegemoetkomingen", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(dutch.contains("<title>Tegemoetkomingen · Signaal</title>"))
            #expect(dutch.contains("€ 40,00</strong> tegoedbon") && dutch.contains("gevraagd door Anna"))
            #expect(dutch.contains(">Akkoord</button>") && dutch.contains("Geen klanten boven de drempel."))
            #expect(!dutch.contains("Awaiting approval") && !dutch.contains("voucher"))
        }
    }

    @Test("the example mandate file is read; a file with an unknown role stops the start with its name")
    func mandateFile() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/mandate.example.json")
        let configuration = try AppConfig(environment: ["SIGNAAL_MANDATE_FILE": example.path])
        #expect(configuration.mandate.limits(for: .agent).limit(for: .gift) == 1500)
        #expect(configuration.mandate.limits(for: .lead).perCase == 25000)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("mandate-\(UUID()).json")
        try Data(#"{"roles":{"stagiair":{"perKind":{},"perCase":1}},"flagGrantsPerYear":4,"flagCentsPerYear":1}"#.utf8).write(to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        let error = #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_MANDATE_FILE": broken.path]) }
        #expect(error?.description.contains("SIGNAAL_MANDATE_FILE") == true)
        #expect(error?.description.contains("stagiair") == true)
        // A lead who may give less than an agent is a typing error; a file that is not there, or not JSON, says so in Dutch.
        try Data(#"{"roles":{"agent":{"perKind":{},"perCase":2500},"lead":{"perKind":{},"perCase":1000}},"flagGrantsPerYear":4,"flagCentsPerYear":1}"#.utf8)
            .write(to: broken)
        let inverted = #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_MANDATE_FILE": broken.path]) }
        #expect(inverted?.description.contains("lead mag per zaak minder geven (€ 10,00) dan agent (€ 25,00)") == true, "\(String(describing: inverted))")
        let missing = #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_MANDATE_FILE": "/bestaat/niet.json"]) }
        #expect(missing?.description.contains("het bestand bestaat niet of is niet leesbaar") == true)
        try Data("{ kapot".utf8).write(to: broken)
        let garbled = #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_MANDATE_FILE": broken.path]) }
        #expect(garbled?.description.contains("geen geldige JSON") == true, "\(String(describing: garbled))")
    }
}
