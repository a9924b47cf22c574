import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Promises are kept or broken once, and found again by case and by due time. SQLite and PostgreSQL.
@Suite("Store contract: promises")
struct PromiseContractTests {
    @Test("a promise is stored, listed by due time, settled once; an unknown case or promise is refused", arguments: TestDatabase.all)
    func promises(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let caseID = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "p1", handle: "klant"), into: store).signal.caseID
            let at = Fixtures.base.addingTimeInterval(120)
            let later = CasePromise(
                id: .generate(now: at), caseID: caseID, ownerID: anna.id, text: "Ik stort de €12,50 vrijdag terug",
                dueAt: at.addingTimeInterval(3 * 86400), createdAt: at, createdBy: anna.id)
            let sooner = CasePromise(
                id: .generate(now: at.addingTimeInterval(1)), caseID: caseID, ownerID: anna.id, text: "Ik bel u morgen voor 12:00",
                dueAt: at.addingTimeInterval(86400), createdAt: at, createdBy: anna.id)
            try await store.createPromise(later)
            try await store.createPromise(sooner)
            #expect(try await store.promises(caseID: caseID) == [sooner, later])
            #expect(try await store.promises(dueSince: at.addingTimeInterval(2 * 86400)) == [later])
            let bram = try await HandoffContractTests.user("Bram", store: store)
            let others = CasePromise(
                id: .generate(now: at.addingTimeInterval(2)), caseID: caseID, ownerID: bram.id, text: "Bram belt terug",
                dueAt: at.addingTimeInterval(2 * 86400), createdAt: at, createdBy: bram.id)
            try await store.createPromise(others)
            let horizon = at.addingTimeInterval(4 * 86400)
            #expect(try await store.openPromises(dueBefore: horizon, ownerID: anna.id, limit: 10) == [later, sooner], "latest due first")
            #expect(try await store.openPromises(dueBefore: horizon, ownerID: anna.id, limit: 1) == [later], "the limit counts only hers")
            #expect(try await store.openPromises(dueBefore: horizon, ownerID: nil, limit: 10) == [later, others, sooner])

            let kept = try await store.settlePromise(id: sooner.id, as: .kept, by: anna.id, at: at.addingTimeInterval(3600))
            #expect(kept.status == .kept)
            #expect(kept.settledBy == anna.id)
            await #expect(throws: DomainError.self) {
                try await store.settlePromise(id: sooner.id, as: .broken, by: anna.id, at: at.addingTimeInterval(7200))
            }
            #expect(try await store.promises(caseID: caseID).first?.status == .kept)
            await #expect(throws: DomainError.self) { try await store.settlePromise(id: .generate(), as: .kept, by: anna.id, at: at) }
            var orphan = later
            orphan.id = .generate()
            orphan.caseID = .generate()
            await #expect(throws: DomainError.self) { try await store.createPromise(orphan) }
        }
    }
}
