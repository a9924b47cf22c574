import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SignaalApp
import SignaalDomain
import SignaalServices
import SignaalStoreTesting
import Testing

@Suite("Web: service levels in business hours, timers on the inbox and case page, breaches recorded")
struct SLAWebTests {
    /// Monday 7 December 2026, 09:00 in Amsterdam.
    static let monday = Date(timeIntervalSince1970: 1_796_630_400)

    static var configuration: AppConfig {
        var configuration = AppConfig.forTests
        configuration.sla = SLASettings(policy: SLAPolicy(defaults: SLATargets(firstResponse: 60, resolution: 480)))
        return configuration
    }

    /// The app on Monday 09:00 with its SLA standings at hand; after its own first watch at the start,
    /// only the test's watches run.
    static func withWatchedApp(
        _ database: TestDatabase,
        _ body: @Sendable (any TestClientProtocol, any SignaalStore, String, TestClock, SLAStandings) async throws -> Void
    ) async throws {
        let clock = TestClock(Self.monday)
        let standings = SLAStandings()
        var configuration = Self.configuration
        configuration.priorityRefreshInterval = .seconds(3600)
        try await withApp(database, clock: { clock.date }, configuration: configuration, slaStandings: standings) { client, store, token in
            try await body(client, store, token, clock, standings)
        }
    }

    @Test("an hour to answer: the timer runs, turns at risk, breaches once (recorded), and a reply moves on to resolution", arguments: TestDatabase.all)
    func timers(database: TestDatabase) async throws {
        #expect(ISO8601DateFormatter().string(from: Self.monday) == "2026-12-07T08:00:00Z")
        let clock = TestClock(Self.monday)
        try await withApp(database, clock: { clock.date }, configuration: Self.configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "sla-1", "author": ["handle": "pendelaar"], "receivedAt": "2026-12-07T08:00:00Z",
                 "text": "Mijn OV-chipkaart is twee keer belast voor dezelfde rit"])
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func inbox(_ query: String = "") async throws -> String {
                try await client.execute(uri: "/" + query, method: .get, headers: [.cookie: cookie]).text
            }
            var page = try await inbox()
            #expect(page.contains("nog 1 u"))
            #expect(page.contains("sla-ok"))

            clock.advance(50 * 60)
            #expect(try await inbox("?norm=risico").contains("twee keer belast"))
            #expect(!(try await inbox("?norm=verlopen").contains("twee keer belast")))
            #expect(try await inbox("?norm=risico").contains("nog 10 min"))

            clock.advance(30 * 60)
            #expect(try await inbox("?norm=verlopen").contains("20 min te laat"))
            #expect(!(try await inbox("?norm=risico").contains("twee keer belast")))
            let watch = WatchSLA(store: store, settings: Self.configuration.sla, clock: { clock.date })
            #expect(try await watch() == 1)
            #expect(try await watch() == 0, "a breach is recorded once")
            let casePage = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(casePage.contains("Norm overschreden"))
            #expect(casePage.contains("eerste reactie"))

            let sent = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": "Sorry dat uw OV-chipkaart twee keer is belast! Ik zet het terug, stuur ons even een DM?"])
            #expect(sent.status == .seeOther)
            let answered = try #require(try await store.case(id: theCaseID))
            #expect(answered.respondedAt == clock.date)
            page = try await inbox()
            #expect(page.contains("oplossing"))
            #expect(try await watch() == 0, "the late first response is the breach already recorded")
            #expect(try await store.slaBreaches(caseID: theCaseID).map(\.kind) == [.firstResponse])

            // The customer writes back and nobody resolves it for a week: both targets missed, read
            // on the case page as one list.
            _ = try await IngestSignal(store: store, clock: { clock.date })(
                SignalDraft(channel: .x, externalID: "sla-late-2", author: Author(handle: "pendelaar"), text: "En nu? Nog steeds dubbel betaald.", receivedAt: clock.date))
            clock.advance(7 * 24 * 3600)
            #expect(try await watch() == 1)
            // A week later the agent signs in again.
            let (_, again) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            let late = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: try #require(again)]).text
            #expect(late.range(of: #"eerste reactie \(uiterlijk [^)]+\);</span> <span>oplossing \(uiterlijk [^)]+\)</span>"#, options: .regularExpression) != nil)

            let wrong = try await client.execute(uri: "/?norm=straks", method: .get, headers: [.cookie: try #require(again)])
            #expect(wrong.status == .unprocessableContent)
        }
    }

