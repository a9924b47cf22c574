import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore

/// `GET /export/zaken.csv?maand=YYYY-MM`: the cases opened in a month, one row each, for a lead's
/// own analysis in Excel. Dutch Excel's CSV: `;` between fields, a byte-order mark so é and € read
/// right, times in Amsterdam. It holds customers' names and words, so it is a lead's and an
/// admin's, and every download is in the audit log as an export.
extension WebController {
    @Sendable func casesExport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        _ = try Self.requireLead(context, language, forbiddenKey: "export_forbidden")
        let now = clock()
        let calendar = sla.calendar
        let month = try Self.reportMonth(request.uri.queryParameters.get("maand"), current: ReportMonth(containing: calendar.localDay(of: now)))
        let period = month.period(in: calendar)

        // Every case, a page at a time; those opened in the month are kept.
        // A case whose priority moved while paging could come twice: kept once.
        var cases: [Case] = []
        var seen: Set<CaseID> = []
        var cursor: CaseCursor?
        let filter = CaseFilter(statuses: CaseStatus.allCases)
        while true {
            let page = try await store.cases(matching: filter, limit: Self.exportPageSize, after: cursor)
            cases += page.filter { period.contains($0.openedAt) && $0.openedAt < period.end && seen.insert($0.id).inserted }
            guard page.count == Self.exportPageSize, let last = page.last else { break }
            cursor = CaseCursor(after: last)
        }
        cases.sort { $0.openedAt < $1.openedAt }
        let customers = try await store.customers(ids: Array(Set(cases.map(\.customerID))))
        let transitions = try await store.transitions(caseIDs: cases.map(\.id))
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        let teams = Dictionary(uniqueKeysWithValues: try await store.teams().map { ($0.id, $0.name) })
        let format = DisplayFormat(language: .nl, now: now)

        var table = CSVTable(header: [
            "Zaak", "Geopend", "Kanaal", "Klant", "Onderwerp", "Status", "Eigenaar", "Team", "Onderwerpen", "Sentiment", "Soort",
            "Berichten van de klant", "Keren heropend", "Eerste reactie na (minuten)", "Afgehandeld op", "Hoofdoorzaak", "Prioriteit",
        ])
        for theCase in cases {
            let resolved = transitions[theCase.id]?.last { $0.to == .resolved }?.at
            let firstReply = theCase.respondedAt.map { Int(($0.timeIntervalSince(theCase.slaStartedAt) / 60).rounded()) }
            table.append([
                theCase.id.description, Self.csvTime(theCase.openedAt), format.channel(theCase.channel),
                customers[theCase.customerID]?.name ?? "", theCase.subject, format.status(theCase.status),
                theCase.ownerID.flatMap { users[$0] } ?? "", theCase.teamID.flatMap { teams[$0] } ?? "",
                theCase.topics.joined(separator: ", "), theCase.sentiment.map(Language.nl.sentiment) ?? "",
                theCase.intent.map(Language.nl.intent) ?? "", String(theCase.signalCount), String(theCase.reopenCount),
                firstReply.map(String.init) ?? "", resolved.map(Self.csvTime) ?? "", theCase.rootCause ?? "", String(Int(theCase.priority.rounded())),
            ])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"signaal-zaken-\(month.isoString).csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: table.text)))
    }

    /// Cases read per query while exporting.
    static let exportPageSize = 500

    /// "2026-11-05 14:03", Amsterdam time: a form Excel reads as a date in every language.
    static func csvTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.amsterdam
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}

/// A CSV file as Dutch Excel opens it with a double click.
struct CSVTable {
    private var lines: [String]

    init(header: [String]) { lines = [Self.line(header)] }

    mutating func append(_ row: [String]) { lines.append(Self.line(row)) }

    /// With a byte-order mark and CRLF line ends.
    var text: String { "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined() }

    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ";") }

    /// Quoted when it holds a separator, quote or line break. A customer's text that starts like a
    /// formula ("=HYPERLINK(…)", "+31 6…", "-5 sterren", "@bedrijf") gets a leading apostrophe, so
    /// Excel shows it as text and runs nothing (CSV injection).
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
