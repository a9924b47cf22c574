import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// PostgreSQL plans intake's statements once per connection. Another instance may migrate the
/// database meanwhile (a rolling upgrade): a running instance must go on taking in messages.
@Suite("Store contract: prepared statements and a migration by another instance")
struct PreparedStatementTests {
    @Test("intake goes on after another instance adds columns to its tables", arguments: TestDatabase.all.filter { $0 == .postgres })
    func columnAdded(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            // Enough intakes, at once, that every pooled connection has planned its statements.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        _ = try await Fixtures.ingest(Fixtures.draft(externalID: "before-\(index)", handle: "klant\(index % 6)"), into: store)
                    }
                }
                try await group.waitForAll()
            }
            // Migration 19 did this to `signals`; the others stand for what a later one may do.
            for table in ["signals", "cases", "customers", "customer_identities", "case_transitions"] {
                try await location.executeInSchema("ALTER TABLE {schema}.\(table) ADD COLUMN added_later text DEFAULT 'x'")
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        // New customers and known ones: every prepared read and write runs again.
                        _ = try await Fixtures.ingest(Fixtures.draft(externalID: "after-\(index)", handle: "klant\(index % 12)"), into: store)
                    }
                }
                try await group.waitForAll()
            }
            let signals = try await store.signals(channel: nil, limit: 100, after: nil)
            #expect(signals.count == 48)
            let known = try #require(signals.first { $0.externalID == "after-0" })
            #expect(known.customerID == signals.first { $0.externalID == "before-0" }?.customerID, "a known customer is still found")
            #expect(try await store.case(id: known.caseID)?.signalCount == 6, "klant0 wrote four times before and twice after, all in one case")
        }
    }
}