    /// Without a watch's result the view reads every open case with its history: 12-35 s with
    /// 45,000 open, right after a start until the first pass was done.
    @Test("right after start 'Norm in gevaar' and its count come from the watch's first pass, done before the app serves", arguments: TestDatabase.all)
    func atRiskRightAfterStart(database: TestDatabase) async throws {
        let clock = TestClock(Self.monday)
        try await withTestStore(database) { store, _ in
            let caseID = try await IngestSignal(store: store, clock: { clock.date })(
                SignalDraft(channel: .x, externalID: "start-1", author: Author(handle: "reiziger"), text: "Mijn trein naar Utrecht reed weer niet",
                            receivedAt: clock.date)
            ).signal.caseID
            // The server starts when 50 of the case's 60 minutes are gone.
            clock.advance(50 * 60)
            let standings = SLAStandings()
            var configuration = Self.configuration
            configuration.priorityRefreshInterval = .seconds(3600)
            let app = try await buildApplication(
                configuration: configuration, dependencies: .init(store: store, clock: { clock.date }, slaStandings: standings))
            let standing = try #require(await standings.current(now: clock.date), "the first pass is done before the app serves")
            #expect(standing.atRisk.map(\.id) == [caseID])
            try await app.test(.router) { client in
                let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID.description)
                let page = try await client.execute(uri: "/?zaken=alle&norm=risico", method: .get, headers: [.cookie: cookie]).text
                #expect(page.contains("/cases/\(caseID)"))
                #expect(page.contains("Geteld om"), "the count beside the view")
            }
        }
    }

    @Test("'Norm in gevaar' lists the last watch's cases at risk, each checked again: one answered since drops out", arguments: TestDatabase.all)
    func atRiskFromTheWatch(database: TestDatabase) async throws {
        try await Self.withWatchedApp(database) { client, store, token, clock, standings in
            var caseIDs: [String] = []
            for index in 0..<3 {
                caseIDs.append(try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "risk-\(index)", "author": ["handle": "reiziger\(index)"],
                     "receivedAt": "2026-12-07T08:00:00Z", "text": "Trein \(index) naar Utrecht reed weer niet"]))
            }
            // 09:05: one more, five minutes behind the others.
            clock.advance(5 * 60)
            let late = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "risk-late", "author": ["handle": "laatkomer"],
                 "receivedAt": "2026-12-07T08:05:00Z", "text": "Ook mijn trein naar Utrecht reed niet"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseIDs[0])
            let watch = WatchSLA(store: store, settings: Self.configuration.sla, clock: { clock.date }, standings: standings)
            func atRisk() async throws -> [String] {
                let page = try await client.execute(uri: "/?norm=risico", method: .get, headers: [.cookie: cookie]).text
                return (caseIDs + [late]).filter { page.contains("/cases/\($0)") }
            }
            // 09:50: 50 of 60 minutes gone for the three, 45 for the late one (not yet at risk).
            clock.advance(45 * 60)
            try await watch()
            #expect(try await atRisk() == caseIDs)
            // An answer moves the case on to its resolution timer: out of the list at once.
            let sent = try await CaseActionsTests.post(
                client, "/cases/\(caseIDs[1])/replies", cookie: cookie, ["csrf": csrf, "text": "Wat vervelend dat uw trein niet reed, ik zoek het uit."])
            #expect(sent.status == .seeOther)
            #expect(try await atRisk() == [caseIDs[0], caseIDs[2]])
            // 09:55: the late one is at risk too, and shows at the next watch, as the count beside the view does.
            clock.advance(5 * 60)
            #expect(try await atRisk() == [caseIDs[0], caseIDs[2]])
            try await watch()
            #expect(Set(try await atRisk()) == [caseIDs[0], caseIDs[2], late])
            // 10:10: past due, so breached even before the next watch says so.
            clock.advance(15 * 60)
            #expect(try await atRisk().isEmpty)
        }
    }

    @Test("the SLA views say how many cases each view has at risk or breached, as of the last watch, and not once that is old",
          arguments: TestDatabase.all)
    func slaCounts(database: TestDatabase) async throws {
        try await Self.withWatchedApp(database) { client, store, token, clock, standings in
            var caseIDs: [String] = []
            for (index, channel) in ["x", "x", "facebook"].enumerated() {
                caseIDs.append(try await createCase(
                    client, token: token,
                    ["channel": channel, "externalId": "count-\(index)", "author": ["handle": "reiziger\(index)"],
                     "receivedAt": "2026-12-07T08:00:00Z", "text": "Mijn trein naar Utrecht reed weer niet, nummer \(index)"]))
            }
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseIDs[0])
            #expect(try await CaseActionsTests.post(client, "/cases/\(caseIDs[0])/take", cookie: cookie, ["csrf": csrf]).status == .seeOther)
            let watch = WatchSLA(store: store, settings: Self.configuration.sla, clock: { clock.date }, standings: standings)
            /// The count beside an SLA view's link, nil when none is shown.
            func count(_ norm: String, _ query: String = "") async throws -> String? {
                let page = try await client.execute(uri: "/" + query, method: .get, headers: [.cookie: cookie]).text
                let pattern = #"norm=\#(norm)[^"]*"[^>]*>[^<]+<span class="count" title="([^"]+)">([^<]+)</span>"#
                guard let match = page.firstMatch(of: try Regex<(Substring, Substring, Substring)>(pattern)) else { return nil }
                #expect(match.output.1.hasPrefix("Geteld om "), "the count says when it was counted")
                return String(match.output.2)
            }
            // The app's own watch runs once at its start (at 09:00, nothing at risk yet).
            #expect(try await count("risico") ?? "0" == "0")

            // 09:40: a fresh case; 09:50: the three older ones are at risk (48 of 60 minutes gone).
            clock.advance(40 * 60)
            _ = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "count-fresh", "author": ["handle": "laatkomer"],
                 "receivedAt": "2026-12-07T08:40:00Z", "text": "Ook mijn trein reed niet"])
            clock.advance(10 * 60)
            try await watch()
            #expect(try await count("risico") == "3")
            #expect(try await count("verlopen") == "0")
            #expect(try await count("risico", "?zaken=mijn") == "1", "the view's own cases")
            #expect(try await count("risico", "?zaken=zonder-eigenaar") == "2")
            #expect(try await count("risico", "?kanaal=facebook") == "1", "refinements count too")
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Geteld om 09:50"), "in Amsterdam time")

            // 10:30: the next watch finds them breached.
            clock.advance(40 * 60)
            try await watch()
            #expect(try await count("risico") == "1", "the fresh case, 50 minutes of its 60 gone")
            #expect(try await count("verlopen") == "3")
            #expect(try await count("verlopen", "?zaken=mijn") == "1")

            // The watch stops (or fails): after five minutes the old counts are no longer shown.
            clock.advance(6 * 60)
            #expect(try await count("verlopen") == nil)
        }
    }

    @Test("a case that waits keeps its band and due time while the priority refresh raises its priority; the miss is recorded once",
          arguments: TestDatabase.all)
    func waitingKeepsTargets(database: TestDatabase) async throws {
        var configuration = Self.configuration
        configuration.sla.policy.defaults.resolution = 3 * 480
        configuration.sla.policy.channels = [
            "x": SLAChannelTargets(
                default: SLATargetOverride(firstResponse: 60), high: SLATargetOverride(firstResponse: 30),
                urgent: SLATargetOverride(firstResponse: 15)),
        ]
        let settings = configuration.sla
        let clock = TestClock(Self.monday)
        try await withApp(database, clock: { clock.date }, configuration: configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "wait-1", "author": ["handle": "geduldig", "followers": 1000],
                 "receivedAt": "2026-12-07T08:00:00Z", "text": "Mijn OV-chipkaart is twee keer belast voor dezelfde rit"])
            let theCaseID = try #require(CaseID(caseID))
            _ = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let opened = try #require(try await store.case(id: theCaseID))
            #expect(opened.priority < 35, "the message alone is of normal priority")

            // Nobody answers for a day; the server refreshes priorities and watches the targets.
            let refresh = RefreshPriorities(store: store, clock: { clock.date })
            let watch = WatchSLA(store: store, settings: settings, clock: { clock.date })
            var recorded = 0
            for _ in 0..<24 {
                clock.advance(3600)
                try await refresh()
                recorded += try await watch()
            }
            let waited = try #require(try await store.case(id: theCaseID))
            #expect(waited.priority >= 35, "waiting a day lifts it in the inbox")
            #expect(recorded == 1, "one missed first response, recorded once")
            let breaches = try await store.slaBreaches(caseID: theCaseID)
            #expect(breaches.map(\.kind) == [.firstResponse])
            #expect(breaches.first?.dueAt == Self.monday.addingTimeInterval(3600))

            let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: try #require(session)]).text
            #expect(page.contains("(prioriteit normaal)"), "the band follows the customer's message, not the wait")
            #expect(page.contains("norm 1 u werktijd, uiterlijk 7 dec 2026 10:00"), "the due time stays where it was")
        }
    }

    @Test("'Norm verlopen' pages through every breached case, also those behind many cases of higher priority", arguments: TestDatabase.all)
    func breachedPaging(database: TestDatabase) async throws {
        var configuration = Self.configuration
        configuration.slaScanBatch = 4
        let clock = TestClock(Self.monday)
        try await withApp(database, clock: { clock.date }, configuration: configuration) { client, store, token in
            var breached: Set<String> = []
            for index in 0..<55 {
                breached.insert(try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "late-\(index)", "author": ["handle": "wachter\(index)"],
                     "receivedAt": "2026-12-07T08:00:00Z", "text": "Mijn pakket \(index) is nog steeds niet bezorgd"]))
            }
            clock.advance(90 * 60)
            // Fresh messages from accounts with a large reach rank above the late ones.
            var fresh: Set<String> = []
            for index in 0..<12 {
                fresh.insert(try await createCase(
                    client, token: token,
                    ["channel": "x", "externalId": "fresh-\(index)", "author": ["handle": "bekend\(index)", "followers": 2_000_000],
                     "receivedAt": "2026-12-07T09:30:00Z", "text": "Jullie app doet het weer niet, al de derde keer deze week!"]))
            }
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: breached.first!)
            func caseIDs(_ page: String) -> [String] {
                page.matches(of: /href="\/cases\/([0-9a-f-]+)"/).map { String($0.output.1) }
            }
            let first = try await client.execute(uri: "/?norm=verlopen", method: .get, headers: [.cookie: cookie]).text
            let firstIDs = caseIDs(first)
            #expect(firstIDs.count == 50)
            let next = try #require(first.firstMatch(of: /href="([^"]*cursor=[^"]*)" rel="next"/).map { String($0.output.1) })
            #expect(next.contains("norm=verlopen"), "the next page stays in the view: \(next)")
            let second = try await client.execute(
                uri: next.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: [.cookie: cookie]).text
            let secondIDs = caseIDs(second)
            #expect(Set(firstIDs + secondIDs) == breached, "every breached case once, no fresh one")
            #expect(firstIDs.count + secondIDs.count == 55)
            #expect(!second.contains(#"rel="next""#))
            #expect(second.contains("norm=verlopen"), "the first-page link keeps the view too")
            let inbox = caseIDs(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text)
            #expect(Set(inbox.prefix(fresh.count)) == fresh, "the fresh cases come first by priority")
        }
    }

    @Test("where the policy says so, waiting on the customer pauses the resolution clock until the customer writes", arguments: TestDatabase.all)
    func pause(database: TestDatabase) async throws {
        var pausing = Self.configuration
        pausing.sla.policy.pauseWhileWaitingOnCustomer = true
        let configuration = pausing
        let clock = TestClock(Self.monday)
        try await withApp(database, clock: { clock.date }, configuration: configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "pause-1", "author": ["handle": "reiziger"], "receivedAt": "2026-12-07T08:00:00Z",
                 "text": "Mijn terugbetaling voor de geannuleerde reis is nog steeds niet binnen"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func inbox(_ query: String = "") async throws -> String {
                // Signed in anew each time: a session lasts 12 hours, and the clock moves on a day.
                let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
                return try await client.execute(uri: "/" + query, method: .get, headers: [.cookie: try #require(session)]).text
            }
            clock.advance(10 * 60)
            let sent = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": "Wat vervelend! Wil je ons je boekingsnummer sturen? Dan zoek ik het direct uit."])
            #expect(sent.status == .seeOther)

            // Tuesday 12:00: 13 business hours later, 8 allowed. The customer had the turn since 09:10.
            clock.advance(27 * 3600 - 10 * 60)
            let waiting = try await inbox()
            #expect(waiting.contains("oplossing, gepauzeerd:</span> nog 7 u 50 min"), "paused beside the kind, the time on a line of its own")
            #expect(waiting.contains("sla-paused"))
            #expect(!(try await inbox("?norm=verlopen")).contains("geannuleerde reis"))
            let watch = WatchSLA(store: store, settings: configuration.sla, clock: { clock.date })
            #expect(try await watch() == 0, "no breach while the customer has the turn")

            // The customer answers: the clock runs again from where it stopped.
            _ = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "pause-2", "author": ["handle": "reiziger"], "receivedAt": "2026-12-08T11:00:00Z",
                 "text": "Boekingsnummer is TR-55821"])
            clock.advance(3600)
            let running = try await inbox()
            #expect(running.contains("nog 6 u 50 min"))
            #expect(!running.contains("gepauzeerd"))
        }
    }

    @Test("the example SLA file is read; a file with overlapping hours stops the start and says where")
    func slaFile() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/sla.example.json")
        let configuration = try AppConfig(environment: ["SIGNAAL_SLA_FILE": example.path])
        #expect(configuration.sla.policy.targetMinutes(.firstResponse, channel: "x", band: .urgent) == 15)
        #expect(configuration.sla.calendar.isClosedAllDay(CalendarDay(year: 2026, month: 12, day: 24)))
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("sla-\(UUID()).json")
        try Data(#"{"calendar":{"openingHours":{"monday":[{"start":"08:00","end":"12:00"},{"start":"11:00","end":"17:00"}]}}}"#.utf8).write(to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        let error = #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_SLA_FILE": broken.path]) }
        #expect(error?.description.contains("SIGNAAL_SLA_FILE") == true)
        #expect(error?.description.contains("Overlappende") == true)
    }

    @Test("the time zone is read under the key the example shows; a misspelt zone stops the start and names it")
    func slaFileTimeZone() throws {
        // Every key of the example is one Signaal reads: what it reads, it writes back.
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/sla.example.json")
        func keys(_ json: Data, _ part: String) throws -> Set<String> {
            Set(((try JSONSerialization.jsonObject(with: json) as? [String: Any])?[part] as? [String: Any] ?? [:]).keys)
        }
        let written = try JSONEncoder().encode(try AppConfig(environment: ["SIGNAAL_SLA_FILE": example.path]).sla)
        let shown = try Data(contentsOf: example)
        for part in ["calendar", "policy"] {
            let shownKeys = try keys(shown, part), writtenKeys = try keys(written, part)
            #expect(shownKeys.isSubset(of: writtenKeys), "the example's \(part) has keys Signaal ignores: \(shownKeys.subtracting(writtenKeys))")
        }

        func settings(_ calendar: String) throws(ConfigurationErrors) -> SLASettings {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sla-\(UUID()).json")
            try? Data(#"{"calendar":\#(calendar)}"#.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try AppConfig(environment: ["SIGNAAL_SLA_FILE": file.path]).sla
        }
        #expect(try settings(#"{"timeZoneIdentifier":"America/Curacao"}"#).calendar.timeZoneIdentifier == "America/Curacao")
        #expect(try settings(#"{"timeZone":"America/Curacao"}"#).calendar.timeZoneIdentifier == "America/Curacao", "the older key still works")
        for calendar in [#"{"timeZoneIdentifier":"Europe/Amsterdm"}"#, #"{"timeZone":"Europe/Amsterdm"}"#] {
            let error = #expect(throws: ConfigurationErrors.self) { try settings(calendar) }
            #expect(error?.description.contains("SIGNAAL_SLA_FILE") == true)
            #expect(error?.description.contains("Onbekende tijdzone 'Europe/Amsterdm'") == true, "\(String(describing: error))")
        }
        let both = #expect(throws: ConfigurationErrors.self) {
            try settings(#"{"timeZoneIdentifier":"Europe/Amsterdam","timeZone":"America/Curacao"}"#)
        }
        #expect(both?.description.contains("Twee verschillende tijdzones") == true)
    }
}

