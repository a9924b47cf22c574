import Foundation
import SignaalApp
import SignaalDomain
import SignaalServices
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("CSV import: a log's handled complaints become history, its open ones work")
struct CSVImportStatusTests {
    /// Wednesday 25 November 2026, 13:00 in Amsterdam: opening hours.
    static let now = ISO8601DateFormatter().date(from: "2026-11-25T12:00:00Z")!

    /// A complaint log as a service desk keeps it in Excel: a status in words, a handler's
    /// name, dates typed in more than one way, one status nobody agreed on.
    static let log = """
        Kenmerk;Datum;Klant;E-mail;Klacht;Status;Behandelaar
        K-100;1 oktober 2026;Els Bakker;els@example.nl;Bezorger liet pakket bij de buren zonder briefje;gesloten;Bram
        K-101;3 oktober 2026 09:15;Jan de Vries;jan@example.nl;Pakket niet ontvangen, track & trace zegt bezorgd;Afgerond;Anna
        K-102;maandag 5 oktober 2026;Els Bakker;els@example.nl;Factuur dubbel afgeschreven;in behandeling;Bram
        K-103;12-10-2026 14:05;Piet Jansen;piet@example.nl;Monteur kwam niet opdagen;Opgelost;
        K-104;20-10-2026 11:00;Karin Smit;karin@example.nl;Geen reactie op mijn mail van vorige week;wacht op onderdelen;Anna
        K-105;5 nov. 2026 8:30;Jan de Vries;jan@example.nl;Weer geen pakket, dit is de tweede keer;open;

        """

    static func theCase(_ store: any SignaalStore, _ externalID: String) async throws -> Case {
        let signal = try #require(try await store.signals(externalID: externalID).first)
        return try #require(try await store.case(id: signal.caseID))
    }

