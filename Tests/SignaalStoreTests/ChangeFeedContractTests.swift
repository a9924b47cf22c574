import Foundation
import Synchronization
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Live updates come from the database: a new case, a new message and a status change are
/// announced; on PostgreSQL also to another instance on the same database.
@Suite("Store contract: case change feed")
struct ChangeFeedContractTests {
    final class Seen: Sendable {
        let events = Mutex<[CaseID?]>([])
        func wait(for count: Int) async throws -> [CaseID?] {
            for _ in 0..<200 {
                let now = events.withLock { $0 }
                if now.count >= count { return now }
                try await Task.sleep(for: .milliseconds(25))
            }
            return events.withLock { $0 }
        }
    }

    @Test("a new case and a status change are announced; a priority change alone is not", arguments: TestDatabase.all)
    func feed(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let seen = Seen()
            // On PostgreSQL, a second instance listens: the change crosses instances.
            let listener = database == .postgres ? try await location.open() : store
            let watch = Task { try await listener.watchCaseChanges { id in seen.events.withLock { $0.append(id) } } }
            // A watch that starts, or starts again after PostgreSQL came back, first tells every
            // page to read anew: changes made while nobody listened were missed.
            #expect(try await seen.wait(for: 1) == [nil])
            seen.events.withLock { $0.removeAll() }
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "feed-1"), into: store).signal.caseID
            var events = try await seen.wait(for: 1)
            #expect(events.count >= 1)
            if database == .postgres { #expect(events.allSatisfy { $0 == caseID }) }

            try await store.updatePriorities([(caseID, 99)])
            _ = try await store.updateCase(id: caseID) { try $0.transition(to: .open, at: Fixtures.base.addingTimeInterval(60), reason: "opgepakt") }
            events = try await seen.wait(for: events.count + 1)
            try await Task.sleep(for: .milliseconds(200))
            let total = seen.events.withLock { $0.count }
            #expect(total == 2, "the priority update alone was not announced: \(total) events")
            watch.cancel()
            _ = await watch.result
            if database == .postgres { await listener.shutdown() }
        }
    }
}