@Suite("Web: Dutch full-text search on the inbox")
struct SearchWebTests {
    @Test("searching finds cases of any status by inflected words; a search without words is refused on the inbox itself", arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let parcels = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "wachter"], "text": "Mijn pakketten zijn al een week onderweg"])
            _ = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "reiziger"], "text": "Trein uitgevallen bij Amersfoort"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: parcels)
            _ = try await store.updateCase(id: try #require(CaseID(parcels))) {
                try $0.transition(to: .resolved, at: Date(), reason: "bezorgd")
            }
            let found = try await client.execute(uri: "/?q=pakket+onderweg", method: .get, headers: [.cookie: cookie])
            #expect(found.status == .ok)
            #expect(found.text.contains("/cases/\(parcels)"), "a resolved case is found too")
            #expect(!found.text.contains("Amersfoort"))
            #expect(found.text.contains("value=\"pakket onderweg\""))
            let none = try await client.execute(uri: "/?q=fietsenstalling", method: .get, headers: [.cookie: cookie])
            #expect(none.text.contains("Niets gevonden voor ‘fietsenstalling’."))
            let noWords = try await client.execute(uri: "/?q=%3F%21", method: .get, headers: [.cookie: cookie])
            #expect(noWords.status == .unprocessableContent)
        }
    }
}

