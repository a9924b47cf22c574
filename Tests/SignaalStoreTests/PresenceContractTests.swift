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

    @Test("reports of a page in use add up to spells of work per colleague and case; a pause ends a spell", arguments: TestDatabase.all)
    func workSpells(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let bram = try await HandoffContractTests.user("Bram", store: store)
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "w1"), into: store).signal.caseID
            let other = try await Fixtures.ingest(Fixtures.draft(externalID: "w2", handle: "ander"), into: store).signal.caseID
            let start = Fixtures.base.addingTimeInterval(3600)
            #expect(try await store.workSeconds(caseID: caseID) == 0)

            // Anna works two minutes (a report every 10 s), pauses for coffee, comes back for 20 s.
            for second in stride(from: 0.0, through: 120, by: 10) {
                try await store.recordWork(caseID: caseID, userID: anna.id, at: start.addingTimeInterval(second))
            }
            try await store.recordWork(caseID: caseID, userID: anna.id, at: start.addingTimeInterval(600))
            try await store.recordWork(caseID: caseID, userID: anna.id, at: start.addingTimeInterval(620))
            // A late report (out of order) does not shorten the spell.
            try await store.recordWork(caseID: caseID, userID: anna.id, at: start.addingTimeInterval(610))
            // Bram looks at the same case at the same time: his own spell.
            try await store.recordWork(caseID: caseID, userID: bram.id, at: start.addingTimeInterval(30))
            // And Anna at another case for 40 s, the next day.
            let tomorrow = start.addingTimeInterval(86400)
            for second in stride(from: 0.0, through: 30, by: 10) {
                try await store.recordWork(caseID: other, userID: anna.id, at: tomorrow.addingTimeInterval(second))
            }

            // The first customer writes again during the work and after the hour: the hour's
            // work was on two of the case's messages, the two days' on all three.
            for (id, offset) in [("w1b", 100.0), ("w1c", 5000)] {
                let next = try await Fixtures.ingest(
                    Fixtures.draft(externalID: id, receivedAt: start.addingTimeInterval(offset)), into: store, now: start.addingTimeInterval(offset))
                #expect(next.signal.caseID == caseID)
            }
            // (120 + 10) + (20 + 10) + (0 + 10) seconds on the first case.
            #expect(try await store.workSeconds(caseID: caseID) == 170)
            #expect(try await store.workSeconds(caseID: other) == 40)
            let today = try await store.workTotals(in: DateInterval(start: start, duration: 3600))
            #expect(today == WorkTotals(seconds: 170, cases: 1, messages: 2))
            let both = try await store.workTotals(in: DateInterval(start: start, duration: 2 * 86400))
            #expect(both == WorkTotals(seconds: 210, cases: 2, messages: 4))
            #expect(try await store.workTotals(in: DateInterval(start: start.addingTimeInterval(-7200), duration: 3600)) == WorkTotals(seconds: 0, cases: 0, messages: 0))
        }
    }

    @Test("reports sent at the same moment (two tabs, two instances) make one spell, not several counted twice", arguments: TestDatabase.all)
    func simultaneousReports(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "r1"), into: store).signal.caseID
            let start = Fixtures.base.addingTimeInterval(3600)
            for round in 0..<5 {
                // Each round: eight reports of one colleague at once, the first of a new spell.
                let at = start.addingTimeInterval(Double(round) * 3600)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for report in 0..<8 {
                        group.addTask { try await store.recordWork(caseID: caseID, userID: anna.id, at: at.addingTimeInterval(Double(report % 2))) }
                    }
                    try await group.waitForAll()
                }
            }
            // Five spells of one second each (whichever report of a round came first), plus the 10 s
            // a spell counts beyond its last report.
            let totals = try await store.workTotals(in: DateInterval(start: start, duration: 5 * 3600))
            #expect(totals.seconds == 5 * 11, "\(totals)")
            #expect(try await store.workSeconds(caseID: caseID) == 5 * 11)
        }
    }
}
