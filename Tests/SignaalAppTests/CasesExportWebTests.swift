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

    /// The month's cases are read by their opened time now, no longer by reading every case (which
    /// took minutes with 300,000 on PostgreSQL): the same rows and order as before.
    @Test("a month is the cases opened from its first to its last minute in Amsterdam, oldest first, at one moment by priority", arguments: TestDatabase.all)
    func monthBoundaries(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let customer = Customer(id: .generate(), name: "Noor Bakker", identities: [], createdAt: Date(timeIntervalSince1970: 1_790_000_000))
            func at(_ iso: String, priority: Double, _ subject: String) throws -> Case {
                let opened = try #require(ISO8601DateFormatter().date(from: iso))
                return Case(
                    id: .generate(now: opened), customerID: customer.id, status: .resolved, priority: priority, subject: subject, channel: .email,
                    openedAt: opened, updatedAt: opened, lastInboundAt: opened, waitingSince: nil, signalCount: 1, reopenCount: 0,
                    maxFollowers: 0, transitions: [])
            }
            let cases = [
                try at("2026-10-31T22:59:59Z", priority: 50, "Nog oktober"),
                try at("2026-11-30T22:59:00Z", priority: 90, "Laatste minuut"),
                try at("2026-11-12T09:30:00Z", priority: 20, "Tegelijk laag"),
                try at("2026-10-31T23:00:00Z", priority: 10, "Eerste minuut"),
                try at("2026-11-12T09:30:00Z", priority: 70, "Tegelijk hoog"),
                try at("2026-11-30T23:00:00Z", priority: 99, "Al december"),
            ]
            try await store.bulkLoad(customers: [customer], cases: cases, signals: [])
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: cases[1].id.description)
            let text = try await client.execute(uri: "/export/zaken.csv?maand=2026-11", method: .get, headers: [.cookie: lead.cookie]).text
            let rows = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst()
            #expect(rows.map { $0.components(separatedBy: ";")[4] } == ["Eerste minuut", "Tegelijk hoog", "Tegelijk laag", "Laatste minuut"], "\(rows)")
            #expect(rows.first?.components(separatedBy: ";")[1] == "2026-11-01 00:00")
            #expect(rows.first?.components(separatedBy: ";")[3] == "Noor Bakker")
        }
    }
}
