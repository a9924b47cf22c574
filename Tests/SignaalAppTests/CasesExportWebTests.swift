import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: the month's cases as a CSV file for Excel")
struct CasesExportWebTests {
    @Test("a lead downloads the month's cases for Dutch Excel, formulas defused; an agent may not; the download is audited", arguments: TestDatabase.all)
    func export(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let first = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "rene@example.nl", "name": "René Öztürk"],
                "text": "Ik betaalde € 12,50 rembours; dat klopt niet.",
            ])
            let formula = try await createCase(client, token: token, [
                "channel": "x", "author": ["handle": "sluw"], "text": "=HYPERLINK(\"http://kwaad.example\";\"klik\")",
            ])
            let agent = try await CompensationWebTests.signIn(client, store: store, email: "anna@example.nl", role: .agent, caseID: first)
            let refused = try await client.execute(uri: "/export/zaken.csv", method: .get, headers: [.cookie: agent.cookie])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Alleen teamleiders en beheerders downloaden de zaken"))

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: first)
            _ = try await CaseActionsTests.post(client, "/cases/\(first)/take", cookie: lead.cookie, ["csrf": lead.csrf])
            let month = ReportMonth(containing: AppConfig.forTests.sla.calendar.localDay(of: Date())).isoString
            let report = try await client.execute(uri: "/rapport?maand=\(month)", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(report.contains("<a href=\"/export/zaken.csv?maand=\(month)\" download>Zaken van deze maand als CSV (Excel)</a>"))
            let response = try await client.execute(uri: "/export/zaken.csv?maand=\(month)", method: .get, headers: [.cookie: lead.cookie])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"signaal-zaken-\(month).csv\"")
            let text = response.text
            #expect(text.hasPrefix("\u{FEFF}Zaak;Geopend;Kanaal;Klant;Onderwerp;Status;Eigenaar;"), "\(text)")
            let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3, "a header and two cases: \(lines)")
            let rene = try #require(lines.first { $0.hasPrefix(first) })
            #expect(rene.contains(";e-mail;René Öztürk;\"Ik betaalde € 12,50 rembours; dat klopt niet.\";open;Lotte;"), "\(rene)")
            let sly = try #require(lines.first { $0.hasPrefix(formula) })
            #expect(sly.contains(";\"'=HYPERLINK(\"\"http://kwaad.example\"\";\"\"klik\"\")\";"), "a formula is text, not run: \(sly)")

            // Another month has none of them; a month in the future is refused with the form to use.
            let earlier = try await client.execute(uri: "/export/zaken.csv?maand=2024-01", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(earlier.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
            let future = try await client.execute(uri: "/export/zaken.csv?maand=2999-01", method: .get, headers: [.cookie: lead.cookie])
            #expect(future.status == .unprocessableContent)

            let audit = try await store.auditEntries(.all, before: nil, limit: 50)
            #expect(audit.filter { $0.action == .export && $0.request.hasPrefix("GET /export/zaken.csv") }.count == 2, "\(audit.map(\.detail))")
        }
    }
}
