import ArgumentParser
import Foundation
import Logging
import SignaalApp
import SignaalChannels

/// `signaal ingest-email < message.eml`: for an MTA pipe (Postfix `pipe`, Exim, procmail).
struct IngestEmail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-email", abstract: "Sla één e-mail (RFC 5322, op stdin) op als signaal; toont het id.")
    @OptionGroup var database: DatabaseOption

    /// sysexits' EX_TEMPFAIL: the mail server keeps a message it could not deliver and tries
    /// again later, where any other failure makes it bounce the message to the customer.
    static let temporaryFailure = ExitCode(75)

    func run() async throws {
        let raw = FileHandle.standardInput.readDataToEndOfFile()
        // The webhook's rule: only whitespace would be a case from "onbekende afzender".
        guard !EmailSignal.isEmpty(raw) else { throw CLIError("geen bericht op stdin: \(EmailSignal.emptyMessage)") }
        let config = try database.config()
        let store: any SignaalStore
        do {
            store = try await openStore(config.database, logger: Logger(label: "signaal"))
        } catch {
            throw Self.temporarily(error)
        }
        do {
            let outcome = try await ChannelImports(store: store, configuration: config).ingestEmail(raw)
            await store.shutdown()
            print(outcome.signal.id)
            let note = outcome.isDuplicateDelivery ? "al eerder ontvangen (zelfde Message-ID)" : "opgeslagen bij zaak \(outcome.signal.caseID)"
            var warnings = outcome.signal.warnings.map { "waarschuwing: \($0)" }.joined(separator: "\n")
            if !warnings.isEmpty { warnings = "\n" + warnings }
            FileHandle.standardError.write(Data("e-mail \(note)\(warnings)\n".utf8))
        } catch let ignored as IntakeIgnored {
            // Not the customer's: nothing stored, and exit 0 so the mail server bounces nothing.
            await store.shutdown()
            FileHandle.standardError.write(Data("e-mail genegeerd: \(ignored.reason)\n".utf8))
        } catch let error as DomainError {
            await store.shutdown()
            throw CLIError(error.message)
        } catch {
            await store.shutdown()
            throw Self.temporarily(error)
        }
    }

    /// Says what failed and that the mail server will try again; the exit status tells it to.
    static func temporarily(_ error: any Error) -> ExitCode {
        let reason = (error as? CLIError)?.description ?? StoreFactory.describe(error)
        FileHandle.standardError.write(Data("Fout: \(reason) (tijdelijk: de mailserver probeert het later opnieuw)\n".utf8))
        return temporaryFailure
    }
}

