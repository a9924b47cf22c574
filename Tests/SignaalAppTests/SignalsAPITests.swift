import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalServices
import SignaalStoreTesting
import Testing

@Suite("API: signals")
struct SignalsAPITests {
    static var tweet: [String: Any] { [
        "channel": "x", "externalId": "1861234567890123456",
        "author": ["handle": "@JanKlaagt", "name": "Jan Klaassen", "followers": 4200],
        "text": "@NS_online alweer mijn trein naar Zwolle geschrapt en niemand die iets zegt. Dit is de derde keer deze maand!",
        "receivedAt": "2026-11-22T14:05:00Z", "url": "https://x.com/JanKlaagt/status/1861234567890123456",
    ] }

    @Test("a new signal answers 201 with its ids; the same delivery again 200 with the first id and duplicate:true", arguments: TestDatabase.all)
    func createAndDuplicate(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            let first = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.tweet))
            #expect(first.status == .created, "\(first.text)")
            let created = try first.json()
            #expect(created["duplicate"] as? Bool == false)
            let id = try #require(created["id"] as? String)
            let caseID = try #require(created["caseId"] as? String)
            #expect(created["customerId"] is String)

            let again = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.tweet))
            #expect(again.status == .ok)
            let duplicate = try again.json()
            #expect(duplicate["duplicate"] as? Bool == true)
            #expect(duplicate["id"] as? String == id)
            #expect(duplicate["caseId"] as? String == caseID)

            let fetched = try await client.execute(uri: "/api/v1/signals/\(id)", method: .get, headers: auth(token, json: false))
            #expect(fetched.status == .ok)
            let signal = try fetched.json()
            #expect(signal["text"] as? String == Self.tweet["text"] as? String)
            #expect(signal["receivedAt"] as? String == "2026-11-22T14:05:00.000Z")
            #expect((signal["author"] as? [String: Any])?["followers"] as? Int == 4200)

            let theCase = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token, json: false))
            #expect(theCase.status == .ok)
            let detail = try theCase.json()
            #expect((detail["signals"] as? [Any])?.count == 1)
            #expect(((detail["case"] as? [String: Any])?["status"]) as? String == "new")
            let identities = (detail["customer"] as? [String: Any])?["identities"] as? [[String: Any]]
            #expect(identities?.first?["value"] as? String == "janklaagt")
            #expect(detail["replies"] is [Any])
        }
    }

    @Test("concurrent identical deliveries over HTTP give one signal", arguments: TestDatabase.all)
    func concurrentDuplicates(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.tweet)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .ok }.count == 9)
            #expect(try await store.signals(channel: nil, limit: 20, after: nil).count == 1)
        }
    }

    @Test("signals list newest first and pages with nextCursor; channel filters", arguments: TestDatabase.all)
    func listing(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            for index in 0..<5 {
                let channel = index < 3 ? "x" : "whatsapp"
                let input: [String: Any] = [
                    "channel": channel, "externalId": "l-\(index)",
                    "author": channel == "x" ? ["handle": "klant\(index)"] : ["phone": "06-1234567\(index)"],
                    "text": "Bericht \(index)", "receivedAt": "2026-11-22T1\(index):00:00+01:00",
                ]
                let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
                #expect(response.status == .created, "\(response.text)")
            }
            let first = try await client.execute(uri: "/api/v1/signals?limit=2", method: .get, headers: auth(token, json: false)).json()
            let firstTexts = (first["items"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
            #expect(firstTexts == ["Bericht 4", "Bericht 3"])
            let cursor = try #require(first["nextCursor"] as? String)
            let second = try await client.execute(uri: "/api/v1/signals?limit=2&cursor=\(cursor)", method: .get, headers: auth(token, json: false)).json()
            #expect((second["items"] as? [[String: Any]])?.compactMap { $0["text"] as? String } == ["Bericht 2", "Bericht 1"])
            let whatsapp = try await client.execute(uri: "/api/v1/signals?channel=whatsapp", method: .get, headers: auth(token, json: false)).json()
            #expect((whatsapp["items"] as? [Any])?.count == 2)
            #expect(whatsapp["nextCursor"] == nil)
        }
    }

    @Test("a signal tells API clients its subject, warnings and a pending text; plain ones carry none of these")
    func signalDetails() async throws {
        try await withApp(.sqlite) { client, store, token in
            let ingest = IngestSignal(store: store)
            // A platform's impossible time is replaced by the time of arrival, with a warning.
            let mention = try await ingest(
                SignalDraft(
                    channel: .instagram, externalID: "ig-1", author: Author(handle: "reiziger"), text: "",
                    receivedAt: Date(timeIntervalSince1970: 99_999_999_999), textPending: true))
            let mail = try await ingest(
                SignalDraft(channel: .email, externalID: "<m1@example.nl>", author: Author(email: "klant@example.nl"), text: "Mijn factuur klopt niet.",
                            receivedAt: Date(), subject: "Factuur 2026-118"))
            let pending = try await client.execute(uri: "/api/v1/signals/\(mention.signal.id)", method: .get, headers: auth(token, json: false)).json()
            #expect(pending["textPending"] as? Bool == true)
            #expect((pending["warnings"] as? [String])?.first?.contains("onmogelijk tijdstip") == true)
            #expect((pending["receivedAt"] as? String)?.hasPrefix("20") == true)
            let plain = try await client.execute(uri: "/api/v1/signals/\(mail.signal.id)", method: .get, headers: auth(token, json: false)).json()
            #expect(plain["subject"] as? String == "Factuur 2026-118")
            #expect(plain["textPending"] == nil && plain["warnings"] == nil && plain["removedAt"] == nil)
        }
    }

    @Test("cases list by priority with a cursor and a status filter", arguments: TestDatabase.all)
    func cases(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            for (index, followers) in [50, 180_000, 3_000].enumerated() {
                let input: [String: Any] = [
                    "channel": "x", "externalId": "c-\(index)", "author": ["handle": "volger\(index)", "followers": followers],
                    "text": "Mijn pakket is al een week onderweg.",
                ]
                _ = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
            }
            let page = try await client.execute(uri: "/api/v1/cases?status=new&sort=priority&limit=2", method: .get, headers: auth(token, json: false)).json()
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.count == 2)
            let priorities = items.compactMap { $0["priority"] as? Double }
            #expect(priorities == priorities.sorted(by: >))
            let cursor = try #require(page["nextCursor"] as? String)
            let rest = try await client.execute(uri: "/api/v1/cases?status=new&limit=2&cursor=\(cursor)", method: .get, headers: auth(token, json: false)).json()
            let last = try #require((rest["items"] as? [[String: Any]])?.first?["priority"] as? Double)
            #expect(last <= priorities.last ?? 0)
            let resolved = try await client.execute(uri: "/api/v1/cases?status=resolved", method: .get, headers: auth(token, json: false)).json()
            #expect((resolved["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a vulnerable customer's call for help is urgent at once; writing again never lowers a case's priority", arguments: TestDatabase.all)
    func pressingAndFollowUps(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            func post(_ input: [String: Any]) async throws -> (signal: String, caseID: String) {
                let created = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input)).json()
                return (try #require(created["id"] as? String), try #require(created["caseId"] as? String))
            }
            func priority(_ caseID: String) async throws -> Double {
                let detail = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token, json: false)).json()
                return try #require((detail["case"] as? [String: Any])?["priority"] as? Double)
            }
            // A loud complaint from a large account, and a calm question from an old lady's grandchild.
            let loud = try await post([
                "channel": "x", "externalId": "p-1", "author": ["handle": "groot", "followers": 250_000],
                "text": "Alweer vertraging, dit is de derde keer deze week! Belachelijk.",
            ])
            let oma = try await post([
                "channel": "email", "author": ["email": "kleinzoon@example.nl"],
                "text": "Mijn oma van 84 staat in de kou op het perron in Zwolle, er rijdt niks. Kan iemand helpen?? Ze is slecht ter been.",
            ])
            #expect(try await priority(oma.caseID) >= 60, "urgent band")
            #expect(try await priority(oma.caseID) > (try await priority(loud.caseID)))

            // A follow-up the analyser reads as praise ("Top." is meant the other way) keeps the case where it was.
            let suitcase = try await post([
                "channel": "x", "externalId": "p-2", "author": ["handle": "reiziger"],
                "text": "Mijn koffer is kwijt na vlucht KL1234, er zitten medicijnen in. Dringend!!",
            ])
            let before = try await priority(suitcase.caseID)
            let followUp = try await post([
                "channel": "x", "externalId": "p-3", "inReplyTo": "p-2", "author": ["handle": "reiziger"],
                "text": "Update: nu is ook mijn aansluiting weg. Top.",
            ])
            #expect(followUp.caseID == suitcase.caseID)
            #expect(try await priority(suitcase.caseID) >= before)
        }
    }

    @Test("what an API token reads is in the audit log under the token's name, also in the customer's view; intake is not", arguments: TestDatabase.all)
    func readsAreAudited(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let created = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.tweet)).json()
            let caseID = try #require(created["caseId"] as? String)
            let signalID = try #require(created["id"] as? String)
            let customer = try #require(created["customerId"] as? String)
            #expect(try await store.auditEntries(.all, before: nil, limit: 10).isEmpty, "taking a message in shows nobody anything")

            #expect(try await client.execute(uri: "/api/v1/cases/\(caseID.uppercased())", method: .get, headers: auth(token, json: false)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/signals/\(signalID)", method: .get, headers: auth(token, json: false)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/cases?status=new", method: .get, headers: auth(token, json: false)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/cases/\(CaseID.generate())", method: .get, headers: auth(token, json: false)).status == .notFound)

            let entries = try await store.auditEntries(.all, before: nil, limit: 10)
            #expect(entries.map(\.detail) == ["GET /api/v1/cases?status=new", "GET /api/v1/signals/\(signalID)", "GET /api/v1/cases/\(caseID.uppercased())"])
            #expect(entries.allSatisfy { $0.tokenName == "tests" && $0.userID == nil && $0.action == .view })
            #expect(try await store.auditEntries(.subject(caseID), before: nil, limit: 10).count == 1, "found under the case's own number")

            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let page = try await client.execute(uri: "/audit?over=\(customer)", method: .get, headers: [.cookie: lead.cookie]).text
            #expect(page.contains("<td>API-token ‘tests’</td>"), "\(page)")
            #expect(page.contains("GET /api/v1/signals/\(signalID)"))
            #expect(!page.contains("GET /api/v1/cases?status=new"), "a list is no read of this customer in particular")
        }
    }
}