@Suite("Web: first-contact resolution and transfers per agent for team leads")
struct ResolutionStatsWebTests {
    @Test("a case solved by its first owner counts as first contact; a handed-over one counts as a transfer for both", arguments: TestDatabase.all)
    func firstContact(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            let anna = try await accounts.create(email: "anna@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let bram = try await accounts.create(email: "bram@example.nl", name: "Bram", role: .agent, password: "Vlinder-kade-47")
            _ = try await accounts.create(email: "lotte@example.nl", name: "Lotte", role: .lead, password: "Vlinder-kade-47")
            let direct = try #require(CaseID(try await createCase(client, token: token, ["channel": "x", "author": ["handle": "een"], "text": "Factuur klopt niet"])))
            let passed = try #require(CaseID(try await createCase(client, token: token, ["channel": "x", "author": ["handle": "twee"], "text": "Monteur kwam niet"])))
            let now = Date()
            for (caseID, owner) in [(direct, anna), (passed, anna)] {
                _ = try await store.recordHandoff(
                    Handoff(id: .generate(), caseID: caseID, fromUserID: nil, toUserID: owner.id, byUserID: owner.id, briefing: "opgepakt", at: now),
                    now: now)
            }
            _ = try await store.recordHandoff(
                Handoff(id: .generate(), caseID: passed, fromUserID: anna.id, toUserID: bram.id, byUserID: anna.id,
                        briefing: "Bram plant de monteur in", at: now), now: now)
            for caseID in [direct, passed] {
                _ = try await store.updateCase(id: caseID) {
                    $0.respondedAt = now  // answered: only an answered case can be resolved in first contact
                    try $0.transition(to: .resolved, at: now, reason: "opgelost")
                }
            }
            let (_, session) = try await WebTests.signIn(client, email: "lotte@example.nl", password: "Vlinder-kade-47")
            let page = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: try #require(session)]).text
            let rows = page.components(separatedBy: "<tr>")
            let annaRow = try #require(rows.first { $0.contains(">Anna<") })
            let bramRow = try #require(rows.first { $0.contains(">Bram<") })
            #expect(annaRow.contains("1 / 1 (100 %)"), "Anna solved hers at once")
            #expect(annaRow.contains("<td class=\"transfers\">1 / 0</td>"))
            #expect(bramRow.contains("1 / 0 (0 %)"), "Bram's case came to him by a transfer")
            #expect(bramRow.contains("<td class=\"transfers\">0 / 1</td>"))
            #expect(page.contains("2 / 1 (50 %)"), "the team's figure")
        }
    }
}

