import Foundation
import Logging
import SignaalChannels
import SignaalDomain
import SignaalServices
import SignaalStore

/// The command-line ways in: an e-mail from an MTA pipe, an X filtered stream, a CSV
/// complaint log. Each goes through the same intake as the webhooks.
public struct ChannelImports: Sendable {
    let store: any SignaalStore
    /// Live channels (the MTA pipe, the stream): a new case is routed, as from the webhooks.
    let ingest: IngestSignal
    /// A CSV log holds what came in earlier, often handled already: its cases are not handed out.
    let importLog: IngestSignal
    let intake: ChannelIntake
    let settings: ChannelSettings

    public init(store: any SignaalStore, configuration: AppConfig, clock: @escaping @Sendable () -> Date = Date.init) {
        let analyzer = configuration.makeAnalyzer()
        self.store = store
        let brand = BrandAccounts(handles: configuration.brandHandles)
        self.ingest = IngestSignal(store: store, clock: clock, analyzer: analyzer, routing: RouteCase(store: store), brand: brand)
        self.importLog = IngestSignal(store: store, clock: clock, analyzer: analyzer, brand: brand)
        self.intake = ChannelIntake(ingest: ingest, store: store, analyzer: analyzer)
        self.settings = configuration.channels
    }

    /// Stores one raw RFC 5322 message; a second delivery of the same Message-ID gives the first signal.
    /// Throws `IntakeIgnored` for mail that is no customer's message (see `ChannelSettings.events`)
    /// and for an automatic reply without a case.
    public func ingestEmail(_ raw: Data, now: Date = Date(), logger: Logger = Logger(label: "signaal")) async throws -> IntakeOutcome {
        let parsed = MIMEParser.parse(raw, maxAttachmentBytes: settings.maxAttachmentBytes)
        let events = settings.events(of: parsed, raw: raw, now: now)
        if case .signal(let draft) = events.first, events.count == 1 {
            let outcome = try await ingest(draft)
            AppMetrics.record(outcome)
            return outcome
        }
        let applied = try await intake.apply(events, source: "email", logger: logger)
        if case .ignored(let kind) = events.first, kind == ChannelSettings.ownMail {
            throw IntakeIgnored(kind: ChannelSettings.ownMail, reason: "eigen e-mail van Signaal (afzender \(settings.emailFrom)) kwam terug")
        }
        throw IntakeIgnored(
            kind: "email_report",
            reason: applied.updated > 0 ? "melding dat ons antwoord niet aankwam; het antwoord staat nu als niet afgeleverd bij de zaak"
                : "melding van een mailserver over geen antwoord dat Signaal kent")
    }

    public struct StreamReport: Sendable {
        public var lines = 0
        public var stored = 0
        public var duplicates = 0
        public var ignored = 0
        public var unreadable = 0
    }

