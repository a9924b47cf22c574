import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: staffing forecast and workload for team leads")
struct StaffingWebTests {
    static let calendar = BusinessCalendar.standard
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    static func lead(_ client: any TestClientProtocol, store: any SignaalStore) async throws -> String {
        try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
        return try #require(try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47").1)
    }

    /// "09:00–10:00" for the local hour `date` is in.
    static func label(of date: Date) -> String {
        let hour = calendar.gregorianCalendar.component(.hour, from: date)
        return String(format: "%02d:00–%02d:00", hour, (hour + 1) % 24)
    }

    @Test("this hour expects the average of the same hour on the past weeks' same weekday, and says the agents that needs", arguments: TestDatabase.all)
    func forecast(database: TestDatabase) async throws {
        // The page must be read in the hour the messages were written for: the app's clock stands
        // still, so a slow run across the hour (a full suite under load) reads the same hour.
        // In an open hour: a closed one plans nobody (`closedStorm`).
        let now = Self.recent(hour: 10, open: true)
        try await withApp(database, clock: { now }) { client, store, token in
            let hourStart = Self.calendar.gregorianCalendar.dateInterval(of: .hour, for: now)!.start
            // 16, 20 and 24 messages in this hour one, two and three weeks ago: 20 expected.
            for (weeks, count) in [(1, 16), (2, 20), (3, 24)] {
                let start = Self.calendar.gregorianCalendar.date(byAdding: .day, value: -7 * weeks, to: hourStart)!
                for index in 0..<count {
                    _ = try await createCase(
                        client, token: token,
                        ["channel": "x", "externalId": "w\(weeks)-\(index)", "author": ["handle": "klant\(weeks)_\(index)"],
                         "text": "Waar blijft mijn pakket?", "receivedAt": Self.iso(start.addingTimeInterval(Double(index) * 60))])
                }
            }
            // Two so far today in this hour.
            for index in 0..<2 {
                _ = try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "nu-\(index)", "author": ["handle": "vandaag\(index)"], "text": "Pakket kwijt",
                     "receivedAt": Self.iso(max(hourStart, now.addingTimeInterval(-5)))])
            }
            let cookie = try await Self.lead(client, store: store)
            let page = try await client.execute(uri: "/bezetting", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("<h1>Bezetting en werkdruk</h1>"))
            let row = try #require(Self.row(page, Self.label(of: now)), "no row for \(Self.label(of: now))")
            #expect(row.contains("aria-current=\"time\""), "the current hour is marked")
            #expect(row.contains("<td class=\"expected\">20</td>"))
            #expect(row.contains("<td class=\"arrived\">2</td>"))
            #expect(row.contains("<td class=\"agents\">\(StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 20))</td>"))
            #expect(!page.contains("id=\"staffing-pace\""), "a calm hour asks for nobody extra")

            // Longer handling asks for more people; the form keeps what the lead entered.
            let slower = try await client.execute(uri: "/bezetting?behandeltijd=15&binnen=10&doel=90", method: .get, headers: [.cookie: cookie]).text
            let slowRow = try #require(Self.row(slower, Self.label(of: now)))
            let needed = StaffingTargets(handleMinutes: 15, answerWithinMinutes: 10, serviceLevel: 0.9).agentsOnDuty(arrivalsPerHour: 20)
            #expect(needed > StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 20))
            #expect(slowRow.contains("<td class=\"agents\">\(needed)</td>"))
            #expect(slower.contains("name=\"behandeltijd\" inputmode=\"decimal\" size=\"4\" value=\"15\""))
            #expect(slower.contains("href=\"/bezetting?behandeltijd=15&amp;binnen=10&amp;doel=90&amp;dag="), "tomorrow keeps the targets")

