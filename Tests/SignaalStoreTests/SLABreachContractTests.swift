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
}
