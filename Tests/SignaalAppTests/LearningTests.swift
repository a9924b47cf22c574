import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStoreTesting
import Testing

@Suite("Learning from the team's corrections")
struct LearningTests {
    @Test("an agent corrects an analysis on the case page; the correction is kept with who", arguments: TestDatabase.all)
    func correctInBrowser(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let agent = try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let input: [String: Any] = ["channel": "x", "author": ["handle": "ironie"], "text": "Nou, lekker dan weer. Dank je NS."]
            let created = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input)).json()
            let signalID = try #require(created["id"] as? String)
            let caseID = try #require(created["caseId"] as? String)
            let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            let cookie = try #require(session)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Analyse corrigeren"))
            // The form submits the plain values under the page's own words, with what the analysis says selected.
            let dutch = [
                ("negative", "negatief"), ("neutral", "neutraal"), ("positive", "positief"), ("complaint", "klacht"),
                ("compliment", "compliment"), ("question", "vraag"), ("other", "overig"),
            ]
            for (value, label) in dutch {
                #expect(
                    page.contains("<option value=\"\(value)\">\(label)</option>") || page.contains("<option value=\"\(value)\" selected>\(label)</option>"),
                    "\(value)")
            }
            #expect(page.components(separatedBy: "\" selected>").count == 3, "one sentiment and one intent are selected")
            let marker = "name=\"csrf\" value=\""
            let start = try #require(page.range(of: marker)).upperBound
            let csrf = String(page[start...].prefix { $0 != "\"" })

            let refused = try await client.execute(
                uri: "/signals/\(signalID)/label", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=fout&sentiment=negative&intent=complaint"))
            #expect(refused.status == .forbidden)

            // The analyser read an outage ("weer"); the agent knows better.
            let before = try await client.execute(uri: "/?onderwerp=bejegening", method: .get, headers: [.cookie: cookie]).text
            #expect(!before.contains("/cases/\(caseID)"))
            let analysed = try await client.execute(uri: "/?onderwerp=storing", method: .get, headers: [.cookie: cookie]).text
            #expect(analysed.contains("/cases/\(caseID)"))
            let saved = try await client.execute(
                uri: "/signals/\(signalID)/label", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)&sentiment=negative&intent=complaint&topics=bejegening&topics=verzonnen"))
            #expect(saved.status == .seeOther || saved.status == .found)
            let labels = try await store.labels(signalID: try #require(SignalID(signalID)))
            #expect(labels.count == 1)
            #expect(labels.first?.sentiment == .negative)
            #expect(labels.first?.intent == .complaint)
            #expect(labels.first?.topics == ["bejegening"])
            #expect(labels.first?.userID == agent.id)
            // The inbox now finds the case under the topic the agent ticked, and no longer under the misread one.
            let filtered = try await client.execute(uri: "/?onderwerp=bejegening", method: .get, headers: [.cookie: cookie]).text
            #expect(filtered.contains("/cases/\(caseID)"))
            let misread = try await client.execute(uri: "/?onderwerp=storing", method: .get, headers: [.cookie: cookie]).text
            #expect(!misread.contains("/cases/\(caseID)"))
            let after = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(after.contains("gecorrigeerd: <strong>negatief · klacht ("))
            let english = try await client.execute(uri: "/cases/\(caseID)?lang=en", method: .get, headers: [.cookie: cookie]).text
            #expect(english.contains("corrected: <strong>negative · complaint ("))
            for value in ["neutral", "question", "other"] {
                #expect(english.contains("<option value=\"\(value)\">\(value)</option>") || english.contains("<option value=\"\(value)\" selected>\(value)</option>"))
            }
        }
    }

    @Test("signaal train learns from the stored corrections and analyze then uses the model")
    func trainFromCorrections() async throws {
        let location = try await TestDatabaseLocation.make(.sqlite)
        defer { Task { await location.destroy() } }
        let store = try await location.open()
        let agent = try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte", role: .lead, password: "Vlinder-kade-47")
        let ingest = IngestSignal(store: store)
        // The team keeps telling Signaal that "lekker dan" after a disruption is sarcasm.
        for index in 0..<30 {
            let text = index % 2 == 0 ? "Lekker dan, storing nummer \(index) deze maand" : "Echt super geholpen door medewerker \(index), dank!"
            let outcome = try await ingest(SignalDraft(channel: .x, externalID: "t-\(index)", author: Author(handle: "k\(index)"), text: text, receivedAt: Date()))
            try await store.addLabel(
                SignalLabel(
                    signalID: outcome.signal.id, sentiment: index % 2 == 0 ? .negative : .positive,
                    intent: index % 2 == 0 ? .complaint : .compliment, topics: index % 2 == 0 ? ["storing"] : ["bejegening"],
                    userID: agent.id, createdAt: Date()))
        }
        await store.shutdown()
        let database = try #require(location.sqliteURL)
        let model = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID()).json").path
        let trained = try await CLI.run(["train", "--database", database, "--output", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        // The topics the team ticked teach the topic model too.
        #expect(trained.stdout.contains("onderwerpen op 30 voorbeelden"), "\(trained.stdout)")
        #expect(FileManager.default.fileExists(atPath: model))
        let analysed = try await CLI.run(["analyze", "Lekker dan, alweer een storing"], environment: ["SIGNAAL_MODEL_FILE": model])
        #expect(analysed.stdout.contains(#""sentiment":"negative""#), "\(analysed.stdout)")
        try? FileManager.default.removeItem(atPath: model)
    }
}
