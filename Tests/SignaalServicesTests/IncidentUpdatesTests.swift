import Foundation
import SignaalDomain
import SignaalServices
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Incident updates: who gets one")
struct IncidentUpdatesTests {
    @Test("the travellers of a storm get the update; a fake care account writing about it does not", arguments: TestDatabase.all)
    func fakesLeftOut(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            let brand = BrandAccounts(handles: ["KLM"])
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer(), brand: brand)
            func post(_ key: String, _ author: Author, _ text: String) async throws -> CaseID {
                try await ingest(SignalDraft(channel: .x, externalID: key, author: author, text: text, receivedAt: now.addingTimeInterval(-60))).signal.caseID
            }
            let joost = try await post("t-1", Author(handle: "joostvdberg", name: "Joost van den Berg"), "@KLM er is een storing bij het inchecken, de app doet het niet. Wat nu?")
            let anna = try await post("t-2", Author(handle: "annab"), "@KLM storing? Ik kan niet inchecken en mijn vlucht gaat over twee uur.")
            let fake = try await post("f-1", Author(handle: "KLM_Klantenservice", name: "KLM Klantenservice"), "@annab Er is een storing. Stop met janken, dit is echt belachelijk.")
            let lead = User(id: .generate(), email: "lotte@example.nl", name: "Lotte", role: .lead, createdAt: now)
            try await store.createUser(lead, passwordHash: "x")
            let topics = try #require(try await store.case(id: joost)).topics
            let topic = try #require(topics.first, "the analysis gives the outage a topic")
            for id in [anna, fake] { #expect(try #require(try await store.case(id: id)).topics.contains(topic)) }
            let incident = try Incident.open(title: "Storing inchecken", topic: topic, by: lead.id, now: now)
            try await store.createIncident(incident)

            let updates = IncidentUpdates(store: store, clock: { now }, brand: brand)
            #expect(Set(try await updates.cases(of: incident).map(\.id)) == [joost, anna])
            let (update, deliveries) = try await updates.send("Hoi {klant}, we werken aan de storing.", incidentID: incident.id, by: lead.id)
            #expect(update.reached == 2 && update.skipped == 0)
            #expect(Set(deliveries) == [.queued(joost), .queued(anna)])
            #expect(try await store.replies(caseID: fake).isEmpty)
            #expect(try await store.incidentUpdates(incidentID: incident.id) == [update])
            // Without the brand's handles the same account is a customer like any other.
            #expect(try await IncidentUpdates(store: store, clock: { now }).cases(of: incident).count == 3)
        }
    }
}