extension ResolutionStatsWebTests {
    @Test("a case resolved without any answer to the customer is no first contact, on /coaching and in the report alike", arguments: TestDatabase.all)
    func unansweredIsNoFirstContact(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let called = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "gebeld"], "text": "Mijn pas is geblokkeerd"])
            let silent = try #require(CaseID(try await createCase(client, token: token, ["channel": "x", "author": ["handle": "stil"], "text": "App doet het niet"])))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: called)
            let anna = try #require(try await store.users().first { $0.name == "Anna Agent" })
            // Our call, logged: an answer that reached the customer (and makes Anna the owner).
            let logged = try await CaseActionsTests.post(
                client, "/cases/\(called)/notes", cookie: cookie,
                ["csrf": csrf, "channel": "phone", "direction": "wij", "text": "Klant gebeld: pas is weer vrijgegeven."])
            #expect(logged.status == .seeOther)
            let now = Date()
            for caseID in [try #require(CaseID(called)), silent] {
                _ = try await store.updateCase(id: caseID) {
                    $0.ownerID = anna.id
                    try $0.transition(to: .resolved, at: now, reason: "opgelost")
                }
            }
            _ = try await UserAccounts.forTests(store).create(email: "lotte@example.nl", name: "Lotte", role: .lead, password: "Vlinder-kade-47")
            let (_, session) = try await WebTests.signIn(client, email: "lotte@example.nl", password: "Vlinder-kade-47")
            let lead = try #require(session)
            let coaching = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: lead]).text
            let annaRow = try #require(coaching.components(separatedBy: "<tr>").first { $0.contains(">Anna Agent<") })
            #expect(annaRow.contains("2 / 1 (50 %)"), "only the called customer heard from us")
            #expect(annaRow.contains("1 zonder antwoord"))
            let report = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: lead]).text
            let fcr = try #require(report.components(separatedBy: "<tr>").first { $0.contains("Opgelost in eerste contact") })
            #expect(fcr.contains("<td class=\"value\">50 %</td>"), "the report counts as /coaching does")
            let unanswered = try #require(report.components(separatedBy: "<tr>").first { $0.contains("Opgelost zonder antwoord aan de klant") })
            #expect(unanswered.contains("<td class=\"value\">1</td>"))
        }
    }
}

@Suite("Web: 'verras de klant' where a case went badly")
struct SurpriseWebTests {
    @Test("a fresh case asks for no gesture; once the customer had to come back, the case page suggests one", arguments: TestDatabase.all)
    func surprise(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let author: [String: Any] = ["handle": "terugkomer"]
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": author, "text": "Mijn abonnement is dubbel afgeschreven"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func page() async throws -> String { try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text }
            #expect(!(try await page().contains("Verras de klant")))
            _ = try await store.updateCase(id: try #require(CaseID(caseID))) { try $0.transition(to: .resolved, at: Date(), reason: "teruggestort") }
            let again = try await createCase(client, token: token, ["channel": "x", "author": author, "text": "Het is wéér dubbel afgeschreven!"])
            #expect(again == caseID, "the resolved case reopens")
            let shown = try await page()
            #expect(shown.contains("Verras de klant"))
            #expect(shown.contains("Deze zaak ging niet goed: <span class=\"reason\">de klant moest terugkomen (de zaak ging 1× opnieuw open)</span>."))
        }
    }

