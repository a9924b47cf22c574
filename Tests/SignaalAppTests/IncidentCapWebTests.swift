import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// An incident with more cases than one update reaches says so, with the real total, and lists a
/// bounded number of them.
@Suite("Web: an incident larger than one update reaches")
struct IncidentCapWebTests {
    @Test("the page states the real number of cases, how many an update leaves out, and lists the first 200", arguments: TestDatabase.all)
    func cappedIncident(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let lead = try #require(try await store.users().first { $0.role == .lead })
            let incident = try Incident.open(title: "Storing bank-app", topic: "storing", by: lead.id, now: Fixtures.base)
            try await store.createIncident(incident)
            let total = IncidentUpdates.maximumCases + 3
            let at = Fixtures.base.addingTimeInterval(60)
            var customers: [Customer] = []
            var cases: [Case] = []
            var signals: [Signal] = []
            for index in 0..<total {
                let customer = Customer(
                    id: .generate(now: at), name: "Klant \(index)", identities: [try #require(Identity(kind: .x, raw: "klant_\(index)"))], createdAt: at)
                var theCase = Case(
                    id: .generate(now: at), customerID: customer.id, status: .open, priority: Double(index % 100), subject: "App doet het niet \(index)",
                    channel: .x, openedAt: at, updatedAt: at, lastInboundAt: at, waitingSince: at, signalCount: 1, reopenCount: 0,
                    maxFollowers: 10, transitions: [])
                theCase.absorb(Fixtures.analysis(.negative, .complaint, topics: ["storing"]))
                customers.append(customer)
                cases.append(theCase)
                signals.append(Signal(
                    id: .generate(now: at), caseID: theCase.id, customerID: customer.id,
                    draft: Fixtures.draft(channel: .x, externalID: "cap-\(index)", handle: "klant_\(index)", text: "De app is weer stuk", receivedAt: at),
                    analysis: Fixtures.analysis(.negative, .complaint, topics: ["storing"]), createdAt: at))
            }
            try await store.bulkLoad(customers: customers, cases: cases, signals: signals)

            let page = try await client.execute(uri: "/incidenten/\(incident.id)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Zaken bij dit incident (\(total))"))
            #expect(page.contains("Een update gaat alleen naar de 1000 zaken met de hoogste prioriteit; 3 van de \(total) zaken krijgen hem niet."))
            #expect(page.contains("Hieronder de 200 zaken met de hoogste prioriteit van \(total)."))
            #expect(page.components(separatedBy: "class=\"incident-remove\"").count - 1 == 200)
            #expect(page.contains("1000 klanten"), "the reach preview counts whom an update reaches")
        }
    }
}