            // Tomorrow has nothing arrived yet.
            let tomorrow = Self.calendar.localDay(of: now).adding(days: 1)
            let planned = try await client.execute(uri: "/bezetting?dag=\(tomorrow.isoString)", method: .get, headers: [.cookie: cookie]).text
            #expect(planned.contains("<h2>Morgen, "))
            #expect(!planned.contains("<td class=\"arrived\">2</td>"))
        }
    }

    /// Half past `hour` on the latest past day on which the desk is open (`open`) or closed then.
    static func recent(hour: Int, open: Bool) -> Date {
        let today = calendar.localDay(of: Date())
        for back in 1...14 {
            let day = today.adding(days: -back)
            let at = calendar.date(on: day, hour: hour, minute: 30)
            if calendar.openIntervals(on: day).contains(where: { $0.contains(at) }) == open { return at }
        }
        Issue.record("no day found")
        return Date()
    }

    @Test("a storm in the last hour asks for more people than the usual hour needs", arguments: TestDatabase.all)
    func storm(database: TestDatabase) async throws {
        // In an open hour: a closed one calls nobody in (`closedStorm`).
        let now = Self.recent(hour: 10, open: true)
        try await withApp(database, clock: { now }) { client, store, token in
            for index in 0..<30 {
                _ = try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "storm-\(index)", "author": ["handle": "reiziger\(index)"],
                     "text": "Mijn vlucht is geannuleerd door de storm, wat nu?", "receivedAt": Self.iso(now.addingTimeInterval(-Double(index + 1) * 60))])
            }
            let cookie = try await Self.lead(client, store: store)
            let page = try await client.execute(uri: "/bezetting", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("id=\"staffing-pace\""))
            let atPace = StaffingTargets.standard.agentsOnDuty(arrivalsPerHour: 30)
            #expect(atPace > 1)
            // No history: nobody is planned for this hour, which the advice says in words.
            #expect(page.contains("Nu druk: 30 berichten in het afgelopen uur, gewoonlijk 0. Bij dit tempo zijn \(atPace) collega&#39;s nodig, en voor dit uur is niemand gepland"))
            #expect(!page.contains("in plaats van 0"))
        }
    }

    @Test("after closing time nobody is planned and nobody called in; messages still coming in advise opening longer", arguments: TestDatabase.all)
    func closedStorm(database: TestDatabase) async throws {
        let now = Self.recent(hour: 23, open: false)
        try await withApp(database, clock: { now }) { client, store, token in
            for index in 0..<30 {
                _ = try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "nacht-\(index)", "author": ["handle": "nachtuil\(index)"],
                     "text": "Mijn vlucht is geannuleerd, wat nu?", "receivedAt": Self.iso(now.addingTimeInterval(-Double(index + 1) * 60))])
            }
            let cookie = try await Self.lead(client, store: store)
            let page = try await client.execute(uri: "/bezetting", method: .get, headers: [.cookie: cookie]).text
            let row = try #require(Self.row(page, Self.label(of: now)))
            #expect(row.contains("<td class=\"agents\">0</td>"), "a closed hour needs nobody")
            #expect(!page.contains("roep mensen op"))
            #expect(page.contains("Nu gesloten, en er komen na sluitingstijd nog berichten binnen (30 in het afgelopen uur): overweeg langer open te blijven."))
        }
    }

    @Test("an agent who read mostly anger today is marked for a change of work; the others are not", arguments: TestDatabase.all)
    func workload(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            let bram = try await accounts.create(email: "bram@example.nl", name: "Bram Boos", role: .agent, password: "Vlinder-kade-47")
            let carla = try await accounts.create(email: "carla@example.nl", name: "Carla Kalm", role: .agent, password: "Vlinder-kade-47")
            var angry = ""
            for index in 0..<16 {
                angry = try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "boos-\(index)", "author": ["handle": "woedend"],
                     "text": "Dit is echt schandalig, al drie weken geen reactie en nu weer niets. Belachelijk!"])
            }
            let calm = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "blij@example.nl"], "text": "Dank jullie wel voor de snelle hulp!"])
            _ = try await store.updateCase(id: try #require(CaseID(angry))) { $0.ownerID = bram.id }
            _ = try await store.updateCase(id: try #require(CaseID(calm))) { $0.ownerID = carla.id }
            let cookie = try await Self.lead(client, store: store)
            let page = try await client.execute(uri: "/bezetting", method: .get, headers: [.cookie: cookie]).text
            let bramRow = try #require(Self.row(page, "Bram Boos"))
            #expect(bramRow.contains("class=\"rotate\""))
            #expect(bramRow.contains("<td class=\"open\">1</td><td class=\"messages\">16</td><td class=\"negative\">16 (100 %)</td>"))
            #expect(bramRow.contains("Tijd voor afwisseling"))
            let carlaRow = try #require(Self.row(page, "Carla Kalm"))
            #expect(!carlaRow.contains("Tijd voor afwisseling"))
            #expect(carlaRow.contains("<td class=\"negative\">0 (0 %)</td>"))
            // The most negative first.
            #expect(page.range(of: "Bram Boos")!.lowerBound < page.range(of: "Carla Kalm")!.lowerBound)
        }
    }

    @Test("wrong targets or days are refused with what to enter; agents may not see colleagues' workload")
    func badInput() async throws {
        try await withApp(.sqlite) { client, store, _ in
            let cookie = try await Self.lead(client, store: store)
            for query in ["behandeltijd=abc", "behandeltijd=0", "binnen=5000", "doel=120", "doel=10", "dag=2026-02-30", "dag=gisteren", "dag=2099-01-01"] {
                let response = try await client.execute(uri: "/bezetting?\(query)", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .unprocessableContent, "\(query): \(response.status)")
            }
            // The page itself comes back, on the standard targets, with the reason above the form to correct it.
            let tooLong = try await client.execute(uri: "/bezetting?behandeltijd=200", method: .get, headers: [.cookie: cookie, .accept: "text/html"])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("id=\"targets-error\"") && tooLong.text.contains("kies 0,5 tot en met 120 minuten"))
            #expect(tooLong.text.contains("name=\"behandeltijd\"") && tooLong.text.contains("6 minuten per bericht"))
            let oneMinute = try await client.execute(uri: "/bezetting?behandeltijd=1&binnen=1", method: .get, headers: [.cookie: cookie])
            #expect(oneMinute.text.contains("1 minuut per bericht") && oneMinute.text.contains("binnen 1 minuut,"))
            let decimal = try await client.execute(uri: "/bezetting?behandeltijd=4,5", method: .get, headers: [.cookie: cookie])
            #expect(decimal.status == .ok)
            #expect(decimal.text.contains("4,5 minuten per bericht"))
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let agent = try #require(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47").1)
            let refused = try await client.execute(uri: "/bezetting", method: .get, headers: [.cookie: agent, .accept: "text/html"])
            #expect(refused.status == .forbidden)
        }
    }

    /// The table row (`<tr …</tr>`) that mentions `text`.
    static func row(_ page: String, _ text: String) -> String? {
        page.components(separatedBy: "<tr").dropFirst().map { "<tr" + ($0.components(separatedBy: "</tr>").first ?? "") }
            .first { $0.contains(text) }
    }
}