    @Test("the reasons name what went wrong")
    func reasons() {
        let now = Date()
        var theCase = Case(
            id: .generate(), customerID: .generate(), status: .open, priority: 10, subject: "x", channel: .x, openedAt: now, updatedAt: now,
            lastInboundAt: now, waitingSince: now, signalCount: 1, reopenCount: 0, maxFollowers: 0, transitions: [])
        #expect(Surprise.reasons(theCase: theCase, transfers: 1, promises: [], satisfactionScores: [4], slaBreaches: 0, cues: []).isEmpty)
        theCase.signalCount = 5
        let broken = CasePromise(
            id: .generate(), caseID: theCase.id, ownerID: .generate(), text: "bellen", dueAt: now, status: .broken, createdAt: now, createdBy: .generate())
        let reasons = Surprise.reasons(
            theCase: theCase, transfers: 2, promises: [broken], satisfactionScores: [2], slaBreaches: 1, cues: ["churn_threat"])
        #expect(reasons == [.transferred(2), .brokenPromises(1), .lowScore(2), .slaBreached, .wroteOften(5), .considersLeaving])
        let dutch = DisplayFormat(language: .nl, now: now)
        #expect(reasons.map(dutch.surpriseReason) == [
            "de klant is 2× doorverbonden", "een toezegging is niet nagekomen", "de klant gaf een 2 van 5", "we waren later dan onze eigen norm",
            "de klant schreef al 5 keer", "de klant overweegt weg te gaan",
        ])
        #expect(dutch.surpriseReason(.brokenPromises(3)) == "3 toezeggingen zijn niet nagekomen")
        #expect(DisplayFormat(language: .en, now: now).surpriseReason(.reopened(2)) == "the customer had to come back (the case reopened 2×)")
    }
}

@Suite("Web: offering a private message for a public complaint")
struct PrivateMessageOfferTests {
    @Test("a public complaint offers 'stuur ons een DM' in the customer's register; a private channel does not", arguments: TestDatabase.all)
    func offer(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let tweet = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "noor_dv", "name": "Noor de Vries"], "text": "@Bank waarom kan ik niet inloggen in jullie app? Echt, help je me even?"])
            let mail = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "kees@example.nl"], "text": "Kunt u mij uitleggen waarom mijn pas is geblokkeerd?"])
            let formal = try await createCase(
                client, token: token, ["channel": "facebook", "author": ["handle": "1234567"], "text": "Kunt u mij vertellen waarom uw app niet werkt?"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: tweet)
            func page(_ id: String) async throws -> String { try await client.execute(uri: "/cases/\(id)", method: .get, headers: [.cookie: cookie]).text }
            let onX = try await page(tweet)
            #expect(onX.contains("Verder in een privébericht (DM)"))
            #expect(onX.contains("Hoi Noor, sorry dat [het probleem]. Ik zoek het graag voor je uit: stuur je ons even een DM?"))
            #expect(!(try await page(mail).contains("Verder in een privébericht")))
            #expect(try await page(formal).contains("wilt u ons een privébericht (DM) sturen?"))
        }
    }
}

