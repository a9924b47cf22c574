import Foundation
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

extension ReportWebTests {
    @Test("the silent majority is estimated from the customers who complained, not from how often they wrote", arguments: TestDatabase.all)
    func icebergCountsCustomers(database: TestDatabase) async throws {
        let now = Self.midDecember
        try await withApp(database, clock: { now }) { client, store, _ in
            // One customer complains four times, another once: two customers complained.
            for (index, handle) in ["boos", "boos", "boos", "boos", "ook_boos"].enumerated() {
                try await Self.complain(store, "k\(index)", handle, at: now.addingTimeInterval(-3600), minutes: Double(index))
            }
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let page = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(StaffingWebTests.row(page, "Klachten")).contains("<td class=\"value\">5</td>"))
            let iceberg = try #require(page.components(separatedBy: "id=\"report-iceberg\"").last?.components(separatedBy: "</p>").first)
            // 2 × 26 unhappy customers, who tell 52 × 15 others.
            #expect(iceberg.contains("52 ontevreden klanten") && iceberg.contains("780 mensen"), "\(iceberg)")
        }
    }
}
