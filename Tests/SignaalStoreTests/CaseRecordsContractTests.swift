import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// A customer's data export reads each kind of record once for all their cases (hundreds of
/// cases in a handful of queries): each read gives the rows of exactly those cases, in the same
/// order as one case's read. SQLite and PostgreSQL.
@Suite("Store contract: records of many cases at once")
struct CaseRecordsContractTests {
    @Test("replies, notes, promises, satisfaction checks and compensations of several cases in one read, no other case's", arguments: TestDatabase.all)
    func manyCases(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            var cases: [Case] = []
            for index in 0..<3 {
                let signal = try await Fixtures.ingest(
                    Fixtures.draft(channel: .x, externalID: "many-\(index)", handle: "klant\(index)"), into: store).signal
                cases.append(try #require(try await store.case(id: signal.caseID)))
            }
            for (index, theCase) in cases.enumerated() {
                let at = Fixtures.base.addingTimeInterval(Double(100 + index))
                // Two of each on the first case, so the order within a case shows.
                for copy in 0..<(index == 0 ? 2 : 1) {
                    let when = at.addingTimeInterval(Double(copy) * 10)
                    try await Fixtures.reply(on: theCase.id, by: anna.id, into: store, at: when)
                    try await store.addInternalNote(
                        InternalNote(id: .generate(), caseID: theCase.id, authorID: anna.id, text: "Notitie \(index)-\(copy)", createdAt: when),
                        mentioning: [])
                    try await store.createPromise(CasePromise(
                        id: .generate(), caseID: theCase.id, ownerID: anna.id, text: "Belofte \(index)-\(copy)", dueAt: when.addingTimeInterval(3600),
                        createdAt: when, createdBy: anna.id))
                    try await store.createSatisfactionCheck(SatisfactionCheck(token: "token-\(index)-\(copy)", caseID: theCase.id, sentAt: when))
                    _ = try await store.recordCompensation(CompensationContractTests.request(
                        theCase.id, theCase.customerID, by: anna.id, cents: 100 * (index + 1) + copy, at: when)) { _ in .pending }
                }
            }
            let asked = [cases[0].id, cases[1].id]
            let wanted = Set(asked)
            let replies = try await store.replies(caseIDs: asked)
            #expect(replies.count == 3 && replies.allSatisfy { wanted.contains($0.caseID) })
            #expect(replies.filter { $0.caseID == cases[0].id }.map(\.id) == (try await store.replies(caseID: cases[0].id)).map(\.id))
            let notes = try await store.internalNotes(caseIDs: asked)
            #expect(notes.map(\.text).sorted() == ["Notitie 0-0", "Notitie 0-1", "Notitie 1-0"])
            #expect(notes.filter { $0.caseID == cases[0].id }.map(\.text) == ["Notitie 0-0", "Notitie 0-1"])
            let promises = try await store.promises(caseIDs: asked)
            #expect(promises.map(\.text).sorted() == ["Belofte 0-0", "Belofte 0-1", "Belofte 1-0"])
            let checks = try await store.satisfactionChecks(caseIDs: asked)
            #expect(checks.map(\.token).sorted() == ["token-0-0", "token-0-1", "token-1-0"])
            let compensations = try await store.compensations(caseIDs: asked)
            #expect(compensations.map(\.amountCents).sorted() == [100, 101, 200])
            #expect(compensations.filter { $0.caseID == cases[0].id }.map(\.amountCents) == [100, 101])
            // Nothing asked, nothing read.
            #expect(try await store.replies(caseIDs: []).isEmpty)
            #expect(try await store.internalNotes(caseIDs: []).isEmpty)
            #expect(try await store.compensations(caseIDs: []).isEmpty)
        }
    }
}
