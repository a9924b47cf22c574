import Foundation
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

extension ReportWebTests {
    /// Monday 14 December 2026, 12:00 in Amsterdam: well inside its month, whatever day the tests run.
    static let midDecember = Date(timeIntervalSince1970: 1_797_246_000)

    /// A complaint from `handle` received `minutes` after `start`, analysed as one: its case.
    @discardableResult
    static func complain(
        _ store: any SignaalStore, _ key: String, _ handle: String, _ text: String = "Mijn pakket is niet bezorgd en niemand helpt me",
        at start: Date, minutes: Double = 0
    ) async throws -> CaseID {
        try await Fixtures.ingest(
            Fixtures.draft(externalID: key, handle: handle, text: text, receivedAt: start.addingTimeInterval(minutes * 60)),
            into: store, now: midDecember, analysis: Fixtures.analysis(.negative, .complaint)
        ).signal.caseID
    }

    @Test("a case in which the customer chased us before our first answer is not resolved in first contact", arguments: TestDatabase.all)
    func chasedIsNoFirstContact(database: TestDatabase) async throws {
        let now = Self.midDecember
        try await withApp(database, clock: { now }) { client, store, _ in
            let start = now.addingTimeInterval(-3 * 3600)
            // Answered at once; the customer's answer to our question came after that: first contact.
            let answered = try await Self.complain(store, "a1", "eva", "Mijn factuur klopt niet", at: start)
            try await Self.complain(store, "a2", "eva", "Het gaat om factuur 2026-118", at: start, minutes: 30)
            // An hour without an answer, and the customer chased us: not first contact, however it ended.
            let chased = try await Self.complain(store, "b1", "joost", "Mijn pakket is niet bezorgd", at: start)
            try await Self.complain(store, "b2", "joost", "Hallo?? Ik heb nog steeds geen antwoord", at: start, minutes: 60)
            // Never answered at all, and the customer wrote twice: not first contact either.
            let ignored = try await Self.complain(store, "c1", "sem", "Mijn abonnement is dubbel afgeschreven", at: start)
            try await Self.complain(store, "c2", "sem", "Is daar iemand?", at: start, minutes: 45)
            for (caseID, answeredAt) in [(answered, 10.0 as Double?), (chased, 90), (ignored, nil)] {
                _ = try await store.updateCase(id: caseID) {
                    $0.respondedAt = answeredAt.map { start.addingTimeInterval($0 * 60) }
                    try $0.transition(to: .resolved, at: start.addingTimeInterval(120 * 60), reason: "opgelost")
                }
            }
            let (cookie, _) = try await IncidentWebTests.lead(client, store: store)
            let page = try await client.execute(uri: "/rapport", method: .get, headers: [.cookie: cookie]).text
            #expect(try #require(StaffingWebTests.row(page, "Zaken opgelost")).contains("<td class=\"value\">3</td>"))
            let row = try #require(StaffingWebTests.row(page, "Opgelost in eerste contact"))
            #expect(row.contains("<td class=\"value\">33 %</td>"), "only Eva's case was solved without her having to chase us: \(row)")
        }
    }
}
