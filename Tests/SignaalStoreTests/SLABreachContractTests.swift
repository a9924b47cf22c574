import Foundation
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
}
