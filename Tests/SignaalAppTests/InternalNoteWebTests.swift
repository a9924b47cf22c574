import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: notes on a case for colleagues only")
struct InternalNoteWebTests {
    @Test("a colleague's note stays with the case for the next one, is never sent, is logged, and goes with the customer's dossier",
          arguments: TestDatabase.all)
    func notes(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "petra@example.nl", "name": "Petra Jansen"], "text": "Mijn huurtoeslag is niet gestort"])
            let (anna, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let text = "Financiën zegt: betaling staat klaar voor vrijdag.\nNiet opnieuw laten aanvragen!"
            let saved = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": csrf, "text": "  \(text)  "])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasPrefix("/cases/\(caseID)#note-"))

            // The lead opens the case later and reads it, with who wrote it and when.
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: lead.cookie]).text
            let section = try #require(page.components(separatedBy: "id=\"internal-notes\"").dropFirst().first?.components(separatedBy: "</section>").first)
            #expect(section.contains("<strong>Anna Agent</strong>"))
            #expect(section.contains("<p class=\"text\">Financiën zegt: betaling staat klaar voor vrijdag.\nNiet opnieuw laten aanvragen!</p>"), "kept trimmed, lines and all")
            #expect(section.contains("id=\"\(location.components(separatedBy: "#").last ?? "")\""))
            #expect(section.contains("Alleen voor collega&#39;s: de klant ziet ze nooit."))
            #expect(page.range(of: "id=\"internal-notes\"")!.lowerBound < page.range(of: "id=\"composer-title\"")!.lowerBound, "read before answering")

            // Never sent: no reply, nothing in the outbox for the customer.
            let theCaseID = try #require(CaseID(caseID))
            #expect(try await store.replies(caseID: theCaseID).isEmpty)
            // Who wrote on the case is in the audit log.
            let audit = try await store.auditEntries(.subject(caseID), before: nil, limit: 20)
            #expect(audit.contains { $0.action == .change && $0.detail.contains("intern") }, "\(audit.map(\.detail))")
            // The customer's dossier holds it: written about her.
            let customer = try #require(try await store.case(id: theCaseID)?.customerID)
            let dossier = try await client.execute(uri: "/customers/\(customer)/gegevens.json", method: .get, headers: [.cookie: lead.cookie]).json()
            let record = try #require((dossier["cases"] as? [[String: Any]])?.first)
            #expect((record["internalNotes"] as? [[String: Any]])?.first?["text"] as? String == text)

            // An integration reads them with the case.
            let api = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token, json: false)).json()
            let notes = try #require(api["internalNotes"] as? [[String: Any]])
            #expect(notes.count == 1 && notes.first?["text"] as? String == text && notes.first?["authorId"] as? String != nil)

            // An empty or too long note is refused beside the form, with what was typed kept.
            let empty = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": csrf, "text": "   "])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("id=\"internal-note-problem\""))
            #expect(empty.text.contains("id=\"internal-note-details\" open"), "the form stays open with its problem")
            let long = String(repeating: "lang ", count: 2001)
            let tooLong = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": csrf, "text": long])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("hoogstens 10000 tekens"))
            #expect(try await store.internalNotes(caseID: theCaseID).count == 1, "nothing of those was kept")
            #expect(try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": "fout", "text": "x"]).status == .forbidden)
            let unknown = try await CaseActionsTests.post(client, "/cases/\(CaseID.generate().description)/intern", cookie: anna, ["csrf": csrf, "text": "x"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("'@Lotte' in a note reaches Lotte's inbox until she opens the case or presses Gezien; others are not told", arguments: TestDatabase.all)
    func mentions(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "mention-1", "author": ["handle": "wachter"], "text": "Waar blijft mijn restitutie?"])
            let other = try await createCase(
                client, token: token, ["channel": "x", "externalId": "mention-2", "author": ["handle": "ander"], "text": "Ook ik wacht op geld"])
            let (anna, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let lotte = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: other)
            func news(_ cookie: String) async throws -> String? {
                let page = try await client.execute(uri: "/?zaken=alle", method: .get, headers: [.cookie: cookie]).text
                return page.components(separatedBy: "id=\"mention-notices\"").dropFirst().first?.components(separatedBy: "</div>").first
            }
            #expect(try await news(lotte.cookie) == nil)
            _ = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": csrf, "text": "@lotte mag ik € 40 teruggeven? Boven mijn mandaat."])
            let line = try #require(try await news(lotte.cookie))
            #expect(line.contains("Anna Agent noemde u in een notitie:"))
            #expect(line.contains("href=\"/cases/\(caseID)#note-"))
            #expect(line.contains(">Waar blijft mijn restitutie?</a>"))
            #expect(try await news(anna) == nil, "the writer is not told about her own note")

            // Lotte opens the case: read, gone from her inbox.
            _ = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: lotte.cookie])
            #expect(try await news(lotte.cookie) == nil)

            // Two more; "Gezien" clears them at once and returns to her view.
            for text in ["@Lotte nog een vraag", "@LOTTE en deze?"] {
                _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": csrf, "text": text])
            }
            #expect(try #require(try await news(lotte.cookie)).contains("2 notities noemen u; de nieuwste van Anna Agent:"))
            let seen = try await CaseActionsTests.post(client, "/notities/gezien", cookie: lotte.cookie, ["csrf": lotte.csrf, "next": "/?zaken=mijn"])
            #expect(seen.headers[.location] == "/?zaken=mijn")
            #expect(try await news(lotte.cookie) == nil)
            let english = try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: lotte.cookie]).text
            #expect(!english.contains("mention-notices"))
        }
    }

    @Test("its author changes a note: colleagues read the new text, that it was changed, and the earlier text; nobody else can change it", arguments: TestDatabase.all)
    func editing(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "edit-note", "author": ["handle": "terugbeller"], "text": "Wanneer belt de hypotheekadviseur?"])
            let (anna, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let saved = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern", cookie: anna, ["csrf": csrf, "text": "Adviseur belt dinsdag om 15:00"])
            let noteID = try #require(saved.headers[.location]?.components(separatedBy: "#note-").last)
            let lotte = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            func section(_ cookie: String) async throws -> String {
                let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
                return try #require(page.components(separatedBy: "id=\"internal-notes\"").dropFirst().first?.components(separatedBy: "</section>").first)
            }
            #expect(try await section(anna).contains("action=\"/cases/\(caseID)/intern/\(noteID)\""), "the author may change it")
            #expect(!(try await section(lotte.cookie)).contains("/intern/\(noteID)"), "a colleague, even a lead, may not")

            // Anna had the time wrong, and asks Lotte to watch it.
            let edited = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/intern/\(noteID)", cookie: anna, ["csrf": csrf, "text": "Adviseur belt dinsdag om 17:00 @Lotte let jij op?"])
            #expect(edited.status == .seeOther && edited.headers[.location] == "/cases/\(caseID)#note-\(noteID)")
            let home = try await client.execute(uri: "/?zaken=alle", method: .get, headers: [.cookie: lotte.cookie]).text
            #expect(home.contains("Anna Agent noemde u in een notitie:"), "newly called on: told (before she opens the case)")
            let read = try await section(lotte.cookie)
            #expect(read.contains("<p class=\"text\">Adviseur belt dinsdag om 17:00 @Lotte let jij op?</p>"))
            #expect(read.contains("<span class=\"edited\">aangepast <time>"))
            #expect(read.contains("<summary>Eerdere tekst (1)</summary>") && read.contains("<p class=\"text\">Adviseur belt dinsdag om 15:00</p>"),
                    "the time a colleague may have acted on stays readable")

            // Lotte cannot change Anna's words; an empty text is refused beside that note's form, as typed.
            let foreign = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern/\(noteID)", cookie: lotte.cookie, ["csrf": lotte.csrf, "text": "Anders"])
            #expect(foreign.status == .forbidden)
            let empty = try await CaseActionsTests.post(client, "/cases/\(caseID)/intern/\(noteID)", cookie: anna, ["csrf": csrf, "text": "  "])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("id=\"note-edit-\(noteID)\" open") && empty.text.contains("id=\"note-edit-problem-\(noteID)\""))
            let elsewhere = try await createCase(
                client, token: token, ["channel": "x", "externalId": "edit-note-2", "author": ["handle": "ander"], "text": "Andere vraag"])
            let wrongCase = try await CaseActionsTests.post(client, "/cases/\(elsewhere)/intern/\(noteID)", cookie: anna, ["csrf": csrf, "text": "Verkeerd"])
            #expect(wrongCase.status == .notFound, "a note is changed on its own case only")
            let theCaseID = try #require(CaseID(caseID))
            let stored = try #require(try await store.internalNotes(caseID: theCaseID).first)
            #expect(stored.text == "Adviseur belt dinsdag om 17:00 @Lotte let jij op?" && stored.earlierVersions.count == 1)

            // The change is logged under Anna, and integrations see when it was changed.
            let audit = try await store.auditEntries(.subject(caseID), before: nil, limit: 20)
            #expect(audit.contains { $0.detail == "POST /cases/\(caseID)/intern/\(noteID)" && $0.userID == stored.authorID })
            let api = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token, json: false)).json()
            let note = try #require((api["internalNotes"] as? [[String: Any]])?.first)
            #expect(note["editedAt"] as? String != nil && note["text"] as? String == stored.text)
        }
    }
}
