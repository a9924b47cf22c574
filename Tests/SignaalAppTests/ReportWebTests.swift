import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: the monthly report for the board")
struct ReportWebTests {
    static let calendar = BusinessCalendar.standard

    @Test("this month against the last: figures, failure costs in euros, topics, the iceberg and the stories", arguments: TestDatabase.all)
    func report(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let now = Date()
            let thisMonth = ReportMonth(containing: Self.calendar.localDay(of: now))
            // At the very start of last month: within the same days as this month so far, which a running month is compared with.
            let lastMonth = thisMonth.previous.period(in: Self.calendar).start.addingTimeInterval(60)
            let complaint = "Al drie weken wacht ik op de terugbetaling van mijn retour van 89,95 euro en niemand reageert op mijn mails. Dit is echt schandalig!"
            // This month: one customer complains twice (a repeat contact), another once, a third thanks us.
            _ = try await createCase(client, token: token, ["channel": "x", "externalId": "m1", "author": ["handle": "boos", "name": "Karin de Boer"], "text": complaint])
            _ = try await createCase(client, token: token, ["channel": "x", "externalId": "m2", "author": ["handle": "boos"], "text": "Nog steeds geen geld terug. Belachelijk."])
            _ = try await createCase(client, token: token, ["channel": "email", "author": ["email": "piet@example.nl"], "text": "Mijn pakket is al twee weken onderweg en niemand weet waar het is. Slechte service, ik ben het zat."])
            _ = try await createCase(client, token: token, ["channel": "email", "author": ["email": "blij@example.nl"], "text": "Dank jullie wel voor de snelle hulp, top geregeld!"])
            // Last month: three complaints about delivery.
            for index in 0..<3 {
                _ = try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "v\(index)", "author": ["handle": "vorige\(index)"], "text": "Pakket niet bezorgd, waar blijft het?",
                     "receivedAt": lastMonth.addingTimeInterval(Double(index) * 60).formatted(.iso8601)])
            }
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            // Promises this month: one kept, one past its time that nobody marked, one still to come.
            let piet = try #require(try await store.signals(channel: .email, limit: 1, after: nil).first)
            let promised = try #require(try await store.case(id: piet.caseID))
            let owner = try #require(try await store.users().first)
            let start = thisMonth.period(in: Self.calendar).start
            for (text, due, status) in [
                ("Bel Piet terug", max(start.addingTimeInterval(1), now.addingTimeInterval(-120)), CasePromise.Status.kept),
                ("Mail Piet de track-and-trace", max(start.addingTimeInterval(2), now.addingTimeInterval(-60)), .open),
                ("Stuur Piet een nieuw pakket", now.addingTimeInterval(3600), .open),
                // Marked kept an hour after its time: for Piet it broke first.
                ("Bel Piet over de bezorging", max(start.addingTimeInterval(3), now.addingTimeInterval(-3 * 3600)), .kept),
            ] {
                var promise = CasePromise(
                    id: .generate(), caseID: promised.id, ownerID: owner.id, text: text, dueAt: due, createdAt: start, createdBy: owner.id)
                promise.status = status
                if status == .kept { promise.settledAt = due.addingTimeInterval(text == "Bel Piet terug" ? 60 : 3600) }
                try await store.createPromise(promise)
            }
            let page = try await client.execute(uri: "/rapport?uurtarief=60&behandeltijd=10", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(StaffingWebTests.row(page, "Toezeggingen nagekomen")).contains("1 / 3 (33 %)"), "the unmarked one and the one kept late broke")
            #expect(page.contains("<h1>Maandrapport \(Self.monthName(thisMonth))</h1>"))
            let signals = try #require(StaffingWebTests.row(page, "Klantsignalen"))
            #expect(signals.contains("<td class=\"value\">4</td><td class=\"before\">3</td><td class=\"change\">+33 %</td>"))
            let repeats = try #require(StaffingWebTests.row(page, "Herhaalcontacten"))
            #expect(repeats.contains("<td class=\"value\">1</td>"))
            // 3 messages × 10 min at € 60 an hour = € 30 (the thanks is no failure); the repeat contact € 10.
            #expect(try #require(StaffingWebTests.row(page, "Behandeling (10 min per bericht à € 60,00 per uur)")).contains("€ 30,00"))
            #expect(try #require(StaffingWebTests.row(page, "waarvan herhaalcontacten")).contains("€ 10,00"))
            // Per case written to, both months: € 30 over this month's two cases, € 30 over last month's three.
            #expect(try #require(StaffingWebTests.row(page, "Per zaak")).contains("<td class=\"value\">€ 15,00</td><td class=\"before\">€ 10,00</td>"))
            #expect(page.contains("id=\"volume-chart\""))
            // The chart's figures as a table too, readable without a mouse: today's four messages.
            #expect(page.contains("<details class=\"chart-figures\" id=\"volume-figures\"><summary>Cijfers per dag</summary>"))
            let today = Self.calendar.localDay(of: now).day
            #expect(page.contains("<tr><th scope=\"row\">\(today)</th><td>4</td>"), "\(page)")
            #expect(page.contains("id=\"report-iceberg\""))
            #expect(page.contains("Maar één op de 26 ontevreden klanten klaagt"))
            #expect(page.contains("Al drie weken wacht ik op de terugbetaling"), "the strongest complaint is one of the stories")
            #expect(page.contains("Karin via X (Twitter)"))
            #expect(page.contains("Dank jullie wel voor de snelle hulp"), "praise is told too")
            // Last month's page: its own figures, a link to this month.
            let previous = try await client.execute(uri: "/rapport?maand=\(thisMonth.previous.isoString)", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(StaffingWebTests.row(previous, "Klantsignalen")).contains("<td class=\"value\">3</td>"))
            #expect(previous.contains("href=\"/rapport?maand=\(thisMonth.isoString)\""))
            // The standard time is the placeholder, not a value: "Bereken" with a new rate keeps each month's own basis.
            #expect(previous.contains(#"name="behandeltijd" inputmode="decimal" size="4" value="" placeholder="6""#))
            #expect(page.contains(#"name="behandeltijd" inputmode="decimal" size="4" value="10""#), "the lead's own time stays")
            #expect(!previous.contains("id=\"report-partial\""), "a past month is complete")
        }
    }

    @Test("a month in the future, before 2000 or an unreadable one, or a wrong hourly rate, is refused with the rule for months")
    func badInput() async throws {
        try await withApp(.sqlite) { client, store, _ in
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let next = ReportMonth(containing: Self.calendar.localDay(of: Date())).next.isoString
            for query in ["maand=\(next)", "maand=2026-13", "maand=nov", "maand=1999-01", "uurtarief=0", "uurtarief=abc", "behandeltijd=500"] {
                let response = try await client.execute(uri: "/rapport?\(query)", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .unprocessableContent, "\(query): \(response.status)")
                if query.hasPrefix("maand=") {
                    // One rule for every refused month, too early as much as too late.
                    #expect(response.text.contains("van 2000-01 tot en met deze maand"), "\(query)")
                    #expect(!response.text.contains("niet na deze maand"), "\(query)")
                } else {
                    // The report itself comes back, on the standard assumptions, with the reason above the form.
                    #expect(response.text.contains("id=\"assumptions-error\"") && response.text.contains("Faalkosten"), "\(query)")
                }
            }
        }
    }

    static func monthName(_ month: ReportMonth) -> String {
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"][month.month - 1]
            + " \(month.year)"
    }
}
