import Foundation
import Logging
import SignaalApp
import SignaalDomain
import SignaalStoreSQLite
import Testing

/// `ingest-email`, `ingest-stream` and `import csv` through the real executable, as an MTA,
/// a stream consumer or an operator with an Excel export would use them.
@Suite("CLI: e-mail, stream and CSV intake")
struct ChannelCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../SignaalChannelsTests/Fixtures").standardized

    /// A new database, made as `signaal migrate` makes it (the other commands refuse a file that is not there).
    static func database() async throws -> (URL, [String: String]) {
        let directory = try CLI.temporaryDirectory()
        let setup = try store(directory)
        try await setup.migrate()
        await setup.shutdown()
        return (directory, ["DATABASE_URL": "sqlite://\(directory.path)/signaal.sqlite"])
    }

    static func store(_ directory: URL) throws -> any SignaalStore {
        try SQLiteStore(path: directory.appendingPathComponent("signaal.sqlite").path)
    }

    /// A colleague who takes part in routing, in the database at `directory`.
    static func routedColleague(_ directory: URL) async throws -> User {
        let setup = try store(directory)
        try await setup.migrate()
        let anna = User(id: .generate(), email: "anna@example.nl", name: "Anna", role: .agent, createdAt: Date())
        try await setup.createUser(anna, passwordHash: "x")
        try await setup.saveRoutingProfile(RoutingProfile(userID: anna.id))
        await setup.shutdown()
        return anna
    }

    @Test("ingest-email stores the message once and prints its id, routed to an available colleague; a broken message is kept with a warning")
    func ingestEmail() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A colleague who takes part in routing: mail from the MTA pipe reaches her as webhook mail would.
        let anna = try await Self.routedColleague(directory)
        let raw = try Data(contentsOf: Self.fixtures.appendingPathComponent("email/dutch_reply_multipart.eml"))
        let first = try await CLI.run(["ingest-email"], inputData: raw, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let id = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(SignalID(id) != nil)
        let again = try await CLI.run(["ingest-email"], inputData: raw, environment: environment)
        #expect(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == id)
        #expect(again.stderr.contains("al eerder ontvangen"))

        let broken = try Data(contentsOf: Self.fixtures.appendingPathComponent("email/broken_truncated.eml"))
        let kept = try await CLI.run(["ingest-email"], inputData: broken, environment: environment)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("waarschuwing"))

        let empty = try await CLI.run(["ingest-email"], environment: environment)
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("geen bericht"))
        // Whitespace only is as empty as nothing, as the webhook says: no case from "onbekende afzender".
        let blank = try await CLI.run(["ingest-email"], input: " \r\n\t\n", environment: environment)
        #expect(blank.status != 0)
        #expect(blank.stderr.contains("Het bericht is leeg."))
        // Our own reply coming back (a Bcc copy) and an out-of-office without a case store nothing.
        let own = try await CLI.run(
            ["ingest-email"], input: "From: Webcare <webcare@signaal.localhost>\r\nMessage-ID: <eigen-1@signaal.localhost>\r\nSubject: Re: vraag\r\n\r\nBeste klant, uw pakket komt morgen.\r\n",
            environment: environment)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stderr.contains("genegeerd"))
        let away = try await CLI.run(
            ["ingest-email"], input: "From: iemand@example.nl\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <afwezig-9@example.nl>\r\nSubject: Afwezig: vraag\r\n\r\nIk ben afwezig.\r\n",
            environment: environment)
        #expect(away.status == 0, "\(away.stderr)")
        #expect(away.stderr.contains("genegeerd"))
        // A database that cannot be reached is a temporary failure (EX_TEMPFAIL): the mail server
        // keeps the message and tries again instead of bouncing it to the customer.
        let unreachable = try await CLI.run(
            ["ingest-email"], inputData: raw, environment: ["DATABASE_URL": "postgres://signaal:x@127.0.0.1:1/signaal"])
        #expect(unreachable.status == 75, "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("later opnieuw"))

        let store = try Self.store(directory)
        let signals = try await store.signals(channel: .email, limit: 10, after: nil)
        #expect(signals.count == 2)
        let mail = try #require(signals.first { $0.id.description == id })
        #expect(mail.author.name == "Renée de Boer")
        #expect(try await store.case(id: mail.caseID)?.ownerID == anna.id)
        #expect(!(signals.first { $0.id.description != id }?.warnings.isEmpty ?? true))
        await store.shutdown()
    }

    /// The mail server may pipe several messages at once into a database nobody has opened yet
    /// (or one an upgrade has new migrations for): each must be stored, none refused.
    @Test("six ingest-email processes at once on a new database all store their message")
    func parallelIngestOnNewDatabase() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = try await withThrowingTaskGroup(of: CLI.Result.self) { group in
            for index in 1...6 {
                let mail = "From: klant\(index)@example.nl\r\nMessage-ID: <tegelijk-\(index)@example.nl>\r\nSubject: vraag\r\n\r\nMijn pakket \(index) is niet aangekomen.\r\n"
                group.addTask { try await CLI.run(["ingest-email"], input: mail, environment: environment) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let store = try Self.store(directory)
        #expect(try await store.signals(channel: .email, limit: 10, after: nil).count == 6)
        await store.shutdown()
    }

    @Test("import csv reports imported and rejected rows with line numbers, hands no case out; importing again adds nothing")
    func importCSV() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A colleague is available for routing, and still an import hands no case out.
        _ = try await Self.routedColleague(directory)
        let file = Self.fixtures.appendingPathComponent("csv/excel_puntkomma_bom_crlf.csv").path
        let first = try await CLI.run(["import", "csv", file], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("geïmporteerd=5"), "\(first.stdout)")
        let second = try await CLI.run(["import", "csv", file], environment: environment)
        #expect(second.stdout.contains("geïmporteerd=0 dubbel=5"), "\(second.stdout)")

        let bad = try await CLI.run(["import", "csv", Self.fixtures.appendingPathComponent("csv/foute_regels.csv").path], environment: environment)
        #expect(bad.status == 2, "rows refused: the others are in, but it is no success")
        #expect(bad.stdout.contains("regel 3: afgewezen:"), "\(bad.stdout)")
        #expect(bad.stdout.contains("31-02-2026"))

        // Another log that reuses a kenmerk for another complaint: refused with its line, not "dubbel".
        let other = directory.appendingPathComponent("ander-logboek.csv")
        try "Kenmerk;Datum;Klant;Klacht;Kanaal\n1;22-11-2026 10:00;Jan;Pakket kwijt;telefoon\n".write(to: other, atomically: true, encoding: .utf8)
        #expect(try await CLI.run(["import", "csv", other.path], environment: environment).stdout.contains("geïmporteerd=1"))
        try "Kenmerk;Datum;Klant;Klacht;Kanaal\n1;23-11-2026 11:00;Marie;Factuur klopt niet;telefoon\n".write(to: other, atomically: true, encoding: .utf8)
        let reused = try await CLI.run(["import", "csv", other.path], environment: environment)
        #expect(reused.stdout.contains("regel 2: afgewezen: kenmerk '1' is al geïmporteerd met een andere tekst"), "\(reused.stdout)")
        #expect(reused.stdout.contains("geïmporteerd=0 dubbel=0 afgewezen=1"), "\(reused.stdout)")
        // --channel takes the Dutch names a log's Kanaal column takes.
        let counterLog = directory.appendingPathComponent("balie.csv")
        try "Datum;Klant;Klacht\n24-11-2026 09:30;Els;Kassabon klopt niet, twee keer afgerekend\n".write(to: counterLog, atomically: true, encoding: .utf8)
        let counter = try await CLI.run(["import", "csv", counterLog.path, "--channel", "balie"], environment: environment)
        #expect(counter.stdout.contains("geïmporteerd=1"), "\(counter.stdout)\(counter.stderr)")

        let store = try Self.store(directory)
        #expect(try await store.signals(channel: .counter, limit: 20, after: nil).contains { $0.author.name == "Els" })
        let phone = try await store.signals(channel: .phone, limit: 20, after: nil)
        let jan = try #require(phone.first { $0.author.name == "Jan de Vries" })
        #expect(jan.text.contains("\"bezorgd\" zegt.\nGraag vandaag nog contact"))
        #expect(jan.receivedAt == ISO8601DateFormatter().date(from: "2026-11-22T13:05:00Z"))
        #expect(try await store.case(id: jan.caseID)?.ownerID == nil, "a log of earlier complaints is not routed")
        await store.shutdown()

        let missing = try await CLI.run(["import", "csv", "/bestaat/niet.csv"], environment: environment)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("kan '/bestaat/niet.csv' niet lezen"))
        let badFlag = try await CLI.run(["import", "csv", file, "--column", "tekst"], environment: environment)
        #expect(badFlag.status != 0)
        #expect(badFlag.stderr.contains("veld=kolom"))
    }

    @Test("a quote left open on row 5 of 100: the summary counts the 95 rows after it as not read, and the exit status says rows are missing")
    func unreadRowsAreCounted() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = ["Kenmerk;Datum;Klant;Klacht"]
        for row in 1...100 {
            lines.append("K-\(row);22-11-2026 10:00;Klant \(row);\(row == 5 ? "\"Meter kapot" : "Klacht nummer \(row)")")
        }
        let file = directory.appendingPathComponent("honderd.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["import", "csv", file.path], environment: environment)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("regel 6: afgewezen: Hier begint een aanhalingsteken"), "\(result.stdout)")
        #expect(result.stdout.contains("niet gelezen: 95 regels (regel 7 tot en met 101)"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("geïmporteerd=4 dubbel=0 afgewezen=1 niet-gelezen=95\n"), "\(result.stdout)")
        #expect(result.stderr == "Fout: niet alles geïmporteerd: 1 regel afgewezen, 95 regels niet gelezen; de andere regels staan erin\n")

        // Repaired and imported again: the four are dubbel, the rest goes in, and all is well.
        lines[5] = "K-5;22-11-2026 10:00;Klant 5;Meter kapot"
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let repaired = try await CLI.run(["import", "csv", file.path], environment: environment)
        #expect(repaired.status == 0, "\(repaired.stdout)\(repaired.stderr)")
        #expect(repaired.stdout.hasSuffix("database: \(environment["DATABASE_URL"] ?? "")\ngeïmporteerd=96 dubbel=4 afgewezen=0\n"), "\(repaired.stdout)")
        // A --column key it does not know lists every field it does, status too.
        let unknown = try await CLI.run(["import", "csv", file.path, "--column", "foo=Klacht"], environment: environment)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Kies uit: tekst, datum, tijd, kanaal, kenmerk, naam, email, telefoon, handle, onderwerp, ordernummer, status."),
                "\(unknown.stderr)")
    }

    @Test("import of a format other than csv names the supported format in one Dutch line; a binary file is refused as unreadable, without its bytes")
    func importUnsupported() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An Excel workbook: a zip archive, bytes that are no text.
        var workbook = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00])
        workbook += Data("[Content_Types].xml".utf8) + Data((0..<400).map { UInt8(($0 * 73 + 11) % 256) })
        let file = directory.appendingPathComponent("klachten.xlsx")
        try workbook.write(to: file)

        for format in ["xlsx", "XLS", "json"] {
            let result = try await CLI.run(["import", format, file.path], environment: environment)
            #expect(result.status != 0, "\(format)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "one line: \(result.stderr)")
            #expect(result.stderr.hasPrefix("Fout: "), "\(result.stderr)")
            #expect(result.stderr.contains("csv") && result.stderr.contains("'\(format)'"), "\(result.stderr)")
            #expect(!result.stderr.contains("Error") && !result.stderr.contains("Unknown") && !result.stderr.contains("Usage"), "\(result.stderr)")
        }

        let binary = try await CLI.run(["import", "csv", file.path], environment: environment)
        #expect(binary.status != 0)
        #expect(binary.stderr.hasPrefix("Fout: ") && binary.stderr.split(separator: "\n").count == 1, "\(binary.stderr)")
        #expect(binary.stderr.contains("geen leesbare tekst"), "\(binary.stderr)")
        #expect(!binary.stderr.contains("Content_Types") && !binary.stderr.contains("PK"), "no bytes of the file: \(binary.stderr)")
        #expect(binary.stderr.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && !(0x7F...0x9F).contains($0.value)) }, "\(binary.stderr)")
    }

    @Test("ingest-stream reads filtered-stream lines, skips keep-alives and reports unreadable lines")
    func ingestStream() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try Data(contentsOf: Self.fixtures.appendingPathComponent("x/v2_filtered_stream_mention.json"))
        lines.append(Data("\r\n\r\n{ dit is geen json\r\n".utf8))
        let result = try await CLI.run(["ingest-stream"], inputData: lines, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("opgeslagen=1"), "\(result.stdout)")
        #expect(result.stdout.contains("onleesbaar=1"))
        #expect(result.stderr.contains("onleesbaar"))
        let store = try Self.store(directory)
        #expect(try await store.signals(channel: .x, limit: 5, after: nil).count == 1)
        await store.shutdown()
        // Nothing but unreadable lines is a wrong input, not a quiet night.
        let wrong = try await CLI.run(["ingest-stream"], input: "Datum;Naam;Klacht\n22-11-2026;Jan;Pakket kwijt\n", environment: environment)
        #expect(wrong.status != 0)
        #expect(wrong.stdout.contains("onleesbaar=2"))
        #expect(wrong.stderr.contains("geen enkele regel"))
    }

    @Test("import csv says which column became which field, and does not take a category or a closing date for the complaint")
    func importCSVColumns() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("log.csv")
        try """
            Kenmerk,Datum afgerond,Datum binnengekomen,Categorie klacht,Omschrijving klacht,Klantnaam,Telefoonnummer
            H-02,01-12-2026,20-11-2026,Levering,"Het pakket is na drie weken nog niet bezorgd, ""track & trace"" zegt niets",Bert Komma,"3,16123E+10"
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["import", "csv", file.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("tekst=‘Omschrijving klacht’"), "\(result.stdout)")
        #expect(result.stdout.contains("datum=‘Datum binnengekomen’"), "\(result.stdout)")
        let store = try Self.store(directory)
        let signal = try #require(try await store.signals(channel: .other, limit: 5, after: nil).first)
        #expect(signal.text.hasPrefix("Het pakket is na drie weken"))
        #expect(signal.receivedAt == ISO8601DateFormatter().date(from: "2026-11-19T23:00:00Z"))
        // Excel's "3,16123E+10" lost digits: no phone number to link anyone by.
        #expect(try await store.customer(id: signal.customerID)?.identities.contains { $0.kind == .phone } == false)
        await store.shutdown()
        // An empty column name leaves a field unread, as --help says.
        let dropped = try await CLI.run(["import", "csv", file.path, "--column", "naam="], environment: environment)
        // Without the name the row has no customer details left: refused, and nothing else was imported.
        #expect(dropped.status == 2, "\(dropped.stderr)")
        #expect(dropped.stderr == "Fout: niets geïmporteerd: 1 regel afgewezen\n", "\(dropped.stderr)")
        #expect(!dropped.stdout.contains("naam="), "\(dropped.stdout)")
    }

    @Test("import csv reads an English Excel log month first and says so; when no date decides, it says it read them day first, and --date-order mdy turns that")
    func importCSVDateOrder() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let english = directory.appendingPathComponent("english.csv")
        try """
            Date,Customer,Complaint
            11/03/2026 09:15,Jan Smit,Package not delivered
            11/13/2026 14:05,Piet Bakker,Invoice charged twice
            """.write(to: english, atomically: true, encoding: .utf8)
        let american = try await CLI.run(["import", "csv", english.path], environment: environment)
        #expect(american.status == 0, "\(american.stderr)")
        #expect(american.stdout.contains("geïmporteerd=2 dubbel=0 afgewezen=0"), "\(american.stdout)")
        #expect(american.stdout.contains("maand-dag-jaar"), "\(american.stdout)")
        #expect(american.stdout.contains("regel 3"), "\(american.stdout)")

        let ambiguous = directory.appendingPathComponent("ambigu.csv")
        try "Datum;Klant;Klacht\n01-02-2026 10:00;Els;Kassabon klopt niet\n03/04/2026;Bert;Pakket kwijt\n"
            .write(to: ambiguous, atomically: true, encoding: .utf8)
        let dutch = try await CLI.run(["import", "csv", ambiguous.path], environment: environment)
        #expect(dutch.status == 0, "\(dutch.stderr)")
        #expect(dutch.stdout.contains("dag-maand-jaar"), "\(dutch.stdout)")
        #expect(dutch.stdout.contains("--date-order mdy"), "\(dutch.stdout)")

        let forcedFile = directory.appendingPathComponent("forced.csv")
        try "Datum;Klant;Klacht\n01-02-2026 10:00;Karin;Factuur te hoog\n".write(to: forcedFile, atomically: true, encoding: .utf8)
        let forced = try await CLI.run(["import", "csv", forcedFile.path, "--date-order", "mdy"], environment: environment)
        #expect(forced.status == 0, "\(forced.stderr)")
        let wrongOrder = try await CLI.run(["import", "csv", forcedFile.path, "--date-order", "ymd"], environment: environment)
        #expect(wrongOrder.status != 0)
        #expect(wrongOrder.stderr.contains("dmy"), "\(wrongOrder.stderr)")

        let store = try Self.store(directory)
        let signals = try await store.signals(channel: .other, limit: 10, after: nil)
        let utc = ISO8601DateFormatter()
        #expect(signals.first { $0.author.name == "Piet Bakker" }?.receivedAt == utc.date(from: "2026-11-13T13:05:00Z"))
        #expect(signals.first { $0.author.name == "Jan Smit" }?.receivedAt == utc.date(from: "2026-11-03T08:15:00Z"))
        #expect(signals.first { $0.author.name == "Els" }?.receivedAt == utc.date(from: "2026-02-01T09:00:00Z"))
        #expect(signals.first { $0.author.name == "Karin" }?.receivedAt == utc.date(from: "2026-01-02T09:00:00Z"))
        await store.shutdown()
    }

    @Test("import csv names the columns it did not use, and joins a separate Tijd column to the Datum")
    func importCSVUnusedColumns() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("log.csv")
        try """
            Datum;Tijd;Klant;Klacht;Status;Behandelaar;
            22-11-2026;14:05;Jan;Pakket kwijt;Open;Anna;
            23-11-2026;9.30;Piet;Factuur klopt niet;Gesloten;Bram;
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["import", "csv", file.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("tijd=‘Tijd’"), "\(result.stdout)")
        #expect(result.stdout.contains("status=‘Status’"), "\(result.stdout)")
        #expect(result.stdout.contains("niet gebruikt: ‘Behandelaar’"), "\(result.stdout)")
        #expect(result.stdout.contains("geïmporteerd=2"), "\(result.stdout)")
        let store = try Self.store(directory)
        let signals = try await store.signals(channel: .other, limit: 10, after: nil)
        let utc = ISO8601DateFormatter()
        #expect(signals.first { $0.author.name == "Jan" }?.receivedAt == utc.date(from: "2026-11-22T13:05:00Z"))
        #expect(signals.first { $0.author.name == "Piet" }?.receivedAt == utc.date(from: "2026-11-23T08:30:00Z"))
        await store.shutdown()
    }

    @Test("import csv reads a log's status: handled rows become closed cases outside the inbox, open and unknown ones open work; --column status= leaves it unread; written Dutch dates are read")
    func importCSVStatus() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.routedColleague(directory)
        // A log as kept by hand in Excel: Windows line ends, a trailing delimiter, a written date.
        let file = directory.appendingPathComponent("klachten.csv")
        try [
            "Nr;Datum;Naam klant;Telefoon;Omschrijving;Status;Behandelaar;",
            "1;03-10-2026 09:15;Jan de Vries;0612345678;Pakket niet ontvangen;afgerond;Anna;",
            "2;05-10-2026 10:00;Els Bakker;0687654321;Factuur dubbel afgeschreven;In behandeling;Bram;",
            "3;12-10-2026 14:05;Piet Jansen;0611111111;Monteur kwam niet opdagen;Opgelost;;",
            "4;20-10-2026 11:00;Karin Smit;0622222222;Geen reactie op mijn mail;wacht op onderdelen;Anna;",
            "5;5 november 2026;Noor Visser;0633333333;Verkeerde maat geleverd;open;;",
            "6;maandag 9 november 2026 14:30;Ruud Kok;0644444444;Bon klopt niet;gesloten;Bram;",
        ].joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["import", "csv", file.path, "--channel", "telefoon"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("status=‘Status’"), "\(result.stdout)")
        #expect(result.stdout.contains("niet gebruikt: ‘Nr’, ‘Behandelaar’ "), "\(result.stdout)")
        #expect(!result.stdout.contains("afgewezen:"), "\(result.stdout)")
        #expect(result.stdout.contains("regel 5: let op: Onbekende status ‘wacht op onderdelen’; geïmporteerd als open werk."), "\(result.stdout)")
        #expect(result.stdout.contains("al afgehandeld volgens het log, als gesloten zaak bewaard: 3 (regels 2, 4, 7)"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("geïmporteerd=6 dubbel=0 afgewezen=0\n"), "\(result.stdout)")

        let store = try Self.store(directory)
        let signals = try await store.signals(channel: .phone, limit: 20, after: nil)
        func theCase(_ name: String) async throws -> Case {
            let signal = try #require(signals.first { $0.author.name == name }, "\(name)")
            return try #require(try await store.case(id: signal.caseID))
        }
        let jan = try await theCase("Jan de Vries")
        #expect(jan.status == .closed && jan.ownerID == nil && jan.waitingSince == nil)
        #expect(jan.transitions.last?.reason == "geïmporteerd: afgerond in het klachtenlog (afgerond)")
        #expect(try await theCase("Ruud Kok").status == .closed)
        let noor = try await theCase("Noor Visser")
        #expect(noor.status == .new && noor.openedAt == ISO8601DateFormatter().date(from: "2026-11-04T23:00:00Z"))
        #expect(try await theCase("Karin Smit").status == .new)
        let inbox = Set(try await store.unresolvedCases(limit: 20, after: nil).map(\.id))
        #expect(!inbox.contains(jan.id) && inbox.contains(noor.id))
        await store.shutdown()

        // --column status= leaves the column unread: every row is open work, and it says so.
        let (unread, unreadEnvironment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: unread) }
        let plain = try await CLI.run(
            ["import", "csv", file.path, "--channel", "telefoon", "--column", "status="], environment: unreadEnvironment)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("niet gebruikt: ‘Nr’, ‘Status’, ‘Behandelaar’"), "\(plain.stdout)")
        #expect(!plain.stdout.contains("gesloten zaak"), "\(plain.stdout)")
        let open = try SQLiteStore(path: unread.appendingPathComponent("signaal.sqlite").path)
        #expect(try await open.unresolvedCases(limit: 20, after: nil).count == 6)
        await open.shutdown()
    }

    @Test("import csv prints each row's warnings with its line, identical ones together, at most twenty lines")
    func importCSVWarnings() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("log.csv")
        var csv = "Datum;Klant;E-mail;Kanaal;Klacht\n"
        csv += "22-11-2026 10:00;Jan;jan@@example;telefoon;Pakket kwijt\n"
        for row in 1...24 { csv += "22-11-2026 11:\(10 + row);Klant \(row);;duif \(row);Klacht nummer \(row)\n" }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["import", "csv", file.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("regel 2: let op: ‘jan@@example’ is geen geldig e-mailadres en is niet overgenomen."), "\(result.stdout)")
        #expect(result.stdout.contains("regel 3: let op: Onbekend kanaal ‘duif 1’; geïmporteerd als overig."), "\(result.stdout)")
        #expect(result.stdout.contains("regel 21: let op: Onbekend kanaal ‘duif 19’"), "\(result.stdout)")
        #expect(!result.stdout.contains("regel 22: let op"), "\(result.stdout)")
        #expect(result.stdout.contains("en 5 meer waarschuwingen"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("geïmporteerd=25 dubbel=0 afgewezen=0\n"), "\(result.stdout)")

        // Without a date column every row has the same warning: said once, with its lines.
        let undated = directory.appendingPathComponent("zonder-datum.csv")
        try "Klant;Klacht\nEls;Te laat\nBert;Kapot\nKarin;Onbeleefd\n".write(to: undated, atomically: true, encoding: .utf8)
        let same = try await CLI.run(["import", "csv", undated.path], environment: environment)
        #expect(same.stdout.contains("regels 2, 3, 4: let op: Het bestand heeft geen datumkolom"), "\(same.stdout)")
    }

    @Test("import csv of the same log again with another --channel adds nothing, while another complaint under a used kenmerk on another channel still goes in")
    func importCSVAgainWithOtherChannel() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("log.csv")
        try "Datum;Klant;Klacht\n22-11-2026 10:00;Jan;Pakket kwijt\n23-11-2026 11:00;Piet;Factuur klopt niet\n"
            .write(to: plain, atomically: true, encoding: .utf8)
        #expect(try await CLI.run(["import", "csv", plain.path], environment: environment).stdout.contains("geïmporteerd=2"))
        let again = try await CLI.run(["import", "csv", plain.path, "--channel", "telefoon"], environment: environment)
        #expect(again.stdout.contains("geïmporteerd=0 dubbel=2 afgewezen=0"), "\(again.stdout)")

        let numbered = directory.appendingPathComponent("genummerd.csv")
        try "Kenmerk;Datum;Klant;Klacht\nK-1;24-11-2026 09:00;Els;Kassabon klopt niet\n"
            .write(to: numbered, atomically: true, encoding: .utf8)
        #expect(try await CLI.run(["import", "csv", numbered.path, "--channel", "balie"], environment: environment).stdout.contains("geïmporteerd=1"))
        let numberedAgain = try await CLI.run(["import", "csv", numbered.path, "--channel", "brief"], environment: environment)
        #expect(numberedAgain.stdout.contains("geïmporteerd=0 dubbel=1 afgewezen=0"), "\(numberedAgain.stdout)")
        // The letters' own log numbers from 1 too: K-1 there is another complaint.
        try "Kenmerk;Datum;Klant;Klacht\nK-1;24-11-2026 10:00;Karin;Brief over de verkeerde rekening\n"
            .write(to: numbered, atomically: true, encoding: .utf8)
        let other = try await CLI.run(["import", "csv", numbered.path, "--channel", "brief"], environment: environment)
        #expect(other.stdout.contains("geïmporteerd=1 dubbel=0 afgewezen=0"), "\(other.stdout)")

        let store = try Self.store(directory)
        #expect(try await store.signals(channel: .phone, limit: 10, after: nil).isEmpty)
        #expect(try await store.signals(channel: .letter, limit: 10, after: nil).map(\.author.name) == ["Karin"])
        #expect(try await store.signals(channel: nil, limit: 10, after: nil).count == 4)
        await store.shutdown()
    }

    @Test("two different mails with the same Message-ID are two signals; each delivered again is still one")
    func reusedMessageID() async throws {
        let (directory, environment) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        func mail(_ number: Int) -> String {
            "From: Winkelklant <wk\(number)@example.nl>\nTo: webcare@signaal.localhost\nSubject: Vraag \(number)\nMessage-ID: <@localhost>\n\nBericht nummer \(number): mijn bestelling \(number) is kwijt.\n"
        }
        var ids: [String] = []
        for number in [1, 2, 1, 2] {
            let result = try await CLI.run(["ingest-email"], input: mail(number), environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            ids.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(ids[0] != ids[1], "the second customer's complaint is not dropped as a repeat of the first")
        #expect(ids[2] == ids[0] && ids[3] == ids[1], "\(ids)")
        let store = try Self.store(directory)
        #expect(try await store.signals(channel: .email, limit: 10, after: nil).count == 2)
        await store.shutdown()
    }

    @Test("ingest-stream says which line was unreadable while the stream is still open, not when it ends")
    func unreadableLineReportedAtOnce() async throws {
        let (directory, _) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Self.store(directory)
        try await store.migrate()
        let mention = try String(contentsOf: Self.fixtures.appendingPathComponent("x/v2_filtered_stream_mention.json"), encoding: .utf8)
        let (lines, feed) = AsyncThrowingStream<String, any Error>.makeStream()
        feed.yield("")
        feed.yield("{ dit is geen json")
        // The stream stays open until the bad line has been reported; if that only happened at
        // the end, this safety net closes it and the test fails instead of hanging.
        let safetyNet = Task {
            try await Task.sleep(for: .seconds(30))
            feed.finish()
        }
        let start = ContinuousClock.now
        var reported: [(Int, String)] = []
        var openWhenReported = false
        let report = try await ChannelImports(store: store, configuration: AppConfig())
            .ingestStream(lines, logger: Logger(label: "test")) { line, reason in
                reported.append((line, reason))
                // Well before the safety net: a loaded machine (a parallel test run) may take seconds to get here.
                openWhenReported = ContinuousClock.now - start < .seconds(25)
                safetyNet.cancel()
                feed.yield(mention.trimmingCharacters(in: .newlines))
                feed.finish()
            }
        #expect(openWhenReported)
        #expect(reported.map(\.0) == [2], "the second line, after a keep-alive")
        #expect(report.unreadable == 1)
        #expect(report.stored == 1, "the stream went on after the bad line")
        await store.shutdown()
    }
}