    static func amsterdam(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    @Test("handled rows are closed cases with the log as reason, outside the inbox and without a clock; open rows keep the log's date and get their first-response time from the import",
          arguments: TestDatabase.all)
    func handledAndOpenRows(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // A colleague is available for routing, and still no imported case is handed out.
            let anna = User(id: .generate(), email: "anna@example.nl", name: "Anna", role: .agent, createdAt: Self.now)
            try await store.createUser(anna, passwordHash: "x")
            try await store.saveRoutingProfile(RoutingProfile(userID: anna.id))
            let imports = ChannelImports(store: store, configuration: AppConfig(), clock: { Self.now })
            let report = try await imports.importCSV(Data(Self.log.utf8), columns: [:], defaultChannel: .email, now: Self.now)
            #expect(report.rejected.isEmpty, "\(report.rejected)")
            #expect(report.imported == [2, 3, 4, 5, 6, 7])
            #expect(report.columns.contains { $0.field == "status" && $0.column == "Status" })
            #expect(report.unusedColumns == ["Behandelaar"])
            #expect(report.warningLines() == ["regel 6: let op: Onbekende status ‘wacht op onderdelen’; geïmporteerd als open werk."])

            let handled = try await Self.theCase(store, "K-101")
            let logDate = Self.amsterdam("2026-10-03 09:15")
            #expect(handled.status == .closed)
            #expect(handled.ownerID == nil && handled.waitingSince == nil)
            #expect(handled.openedAt == logDate && handled.updatedAt == logDate)
            #expect(handled.transitions.map(\.to) == [.new, .closed])
            #expect(handled.transitions.map(\.at) == [logDate, logDate])
            #expect(handled.transitions.last?.reason == "geïmporteerd: afgerond in het klachtenlog (afgerond)")

            // Open work: dated by the log, waiting since then, the first answer due from the import.
            let open = try await Self.theCase(store, "K-102")
            let opened = Self.amsterdam("2026-10-05 00:00")
            #expect(open.status == .new && open.ownerID == nil)
            #expect(open.openedAt == opened && open.waitingSince == opened)
            #expect(open.transitions.first?.at == opened)
            #expect(open.slaStartedAt == Self.now)
            // The case page shows no service level met for what was handled outside Signaal.
            #expect(handled.closedFromLog && !open.closedFromLog)
            let firstResponse = SLASettings.standard.clock(for: open, now: Self.now).firstResponse
            #expect(firstResponse.due > Self.now && !firstResponse.state.isBreach)

            // Els's earlier, handled complaint is a case of its own: her open one is not joined to
            // it, and her handled one did not join her open one.
            let elsEarlier = try await Self.theCase(store, "K-100")
            #expect(elsEarlier.id != open.id && elsEarlier.status == .closed && open.signalCount == 1)
            #expect(elsEarlier.customerID == open.customerID)
            // Jan writes again (open, K-105) after a handled complaint: a new case, not the closed one.
            let janAgain = try await Self.theCase(store, "K-105")
            #expect(janAgain.id != handled.id && janAgain.status == .new && janAgain.customerID == handled.customerID)
            #expect(try await Self.theCase(store, "K-104").status == .new, "an unknown status is open work")

            let inbox = try await store.unresolvedCases(limit: 50, after: nil)
            let inboxIDs = Set(inbox.map(\.id))
            for id in ["K-102", "K-104", "K-105"] { #expect(inboxIDs.contains(try await Self.theCase(store, id).id), "\(id)") }
            for id in ["K-100", "K-101", "K-103"] { #expect(!inboxIDs.contains(try await Self.theCase(store, id).id), "\(id)") }
            #expect(inbox.allSatisfy { $0.ownerID == nil }, "a log is not routed")

            // The watch a week later: only open work can be late, none of the history.
            let later = Self.now.addingTimeInterval(7 * 86400)
            _ = try await WatchSLA(store: store, clock: { later })()
            for id in ["K-100", "K-101", "K-103"] {
                #expect(try await store.slaBreaches(caseID: try await Self.theCase(store, id).id).isEmpty, "\(id)")
            }
            #expect(try await store.slaBreaches(caseID: open.id).isEmpty == false)

            // Importing the log again adds nothing and changes no case.
            let again = try await imports.importCSV(Data(Self.log.utf8), columns: [:], defaultChannel: .email, now: Self.now)
            #expect(again.imported.isEmpty && again.duplicates.count == 6)
            #expect(try await Self.theCase(store, "K-101").transitions.count == 2)
        }
    }

    @Test("a log imported again after a customer was erased counts their rows as dubbel (erased), never as a kenmerk to import again",
          arguments: TestDatabase.all)
    func reimportAfterErasure(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let imports = ChannelImports(store: store, configuration: AppConfig(), clock: { Self.now })
            // The same log as phone notes, and once more as e-mail (whose ids may be shared by other mails).
            let mailLog = Self.log.replacingOccurrences(of: "K-1", with: "M-1")
            for (log, channel) in [(Self.log, Channel.phone), (mailLog, .email)] {
                let first = try await imports.importCSV(Data(log.utf8), columns: [:], defaultChannel: channel, now: Self.now)
                #expect(first.imported.count == 6, "\(first.rejected)")
            }
            let jan = try await Self.theCase(store, "K-101").customerID
            #expect(try await Self.theCase(store, "M-101").customerID == jan)
            try await store.eraseCustomer(id: jan, at: Self.now)

            for (log, channel) in [(Self.log, Channel.phone), (mailLog, .email)] {
                let again = try await imports.importCSV(Data(log.utf8), columns: [:], defaultChannel: channel, now: Self.now)
                #expect(again.rejected.isEmpty, "\(channel): \(again.rejected.map(\.reason))")
                #expect(again.imported.isEmpty, "\(channel): lines \(again.imported) came back")
                #expect(again.duplicates == [2, 3, 4, 5, 6, 7], "\(channel)")
                #expect(again.erased == [3, 7], "\(channel): Jan's two complaints")
            }
            let texts = try await store.signals(channel: nil, limit: 50, after: nil).map(\.text)
            #expect(texts.count == 12)
            #expect(!texts.contains { $0.contains("pakket") && $0.contains("tweede keer") || $0.contains("track & trace") }, "\(texts)")
        }
    }
}
