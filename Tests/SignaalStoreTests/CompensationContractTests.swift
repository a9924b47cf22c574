import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The compensation ledger: decided against the case's grants inside one transaction, decided
/// once, found by case, customer and status. SQLite and PostgreSQL.
@Suite("Store contract: compensations")
struct CompensationContractTests {
    static func request(_ caseID: CaseID, _ customerID: CustomerID, by user: UserID, cents: Int, at: Date) -> Compensation {
        Compensation(
            id: .generate(now: at), caseID: caseID, customerID: customerID, kind: .refund, amountCents: cents, reason: "rembourskosten",
            status: .pending, requestedBy: user, requestedAt: at)
    }

    @Test("grants are ledgered per case and customer; a pending request is decided once; an unknown case is refused", arguments: TestDatabase.all)
    func ledger(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let signal = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "c1", handle: "klant"), into: store).signal
            let theCase = try #require(try await store.case(id: signal.caseID))
            let at = Fixtures.base.addingTimeInterval(60)
            let first = try await store.recordCompensation(Self.request(theCase.id, theCase.customerID, by: anna.id, cents: 1250, at: at)) {
                #expect($0.isEmpty)
                return .granted
            }
            #expect(first.status == .granted)
            let second = try await store.recordCompensation(
                Self.request(theCase.id, theCase.customerID, by: anna.id, cents: 4000, at: at.addingTimeInterval(1))
            ) { earlier in
                #expect(earlier.map(\.amountCents) == [1250])
                return .pending
            }
            #expect(try await store.compensations(caseID: theCase.id).map(\.id) == [first.id, second.id])
            #expect(try await store.compensations(customerID: theCase.customerID).count == 2)
            #expect(try await store.pendingCompensations(limit: 10).map(\.id) == [second.id])
            #expect(try await store.grantedCompensations(since: Fixtures.base).map(\.id) == [first.id])

            await #expect(throws: DomainError.self) {
                try await store.decideCompensation(id: second.id, status: .granted, by: anna.id, note: nil, at: at) { _, _ in
                    throw DomainError.forbidden("boven mandaat")
                }
            }
            #expect(try await store.compensation(id: second.id)?.status == .pending, "a refused approval changes nothing")
            let approved = try await store.decideCompensation(
                id: second.id, status: .granted, by: anna.id, note: "prima", at: at.addingTimeInterval(60)
            ) { request, others in
                #expect(request.id == second.id)
                #expect(others.map(\.id) == [first.id])
            }
            #expect(approved.status == .granted && approved.decisionNote == "prima")
            #expect(try await store.compensation(id: second.id) == approved)
            await #expect(throws: DomainError.self) {
                try await store.decideCompensation(id: second.id, status: .rejected, by: anna.id, note: nil, at: at) { _, _ in }
            }
            #expect(try await store.pendingCompensations(limit: 10).isEmpty)
            await #expect(throws: DomainError.self) {
                try await store.recordCompensation(Self.request(.generate(), theCase.customerID, by: anna.id, cents: 100, at: at)) { _ in .granted }
            }
        }
    }

    @Test("ten grants racing on one case: the case limit holds, the rest waits for a lead", arguments: TestDatabase.all)
    func racingGrants(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let signal = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "c2", handle: "klant2"), into: store).signal
            let theCase = try #require(try await store.case(id: signal.caseID))
            let at = Fixtures.base.addingTimeInterval(60)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        _ = try await store.recordCompensation(
                            Self.request(theCase.id, theCase.customerID, by: anna.id, cents: 1000, at: at.addingTimeInterval(Double(index)))
                        ) { earlier in
                            Mandate.standard.covers(.agent, kind: .refund, amountCents: 1000, onCaseAlready: earlier) == .within ? .granted : .pending
                        }
                    }
                }
                try await group.waitForAll()
            }
            let all = try await store.compensations(caseID: theCase.id)
            #expect(all.count == 10)
            #expect(all.filter { $0.status == .granted }.count == 2, "€ 25 per case: two of € 10, never three")
        }
    }
}
