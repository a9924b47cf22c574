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
            let stored = try #require(try await LoadDemoData(store: store, clock: { now }, analyzer: DutchTextAnalyzer())(DemoData.bundled()))
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
}