@Suite("Web: compliments reach the colleague they are about")
struct ComplimentsWebTests {
    @Test("a compliment naming a colleague is for her; one on an owned case for its owner; 'voor mij' shows one's own", arguments: TestDatabase.all)
    func compliments(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            let sanne = try await accounts.create(email: "sanne@example.nl", name: "Sanne Bakker", role: .agent, password: "Vlinder-kade-47")
            _ = try await accounts.create(email: "joost@example.nl", name: "Joost Smit", role: .agent, password: "Vlinder-kade-47")
            _ = try await createCase(
                client, token: token,
                ["channel": "facebook", "author": ["handle": "1001"], "text": "Complimenten voor Sanne van jullie klantenservice, super geholpen! Dank jullie wel 😊"])
            let owned = try await createCase(
                client, token: token, ["channel": "x", "author": ["handle": "blij"], "text": "Top geregeld, heel erg bedankt voor de snelle hulp!"])
            let joost = try #require(try await store.users().first { $0.name == "Joost Smit" })
            _ = try await store.recordHandoff(
                Handoff(id: .generate(), caseID: try #require(CaseID(owned)), fromUserID: nil, toUserID: joost.id, byUserID: joost.id,
                        briefing: "opgepakt", at: Date()), now: Date())
            #expect(ComplimentRecipients.named(in: "Dank aan SANNE!", among: [sanne]) == [sanne.id])
            #expect(ComplimentRecipients.named(in: "Sannes hulp", among: [sanne]).isEmpty, "whole words only")

            let (_, session) = try await WebTests.signIn(client, email: "sanne@example.nl", password: "Vlinder-kade-47")
            let cookie = try #require(session)
            let all = try await client.execute(uri: "/complimenten", method: .get, headers: [.cookie: cookie]).text
            #expect(all.contains("Voor <strong>Sanne Bakker</strong>"))
            #expect(all.contains("Voor <strong>Joost Smit</strong>"))
            let mine = try await client.execute(uri: "/complimenten?voor=mij", method: .get, headers: [.cookie: cookie]).text
            #expect(mine.contains("Complimenten voor Sanne"))
            #expect(!mine.contains("snelle hulp"))
        }
    }

    @Test("praise naming nobody stays with the colleague who had the case when it came, also after a handoff to the lead", arguments: TestDatabase.all)
    func creditedWhenItCame(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            let karin = try await accounts.create(email: "karin@example.nl", name: "Karin Visser", role: .agent, password: "Vlinder-kade-47")
            let jeroen = try await accounts.create(email: "jeroen@example.nl", name: "Jeroen de Wit", role: .lead, password: "Vlinder-kade-47")
            let now = Date()
            let caseID = try #require(CaseID(try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "ingrid@example.nl", "name": "Ingrid Hoekstra"],
                 "text": "Top geregeld, heel erg bedankt voor de snelle hulp!", "receivedAt": now.addingTimeInterval(-3600).formatted(.iso8601)])))
            _ = try await store.recordHandoff(
                Handoff(id: .generate(), caseID: caseID, fromUserID: nil, toUserID: karin.id, byUserID: karin.id, briefing: "opgepakt",
                        at: now.addingTimeInterval(-7200)), now: now)
            // After the thanks came, the case went to the lead.
            _ = try await store.recordHandoff(
                Handoff(id: .generate(), caseID: caseID, fromUserID: karin.id, toUserID: jeroen.id, byUserID: karin.id,
                        briefing: "Jeroen belt de klant over de klacht van vorige week", at: now.addingTimeInterval(-1800)), now: now)
            #expect(try await store.case(id: caseID)?.ownerID == jeroen.id)
            let (_, session) = try await WebTests.signIn(client, email: "jeroen@example.nl", password: "Vlinder-kade-47")
            let page = try await client.execute(uri: "/complimenten", method: .get, headers: [.cookie: try #require(session)]).text
            #expect(page.contains("Voor <strong>Karin Visser</strong>"))
            #expect(!page.contains("Voor <strong>Jeroen de Wit</strong>"))
            let recent = try await RecentCompliments(store: store)()
            #expect(recent.map(\.recipients) == [[karin.id]], "the inbox notice goes to Karin too")
        }
    }

    @Test("the compliments page speaks English with ?lang=en, down to who a compliment is for; Dutch stays the default", arguments: TestDatabase.all)
    func inEnglish(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let sanne = try await UserAccounts.forTests(store).create(
                email: "sanne@example.nl", name: "Sanne Bakker", role: .agent, password: "Vlinder-kade-47")
            _ = try await createCase(
                client, token: token, ["channel": "facebook", "author": ["handle": "1001"], "text": "Complimenten voor Sanne, super geholpen!"])
            _ = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "blij@example.nl"], "text": "Heel erg bedankt voor de snelle hulp, top geregeld!"])
            let webcare = Team(id: .generate(), name: "Webcare")
            try await store.createTeam(webcare, now: Date())
            try await store.setTeam(userID: sanne.id, teamID: webcare.id)
            let (_, session) = try await WebTests.signIn(client, email: "sanne@example.nl", password: "Vlinder-kade-47")
            let cookie = try #require(session)

            let english = try await client.execute(uri: "/complimenten?lang=en", method: .get, headers: [.cookie: cookie]).text
            for text in [
                "<h1>Compliments</h1>", "What customers appreciated over the past 30 days", ">For everyone</a>", ">For me</a>",
                "Team Webcare (1)", "For <strong>Sanne Bakker</strong>", "For <strong>the whole team</strong>", "via e-mail",
            ] { #expect(english.contains(text), "English page lacks \(text)") }
            for text in ["Wat klanten", "Voor iedereen", "Voor mij", "Voor <strong>", "het hele team"] {
                #expect(!english.contains(text), "English page still says \(text)")
            }
            let team = try await client.execute(uri: "/complimenten?team=\(webcare.id)&lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(team.contains("<h2>For team Webcare</h2>"))
            #expect(team.contains("super geholpen") && !team.contains("snelle hulp"), "the customer's own words stay as written")
            _ = try await UserAccounts.forTests(store).create(email: "joost@example.nl", name: "Joost Smit", role: .agent, password: "Vlinder-kade-47")
            let joost = try #require(try await WebTests.signIn(client, email: "joost@example.nl", password: "Vlinder-kade-47").1)
            let nothing = try await client.execute(uri: "/complimenten?voor=mij&dagen=7&lang=en", method: .get, headers: [.cookie: joost]).text
            #expect(nothing.contains("No compliments in this period yet."))
            #expect(nothing.contains("over the past 7 days") && !nothing.contains("Nog geen complimenten"))

            let dutch = try await client.execute(uri: "/complimenten", method: .get, headers: [.cookie: cookie]).text
            for text in [
                "<h1>Complimenten</h1>", "Wat klanten de afgelopen 30 dagen waarderden", ">Voor iedereen</a>", ">Voor mij</a>",
                "Voor <strong>Sanne Bakker</strong>", "Voor <strong>het hele team</strong>",
            ] { #expect(dutch.contains(text), "Dutch page lacks \(text)") }
            #expect(!dutch.contains("For everyone") && !dutch.contains("the whole team"))
        }
    }
}