    /// X API v2 filtered-stream lines: one JSON object per line, blank keep-alive lines skipped.
    /// An unreadable line is handed to `unreadable` with its number the moment it is read (a
    /// stream may stay open for days, so waiting for its end would tell nobody) and skipped.
    public func ingestStream(
        _ lines: some AsyncSequence<String, any Error>, logger: Logger,
        unreadable: (_ line: Int, _ reason: String) -> Void = { _, _ in }
    ) async throws -> StreamReport {
        var report = StreamReport()
        for try await line in lines {
            report.lines += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                let events = try XFilteredStream.events(fromLine: line)
                let applied = try await intake.apply(events, source: "x_stream", logger: logger)
                report.stored += applied.stored
                report.duplicates += applied.duplicates
                report.ignored += applied.ignored + applied.rejected
            } catch let error as ChannelPayloadError {
                report.unreadable += 1
                unreadable(report.lines, error.description)
            }
        }
        return report
    }

    public struct CSVReport: Sendable {
        public var imported: [Int] = []
        /// The imported lines the log says were handled: stored as closed cases, out of the inbox.
        public var closed: [Int] = []
        public var duplicates: [Int] = []
        /// Of the duplicates, the lines of a customer erased on request: not imported again.
        public var erased: [Int] = []
        public var rejected: [CSVRejection] = []
        /// The lines after a quote that is never closed: not read, so neither imported nor refused.
        public var unread: [Int] = []
        public var delimiter: Character = ";"
        /// Which column each field was read from (see `CSVColumnMapping.columnNames`).
        public var columns: [(field: String, column: String)] = []
        /// The columns nothing was read from.
        public var unusedColumns: [String] = []
        /// About the whole file, such as how its dates were read.
        public var notes: [String] = []
        /// What was changed or left out of an imported row, by line.
        public var warnings: [(line: Int, warning: String)] = []

        /// The warnings as lines to print: one warning on several rows is said once with their
        /// lines, and after `limit` lines the rest is counted, so a long log still shows its totals.
        public func warningLines(limit: Int = 20) -> [String] {
            var linesByWarning: [String: [Int]] = [:]
            var order: [String] = []
            for (line, warning) in warnings {
                if linesByWarning[warning] == nil { order.append(warning) }
                linesByWarning[warning, default: []].append(line)
            }
            let printed = order.prefix(limit).map { warning in
                CSVRejection.lines(linesByWarning[warning] ?? [], showing: 10) + ": let op: " + warning
            }
            let rest = order.dropFirst(limit).reduce(0) { $0 + (linesByWarning[$1]?.count ?? 0) }
            return printed + (rest > 0 ? ["… en \(rest) meer waarschuwingen"] : [])
        }
    }

    /// Imports a complaint log. Rows are checked first, then stored one by one; a row the
    /// intake refuses is reported with its line, the others still go in. A row the log says was
    /// handled becomes a closed case; the others are open work (see `IntakePlanner.logged`).
    public func importCSV(
        _ data: Data, columns: [String: String], defaultChannel: Channel, dateOrder: CSVDateOrder? = nil, now: Date = Date()
    ) async throws -> CSVReport {
        let mapping: CSVColumnMapping?
        if columns.isEmpty {
            mapping = nil
        } else {
            mapping = try CSVColumnMapping(flags: columns, header: try CSVImport.header(of: data))
        }
        let plan = try CSVImport.plan(data, mapping: mapping, defaultChannel: defaultChannel, dateOrder: dateOrder, now: now)
        var report = CSVReport(
            rejected: plan.rejections, unread: plan.unreadLines, delimiter: plan.delimiter, columns: plan.mapping.columnNames(header: plan.header),
            unusedColumns: plan.unusedColumns, notes: plan.notes
        )
        for row in plan.rows {
            do {
                // The same complaint under another channel: the log imported before with another
                // --channel. Only the same words count, so another log's own numbering still goes in.
                if let externalID = row.draft.externalID,
                    try await store.signals(externalID: externalID).contains(where: {
                        $0.channel != row.draft.channel && $0.text == row.draft.text
                    })
                {
                    report.duplicates.append(row.line)
                    continue
                }
                let outcome = try await importLog(row.draft, logged: row.status)
                AppMetrics.record(outcome)
                if case .created(_, let theCase) = outcome {
                    report.imported.append(row.line)
                    if theCase.status == .closed { report.closed.append(row.line) }
                    report.warnings += row.draft.warnings.map { (row.line, $0) }
                } else if outcome.signal.isErased {
                    // The customer was erased on request: the row is that message again, not
                    // another complaint (its words are gone, so they cannot be compared).
                    report.duplicates.append(row.line)
                    report.erased.append(row.line)
                } else if outcome.signal.text != row.draft.text, outcome.signal.removedAt == nil {
                    // The same kenmerk with other words is another complaint, not this one again:
                    // saying "dubbel" would drop it without a word.
                    report.rejected.append(
                        CSVRejection(
                            line: row.line,
                            reason: "kenmerk '\(row.draft.externalID ?? "")' is al geïmporteerd met een andere tekst (signaal \(outcome.signal.id)); geef deze klacht een eigen kenmerk"))
                } else {
                    report.duplicates.append(row.line)
                }
            } catch let error as DomainError {
                report.rejected.append(CSVRejection(line: row.line, reason: error.message))
            }
        }
        report.rejected.sort { $0.line < $1.line }
        return report
    }
}
