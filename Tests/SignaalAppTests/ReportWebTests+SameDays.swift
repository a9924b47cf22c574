import Foundation
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

extension ReportWebTests {
    @Test("a running month is compared with the same days of the month before, said in the column; a finished month with the whole month", arguments: TestDatabase.all)
    func runningMonthAgainstSameDays(database: TestDatabase) async throws {
        let now = Self.midDecember  // Monday 14 December 2026, 12:00
        let november = ReportMonth(year: 2026, month: 11)!.period(in: Self.calendar).start
        try await withApp(database, clock: { now }) { client, store, _ in
            // This month: two complaints. November: one on the 3rd, one the 3rd in the afternoon after 12:00 of the 14th, two on the 20th.
            try await Self.complain(store, "d1", "dec1", at: now.addingTimeInterval(-5 * 86400))
            try await Self.complain(store, "d2", "dec2", at: now.addingTimeInterval(-3600))
            let early = try await Self.complain(store, "n1", "nov1", at: november.addingTimeInterval(2 * 86400 + 10 * 3600))
            try await Self.complain(store, "n2", "nov2", at: november.addingTimeInterval(13 * 86400 + 15 * 3600))
            let late = try await Self.complain(store, "n3", "nov3", at: november.addingTimeInterval(19 * 86400))
            try await Self.complain(store, "n4", "nov4", at: november.addingTimeInterval(19 * 86400 + 60))
            for (caseID, day) in [(early, 3.0), (late, 20.0)] {
                _ = try await store.updateCase(id: caseID) {
                    try $0.transition(to: .resolved, at: november.addingTimeInterval((day - 1) * 86400 + 16 * 3600), reason: "opgelost")
                }
            }
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let lead = try #require(try await store.users().first { $0.role == .lead })
            let action = try ImprovementAction.start(
                title: "Retour gratis", topic: "levering", plan: "", topics: ["levering"], by: lead.id, now: now.addingTimeInterval(-4 * 86400))
            try await store.createImprovement(action)
            _ = try await store.finishImprovement(
                id: action.id, message: "Retour is gratis.", by: lead.id, at: now.addingTimeInterval(-86400), notices: [:], recipients: [])
            let page = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("<th scope=\"col\">1–14 nov</th>"), "the column says which days it holds")
            #expect(page.contains("vergeleken met dezelfde dagen van de maand ervoor (1–14 nov)"))
            // The improvement's topic is counted over the same days, and says so.
            let improved = try #require(page.range(of: "afgerond 13 dec").map { String(page[$0.lowerBound...].prefix(200)) })
            #expect(improved.contains("berichten deze maand tot nu, 0 in 1–14 nov ·"), "\(improved)")
            // 1–14 November up to 12:00: only the complaint of the 3rd.
            #expect(try #require(StaffingWebTests.row(page, "Klantsignalen")).contains("<td class=\"value\">2</td><td class=\"before\">1</td><td class=\"change\">+100 %</td>"))
            #expect(try #require(StaffingWebTests.row(page, "Zaken opgelost")).contains("<td class=\"value\">0</td><td class=\"before\">1</td>"))

            // November on its own is finished: against the whole of October, under the usual heading.
            let finished = try await client.execute(uri: "/rapport?maand=2026-11", method: .get, headers: [.cookie: cookie]).text
            #expect(finished.contains("<th scope=\"col\">Maand ervoor</th>"))
            #expect(try #require(StaffingWebTests.row(finished, "Klantsignalen")).contains("<td class=\"value\">4</td>"))
            #expect(try #require(StaffingWebTests.row(finished, "Zaken opgelost")).contains("<td class=\"value\">2</td>"))
            let english = try await client.execute(uri: "/rapport?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("<th scope=\"col\">1–14 Nov</th>"))
        }
    }
}
