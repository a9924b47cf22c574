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

        // The month's cases by their opened-at index, oldest first (reading every case in priority
        // order to keep one month's took minutes on PostgreSQL with 300,000 cases).
        let cases = try await store.cases(openedIn: period)
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        let teams = Dictionary(uniqueKeysWithValues: try await store.teams().map { ($0.id, $0.name) })
        let format = DisplayFormat(language: .nl, now: now)

        var table = CSVTable(header: [
            "Zaak", "Geopend", "Kanaal", "Klant", "Onderwerp", "Status", "Eigenaar", "Team", "Onderwerpen", "Sentiment", "Soort",
            "Berichten van de klant", "Keren heropend", "Eerste reactie na (minuten)", "Afgehandeld op", "Hoofdoorzaak", "Prioriteit",
        ])
        // Customers and histories a page at a time: one query each for a whole month could pass
        // SQLite's limit on parameters.
        for start in stride(from: 0, to: cases.count, by: Self.exportPageSize) {
            let page = cases[start..<min(start + Self.exportPageSize, cases.count)]
            let customers = try await store.customers(ids: Array(Set(page.map(\.customerID))))
            let transitions = try await store.transitions(caseIDs: page.map(\.id))
            for theCase in page {
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
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"signaal-zaken-\(month.isoString).csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: table.text)))
    }

    /// Cases whose customers and histories are read per query while exporting.
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
