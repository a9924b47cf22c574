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
            for _ in 0..<600 {  // up to 15 s: a loaded machine is slow, not wrong
                let now = events.withLock { $0 }
                if now.count >= count { return now }
                try await Task.sleep(for: .milliseconds(25))
            }
            return events.withLock { $0 }
        }
    }

    @Test("a new case, a status change, a note, a reply and an analysis correction are announced, each for its own case; a priority change alone is not", arguments: TestDatabase.all)
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
            // The case is named: a case page says "gewijzigd" for its own case only.
            #expect(events.count >= 1 && events.allSatisfy { $0 == caseID })

            try await store.updatePriorities([(caseID, 99)])
            _ = try await store.updateCase(id: caseID) { try $0.transition(to: .open, at: Fixtures.base.addingTimeInterval(60), reason: "opgepakt") }
            events = try await seen.wait(for: events.count + 1)
            try await Task.sleep(for: .milliseconds(200))
            let total = seen.events.withLock { $0 }
            #expect(total == [caseID, caseID], "the priority update alone was not announced: \(total)")

            // Another customer's new case names that case, not this one.
            let other = try await Fixtures.ingest(Fixtures.draft(externalID: "feed-2", handle: "andere_klant"), into: store).signal.caseID
            events = try await seen.wait(for: 3)
            try await Task.sleep(for: .milliseconds(200))
            let later = seen.events.withLock { Array($0.dropFirst(2)) }
            #expect(!later.isEmpty && later.allSatisfy { $0 == other }, "\(later)")

            // A colleague's note changes the case for whoever has it open.
            let colleague = User(id: .generate(), email: "anna@example.nl", name: "Anna", role: .agent, createdAt: Fixtures.base)
            try await store.createUser(colleague, passwordHash: "x")
            let before = seen.events.withLock { $0.count }
            let note = InternalNote(id: .generate(), caseID: caseID, authorID: colleague.id, text: "Klant belt liever na 17:00", createdAt: Fixtures.base)
            try await store.addInternalNote(note, mentioning: [])
            events = try await seen.wait(for: before + 1)
            #expect(events.dropFirst(before) == [caseID])
            // So does a note its author changed.
            let beforeEdit = seen.events.withLock { $0.count }
            try await store.editInternalNote(id: note.id, mentioning: []) {
                try $0.edit(to: "Klant belt liever na 18:00", by: colleague.id, at: Fixtures.base.addingTimeInterval(60))
            }
            events = try await seen.wait(for: beforeEdit + 1)
            #expect(events.dropFirst(beforeEdit) == [caseID])

            // A colleague's reply, also one that changes no status (the case already waits on the
            // customer): whoever has the case open sees the customer was answered.
            _ = try await store.updateCase(id: caseID) {
                try $0.transition(to: .waitingOnCustomer, at: Fixtures.base.addingTimeInterval(120), reason: "beantwoord")
            }
            _ = try await seen.wait(for: seen.events.withLock { $0.count } + 1)
            let beforeReply = seen.events.withLock { $0.count }
            let now = Fixtures.base.addingTimeInterval(180)
            try await store.createReply(
                Reply(
                    id: .generate(now: now), caseID: caseID, signalID: nil, channel: .email, text: "Ik bel u om 18:00.",
                    authorID: colleague.id, nextAttemptAt: now, createdAt: now, updatedAt: now))
            events = try await seen.wait(for: beforeReply + 1)
            #expect(events.dropFirst(beforeReply) == [caseID])
            // So does a correction of a message's analysis.
            let signalID = try #require(try await store.signals(caseID: caseID).first?.id)
            let beforeLabel = seen.events.withLock { $0.count }
            try await store.addLabel(
                SignalLabel(signalID: signalID, sentiment: .negative, intent: .complaint, topics: nil, userID: colleague.id, createdAt: now))
            events = try await seen.wait(for: beforeLabel + 1)
            #expect(events.dropFirst(beforeLabel) == [caseID])
            watch.cancel()
            _ = await watch.result
            if database == .postgres { await listener.shutdown() }
        }
    }
    @Test("a message another process stores on the same database (the CLI's ingest-email) is announced by its case, once", arguments: TestDatabase.all)
    func otherProcess(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let seen = Seen()
            let watch = Task { try await store.watchCaseChanges { id in seen.events.withLock { $0.append(id) } } }
            #expect(try await seen.wait(for: 1) == [nil])
            seen.events.withLock { $0.removeAll() }
            // On SQLite a second store on the file is another connection, as `signaal ingest-email` is.
            let other = try await location.open()
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "cli-1"), into: other).signal.caseID
            let events = try await seen.wait(for: 1)
            #expect(events.first == caseID, "\(events)")
            // Rounds later it is not announced again, nor as "unknown".
            try await Task.sleep(for: .milliseconds(2500))
            #expect(seen.events.withLock { $0 } == [caseID])

            // This process's own commit: announced once, not again by the look for other processes.
            let own = try await Fixtures.ingest(Fixtures.draft(externalID: "own-1", handle: "andere_klant"), into: store).signal.caseID
            _ = try await seen.wait(for: 2)
            try await Task.sleep(for: .milliseconds(2500))
            #expect(seen.events.withLock { $0 } == [caseID, own])
            watch.cancel()
            _ = await watch.result
            await other.shutdown()
        }
    }
}
