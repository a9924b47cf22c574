import Foundation
import SignaalDomain
import SignaalServices
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Demo data: what `serve --demo` loads")
struct DemoDataTests {
    @Test("over 300 Dutch signals from over 100 customers in the last 30 days, on every channel; a surge now; the fake ranks low",
          arguments: TestDatabase.all)
    func demo(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            let agent = UserID.generate()
            let stored = try #require(
                try await LoadDemoData(store: store, clock: { now }, analyzer: DutchTextAnalyzer(), recorder: agent)(DemoData.bundled()))
            #expect(stored >= 300)
            #expect(try await LoadDemoData(store: store, clock: { now })(DemoData.bundled()) == nil, "loaded once")

            var signals: [Signal] = []
            var cursor: SignalCursor?
            repeat {
                let page = try await store.signals(channel: nil, limit: 200, after: cursor)
                signals += page
                cursor = page.count == 200 ? page.last.map(SignalCursor.init(after:)) : nil
            } while cursor != nil
            #expect(signals.count == stored)
            #expect(Set(signals.map(\.customerID)).count >= 100)
            #expect(Set(signals.map(\.channel)).isSuperset(of: [.x, .facebook, .instagram, .whatsapp, .email, .phone, .webform]))
            #expect(signals.allSatisfy { $0.receivedAt > now.addingTimeInterval(-30 * 86_400) && $0.receivedAt <= now })
            #expect(signals.filter { $0.analysis?.language == "nl" }.count > signals.count * 9 / 10)
            // "Klant belt: …" is the agent's note of a call: written down by the demo's agent, as the
            // case page and the report's stories ("in their own words") need to know.
            let notes = signals.filter { RecordContact.channels.contains($0.channel) }
            #expect(notes.count >= 10 && notes.allSatisfy { $0.recordedBy == agent })
            #expect(signals.filter { $0.recordedBy != nil }.count == notes.count)

            // This morning's outage at the bank is a surge on its topic.
            let surges = try await DetectSurges(store: store, clock: { now })()
            #expect(surges.contains { $0.topic == "storing" && $0.count >= 10 })

            // The storm's fake "KLM Klantenservice" answered Joost, whose complaint ranks above the fake's.
            let fake = try #require(signals.first { $0.author.handle == "KLM_Klantenservice" })
            let fakeCase = try #require(try await store.case(id: fake.caseID))
            let joost = try #require(signals.last { $0.author.handle == "joostvdberg" }, "his first tweet")
            let joostCase = try #require(try await store.case(id: joost.caseID))
            #expect(fakeCase.waitingSince == nil)
            #expect(fakeCase.priority < joostCase.priority)
            #expect(try await store.signals(answering: [joost.externalID ?? ""], on: .x).map(\.caseID) == [fake.caseID])
        }
    }

    @Test("the demo's past: old complaints resolved with their cause, one improvement running; the storm and the outage stay open",
          arguments: TestDatabase.all)
    func history(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            _ = try #require(try await LoadDemoData(store: store, clock: { now }, analyzer: DutchTextAnalyzer())(DemoData.bundled()))
            let agent = User(id: .generate(), email: "agent@demo.signaal.nl", name: "Sanne Bakker", role: .agent, createdAt: now)
            let lead = User(id: .generate(), email: "lead@demo.signaal.nl", name: "Jeroen de Wit", role: .lead, createdAt: now)
            for user in [agent, lead] { try await store.createUser(user, passwordHash: "x") }
            let history = DemoHistory(store: store, clock: { now })
            let resolved = try await history(agent: agent.id, lead: lead.id)
            #expect(resolved >= 20, "a month of history has handled complaints")

            let causes = try await store.rootCauseCounts(resolvedSince: now.addingTimeInterval(-90 * 86400))
            #expect(causes.values.reduce(0, +) == resolved)
            let actions = try await store.improvements(limit: 10)
            #expect(actions.count == 1 && actions.allSatisfy { !$0.isDone && causes[$0.topic] != nil && $0.startedBy == lead.id })
            let action = try #require(actions.first)
            let cases = try await store.cases(rootCause: action.topic, resolvedSince: action.casesSince, limit: 1000)
            #expect(cases.count == causes[action.topic])
            #expect(cases.allSatisfy { $0.lastInboundAt < now.addingTimeInterval(-DemoHistory.handledAfter) && $0.ownerID == agent.id })
            #expect(cases.allSatisfy { $0.waitingSince == nil }, "nobody waits on a resolved case")
            // Their handling time was measured: enough to go by, a few minutes per message.
            let work = try await store.workTotals(in: DateInterval(start: now.addingTimeInterval(-60 * 86400), end: now))
            #expect(work.cases == resolved)
            let perMessage = try #require(work.minutesPerMessage)
            #expect(perMessage > 1 && perMessage < 15)

            // This morning's outage is still a surge of open cases; the storm's cases are still open.
            let surges = try await DetectSurges(store: store, clock: { now })()
            #expect(surges.contains { $0.topic == "storing" && $0.count >= 10 })
            let open = try await store.cases(statuses: CaseStatus.unresolved, limit: 1000, after: nil)
            #expect(open.count >= 100, "the inbox has plenty to do")
            #expect(try await history(agent: agent.id, lead: lead.id) == 0, "done once")
        }
    }
}
