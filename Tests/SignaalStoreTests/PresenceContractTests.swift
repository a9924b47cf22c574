import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Who has a case open, shared by every instance. SQLite and PostgreSQL.
@Suite("Store contract: who has a case open")
struct PresenceContractTests {
    @Test("the latest report per colleague counts; old ones drop out of the window and are forgotten", arguments: TestDatabase.all)
    func presence(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let bram = try await HandoffContractTests.user("Bram", store: store)
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "p1"), into: store).signal.caseID
            let other = try await Fixtures.ingest(Fixtures.draft(externalID: "p2", handle: "ander"), into: store).signal.caseID
            let now = Fixtures.base.addingTimeInterval(600)
            try await store.markPresent(CasePresence(caseID: caseID, userID: anna.id, typing: false, seenAt: now.addingTimeInterval(-20)))
            try await store.markPresent(CasePresence(caseID: caseID, userID: anna.id, typing: true, seenAt: now.addingTimeInterval(-5)))
            try await store.markPresent(CasePresence(caseID: caseID, userID: bram.id, typing: false, seenAt: now.addingTimeInterval(-10)))
            try await store.markPresent(CasePresence(caseID: other, userID: bram.id, typing: true, seenAt: now))

            let seen = try await store.presence(caseID: caseID, since: now.addingTimeInterval(-CasePresence.window))
            #expect(seen.map(\.userID) == [anna.id, bram.id])
            #expect(seen.map(\.typing) == [true, false])
            #expect(try await store.presence(caseID: caseID, since: now.addingTimeInterval(-7)).map(\.userID) == [anna.id])

            // Bram closes the page: he is gone from this case at once, and still on the other.
            try await store.leaveCase(caseID: caseID, userID: bram.id)
            #expect(try await store.presence(caseID: caseID, since: .distantPast).map(\.userID) == [anna.id])
            #expect(try await store.presence(caseID: other, since: .distantPast).map(\.userID) == [bram.id])
            try await store.leaveCase(caseID: caseID, userID: bram.id)  // twice is no error

            // A report an hour later forgets the old ones everywhere.
            let later = now.addingTimeInterval(CasePresence.retention + 60)
            try await store.markPresent(CasePresence(caseID: other, userID: anna.id, typing: false, seenAt: later))
            #expect(try await store.presence(caseID: caseID, since: .distantPast).isEmpty)
            #expect(try await store.presence(caseID: other, since: .distantPast).map(\.userID) == [anna.id])
        }
    }
}
