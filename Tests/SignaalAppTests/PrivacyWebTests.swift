import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: GDPR access and erasure for leads, and the audit log")
struct PrivacyWebTests {
    @Test("a lead downloads the customer's data and erases the customer; an agent may do neither; all of it is in the audit log", arguments: TestDatabase.all)
    func accessAndErasure(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "petra@example.nl", "name": "Petra Jansen"], "text": "Mijn huurtoeslag is niet gestort"])
            let theCaseID = try #require(CaseID(caseID))
            let theCase = try #require(try await store.case(id: theCaseID))
            let customer = theCase.customerID.description
            let agent = try await CompensationWebTests.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: caseID)
            #expect(try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: agent.cookie]).status == .forbidden)
            let agentErase = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: agent.cookie, ["csrf": agent.csrf, "bevestiging": "WISSEN"])
            #expect(agentErase.status == .forbidden)
            #expect(try await client.execute(uri: "/audit", method: .get, headers: [.cookie: agent.cookie]).status == .forbidden)

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let json = try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: lead.cookie])
            #expect(json.status == .ok)
            let dossier = try json.json()
            let messages = try #require(dossier["messages"] as? [[String: Any]])
            #expect(messages.first?["text"] as? String == "Mijn huurtoeslag is niet gestort")
            #expect((dossier["cases"] as? [[String: Any]])?.count == 1)
            let page = try await client.execute(uri: "/customers/\(customer)/gegevens", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(page.contains("Petra Jansen") && page.contains("huurtoeslag"))

            let unconfirmed = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": lead.csrf, "bevestiging": "ja"])
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(try await store.customer(id: theCase.customerID)?.name == "Petra Jansen", "nothing erased without the word")
            let erased = try await CaseActionsTests.post(
                client, "/customers/\(customer)/wissen", cookie: lead.cookie, ["csrf": lead.csrf, "bevestiging": "wissen"])
            #expect(erased.status == .seeOther)
            let after = try await client.execute(uri: "/customers/\(customer)/gegevens", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(after.contains("Deze klant is gewist op"))
            #expect(!after.contains("huurtoeslag") && !after.contains("Petra"))

            let audit = try await client.execute(uri: "/audit", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(audit.contains("klant gewist"))
            #expect(audit.contains("gegevens opgevraagd"))
            #expect(audit.contains("bekeken"))
            let entries = try await store.auditEntries(subjectID: customer, limit: 20)
            let leadID = try #require(try await store.users().first { $0.email == "lotte@example.nl" }).id
            #expect(entries.filter { $0.action == .erase }.map(\.userID) == [leadID], "one erasure, by the lead; the refused ones are not logged")
            #expect(entries.contains { $0.action == .export && $0.userID == leadID })
            let caseViews = try await store.auditEntries(subjectID: caseID, limit: 20)
            #expect(caseViews.filter { $0.action == .view }.count >= 2, "both agents' views of the case are logged")
        }
    }
}