@Suite("Web: routing new cases to an available colleague")
struct RoutingWebTests {
    @Test("a lead sets who takes part; new cases go to them within capacity; pausing stops it; the customer's next case returns to the same colleague", arguments: TestDatabase.all)
    func routing(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let accounts = UserAccounts.forTests(store)
            let anna = try await accounts.create(email: "anna@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let bram = try await accounts.create(email: "bram@example.nl", name: "Bram", role: .agent, password: "Vlinder-kade-47")
            let first = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "klant1"], "text": "Mijn factuur klopt niet"])
            let firstID = try #require(CaseID(first))
            #expect(try await store.case(id: firstID)?.ownerID == nil, "nobody takes part yet: unassigned")

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: first)
            let settings = try await client.execute(uri: "/routering", method: .get, headers: [.cookie: lead.cookie])
            #expect(settings.status == .ok && settings.text.contains("Anna"))
            let bad = try await CaseActionsTests.post(
                client, "/routering/\(anna.id)", cookie: lead.cookie, ["csrf": lead.csrf, "member": "1", "capacity": "0"])
            #expect(bad.status == .unprocessableContent)
            // A channel, topic or language the page does not offer is refused and names the value;
            // dropped, it would leave a profile that takes cases of every channel.
            for (field, value, reason) in [
                ("channels", "fax", "Onbekend kanaal ‘fax’."), ("topics", "astrologie", "Onbekend onderwerp ‘astrologie’."),
                ("languages", "fr", "Onbekende taal ‘fr’ (nl of en)."),
            ] {
                let refused = try await CaseActionsTests.post(
                    client, "/routering/\(anna.id)", cookie: lead.cookie, ["csrf": lead.csrf, "member": "1", "capacity": "3", field: value])
                #expect(refused.status == .unprocessableContent && refused.text.contains(reason), "\(field)=\(value)")
            }
            #expect(try await store.routingProfiles().isEmpty, "nothing saved")
            for (user, capacity) in [(anna, "1"), (bram, "5")] {
                let saved = try await CaseActionsTests.post(
                    client, "/routering/\(user.id)", cookie: lead.cookie, ["csrf": lead.csrf, "member": "1", "capacity": capacity])
                #expect(saved.status == .seeOther)
            }
            // Bram pauses himself from the inbox.
            let (_, bramSession) = try await WebTests.signIn(client, email: "bram@example.nl", password: "Vlinder-kade-47")
            let bramCookie = try #require(bramSession)
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: bramCookie]).text
            #expect(inbox.contains("Nieuwe zaken komen naar u (maximaal 5 open)"))
            let marker = "name=\"csrf\" value=\""
            let csrf = String(inbox[try #require(inbox.range(of: marker)).upperBound...].prefix { $0 != "\"" })
            #expect(try await CaseActionsTests.post(client, "/routering/pauze", cookie: bramCookie, ["csrf": csrf, "pauze": "aan"]).status == .seeOther)

            func owner(_ text: String, handle: String) async throws -> UserID? {
                let id = try #require(CaseID(try await createCase(client, token: token, ["channel": "x", "author": ["handle": handle], "text": text])))
                return try await store.case(id: id)?.ownerID
            }
            #expect(try await owner("Pakket kwijt", handle: "klant2") == anna.id)
            #expect(try await owner("Storing bij mij", handle: "klant3") == nil, "Anna is full, Bram paused")
            #expect(try await CaseActionsTests.post(client, "/routering/pauze", cookie: bramCookie, ["csrf": csrf, "pauze": "uit"]).status == .seeOther)
            #expect(try await owner("Weer een storing", handle: "klant4") == bram.id)

            // Anna's customer comes back with a new case after the first was closed: back to Anna.
            let klant2Cases = try await store.cases(statuses: [], limit: 50, after: nil).filter { $0.ownerID == anna.id }
            let theirCase = try #require(klant2Cases.first)
            _ = try await store.updateCase(id: theirCase.id) {
                try $0.transition(to: .resolved, at: Date(), reason: "opgelost")
                try $0.transition(to: .closed, at: Date(), reason: "gesloten")
            }
            #expect(try await owner("Nu is mijn pakket beschadigd", handle: "klant2") == anna.id)
        }
    }

    @Test("the routing page speaks English on ?lang=en and Dutch by default", arguments: TestDatabase.all)
    func routingPageInBothLanguages(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let anna = try await UserAccounts.forTests(store).create(email: "anna@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "klant1"], "text": "Mijn factuur klopt niet"])
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            #expect(try await CaseActionsTests.post(
                client, "/routering/\(anna.id)", cookie: lead.cookie,
                ["csrf": lead.csrf, "member": "1", "capacity": "3", "channels": "email", "languages": "en"]).status == .seeOther)
            func page(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: lead.cookie]).text
            }

            let english = try await page("/routering?lang=en")
            for text in [
                "<title>Routing · Signaal</title>", "<h1>Routing</h1>", "New cases go to the colleague who already knows the customer",
                "Anna <span class=\"hint\">(agent, 0 open cases)</span>", "Lotte <span class=\"hint\">(team lead, 0 open cases)</span>",
                "> Takes part in routing</label>", "> Paused</label>", ">Maximum open cases</label>", "<legend>Channels <span class=\"hint\">(none ticked: all)</span>",
                "<legend>Topics ", "<legend>Languages ", "value=\"email\" checked> e-mail</label>", "value=\"webform\"> web form</label>",
                "value=\"nl\"> Dutch</label>", "value=\"en\" checked> English</label>", ">Save</button>",
            ] { #expect(english.contains(text), "English routing page lacks \(text)") }
            for text in [
                "Routering</h1>", "Nieuwe zaken gaan naar", "medewerker", "open zaken", "Doet mee", "Gepauzeerd", "Maximaal", "Kanalen",
                "niets aangevinkt", "webformulier", "Engels", "Opslaan",
            ] { #expect(!english.contains(text), "English routing page still says \(text)") }

            let dutch = try await page("/routering")
            for text in [
                "<h1>Routering</h1>", "Anna <span class=\"hint\">(medewerker, 0 open zaken)</span>", "> Doet mee met de routering</label>",
                "<legend>Kanalen <span class=\"hint\">(niets aangevinkt: alle)</span>", "value=\"webform\"> webformulier</label>",
                "value=\"nl\"> Nederlands</label>", "value=\"en\" checked> Engels</label>", ">Opslaan</button>",
            ] { #expect(dutch.contains(text), "Dutch routing page lacks \(text)") }
            #expect(!dutch.contains("Takes part in routing") && !dutch.contains("(none ticked: all)"))
        }
    }
}
