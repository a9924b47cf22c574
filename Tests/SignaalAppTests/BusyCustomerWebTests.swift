import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// A customer with many cases: the case page stays usable (this case in full, of the rest the
/// newest few with "Toon alles") instead of megabytes with a correction form per message.
@Suite("Case page of a customer with many cases")
struct BusyCustomerWebTests {
    /// One customer with `otherCases` earlier cases of `perCase` messages each, and a newest case
    /// of three messages; loaded in bulk. Returns the newest case and every signal, oldest first.
    static func busyCustomer(
        _ store: any SignaalStore, otherCases: Int, perCase: Int = 2
    ) async throws -> (theCase: Case, signals: [Signal]) {
        let at = Fixtures.base
        let customer = Customer(
            id: .generate(now: at), name: "Drukke Klant", identities: [try #require(Identity(kind: .x, raw: "drukke_klant"))], createdAt: at)
        var cases: [Case] = []
        var signals: [Signal] = []
        for index in 0...otherCases {
            let opened = at.addingTimeInterval(Double(index) * 3600)
            let theCase = Case(
                id: .generate(now: opened), customerID: customer.id, status: index == otherCases ? .open : .resolved, priority: 10,
                subject: "Zaak nummer \(index)", channel: .x, openedAt: opened, updatedAt: opened, lastInboundAt: opened,
                waitingSince: index == otherCases ? opened : nil, signalCount: 2, reopenCount: 0, maxFollowers: 10, transitions: [])
            cases.append(theCase)
            for message in 0..<(index == otherCases ? 3 : perCase) {
                let received = opened.addingTimeInterval(Double(message) * 60)
                signals.append(Signal(
                    id: .generate(now: received), caseID: theCase.id, customerID: customer.id,
                    draft: Fixtures.draft(channel: .x, externalID: "busy-\(index)-\(message)", handle: "drukke_klant",
                                          text: "Bericht \(index)-\(message) over de vertraging", receivedAt: received),
                    analysis: Fixtures.analysis(.negative, .complaint, topics: ["storing"]), createdAt: received))
            }
        }
        try await store.bulkLoad(customers: [customer], cases: cases, signals: signals)
        return (cases[otherCases], signals)
    }

    static func count(_ needle: String, in page: String) -> Int { page.components(separatedBy: needle).count - 1 }

    @Test("the case page shows this case's messages in full, the newest 20 of the others and 20 other cases, with 'Toon alles'",
          arguments: TestDatabase.all)
    func busyCasePage(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let agent = try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let (theCase, signals) = try await Self.busyCustomer(store, otherCases: 30)
            let ownMessages = signals.filter { $0.caseID == theCase.id }
            let others = signals.filter { $0.caseID != theCase.id }
            // A correction on this case and on a recent message elsewhere is shown beside it.
            try await store.addLabel(SignalLabel(
                signalID: ownMessages[0].id, sentiment: .positive, intent: .compliment, topics: [], userID: agent.id, createdAt: Fixtures.base))
            try await store.addLabel(SignalLabel(
                signalID: others.last!.id, sentiment: .neutral, intent: .question, topics: [], userID: agent.id, createdAt: Fixtures.base))
            let cookie = try #require(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47").1)

            let page = try await client.execute(uri: "/cases/\(theCase.id)", method: .get, headers: [.cookie: cookie]).text
            #expect(Self.count("<li class=\"message", in: page) == 3 + 20)
            for signal in ownMessages { #expect(page.contains(signal.text)) }
            for signal in others.suffix(20) { #expect(page.contains(signal.text)) }
            #expect(!page.contains(others[0].text), "the oldest message elsewhere waits behind 'Toon alles'")
            // The correction form only beside this case's messages.
            #expect(Self.count("/label\"", in: page) == 3)
            #expect(page.contains("gecorrigeerd: <strong>positief · compliment"))
            #expect(page.contains("gecorrigeerd: <strong>neutraal · vraag"))
            #expect(page.contains("De nieuwste 20 van 60 berichten bij andere zaken staan hier."))
            #expect(page.contains("De nieuwste 20 van 30 andere zaken staan hier."))
            #expect(page.contains("href=\"/cases/\(theCase.id)?alles=1#timeline-title\">Toon alles</a>"))
            #expect(page.contains("Zaak nummer 29") && !page.contains("Zaak nummer 0<"), "the newest other cases first")

            let all = try await client.execute(uri: "/cases/\(theCase.id)?alles=1", method: .get, headers: [.cookie: cookie]).text
            #expect(Self.count("<li class=\"message", in: all) == 63)
            for signal in signals { #expect(all.contains(signal.text)) }
            #expect(Self.count("/label\"", in: all) == 3)
            #expect(all.contains("Zaak nummer 0<"))
            #expect(!all.contains("Toon alles"))
        }
    }

    @Test("the data export of a customer with many cases stays complete: every case with its own replies, notes and promises",
          arguments: TestDatabase.all)
    func busyExport(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let lead = try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte", role: .lead, password: "Vlinder-kade-47")
            let (theCase, signals) = try await Self.busyCustomer(store, otherCases: 30)
            let caseIDs = Array(Set(signals.map(\.caseID)))
            for caseID in caseIDs.prefix(5) {
                try await Fixtures.reply(on: caseID, by: lead.id, into: store)
                try await store.addInternalNote(
                    InternalNote(id: .generate(), caseID: caseID, authorID: lead.id, text: "Notitie bij \(caseID)", createdAt: Fixtures.base),
                    mentioning: [])
            }
            let cookie = try #require(try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47").1)
            let export = try await client.execute(uri: "/customers/\(theCase.customerID)/gegevens.json", method: .get, headers: [.cookie: cookie]).json()
            #expect((export["messages"] as? [[String: Any]])?.count == 63)
            let cases = try #require(export["cases"] as? [[String: Any]])
            #expect(cases.count == 31)
            let withNotes = cases.filter { ($0["internalNotes"] as? [[String: Any]])?.isEmpty == false }
            #expect(withNotes.count == 5)
            for record in withNotes {
                let id = try #require((record["case"] as? [String: Any])?["id"] as? String)
                #expect((record["internalNotes"] as? [[String: Any]])?.first?["text"] as? String == "Notitie bij \(id)", "each note with its own case")
                #expect((record["replies"] as? [[String: Any]])?.count == 1)
            }
        }
    }
}
