import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The month's cases for the CSV export, read by when they were opened. SQLite and PostgreSQL.
@Suite("Store contract: cases opened in a period")
struct CasesOpenedContractTests {
    @Test("the cases opened from the period's start up to (not including) its end, any status, oldest first, ties in the inbox's order",
          arguments: TestDatabase.all)
    func openedIn(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let start = Fixtures.base
            let end = start.addingTimeInterval(30 * 86400)
            let customer = Customer(id: .generate(now: start), name: "Noor", identities: [], createdAt: start)
            let statuses: [CaseStatus] = [.new, .open, .waitingOnCustomer, .resolved, .closed]
            // Opened just before the start, on it, within, at one moment twice, just before the end and on it.
            let moments: [(TimeInterval, Double)] = [
                (-1, 50), (0, 10), (3600, 80), (86400, 20), (86400, 90), (86400, 20), (30 * 86400 - 1, 5), (30 * 86400, 60),
            ]
            var cases: [Case] = []
            for (index, (offset, priority)) in moments.enumerated() {
                let opened = start.addingTimeInterval(offset)
                cases.append(Case(
                    id: .generate(now: opened), customerID: customer.id, status: statuses[index % statuses.count], priority: priority,
                    subject: "Zaak \(index)", channel: .email, openedAt: opened, updatedAt: opened, lastInboundAt: opened,
                    waitingSince: nil, signalCount: 1, reopenCount: 0, maxFollowers: 0, transitions: []))
            }
            try await store.bulkLoad(customers: [customer], cases: cases, signals: [])

            let found = try await store.cases(openedIn: DateInterval(start: start, end: end))
            // What the export kept before: every case in the inbox's order, those opened in the period, by opened time.
            let expected = cases.filter { $0.openedAt >= start && $0.openedAt < end }
                .sorted { $0.isListed(before: $1) }
                .enumerated().sorted { ($0.element.openedAt, $0.offset) < ($1.element.openedAt, $1.offset) }.map(\.element.id)
            #expect(found.map(\.id) == expected)
            #expect(found.count == 6)
            #expect(Set(found.map(\.status)).count > 3, "every status counts")
            #expect(try await store.cases(openedIn: DateInterval(start: end.addingTimeInterval(86400), duration: 86400)).isEmpty)
        }
    }
}
