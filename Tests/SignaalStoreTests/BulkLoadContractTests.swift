import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Loading planned rows at once (benchmarks, history imports) gives the same data as intake
/// would, search included. SQLite and PostgreSQL.
@Suite("Store contract: bulk load")
struct BulkLoadContractTests {
    @Test("loaded customers, cases and signals read back whole, are searchable, and customers come in one query", arguments: TestDatabase.all)
    func bulkLoad(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let at = Fixtures.base
            let tab = "Regel één\tmet tab en \\backslash\nen een tweede regel"
            let noor = Customer(id: .generate(now: at), name: "Noor", identities: [try #require(Identity(kind: .x, raw: "noor_nl"))], createdAt: at)
            let bas = Customer(id: .generate(now: at), name: nil, identities: [try #require(Identity(kind: .email, raw: "bas@example.nl"))], createdAt: at)
            var first = Case(
                id: .generate(now: at), customerID: noor.id, status: .open, priority: 71.5, subject: "Laadpaal weigert", channel: .x,
                openedAt: at, updatedAt: at, lastInboundAt: at, waitingSince: at, signalCount: 2, reopenCount: 0, maxFollowers: 300,
                textScore: 0.4, transitions: [])
            first.absorb(Fixtures.analysis(.negative, .complaint, topics: ["storing"]))
            let second = Case(
                id: .generate(now: at), customerID: bas.id, status: .resolved, priority: 12, subject: tab, channel: .email,
                openedAt: at, updatedAt: at, lastInboundAt: at, waitingSince: nil, signalCount: 1, reopenCount: 1, maxFollowers: 0,
                transitions: [])
            let signals = [
                Signal(id: .generate(now: at), caseID: first.id, customerID: noor.id,
                       draft: Fixtures.draft(channel: .x, externalID: "b1", handle: "noor_nl", text: "Mijn laadpaal weigert al twee dagen"),
                       analysis: Fixtures.analysis(.negative, .complaint, topics: ["storing"]), createdAt: at),
                Signal(id: .generate(now: at.addingTimeInterval(1)), caseID: first.id, customerID: noor.id,
                       draft: Fixtures.draft(channel: .x, externalID: "b2", handle: "noor_nl", text: "Nog steeds niets gehoord"),
                       analysis: nil, createdAt: at),
                Signal(id: .generate(now: at.addingTimeInterval(2)), caseID: second.id, customerID: bas.id,
                       draft: Fixtures.draft(channel: .email, handle: nil, name: nil, email: "bas@example.nl", followers: nil, text: tab),
                       analysis: nil, createdAt: at),
            ]
            try await store.bulkLoad(customers: [noor, bas], cases: [first, second], signals: signals)
            try await store.ping()
            try await store.analyze()

            let loaded = try #require(try await store.case(id: first.id))
            #expect(loaded.priority == 71.5 && loaded.status == .open && loaded.topics == ["storing"] && loaded.sentiment == .negative)
            #expect(try await store.case(id: second.id)?.subject == tab)
            #expect(try await store.signals(customerID: bas.id).map(\.text) == [tab])
            #expect(try await store.signal(id: signals[0].id)?.analysis?.topics == ["storing"])
            let customers = try await store.customers(ids: [noor.id, bas.id, noor.id, CustomerID.generate()])
            #expect(customers.count == 2)
            #expect(customers[noor.id]?.identities.map(\.value) == ["noor_nl"])
            #expect(customers[bas.id]?.name == nil)
            #expect(try await store.searchCases(try #require(SearchQuery("laadpalen")), limit: 10).map(\.id) == [first.id])
            // The same external id again is refused, and nothing of the batch stays.
            let again = Signal(id: .generate(), caseID: second.id, customerID: bas.id,
                               draft: Fixtures.draft(channel: .x, externalID: "b1", text: "dubbel"), analysis: nil, createdAt: at)
            await #expect(throws: (any Error).self) {
                try await store.bulkLoad(customers: [Customer(id: .generate(), name: "X", identities: [], createdAt: at)], cases: [], signals: [again])
            }
            #expect(try await store.signals(customerID: bas.id).count == 1)
        }
    }
}
