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
            let lead = try await Self.lead("Lotte", store: store, now: now)
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
            let cases = try await Self.travellers(
                ingest, ["Storing bij het inchecken, de app doet het niet.", "Storing? Ik kan niet inchecken.", "Is er een storing? Inchecken lukt niet."],
                at: now.addingTimeInterval(-1200))
            let lead = try await Self.lead("Lotte", store: store, now: now)
            // The update was stored with its recipients, then the server stopped: one reply went
            // out (never settled), the others did not.
            let (incident, update) = try await Self.storedUpdate("Hoi {klant}, we werken aan de storing.", to: cases, by: lead, store: store, now: now)
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

    @Test("an update interrupted by a server stop is not sent after the lead closed the incident", arguments: TestDatabase.all)
    func closedMeanwhile(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let (cases, lead, incident, update) = try await Self.interruptedUpdate("Hoi {klant}, we werken nog aan de storing.", store: store, now: now)
            _ = try #require(try await store.closeIncident(id: incident.id, by: lead.id, at: now.addingTimeInterval(-300)))

            let updates = IncidentUpdates(store: store, clock: { now })
            #expect(try await updates.resumeDeliveries() == 0, "nobody is written to")
            for id in cases { #expect(try await store.replies(caseID: id).isEmpty, "no 'we are working on it' after the all-clear") }
            let settled = try #require(try await store.incidentUpdate(id: update.id))
            #expect(settled.reached == 0 && settled.skipped == 2, "the page says they were skipped")
            #expect(try await store.incidentUpdatesAwaitingDelivery(postedBefore: now).isEmpty, "and nothing waits any more")
        }
    }

    @Test("the latest update sent on to newcomers is in the name of the lead who decided so", arguments: TestDatabase.all)
    func newcomersInTheNameOfWhoSent(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
            let first = try #require(try await Self.travellers(ingest, ["Storing bij het inchecken, de app doet het niet."], at: now).first)
            let lotte = try await Self.lead("Lotte", store: store, now: now)
            let ahmed = try await Self.lead("Ahmed", store: store, now: now)
            let incident = try Incident.open(title: "Storing inchecken", topic: nil, by: lotte.id, now: now.addingTimeInterval(-600))
            try await store.createIncident(incident)
            let updates = IncidentUpdates(store: store, clock: { now })
            _ = try await updates.send("Hoi {klant}, we werken aan de storing.", incidentID: incident.id, by: lotte.id)
            let later = try #require(try await Self.travellers(ingest, ["Storing? Ik kan niet inchecken."], at: now, from: 1).first)

            let (_, deliveries) = try await updates.sendLatestToNewcomers(incidentID: incident.id, by: ahmed.id)
            #expect(deliveries == [.queued(later)])
            #expect(try await store.replies(caseID: later).map(\.authorID) == [ahmed.id], "Ahmed pressed the button")
            #expect(try await store.replies(caseID: first).map(\.authorID) == [lotte.id])
        }
    }

    /// The update goes out to many at once (and a second instance may resume the same update
    /// meanwhile): every customer hears it once, and the counts add up.
    @Test("a storm's update reaches each of sixty travellers once, also with a second sender on the same update", arguments: TestDatabase.all)
    func manyRecipientsOnce(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
            let cases = try await Self.travellers(
                ingest, (0..<60).map { "Storing bij het inchecken, vlucht \($0) gaat zo. De app doet het niet." }, at: now.addingTimeInterval(-1200))
            let lead = try await Self.lead("Lotte", store: store, now: now)
            let (_, update) = try await Self.storedUpdate("Hoi {klant}, we werken aan de storing.", to: cases, by: lead, store: store, now: now)

            let updates = IncidentUpdates(store: store, clock: { now })
            async let one = updates.deliver(update.id)
            async let other = updates.deliver(update.id)
            let deliveries = try await one + other
            #expect(deliveries.count == 60 && Set(deliveries) == Set(cases.map { CaseDelivery.queued($0) }), "each taken by one sender only")
            for id in cases {
                let replies = try await store.replies(caseID: id)
                #expect(replies.count == 1, "everyone once")
                #expect(replies.first?.text == "Hoi Reiziger, we werken aan de storing.")
            }
            let settled = try #require(try await store.incidentUpdate(id: update.id))
            #expect(settled.reached == 60 && settled.skipped == 0)
            #expect(try await store.incidentUpdatesAwaitingDelivery(postedBefore: now).isEmpty)
        }
    }

    @Test("a customer Signaal cannot write to on any channel is skipped with the reason; no failing reply is queued", arguments: TestDatabase.all)
    func unreachableSkipped(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
            let traveller = try await Self.travellers(ingest, ["Storing bij het inchecken, de app doet het niet."], at: now.addingTimeInterval(-1200))[0]
            // A call the phone system passed on (not an agent's note): a number, no e-mail address.
            let caller = try await ingest(SignalDraft(
                channel: .phone, externalID: "call-1", author: Author(name: "Els Bel", phone: "0612345678"),
                text: "Storing bij het inchecken, ik kom er niet in.", receivedAt: now.addingTimeInterval(-1100))).signal.caseID
            let lead = try await Self.lead("Lotte", store: store, now: now)
            let (_, update) = try await Self.storedUpdate("Hoi {klant}, we werken aan de storing.", to: [traveller, caller], by: lead, store: store, now: now)

            let deliveries = try await IncidentUpdates(store: store, clock: { now }).deliver(update.id)
            #expect(deliveries.contains(.queued(traveller)))
            let skipped = deliveries.compactMap { if case .skipped(let id, let reason) = $0 { (id, reason) } else { nil } }
            #expect(skipped.map(\.0) == [caller])
            #expect(skipped.first?.1.contains("geen e-mailadres") == true)
            #expect(try await store.replies(caseID: caller).isEmpty, "nothing queued only to fail")
            let settled = try #require(try await store.incidentUpdate(id: update.id))
            #expect(settled.reached == 1 && settled.skipped == 1)
            // The traveller's reply is linked to their recipient row: its fate is the reply's.
            let outcomes = try #require(try await store.incidentRecipientOutcomes(incidentID: update.incidentID)[update.id])
            let reply = try #require(try await store.replies(caseID: traveller).first)
            #expect(outcomes.first { $0.caseID == traveller }?.replyID == reply.id)
            #expect(DeliveryTally(outcomes).underway == 1 && DeliveryTally(outcomes).skipped == 1)
        }
    }

    @Test("a case a lead took out gets nothing more, also not the rest of an update a stopped server left unsent", arguments: TestDatabase.all)
    func takenOut(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let (cases, lead, incident, update) = try await Self.interruptedUpdate("Hoi {klant}, we werken eraan.", store: store, now: now)
            let updates = IncidentUpdates(store: store, clock: { now })
            try await updates.decide(cases[1], included: false, incidentID: incident.id, by: lead.id)
            #expect(try await updates.cases(of: incident).map(\.id) == [cases[0]])
            #expect(try await updates.resumeDeliveries() == 1)
            #expect(try await store.replies(caseID: cases[1]).isEmpty)
            let outcome = try #require(try await store.incidentRecipientOutcomes(incidentID: incident.id)[update.id]?.first { $0.caseID == cases[1] })
            #expect(outcome.stage == .skipped && outcome.reason == IncidentUpdates.takenOutReason)
            // A closed incident takes no more decisions; a placeholder slip is refused before anything is stored.
            await #expect(throws: DomainError.self) {
                try await updates.send("Hoi {naam}, het werkt weer.", incidentID: incident.id, by: lead.id)
            }
            #expect(try await store.incidentUpdates(incidentID: incident.id).count == 1)
            _ = try await store.closeIncident(id: incident.id, by: lead.id, at: now)
            await #expect(throws: DomainError.self) {
                try await updates.decide(cases[1], included: true, incidentID: incident.id, by: lead.id)
            }
        }
    }

    @Test("only {klant} is filled in: another placeholder or a template bracket in an update is named")
    func placeholders() {
        #expect(MessageToMany.placeholderProblem("Hoi {klant}, de storing is voorbij.") == nil)
        #expect(MessageToMany.placeholderProblem("Hoi {naam}, er is een storing.")?.hasPrefix("‘{naam}’ zou letterlijk") == true)
        #expect(MessageToMany.placeholderProblem("Om [tijd] is het opgelost.")?.contains("standaardtekst") == true)
        #expect(MessageToMany.placeholderProblem("Hoi {{klant}}, storing.") != nil)
        #expect(MessageToMany.placeholderProblem("Storing om XXX uur.") != nil)
        #expect(MessageToMany.placeholderProblem("Zie https://status.example.nl (storing) — 100% opgelost!") == nil)
    }

    /// Travellers writing on X about the outage, one case each (handles reiziger0, reiziger1, … from `from`).
    static func travellers(_ ingest: IngestSignal, _ texts: [String], at receivedAt: Date, from first: Int = 0) async throws -> [CaseID] {
        var cases: [CaseID] = []
        for (offset, text) in texts.enumerated() {
            let index = first + offset
            let draft = SignalDraft(
                channel: .x, externalID: "reis-\(index)", author: Author(handle: "reiziger\(index)", name: "Reiziger \(index)"), text: text,
                receivedAt: receivedAt)
            cases.append(try await ingest(draft).signal.caseID)
        }
        return cases
    }

    /// An incident opened half an hour ago with an update posted ten minutes ago, stored with its
    /// recipients and sent to none of them yet (as a server that stopped right after leaves it).
    /// Two travellers' cases and an update to them that a stopped server left unsent.
    static func interruptedUpdate(_ text: String, store: any SignaalStore, now: Date) async throws
        -> (cases: [CaseID], lead: User, incident: Incident, update: IncidentUpdate)
    {
        let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
        let cases = try await Self.travellers(
            ingest, ["Storing bij het inchecken, de app doet het niet.", "Storing? Ik kan niet inchecken."], at: now.addingTimeInterval(-1200))
        let lead = try await Self.lead("Lotte", store: store, now: now)
        let (incident, update) = try await Self.storedUpdate(text, to: cases, by: lead, store: store, now: now)
        return (cases, lead, incident, update)
    }

    static func storedUpdate(_ text: String, to cases: [CaseID], by lead: User, store: any SignaalStore, now: Date) async throws -> (Incident, IncidentUpdate) {
        let incident = try Incident.open(title: "Storing inchecken", topic: nil, by: lead.id, now: now.addingTimeInterval(-1800))
        try await store.createIncident(incident)
        let update = IncidentUpdate(
            id: .generate(now: now), incidentID: incident.id, text: text, postedBy: lead.id, postedAt: now.addingTimeInterval(-600),
            reached: 0, skipped: 0)
        try await store.addIncidentUpdate(update, recipients: cases)
        return (incident, update)
    }

    /// A team lead, stored.
    static func lead(_ name: String, store: any SignaalStore, now: Date) async throws -> User {
        let lead = User(id: .generate(), email: "\(name.lowercased())@example.nl", name: name, role: .lead, createdAt: now)
        try await store.createUser(lead, passwordHash: "x")
        return lead
    }
}
