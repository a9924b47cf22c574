import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: handling time measured on the case pages, for the case, the report and the staffing forecast")
struct WorkTimeWebTests {
    /// Monday 7 December 2026, 09:00 in Amsterdam.
    static let monday = Date(timeIntervalSince1970: 1_796_630_400)

    @Test("a case page in view and in use adds up to the case's handling time; one out of view, idle or older does not", arguments: TestDatabase.all)
    func casePage(database: TestDatabase) async throws {
        let clock = TestClock(Self.monday)
        try await withApp(database, clock: { clock.date }) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "work-1", "author": ["handle": "reiziger"], "text": "Mijn trein viel uit, krijg ik geld terug?"])
            let quiet = try await createCase(
                client, token: token, ["channel": "x", "externalId": "work-2", "author": ["handle": "ander"], "text": "Waar blijft mijn teruggave?"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func report(_ body: String) async throws {
                let response = try await client.execute(
                    uri: "/cases/\(caseID)/aanwezig", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: csrf],
                    body: ByteBuffer(string: body))
                #expect(response.status == .ok)
                clock.advance(10)
            }
            func worked(_ id: String) async throws -> String? {
                let page = try await client.execute(uri: "/cases/\(id)", method: .get, headers: [.cookie: cookie]).text
                guard let start = page.range(of: #"<dd id="case-worked""#) else { return nil }
                return page[start.upperBound...].split(separator: ">", maxSplits: 1).last?.components(separatedBy: "<").first
            }
            #expect(try await worked(caseID) == nil, "nothing measured yet: no figure")
            // Half a minute in use: under a minute.
            for _ in 0..<3 { try await report(#"{"typing": false, "active": true}"#) }
            #expect(try await worked(caseID) == "minder dan 1 min")
            // The tab in the background, an idle page, and an older page that does not say: not work.
            for _ in 0..<30 { try await report(#"{"typing": false, "active": false}"#) }
            for _ in 0..<30 { try await report(#"{"typing": false}"#) }
            #expect(try await worked(caseID) == "minder dan 1 min")
            // Back at it, writing, for two and a half minutes.
            for _ in 0..<15 { try await report(#"{"typing": true, "active": true}"#) }
            #expect(try await worked(caseID) == "3 min", "30 s and 150 s")
            #expect(try await worked(quiet) == nil, "work on one case is not another's")
            let english = try await client.execute(uri: "/cases/\(caseID)?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("<dt>Handling time</dt>"))
        }
    }

    @Test("with SIGNAAL_MEASURE_WORK=0 (no works council consent) nothing is measured; a wrong value stops the start")
    func switchedOff() async throws {
        let off = try AppConfig(environment: ["SIGNAAL_MEASURE_WORK": "0"])
        #expect(!off.measureWork)
        #expect(try AppConfig(environment: [:]).measureWork)
        #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_MEASURE_WORK": "soms"]) }
        var configuration = AppConfig.forTests
        configuration.measureWork = off.measureWork
        try await withApp(.sqlite, configuration: configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "off-1", "author": ["handle": "reiziger"], "text": "Mijn trein viel uit"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let response = try await client.execute(
                uri: "/cases/\(caseID)/aanwezig", method: .post,
                headers: [.cookie: cookie, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: csrf],
                body: ByteBuffer(string: #"{"typing": true, "active": true}"#))
            #expect(response.status == .ok, "colleagues still see each other")
            #expect(try await store.workSeconds(caseID: try #require(CaseID(caseID))) == 0)
        }
    }

    @Test("the report and the staffing forecast go by the measured handling time once enough cases were worked; one entered wins", arguments: TestDatabase.all)
    func reportAndStaffing(database: TestDatabase) async throws {
        let clock = TestClock(Self.monday)
        try await withApp(database, clock: { clock.date }) { client, store, token in
            var cases: [CaseID] = []
            for index in 0..<WorkTime.minimumCases {
                let id = try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "measure-\(index)", "author": ["handle": "klant\(index)"], "text": "Mijn pakket is nog steeds niet bezorgd (\(index))"])
                cases.append(try #require(CaseID(id)))
            }
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let lead = try #require(try await store.users().first { $0.role == .lead })
            // A minute on each case, but one case short of enough to go by.
            func work(on caseID: CaseID) async throws {
                for second in stride(from: 0.0, through: 50, by: 10) {
                    try await store.recordWork(caseID: caseID, userID: lead.id, at: clock.date.addingTimeInterval(second))
                }
            }
            for caseID in cases.dropLast() { try await work(on: caseID) }
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text
            }
            var report = try await page("/rapport?uurtarief=60")
            #expect(report.contains("De behandeltijd is een aanname"))
            #expect(StaffingWebTests.row(report, "Behandeling (6 min per bericht à € 60,00 per uur)") != nil, "the standard assumption")

            try await work(on: cases[cases.count - 1])
            // Ten minutes of work on ten messages: one minute each; at € 60 an hour, € 10.
            report = try await page("/rapport?uurtarief=60")
            let handling = try #require(StaffingWebTests.row(report, "Behandeling (gemeten: 1 min per bericht à € 60,00 per uur)"))
            #expect(handling.contains("€ 10,00"))
            #expect(report.contains("deze maand 0,2 uur aan 10 zaken met samen 10 berichten, 1 min per bericht"))
            #expect(report.contains("De maand ervoor is gerekend met een aanname van 6 min per bericht"), "November was not measured")
            #expect(report.contains(#"name="behandeltijd" inputmode="decimal" size="4" value="" placeholder="1""#), "recalculating keeps measuring")
            // An entered handling time wins.
            report = try await page("/rapport?uurtarief=60&behandeltijd=6")
            #expect(try #require(StaffingWebTests.row(report, "Behandeling (6 min per bericht à € 60,00 per uur)")).contains("€ 60,00"))
            #expect(!report.contains("gemeten"))

            let staffing = try await page("/bezetting")
            #expect(staffing.contains("1 minuut per bericht (gemeten op de zaakpagina&#39;s in die weken)"))
            let assumed = try await page("/bezetting?behandeltijd=6")
            #expect(assumed.contains("6 minuten per bericht,"))
            #expect(!assumed.contains("gemeten"))
        }
    }
}
