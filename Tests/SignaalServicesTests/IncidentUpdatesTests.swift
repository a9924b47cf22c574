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

    @Test("a server that stops while sending an update leaves the rest to send: after the restart they hear it, once", arguments: TestDatabase.all)
    func resumeAfterAStop(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
            var cases: [CaseID] = []
            for (index, text) in ["Storing bij het inchecken, de app doet het niet.", "Storing? Ik kan niet inchecken.", "Is er een storing? Inchecken lukt niet."].enumerated() {
                let draft = SignalDraft(
                    channel: .x, externalID: "stop-\(index)", author: Author(handle: "reiziger\(index)", name: "Reiziger \(index)"), text: text,
                    receivedAt: now.addingTimeInterval(-1200))
                cases.append(try await ingest(draft).signal.caseID)
            }
            let lead = User(id: .generate(), email: "lotte@example.nl", name: "Lotte", role: .lead, createdAt: now)
            try await store.createUser(lead, passwordHash: "x")
            let incident = try Incident.open(title: "Storing inchecken", topic: nil, by: lead.id, now: now)
            try await store.createIncident(incident)
            // The update was stored with its recipients, then the server stopped: one reply went
            // out (never settled), the others did not.
            let update = IncidentUpdate(
                id: .generate(now: now), incidentID: incident.id, text: "Hoi {klant}, we werken aan de storing.", postedBy: lead.id,
                postedAt: now.addingTimeInterval(-600), reached: 0, skipped: 0)
            try await store.addIncidentUpdate(update, recipients: cases)
            let first = try #require(try await store.claimIncidentRecipient(updateID: update.id))
            _ = try await WriteReply(store: store, clock: { now })(caseID: first, text: "Hoi Reiziger, we werken aan de storing.", author: lead.id)

            let updates = IncidentUpdates(store: store, clock: { now })
            #expect(try await updates.resumeDeliveries() == 2)
            for id in cases { #expect(try await store.replies(caseID: id).count == 1, "everyone once") }
            let later = try #require(cases.first { $0 != first })
            #expect(try await store.replies(caseID: later).first?.text == "Hoi Reiziger, we werken aan de storing.")
            #expect(try await store.incidentUpdate(id: update.id)?.reached == 2, "the interrupted one is not counted twice, nor guessed")
            #expect(try await updates.resumeDeliveries() == 0, "nothing left")
            // An update still being sent by a request (posted within the grace) is left to it.
            let fresh = IncidentUpdate(
                id: .generate(now: now), incidentID: incident.id, text: "Bijna opgelost.", postedBy: lead.id, postedAt: now.addingTimeInterval(-30),
                reached: 0, skipped: 0)
            try await store.addIncidentUpdate(fresh, recipients: [later])
            #expect(try await updates.resumeDeliveries() == 0)
            #expect(try await store.replies(caseID: later).count == 1)
        }
    }
}
