import Foundation
import HummingbirdTesting
@testable import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

extension ReportWebTests {
    @Test("the compared days of a running month are named as Dutch writes a month short: '1–7 mrt', not '1–7 maa'")
    func spanLabel() throws {
        let march = try #require(ReportMonth(year: 2026, month: 3))
        let dutch = DisplayFormat(language: .nl, now: Date())
        #expect(WebController.spanLabel(march, lastDay: 7, format: dutch) == "1–7 mrt")
        #expect(WebController.spanLabel(march, lastDay: 1, format: dutch) == "1 mrt")
        #expect(WebController.spanLabel(march, lastDay: 7, format: DisplayFormat(language: .en, now: Date())) == "1–7 Mar")
        #expect(dutch.count(-1_234_567) == "-1.234.567" && dutch.count(999) == "999")
        #expect(MessageLength.grouped(20_000) == "20.000")
    }

    @Test("large counts on the report are grouped in thousands: 1.234 in Dutch, 1,234 in English", arguments: TestDatabase.all)
    func thousands(database: TestDatabase) async throws {
        let now = Self.midDecember
        try await withApp(database, clock: { now }) { client, store, _ in
            // One customer who wrote 1,234 complaints this morning, loaded at once.
            let at = now.addingTimeInterval(-2 * 3600)
            let customer = Customer(id: .generate(now: at), name: "Noor", identities: [try #require(Identity(kind: .x, raw: "noor_nl"))], createdAt: at)
            let theCase = Case(
                id: .generate(now: at), customerID: customer.id, status: .open, priority: 50, subject: "Storing", channel: .x,
                openedAt: at, updatedAt: at, lastInboundAt: at, waitingSince: at, signalCount: 1234, reopenCount: 0, maxFollowers: 10,
                transitions: [])
            let signals = (0..<1234).map { index in
                Signal(
                    id: .generate(now: at.addingTimeInterval(Double(index))), caseID: theCase.id, customerID: customer.id,
                    draft: Fixtures.draft(externalID: "n\(index)", handle: "noor_nl", text: "Nog steeds storing, bericht \(index)", receivedAt: at.addingTimeInterval(Double(index))),
                    analysis: Fixtures.analysis(.negative, .complaint), createdAt: at)
            }
            try await store.bulkLoad(customers: [customer], cases: [theCase], signals: signals)
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let dutch = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(StaffingWebTests.row(dutch, "Klantsignalen")).contains("<td class=\"value\">1.234</td>"))
            #expect(try #require(StaffingWebTests.row(dutch, "Klachten")).contains("<td class=\"value\">1.234</td>"))
            #expect(try #require(StaffingWebTests.row(dutch, "Herhaalcontacten")).contains("<td class=\"value\">1.233</td>"))
            #expect(dutch.contains("1.234 berichten, 1.234 negatief"), "the chart's day")
            let english = try await client.execute(uri: "/rapport?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(StaffingWebTests.row(english, "Customer signals")).contains("<td class=\"value\">1,234</td>"))
        }
    }

    @Test("a decimal figure such as the hours measured is grouped in thousands too")
    func decimals() {
        let dutch = DisplayFormat(language: .nl, now: Self.midDecember)
        let english = DisplayFormat(language: .en, now: Self.midDecember)
        #expect([dutch.decimal(1234.56), dutch.decimal(10_000), dutch.decimal(0.04), dutch.decimal(-2.5)] == ["1.234,6", "10.000", "0", "-2,5"])
        #expect([english.decimal(1234.56), english.decimal(999.96)] == ["1,234.6", "1,000"])
    }
}
