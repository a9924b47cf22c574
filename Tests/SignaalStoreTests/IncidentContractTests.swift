import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Incidents and their status updates. SQLite and PostgreSQL.
@Suite("Store contract: incidents")
struct IncidentContractTests {
    static func lead(_ store: any SignaalStore) async throws -> User {
        let user = User(id: .generate(), email: "lotte@example.nl", name: "Lotte", role: .lead, createdAt: Fixtures.base)
        try await store.createUser(user, passwordHash: "x")
        return user
    }

    @Test("one open incident per topic; closed ones make room; open ones list first", arguments: TestDatabase.all)
    func openAndClose(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.lead(store)
            let now = Fixtures.base
            let outage = try Incident.open(title: "Storing internetbankieren", topic: "storing", by: lotte.id, now: now)
            try await store.createIncident(outage)
            #expect(try await store.incident(id: outage.id) == outage)
            #expect(outage.startedAt == now.addingTimeInterval(-3600))

            // A second lead opening the same topic at once gets a conflict, not a twin.
            let twin = try Incident.open(title: "Storing", topic: "storing", by: lotte.id, now: now.addingTimeInterval(5))
            await #expect(throws: DomainError.self) { try await store.createIncident(twin) }
            // Another topic, and a spike in all messages, may be open alongside.
            let payments = try Incident.open(title: "Betalingen", topic: "betaling", by: lotte.id, now: now.addingTimeInterval(10))
            try await store.createIncident(payments)
            let everything = try Incident.open(title: "Alles tegelijk", topic: nil, by: lotte.id, now: now.addingTimeInterval(20))
            try await store.createIncident(everything)
            let anotherEverything = try Incident.open(title: "Nog eens alles", topic: nil, by: lotte.id, now: now.addingTimeInterval(30))
            await #expect(throws: DomainError.self) { try await store.createIncident(anotherEverything) }

            let closed = try #require(try await store.closeIncident(id: outage.id, by: lotte.id, at: now.addingTimeInterval(600)))
            #expect(closed.closedAt == now.addingTimeInterval(600) && closed.closedBy == lotte.id && !closed.isOpen)
            // Closing again keeps the first close.
            let again = try await store.closeIncident(id: outage.id, by: lotte.id, at: now.addingTimeInterval(900))
            #expect(again?.closedAt == now.addingTimeInterval(600))
            #expect(try await store.closeIncident(id: .generate(), by: lotte.id, at: now) == nil)
            // Now the topic may have a new incident.
            let next = try Incident.open(title: "Storing opnieuw", topic: "storing", by: lotte.id, now: now.addingTimeInterval(1200))
            try await store.createIncident(next)

            #expect(try await store.incidents(limit: 10).map(\.id) == [next.id, everything.id, payments.id, outage.id])
            #expect(try await store.incidents(limit: 2).map(\.id) == [next.id, everything.id])
        }
    }

    @Test("status updates are kept with their reach, oldest first; an unknown incident has none", arguments: TestDatabase.all)
    func updates(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.lead(store)
            let now = Fixtures.base
            let outage = try Incident.open(title: "Storing", topic: "storing", by: lotte.id, now: now)
            try await store.createIncident(outage)
            let first = IncidentUpdate(
                id: .generate(now: now), incidentID: outage.id, text: "Hoi {klant}, we werken aan de storing.", postedBy: lotte.id,
                postedAt: now.addingTimeInterval(60), reached: 11, skipped: 1)
            let second = IncidentUpdate(
                id: .generate(now: now.addingTimeInterval(1)), incidentID: outage.id, text: "De storing is voorbij.", postedBy: lotte.id,
                postedAt: now.addingTimeInterval(3600), reached: 12, skipped: 0)
            try await store.addIncidentUpdate(second, recipients: [])
            try await store.addIncidentUpdate(first, recipients: [])
            #expect(try await store.incidentUpdates(incidentID: outage.id) == [first, second])
            let stray = IncidentUpdate(
                id: .generate(), incidentID: .generate(), text: "?", postedBy: lotte.id, postedAt: now, reached: 0, skipped: 0)
            await #expect(throws: DomainError.self) { try await store.addIncidentUpdate(stray, recipients: []) }
            #expect(try await store.incidentUpdates(incidentID: stray.incidentID).isEmpty)
        }
    }

    @Test("an update's recipients are each taken once, counted in its reach when settled, and what waits is told", arguments: TestDatabase.all)
    func recipients(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.lead(store)
            let now = Fixtures.base
            var cases: [CaseID] = []
            for index in 0..<3 {
                let outcome = try await Fixtures.ingest(
                    Fixtures.draft(externalID: "storing-\(index)", handle: "reiziger\(index)", receivedAt: now), into: store, now: now)
                cases.append(try #require(outcome.createdCase).id)
            }
            let outage = try Incident.open(title: "Storing", topic: "storing", by: lotte.id, now: now)
            try await store.createIncident(outage)
            let update = IncidentUpdate(
                id: .generate(now: now), incidentID: outage.id, text: "Hoi {klant}, we werken eraan.", postedBy: lotte.id,
                postedAt: now.addingTimeInterval(60), reached: 0, skipped: 0)
            // A case named twice is one recipient.
            try await store.addIncidentUpdate(update, recipients: cases + [cases[0]])
            let quiet = IncidentUpdate(
                id: .generate(now: now.addingTimeInterval(1)), incidentID: outage.id, text: "Geen zaken.", postedBy: lotte.id,
                postedAt: now.addingTimeInterval(120), reached: 0, skipped: 0)
            try await store.addIncidentUpdate(quiet, recipients: [])
            #expect(try await store.incidentUpdate(id: update.id) == update)
            #expect(try await store.incidentRecipientOutcomes(incidentID: outage.id).mapValues { DeliveryTally($0).waiting } == [update.id: 3])
            #expect(try await store.incidentUpdatesAwaitingDelivery(postedBefore: now.addingTimeInterval(61)) == [update.id])
            #expect(try await store.incidentUpdatesAwaitingDelivery(postedBefore: now.addingTimeInterval(60)).isEmpty, "posted just now")

            var taken: [CaseID] = []
            while let caseID = try await store.claimIncidentRecipient(updateID: update.id) { taken.append(caseID) }
            #expect(taken.sorted() == cases.sorted(), "each once")
            #expect(try await store.incidentRecipientOutcomes(incidentID: outage.id)[update.id]?.allSatisfy { $0.stage == .sending } == true)
            #expect(try await store.incidentUpdatesAwaitingDelivery(postedBefore: now.addingTimeInterval(3600)).isEmpty, "taken is not waiting")
            let written = try await Fixtures.reply(on: taken[0], by: lotte.id, into: store, outcome: .failed)
            try await store.settleIncidentRecipient(updateID: update.id, caseID: taken[0], replyID: written.id, reason: nil)
            try await store.settleIncidentRecipient(updateID: update.id, caseID: taken[1], replyID: nil, reason: "gesloten")
            // Settling twice counts once.
            try await store.settleIncidentRecipient(updateID: update.id, caseID: taken[0], replyID: written.id, reason: nil)
            // An update never taken is not settled by a stray call.
            try await store.settleIncidentRecipient(updateID: quiet.id, caseID: taken[2], replyID: written.id, reason: nil)
            let settled = try #require(try await store.incidentUpdate(id: update.id))
            #expect(settled.reached == 1 && settled.skipped == 1)
            // Reached is only queued: the reply written for it failed in the outbox, and that shows.
            let outcomes = try #require(try await store.incidentRecipientOutcomes(incidentID: outage.id)[update.id])
            #expect(outcomes.first { $0.caseID == taken[0] } == RecipientOutcome(caseID: taken[0], stage: .reached, replyID: written.id, replyStatus: .failed))
            #expect(outcomes.first { $0.caseID == taken[1] } == RecipientOutcome(caseID: taken[1], stage: .skipped, reason: "gesloten"))
            let tally = DeliveryTally(outcomes)
            #expect((tally.queued, tally.arrived, tally.failed, tally.skipped, tally.waiting) == (1, 0, 1, 1, 0), "the third is taken, not settled")
            #expect(tally.failedCases == [taken[0]])
            #expect(try await store.replies(authoredSince: Fixtures.base).isEmpty, "a status update is no reply to coach")
            #expect(try await store.incidentRecipientOutcomes(incidentID: .generate()).isEmpty)
            #expect(try await store.incidentUpdate(id: quiet.id)?.reached == 0)
            #expect(try await store.incidentUpdate(id: .generate()) == nil)

            // Customers who wrote since are added to the update; those it had stay as they are.
            #expect(try await store.incidentRecipients(updateID: update.id) == Set(cases))
            let newcomer = try #require(try await Fixtures.ingest(
                Fixtures.draft(externalID: "storing-later", handle: "laatkomer", receivedAt: now), into: store, now: now).createdCase).id
            try await store.addIncidentRecipients(updateID: update.id, caseIDs: [cases[0], newcomer])
            #expect(try await store.incidentRecipients(updateID: update.id) == Set(cases + [newcomer]))
            #expect(try await store.incidentRecipientOutcomes(incidentID: outage.id).mapValues { DeliveryTally($0).waiting } == [update.id: 1],
                    "only the newcomer waits")
            #expect(try await store.claimIncidentRecipient(updateID: update.id) == newcomer)
            try await store.addIncidentRecipients(updateID: quiet.id, caseIDs: [])
            #expect(try await store.incidentRecipients(updateID: quiet.id).isEmpty)
        }
    }

    @Test(
        "an incident's cases wrote about its topic since the start — a later message without it brings none in — and a lead takes one out or adds one by hand",
        arguments: TestDatabase.all)
    func membership(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.lead(store)
            let now = Fixtures.base.addingTimeInterval(6 * 3600)
            func write(_ id: String, handle: String, topics: [String], at: Date) async throws -> CaseID {
                try #require(
                    try await Fixtures.ingest(
                        Fixtures.draft(externalID: id, handle: handle, receivedAt: at), into: store, now: at,
                        analysis: Fixtures.analysis(.negative, .complaint, topics: topics)
                    ).createdCase
                ).id
            }
            let outage = try await write("bank-1", handle: "joost", topics: ["storing"], at: now.addingTimeInterval(-600))
            // The train customer named an outage (and her money) hours ago; now she writes about nothing in particular.
            let train = try await write("trein-1", handle: "sanne", topics: ["storing", "terugbetaling"], at: now.addingTimeInterval(-3 * 3600))
            #expect(try await write("trein-2", handle: "sanne", topics: [], at: now.addingTimeInterval(-300)) == train, "her own case")
            let parcel = try await write("pakket-1", handle: "piet", topics: ["levering"], at: now.addingTimeInterval(-300))

            let incident = try Incident.open(title: "Storing bank-app", topic: "storing", by: lotte.id, now: now)
            try await store.createIncident(incident)
            let everything = try Incident.open(title: "Alles", topic: nil, by: lotte.id, now: now)
            try await store.createIncident(everything)
            #expect(try await store.incidentCases(incident, limit: 10).map(\.id) == [outage])
            #expect(Set(try await store.incidentCases(everything, limit: 10).map(\.id)) == [outage, train, parcel], "all messages: any since the start")
            #expect(try await store.incidentCases(incident, only: train, limit: 1).isEmpty)
            #expect(try await store.incidentCases(incident, only: outage, limit: 1).map(\.id) == [outage])

            // Taken out by hand: gone, whatever the customer writes next; added by hand: in, whatever the topic.
            try await store.decideIncidentCase(
                IncidentCaseDecision(incidentID: incident.id, caseID: outage, included: false, decidedBy: lotte.id, decidedAt: now))
            #expect(try await write("bank-2", handle: "joost", topics: ["storing"], at: now.addingTimeInterval(60)) == outage)
            try await store.decideIncidentCase(
                IncidentCaseDecision(incidentID: incident.id, caseID: parcel, included: true, decidedBy: lotte.id, decidedAt: now.addingTimeInterval(1)))
            #expect(try await store.incidentCases(incident, limit: 10).map(\.id) == [parcel])
            #expect(try await store.incidentCases(everything, limit: 10).count == 3, "another incident is not touched")
            #expect(try await store.incidentCaseDecisions(incidentID: incident.id) == [
                IncidentCaseDecision(incidentID: incident.id, caseID: parcel, included: true, decidedBy: lotte.id, decidedAt: now.addingTimeInterval(1)),
                IncidentCaseDecision(incidentID: incident.id, caseID: outage, included: false, decidedBy: lotte.id, decidedAt: now),
            ])
            // Put back: the latest decision holds.
            try await store.decideIncidentCase(
                IncidentCaseDecision(incidentID: incident.id, caseID: outage, included: true, decidedBy: lotte.id, decidedAt: now.addingTimeInterval(2)))
            #expect(Set(try await store.incidentCases(incident, limit: 10).map(\.id)) == [outage, parcel])
            #expect(try await store.incidentCaseDecisions(incidentID: incident.id).count == 2)

            await #expect(throws: DomainError.self) {
                try await store.decideIncidentCase(
                    IncidentCaseDecision(incidentID: .generate(), caseID: outage, included: false, decidedBy: lotte.id, decidedAt: now))
            }
            await #expect(throws: DomainError.self) {
                try await store.decideIncidentCase(
                    IncidentCaseDecision(incidentID: incident.id, caseID: .generate(), included: false, decidedBy: lotte.id, decidedAt: now))
            }
            let closed = try #require(try await store.closeIncident(id: incident.id, by: lotte.id, at: now.addingTimeInterval(600)))
            #expect(try await store.incidentCases(closed, limit: 10).isEmpty)
        }
    }
}
