import DutchText
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Reply coach in the web app: live review, templates, scores kept for the team lead")
struct CoachWebTests {
    static let complaint = "Mijn pakket met ordernummer 558120 is al twee weken onderweg en niemand reageert op mijn mails. Waar blijft het?"
    static let poorDraft = "Wij betreuren het ongemak en nemen uw feedback mee."
    static let goodDraft = """
        Beste Jan, wat vervelend dat je pakket met ordernummer 558120 na twee weken nog niet bij je is en dat je mails onbeantwoord bleven; \
        mijn excuses daarvoor. Ik heb de vervoerder gebeld: het pakket ligt in het depot in Utrecht. Ik laat het morgen opnieuw \
        bezorgen en stuur je vandaag nog de track-and-trace. Lukt het zo?
        """

    static func coach(
        _ client: any TestClientProtocol, caseID: String, cookie: String, csrf: String?, json: String
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json", .cookie: cookie, .accept: "application/json"]
        if let csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return try await client.execute(uri: "/cases/\(caseID)/coach", method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    static func review(_ response: TestResponse) throws -> CoachReview {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(CoachReview.self, from: Data(buffer: response.body))
    }

    static func draftJSON(_ draft: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["draft": draft]), as: UTF8.self)
    }

    @Test("a draft going by e-mail instead of on X is read as private: asking for an address is no public-data finding there", arguments: TestDatabase.all)
    func privateRoute(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "x", "author": ["handle": "reiziger", "email": "reiziger@klant.example"], "text": "Mijn ov-chipkaart is twee keer afgeschreven!"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let draft = "Wat vervelend van die dubbele afschrijving. Stuur je je adres en je kaartnummer? Dan zet ik het vandaag recht."
            func codes(_ via: String?) async throws -> Set<CoachCode> {
                var body: [String: String] = ["draft": draft]
                body["via"] = via
                let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
                return Set(try Self.review(try await Self.coach(client, caseID: caseID, cookie: cookie, csrf: csrf, json: json)).findings.map(\.code))
            }
            #expect(try await codes(nil).contains(.publicPersonalData), "on X the address would be public")
            #expect(try await !codes("email").contains(.publicPersonalData))
        }
    }

    @Test("the composer offers templates; the coach reviews the draft against the customer's own words")
    func liveReview() async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "jan@example.nl", "name": "Jan Smit"], "text": Self.complaint])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)

            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("id=\"reply-template\""))
            #expect(page.text.contains("Pakket later dan beloofd"), "a template for the case's topic is offered")
            #expect(page.text.contains("/static/js/coach.js"))
            let script = try await client.execute(uri: "/static/js/coach.js", method: .get)
            #expect(script.status == .ok)

            let poor = try Self.review(try await Self.coach(client, caseID: caseID, cookie: cookie, csrf: csrf, json: Self.draftJSON(Self.poorDraft)))
            let good = try Self.review(try await Self.coach(client, caseID: caseID, cookie: cookie, csrf: csrf, json: Self.draftJSON(Self.goodDraft)))
            #expect(poor.reviewed && good.reviewed)
            #expect(poor.score < good.score)
            let poorCodes = Set(poor.findings.map(\.code))
            #expect(poorCodes.contains(.template))
            #expect(poorCodes.contains(.noAcknowledgement), "the complaint was read from the case")
            #expect(!good.findings.contains { $0.severity == .high }, "\(good.findings)")
            #expect(!poor.notes.joined().contains("klachttekst"), "the case supplied the complaint")

            let forged = try await Self.coach(client, caseID: caseID, cookie: cookie, csrf: "raden", json: Self.draftJSON(Self.poorDraft))
            #expect(forged.status == .forbidden)
            let notJSON = try await Self.coach(client, caseID: caseID, cookie: cookie, csrf: csrf, json: "draft=hallo")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.headers[.contentType] == "application/problem+json")
            let unknownCase = try await Self.coach(
                client, caseID: CaseID.generate(now: Date()).description, cookie: cookie, csrf: csrf, json: Self.draftJSON(Self.poorDraft))
            #expect(unknownCase.status == .notFound)
            let huge = try await Self.coach(
                client, caseID: caseID, cookie: cookie, csrf: csrf,
                json: Self.draftJSON(String(repeating: "Wij kijken ernaar en komen erop terug. ", count: 2600)))
            #expect(huge.status == .ok)
            #expect(try Self.review(huge).score < good.score)
        }
    }

    @Test("a sent reply keeps its coach score; the lead sees scores per agent, an agent does not", arguments: TestDatabase.all)
    func scoresForTheLead(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "jan@example.nl", "name": "Jan Smit"], "text": Self.complaint])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let sent = try await CaseActionsTests.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": Self.poorDraft])
            #expect(sent.status == .seeOther, "sending against the coach's advice is allowed")
            let theCaseID = try #require(CaseID(caseID))
            let reply = try #require(try await store.replies(caseID: theCaseID).first)
            let score = try #require(reply.coachScore)
            #expect(score < 60)
            #expect(reply.coachFindings.contains("template"))
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("Antwoordcoach bij versturen: \(score)/100"))

            let refused = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: cookie, .accept: "text/html"])
            #expect(refused.status == .forbidden)
            #expect(!page.text.contains("href=\"/coaching\""), "agents get no coaching link")

            try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
            let (_, leadSession) = try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47")
            let leadCookie = try #require(leadSession)
            let coaching = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: leadCookie])
            #expect(coaching.status == .ok)
            #expect(coaching.text.contains("Anna Agent"))
            #expect(coaching.text.contains("standaardtekst"))
            #expect(coaching.text.contains("/cases/\(caseID)#reply-\(reply.id)"))
            let badPeriod = try await client.execute(uri: "/coaching?dagen=0", method: .get, headers: [.cookie: leadCookie, .accept: "text/html"])
            #expect(badPeriod.status == .unprocessableContent)
        }
    }

    @Test("only replies the coach had findings on are suggested to go through; a failed reply is counted apart, said as failed", arguments: TestDatabase.all)
    func onlyWeakRepliesAndFailedApart(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try #require(CaseID(try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "jan@example.nl", "name": "Jan Smit"], "text": Self.complaint])))
            let bram = try await UserAccounts.forTests(store).create(email: "bram@example.nl", name: "Bram Boon", role: .agent, password: "Vlinder-kade-47")
            let now = Date()
            func reply(_ text: String, score: Int, status: Reply.Status) -> Reply {
                var reply = Reply(
                    id: .generate(now: now), caseID: caseID, signalID: nil, channel: .email, text: text, authorID: bram.id, status: status,
                    nextAttemptAt: nil, createdAt: now, sentAt: status == .failed ? nil : now, updatedAt: now)
                reply.coachScore = score
                return reply
            }
            try await store.createReply(reply("Beste Jan, ik heb het bedrag vandaag teruggestort. Groet, Bram", score: 100, status: .sent))
            try await store.createReply(reply("Beste Jan, ik bel u morgen om 10 uur. Groet, Bram", score: 95, status: .failed))
            try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
            let (_, leadSession) = try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47")
            var page = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: try #require(leadSession)]).text
            var row = try #require(page.components(separatedBy: "<tr>").first { $0.contains(">Bram Boon<") })
            #expect(row.contains("<td class=\"replies\">1 <span class=\"hint failed\">+ 1 mislukt (niet bij de klant aangekomen)</span></td>"))
            #expect(row.contains("<td class=\"score\">100</td>"), "the failed reply's score is not in the average")
            #expect(!page.contains("Bram Boon: om samen naar te kijken"), "a reply scoring 100 without findings is nothing to go through")

            // A weak reply that failed to go out is still worth going through: the writing is what is coached.
            var weak = reply("Wij betreuren het ongemak.", score: 40, status: .failed)
            weak.coachFindings = ["template"]
            try await store.createReply(weak)
            page = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: try #require(leadSession)]).text
            row = try #require(page.components(separatedBy: "<tr>").first { $0.contains(">Bram Boon<") })
            #expect(row.contains("+ 2 mislukt") && row.contains("<td class=\"score\">100</td>"), "\(row)")
            #expect(page.contains("Bram Boon: om samen naar te kijken") && page.contains("#reply-\(weak.id)"), "\(page)")
        }
    }

    @Test("the coaching page speaks English with ?lang=en, findings included, and Dutch by default", arguments: TestDatabase.all)
    func coachingInEnglish(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "jan@example.nl", "name": "Jan Smit"], "text": Self.complaint])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let sent = try await CaseActionsTests.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": Self.poorDraft])
            #expect(sent.status == .seeOther)
            try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
            let (_, leadSession) = try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47")
            let leadCookie = try #require(leadSession)

            let english = try await client.execute(uri: "/coaching?lang=en&dagen=7", method: .get, headers: [.cookie: leadCookie])
            #expect(english.status == .ok)
            let page = english.text
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("<h1>Coaching: replies per agent</h1>"))
            #expect(page.contains("What the reply coach noticed in replies over the last 7 days"), "the period is filled into the sentence")
            #expect(page.contains("Period in days") && page.contains("Average score") && page.contains("Promises: kept / broken / overdue"))
            #expect(page.contains("Anna Agent: replies to go through together"))
            #expect(page.contains("canned text"), "the coach's findings are named in English")
            for dutch in ["antwoorden per medewerker", "Periode in dagen", "Gemiddelde score", "om samen naar te kijken", "standaardtekst", "Iedereen", "Tonen"] {
                #expect(!page.contains(dutch), "'\(dutch)' is still Dutch")
            }

            let dutch = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: leadCookie]).text
            #expect(dutch.contains("<h1>Coaching: antwoorden per medewerker</h1>"))
            #expect(dutch.contains("Wat de antwoordcoach zag in de antwoorden van de laatste 30 dagen"))
            #expect(dutch.contains("Anna Agent: om samen naar te kijken"))
            #expect(dutch.contains("standaardtekst") && dutch.contains("Gemiddelde score"))
            #expect(!dutch.contains("canned text") && !dutch.contains("Average score"))
        }
    }

    @Test("a team's own template file replaces the bundled set; a broken one stops the start with the reason")
    func templateFile() throws {
        #expect(AppConfig.bundledTemplates.contains { $0.language == "nl" })
        #expect(AppConfig.bundledTemplates.contains { $0.language == "en" })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-templates-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.json")
        try #"[{"id":"a","title":"Eigen","topic":null,"channels":["x"],"language":"nl","text":"Hoi {klant}, ..."}]"#
            .write(to: good, atomically: true, encoding: .utf8)
        let configuration = try AppConfig(environment: ["SIGNAAL_TEMPLATES_FILE": good.path])
        #expect(configuration.templates.map(\.title) == ["Eigen"])
        let twice = directory.appendingPathComponent("twice.json")
        try #"[{"id":"a","title":"A","channels":[],"language":"nl","text":"x"},{"id":"a","title":"B","channels":[],"language":"nl","text":"y"}]"#
            .write(to: twice, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_TEMPLATES_FILE": twice.path]) }
        #expect(error?.description.contains("twee keer") == true)
    }
}
