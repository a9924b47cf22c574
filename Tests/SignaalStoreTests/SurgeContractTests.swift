import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The counts the surge detector compares. SQLite and PostgreSQL.
@Suite("Store contract: messages per window and topic, for surges")
struct SurgeContractTests {
    @Test("each window counts its messages in all and per topic, without compliments; edges are half-open", arguments: TestDatabase.all)
    func windowCounts(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Fixtures.base.addingTimeInterval(8 * 86_400)
            let windows = SurgeDetector.windows(now: now)
            func add(_ key: String, at: Date, _ intent: Analysis.Intent, topics: [String]) async throws {
                try await Fixtures.ingest(
                    Fixtures.draft(externalID: key, handle: "klant_\(key)", receivedAt: at), into: store, now: now,
                    analysis: Fixtures.analysis(intent == .compliment ? .positive : .negative, intent, topics: topics))
            }
            // The last hour: three about the outage (one also about payment), one compliment.
            try await add("a", at: now.addingTimeInterval(-60), .complaint, topics: ["storing"])
            try await add("b", at: now.addingTimeInterval(-1800), .complaint, topics: ["storing", "betaling"])
            try await add("c", at: now.addingTimeInterval(-3600), .question, topics: ["storing"])  // the window's first instant
            try await add("d", at: now.addingTimeInterval(-120), .compliment, topics: ["storing"])
            // Two days ago, the same hour: one question without topic.
            try await add("e", at: now.addingTimeInterval(-2 * 86_400 - 600), .question, topics: [])
            // Outside every window.
            try await add("f", at: now.addingTimeInterval(-3 * 3600), .complaint, topics: ["storing"])
            try await add("g", at: now, .complaint, topics: ["storing"])  // the window's end is not in it
            // Without analysis: counted in all, under no topic.
            try await Fixtures.ingest(
                Fixtures.draft(externalID: "h", handle: "klant_h", receivedAt: now.addingTimeInterval(-10)), into: store, now: now)

            let counts = Set(try await store.windowCounts(windows))
            #expect(counts == [
                WindowCount(window: 0, topic: nil, count: 4),
                WindowCount(window: 0, topic: "storing", count: 3),
                WindowCount(window: 0, topic: "betaling", count: 1),
                WindowCount(window: 2, topic: nil, count: 1),
            ])
            #expect(try await store.windowCounts([]).isEmpty)
        }
    }
}