/// `signaal ingest-stream < lines`: the X API v2 filtered stream, e.g. piped from curl.
struct IngestStream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-stream",
        abstract: "Lees X-filtered-stream-regels (JSON per regel, lege keep-alive-regels overgeslagen) van stdin.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let config = try database.config()
        let store = try await openStore(config.database, logger: Logger(label: "signaal"))
        let report: ChannelImports.StreamReport
        do {
            report = try await ChannelImports(store: store, configuration: config)
                .ingestStream(Self.standardInputLines(), logger: Logger(label: "signaal")) { line, reason in
                    FileHandle.standardError.write(Data("regel \(line): onleesbaar: \(reason)\n".utf8))
                }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
        print("opgeslagen=\(report.stored) dubbel=\(report.duplicates) overgeslagen=\(report.ignored) onleesbaar=\(report.unreadable)")
        if report.unreadable > 0 && report.stored + report.duplicates + report.ignored == 0 {
            throw CLIError("geen enkele regel was te lezen: is dit wel de X filtered stream (JSON per regel)?")
        }
    }

    /// Lines of stdin as they arrive (a stream may stay open for hours), read on their own thread.
    static func standardInputLines() -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            Thread.detachNewThread {
                while let line = readLine(strippingNewline: true) { continuation.yield(line) }
                continuation.finish()
            }
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Importeer signalen.", subcommands: [CSV.self])

    /// `signaal import xlsx …` names a format there is no subcommand for: one Dutch line saying which
    /// there are, instead of ArgumentParser's English "unexpected arguments" and usage. Nil for
    /// any other command line.
    static func unsupportedFormat(_ arguments: [String]) -> CLIError? {
        guard arguments.first == "import", let format = arguments.dropFirst().first, !format.hasPrefix("-") else { return nil }
        let formats = configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !formats.contains(format) else { return nil }
        return CLIError(
            "signaal importeert geen '\(format)'; ondersteund is alleen \(formats.joined(separator: ", ")): "
                + "signaal import csv BESTAND (sla een Excel-werkmap eerst op als CSV)")
    }

    struct CSV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Importeer een klachtenlog (CSV met ; of ,). Kolommen worden aan de kop herkend, of met --column.")
        @Argument(help: "Het CSV-bestand.") var file: String
        @Option(
            name: .customLong("column"), parsing: .singleValue,
            help: "Koppel een veld aan een kolom (naam of nummer), bv. --column text=Omschrijving --column date=3. Velden: text, date, time, channel, id, name, email, phone, handle, subject, order, status; leeg (status=) laat een kolom ongelezen.")
        var columns: [String] = []
        @Option(
            name: .customLong("date-order"),
            help: "Volgorde van dag en maand in datums als 01/02/2026: dmy (dag-maand-jaar) of mdy (maand-dag-jaar, Engelse Excel). Zonder deze optie beslissen de datums zelf.")
        var dateOrder: String?
        @Option(help: "Kanaal voor rijen zonder kanaalkolom (telefoon, e-mail, balie, brief, … of phone, email, counter, letter, …).") var channel: String = "other"
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            // The names a complaint log's Kanaal column takes, Dutch or English ("telefoon", "balie").
            guard let defaultChannel = CSVChannelNames.channel(for: channel) else {
                throw CLIError("onbekend kanaal '\(channel)'; bijvoorbeeld telefoon, e-mail, balie, brief, webformulier of overig")
            }
            let order = try dateOrder.map { flag in
                guard let order = CSVDateOrder(flag: flag) else {
                    throw CLIError("--date-order '\(flag)' bestaat niet; kies dmy (dag-maand-jaar) of mdy (maand-dag-jaar)")
                }
                return order
            }
            var mapping: [String: String] = [:]
            for column in columns {
                let parts = column.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                // "tekst=" with nothing after it leaves a field unread, as the mapping allows.
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw CLIError("--column '\(column)' moet de vorm veld=kolom hebben")
                }
                mapping[parts[0]] = parts[1]
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("kan '\(file)' niet lezen") }
            let config = try database.config()
            let store = try await openStore(config.database, logger: Logger(label: "signaal"))
            let report: ChannelImports.CSVReport
            do {
                report = try await ChannelImports(store: store, configuration: config)
                    .importCSV(data, columns: mapping, defaultChannel: defaultChannel, dateOrder: order)
            } catch let error as CSVImportError {
                await store.shutdown()
                throw CLIError(error.description)
            } catch let error as DomainError {
                await store.shutdown()
                throw CLIError(error.message)
            }
            await store.shutdown()
            // Said first: a column guessed wrong ("Categorie klacht" as the text) shows at once.
            print("kolommen: " + report.columns.map { "\($0.field)=‘\($0.column)’" }.joined(separator: ", "))
            if !report.unusedColumns.isEmpty {
                print("niet gebruikt: " + report.unusedColumns.map { "‘\($0)’" }.joined(separator: ", ") + " (koppelen kan met --column veld=Kolom)")
            }
            for note in report.notes { print(note) }
            for rejection in report.rejected { print("regel \(rejection.line): afgewezen: \(rejection.reason)") }
            for line in report.warningLines() { print(line) }
            if !report.duplicates.isEmpty {
                print("al eerder geïmporteerd (regels): \(report.duplicates.map(String.init).joined(separator: ", "))")
            }
            if !report.erased.isEmpty {
                print("gewist op verzoek van de klant, niet opnieuw geïmporteerd: \(CSVRejection.lines(report.erased))")
            }
            if !report.closed.isEmpty {
                print("al afgehandeld volgens het log, als gesloten zaak bewaard: \(report.closed.count) (\(CSVRejection.lines(report.closed)))")
            }
            if let first = report.unread.first, let last = report.unread.last {
                print("niet gelezen: \(report.unread.count) \(report.unread.count == 1 ? "regel" : "regels") "
                    + "(regel \(first)\(last > first ? " tot en met \(last)" : "")); herstel het aanhalingsteken en importeer opnieuw")
            }
            print("database: \(config.database)")
            print(
                "geïmporteerd=\(report.imported.count) dubbel=\(report.duplicates.count) afgewezen=\(report.rejected.count)"
                    + (report.unread.isEmpty ? "" : " niet-gelezen=\(report.unread.count)"))
            // Rows refused or not read: the others are in, but a script must not take this as done.
            if !report.rejected.isEmpty || !report.unread.isEmpty {
                let missed = [(report.rejected.count, "afgewezen"), (report.unread.count, "niet gelezen")].filter { $0.0 > 0 }
                    .map { "\($0.0) \($0.0 == 1 ? "regel" : "regels") \($0.1)" }.joined(separator: ", ")
                let summary = report.imported.isEmpty && report.duplicates.isEmpty
                    ? "niets geïmporteerd: \(missed)" : "niet alles geïmporteerd: \(missed); de andere regels staan erin"
                FileHandle.standardError.write(Data("Fout: \(summary)\n".utf8))
                throw Self.partly
            }
        }

        /// The exit status when some rows were refused or not read (README: Exit codes of `import csv`).
        static let partly = ExitCode(2)
    }
}

extension IntakeOutcome {
    var isDuplicateDelivery: Bool {
        if case .duplicate = self { return true }
        return false
    }
}
