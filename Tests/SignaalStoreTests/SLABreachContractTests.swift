import Foundation
import GRDB
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// A missed target counts once per episode, however its due time moves. SQLite and PostgreSQL.
@Suite("Store contract: SLA breaches")
struct SLABreachContractTests {
    @Test("a breach of the same case and kind in the same episode is kept once, whatever its due time; a reopen may breach again",
          arguments: TestDatabase.all)
    func oncePerEpisode(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let caseID = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "b1", handle: "klant"), into: store).signal.caseID
            let opened = try #require(try await store.case(id: caseID)).slaStartedAt
            func breach(_ kind: SLATargetKind, dueAfter minutes: Double) -> SLABreach {
                SLABreach(caseID: caseID, kind: kind, dueAt: opened.addingTimeInterval(minutes * 60),
                          recordedAt: opened.addingTimeInterval(minutes * 60 + 60))
            }
            #expect(try await store.recordSLABreaches([breach(.firstResponse, dueAfter: 60)]) == 1)
            #expect(try await store.recordSLABreaches([breach(.firstResponse, dueAfter: 30)]) == 0, "an earlier due time: the same missed target")
            #expect(try await store.recordSLABreaches([breach(.firstResponse, dueAfter: 90)]) == 0, "a later due time: the same missed target")
            #expect(try await store.recordSLABreaches([breach(.resolution, dueAfter: 480)]) == 1, "the other target is its own")
            #expect(try await store.slaBreaches(caseID: caseID).map(\.kind) == [.firstResponse, .resolution])

            // Resolved and reopened: a new episode, whose missed first response counts again.
            let reopened = opened.addingTimeInterval(86400)
            _ = try await store.updateCase(id: caseID) {
                try $0.transition(to: .resolved, at: opened.addingTimeInterval(600), reason: "opgelost")
                try $0.transition(to: .open, at: reopened, reason: "klant schreef opnieuw")
            }
            #expect(try await store.recordSLABreaches([breach(.firstResponse, dueAfter: 24 * 60 + 60)]) == 1)
            #expect(try await store.slaBreaches(caseID: caseID).filter { $0.kind == .firstResponse }.count == 2)
        }
    }

    /// Every instance watches the service levels; two that see the same missed target at the same
    /// moment (one a minute later with a moved due time) must still record it once. On PostgreSQL
    /// the two are separate stores on one database.
    @Test("two instances recording the same missed target at once keep one breach", arguments: TestDatabase.all)
    func racingInstances(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let other = database == .postgres ? try await location.open() : store
            var cases: [(CaseID, Date)] = []
            for index in 0..<24 {
                let caseID = try await Fixtures.ingest(
                    Fixtures.draft(channel: .x, externalID: "race-\(index)", handle: "klant\(index)"), into: store).signal.caseID
                cases.append((caseID, try #require(try await store.case(id: caseID)).slaStartedAt))
            }
            let added = try await withThrowingTaskGroup(of: Int.self) { group in
                for (caseID, opened) in cases {
                    for (instance, minutes) in [(store, 60.0), (other, 61.0)] {
                        group.addTask {
                            let due = opened.addingTimeInterval(minutes * 60)
                            return try await instance.recordSLABreaches(
                                [SLABreach(caseID: caseID, kind: .firstResponse, dueAt: due, recordedAt: due.addingTimeInterval(30))])
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            if database == .postgres { await other.shutdown() }
            var twice: [CaseID] = []
            for (caseID, _) in cases where try await store.slaBreaches(caseID: caseID).count != 1 { twice.append(caseID) }
            #expect(twice.isEmpty, "\(twice.count) of \(cases.count) cases have their missed first response twice")
            #expect(added == cases.count)
        }
    }

    /// A watch finds every missed target again each minute while the case stays open: 77,700 of
    /// them with a year of data, all written again one statement each, made a pass outlast the
    /// five minutes its result is shown. Breaches recorded already are read, not written: they
    /// wait for no lock, so another instance busy writing (or intake holding SQLite's writer)
    /// does not hold the watch up.
    @Test("breaches recorded already are not written again: recording them again waits for no lock and keeps the first record",
          arguments: TestDatabase.all)
    func recordedOnceNotRewritten(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            var breaches: [SLABreach] = []
            for index in 0..<3 {
                let caseID = try await Fixtures.ingest(
                    Fixtures.draft(channel: .x, externalID: "again-\(index)", handle: "klant\(index)"), into: store).signal.caseID
                let due = try #require(try await store.case(id: caseID)).slaStartedAt.addingTimeInterval(3600)
                breaches.append(SLABreach(caseID: caseID, kind: .firstResponse, dueAt: due, recordedAt: due.addingTimeInterval(60)))
            }
            #expect(try await store.recordSLABreaches(breaches) == 3)
            let next = breaches.map { SLABreach(caseID: $0.caseID, kind: $0.kind, dueAt: $0.dueAt, recordedAt: $0.recordedAt.addingTimeInterval(60)) }

            let outcome = Outcome()
            let recording = try await Self.whileAnotherWrites(database, location, caseID: breaches[0].caseID) {
                let recording = Task {
                    let added = try await store.recordSLABreaches(next)
                    await outcome.set(added)
                }
                var waited = 0
                while await outcome.value == nil, waited < 30 {
                    try await Task.sleep(for: .milliseconds(100))
                    waited += 1
                }
                return recording
            }
            #expect(await outcome.value == 0, "recording the known breaches again waited for the other writer")
            _ = try? await recording.value
            for breach in breaches {
                #expect(try await store.slaBreaches(caseID: breach.caseID).map(\.recordedAt) == [breach.recordedAt], "kept as first recorded")
            }
        }
    }

    actor Outcome {
        var value: Int?
        func set(_ value: Int) { self.value = value }
    }

    /// Runs `body` while another connection writes: on PostgreSQL it holds the case's SLA lock (as
    /// a second instance recording its breach), on SQLite the database's one write lock.
    static func whileAnotherWrites<T: Sendable>(
        _ database: TestDatabase, _ location: TestDatabaseLocation, caseID: CaseID, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        if database == .postgres { return try await location.holdingAdvisoryLock("sla:\(caseID)", body) }
        var configuration = GRDB.Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: String(try #require(location.sqliteURL).dropFirst("sqlite://".count)), configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        do {
            let result = try await body()
            try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            return result
        } catch {
            try? await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            throw error
        }
    }
}
