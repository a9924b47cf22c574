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

@Suite("Web: replies, notes, identities and attachments on the case page")
struct CaseActionsTests {
    /// Signs in and returns the session cookie and the session's CSRF token from a page.
    static func session(_ client: any TestClientProtocol, store: any SignaalStore, caseID: String) async throws -> (String, String) {
        try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
        let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
        let cookie = try #require(session)
        let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
        return (cookie, try hidden("csrf", in: page.text))
    }

    /// The value of the first hidden field `name` on a page: the CSRF token, the reply form's one-time key.
    static func hidden(_ name: String, in page: String) throws -> String {
        let start = try #require(page.range(of: "name=\"\(name)\" value=\"")).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, cookie: String, _ fields: [String: String]) async throws -> TestResponse {
        let form = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie, .accept: "text/html"],
            body: ByteBuffer(string: form))
    }

    @Test("an attachment downloads under its own name, in ASCII and in UTF-8 (RFC 8187); an unknown one is 404", arguments: TestDatabase.all)
    func attachmentDownload(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let pdf = Data("%PDF-1.4 factuur".utf8)
            let outcome = try await IngestSignal(store: store)(
                SignalDraft(
                    channel: .email, externalID: "<factuur@example.nl>", author: Author(email: "klant@example.nl"),
                    text: "Zie de factuur in de bijlage.", receivedAt: Date(),
                    attachments: [Attachment(filename: "Factuur café \"mei\".pdf", contentType: "application/pdf", size: pdf.count, content: pdf)]))
            guard case .created(let signal, let theCase) = outcome else { Issue.record("not created"); return }
            let (cookie, _) = try await Self.session(client, store: store, caseID: theCase.id.description)

            let download = try await client.execute(uri: "/signals/\(signal.id)/attachments/0", method: .get, headers: [.cookie: cookie])
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == pdf)
            #expect(
                download.headers[.contentDisposition]
                    == "attachment; filename=\"Factuur caf_ 'mei'.pdf\"; filename*=UTF-8''Factuur%20caf%C3%A9%20%27mei%27.pdf")
            let missing = try await client.execute(uri: "/signals/\(signal.id)/attachments/1", method: .get, headers: [.cookie: cookie])
            #expect(missing.status == .notFound)
        }
    }

    @Test("a reply is queued in the outbox, shown on the case, and the case waits on the customer", arguments: TestDatabase.all)
    func reply(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let created = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: body(["channel": "x", "externalId": "1800", "author": ["handle": "reiziger"], "text": "Trein naar Zwolle weer uitgevallen!"])
            ).json()
            let caseID = try #require(created["caseId"] as? String)
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseID)

            let empty = try await Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "   "])
            #expect(empty.status == .unprocessableContent)
            // A reply whose promise cannot be kept comes back on the case page, the draft and the
            // promise still in the form and the reason beside it: nothing the agent typed is lost.
            let draft = "Wat vervelend dat je trein uitviel. Ik bel je morgen & zoek het uit <echt>."
            let pastPromise = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": draft, "promise_text": "Reiziger terugbellen", "promise_due": "2020-01-01T09:00"])
            #expect(pastPromise.status == .unprocessableContent)
            #expect(pastPromise.text.contains("id=\"composer-title\""), "the case page, not an error page")
            #expect(pastPromise.text.contains(">Wat vervelend dat je trein uitviel. Ik bel je morgen &amp; zoek het uit &lt;echt&gt;.</textarea>"))
            #expect(pastPromise.text.contains("value=\"Reiziger terugbellen\""))
            #expect(pastPromise.text.contains("value=\"2020-01-01T09:00\""))
            #expect(pastPromise.text.contains("class=\"field-error\" role=\"alert\""))
            #expect(pastPromise.text.contains("<details class=\"promise\" id=\"promise-details\" open>"))
            #expect(try await store.replies(caseID: try #require(CaseID(caseID))).isEmpty)

            // A template sent untouched would reach the customer with its brackets: it comes back, unsent.
            let template = "Beste reiziger, [wat er misging, in de woorden van de klant]: dat spijt me. Ik [wat ik doe] en {wanneer}."
            let unfinished = try await Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": template])
            #expect(unfinished.status == .unprocessableContent)
            #expect(unfinished.text.contains(
                "Er staat nog standaardtekst in die ingevuld moet worden: ‘[wat er misging, in de woorden van de klant]’, ‘[wat ik doe]’, ‘{wanneer}’."),
                "\(unfinished.text)")
            #expect(unfinished.text.contains(">Beste reiziger, [wat er misging, in de woorden van de klant]: dat spijt me."), "the draft is kept")
            #expect(try await store.replies(caseID: try #require(CaseID(caseID))).isEmpty)

            let sent = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": "Wat vervelend dat je trein naar Zwolle uitviel. Ik zoek het voor je uit."])
            #expect(sent.status == .seeOther)
            let replies = try await store.replies(caseID: try #require(CaseID(caseID)))
            #expect(replies.map(\.status) == [.queued])
            #expect(replies.first?.channel == .x)
            #expect(try await store.case(id: try #require(CaseID(caseID)))?.status == .waitingOnCustomer)

            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("Ik zoek het voor je uit."))
            #expect(page.text.contains("in de wachtrij"))

            let forged = try await Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": "raden", "text": "Hallo"])
            #expect(forged.status == .forbidden)
            #expect(try await store.replies(caseID: try #require(CaseID(caseID))).count == 1)
        }
    }

    @Test("the same reply form sent twice, also twice at once, stores and sends one reply and lands on it; a refused sending keeps the key", arguments: TestDatabase.all)
    func replySentTwice(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "1801", "author": ["handle": "forens"], "text": "Alweer vertraging op Utrecht!"])
            let id = try #require(CaseID(caseID))
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseID)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            let key = try Self.hidden("reply_key", in: page)
            #expect(key.count >= 20)
            #expect(page.contains("<script src=\"/static/js/case.js\" defer></script>"))

            // Refused (no time for the promise): the form comes back with the same key, nothing stored.
            let refused = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "reply_key": key, "text": "Sorry voor de vertraging.", "promise_text": "Forens terugbellen"])
            #expect(refused.status == .unprocessableContent)
            #expect(try Self.hidden("reply_key", in: refused.text) == key)
            #expect(refused.text.contains(">Sorry voor de vertraging.</textarea>"))

            // The corrected form goes twice at once (a proxy's retry): one reply, one promise.
            let dueFormat = DateFormatter()
            dueFormat.dateFormat = "yyyy-MM-dd'T'HH:mm"
            dueFormat.timeZone = TimeZone(identifier: "Europe/Amsterdam")
            let fields = [
                "csrf": csrf, "reply_key": key, "text": "Sorry voor de vertraging. Ik zoek uit wat er gebeurde.",
                "promise_text": "Forens terugbellen", "promise_due": dueFormat.string(from: Date().addingTimeInterval(3 * 86400)),
            ]
            async let first = Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, fields)
            async let second = Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, fields)
            let both = try await [first, second]
            let replies = try await store.replies(caseID: id)
            #expect(replies.count == 1, "one reply for one form: \(replies.count)")
            #expect(try await store.promises(caseID: id).count == 1)
            let reply = try #require(replies.first)
            for response in both {
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/cases/\(caseID)#reply-\(reply.id)")
            }
            // Back and resubmit, later: the same, and still one reply.
            let again = try await Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, fields)
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == "/cases/\(caseID)#reply-\(reply.id)")
            #expect(try await store.replies(caseID: id).count == 1)
            // The page read anew has a new form with a key of its own: the next reply goes out.
            let next = try Self.hidden("reply_key", in: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text)
            #expect(next != key)
            let another = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "reply_key": next, "text": "Ik heb het nagevraagd."])
            #expect(another.status == .seeOther)
            #expect(try await store.replies(caseID: id).count == 2)
        }
    }

    @Test("a public complaint's composer offers e-mail to a known address; the choice is kept when the reply is refused, and sends by e-mail", arguments: TestDatabase.all)
    func replyByEmailInstead(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseText = try await createCase(
                client, token: token, ["channel": "x", "externalId": "1801", "author": ["handle": "reiziger"], "text": "Mijn abonnement is twee keer afgeschreven!"])
            let caseID = try #require(CaseID(caseText))
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseID.description)
            // No address known: no choice, the reply goes on X.
            let before = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(!before.contains("name=\"via\""))
            #expect(before.contains("via X (Twitter)"))

            let customerID = try #require(try await store.case(id: caseID)?.customerID)
            try await store.linkIdentity(try #require(Identity(kind: .email, raw: "reiziger@klant.example")), to: customerID, by: nil, at: Date())
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Versturen via"))
            #expect(page.contains("e-mail aan reiziger@klant.example"))
            #expect(page.contains("<input type=\"radio\" name=\"via\" value=\"\" checked>"), "the platform stays the default")

            // Refused (blank text): the page comes back with e-mail still chosen.
            let refused = try await Self.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "  ", "via": "email"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("value=\"email\" id=\"reply-via-email\" checked"))
            // A way or a message the form never offers is refused, not read as "the platform" or
            // "the latest message": the reply would go where the agent did not choose.
            let fax = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Ik fax het u na.", "via": "fax"])
            #expect(fax.status == .unprocessableContent)
            #expect(fax.text.contains("Kies het kanaal van het bericht of e-mail.") && fax.text.contains("Ik fax het u na."))
            let unknown = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Welk bericht?", "signal": "nope"])
            #expect(unknown.status == .notFound)
            #expect(try await store.replies(caseID: caseID).isEmpty, "nothing stored")

            let sent = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": "Wat vervelend! Mail me je klantnummer, dan zet ik het vandaag recht.", "via": "email"])
            #expect(sent.status == .seeOther)
            #expect(try await store.replies(caseID: caseID).map(\.channel) == [.email])
        }
    }

    @Test("a call we made is our answer, not the customer's words: the case waits on the customer, its tone stays; who made contact must be a known choice", arguments: TestDatabase.all)
    func outboundCall(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let created = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: body(["channel": "email", "author": ["email": "marieke@example.nl", "name": "Marieke"], "text": "Mijn geld is na drie weken nog steeds niet teruggestort. Heel vervelend."])
            ).json()
            let caseText = try #require(created["caseId"] as? String)
            let caseID = try #require(CaseID(caseText))
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseText)
            let form = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(form.contains("Wie nam contact op?") && form.contains("name=\"direction\" value=\"wij\""))
            #expect(!form.contains("value=\"klant\" required checked") && !form.contains("value=\"wij\" id=\"note-direction-us\" required checked"), "no default")

            // Not a choice the form offers: refused, with what was typed kept.
            let odd = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie, ["csrf": csrf, "channel": "phone", "direction": "zij", "text": "Gebeld, geen gehoor."])
            #expect(odd.status == .unprocessableContent)
            #expect(odd.text.contains("Kies wie contact opnam: de klant of wij.") && odd.text.contains("Gebeld, geen gehoor."))

            // A colleague's case is answered by its owner, also by phone: the call is refused, nothing kept.
            let colleague = try await UserAccounts.forTests(store).create(
                email: "bram@example.nl", name: "Bram Collega", role: .agent, password: "Vlinder-kade-47")
            _ = try await store.updateCase(id: caseID) { $0.ownerID = colleague.id }
            let notOwner = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie,
                ["csrf": csrf, "channel": "phone", "direction": "wij", "text": "Klant gebeld namens Bram."])
            #expect(notOwner.status == .forbidden)
            #expect(notOwner.text.contains("Alleen de eigenaar of een teamleider kan deze zaak beantwoorden."))
            #expect(try await store.replies(caseID: caseID).isEmpty)
            _ = try await store.updateCase(id: caseID) { $0.ownerID = nil }

            let call = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie,
                ["csrf": csrf, "channel": "phone", "direction": "wij", "text": "Klant gebeld: geld staat vandaag terug, bloemen ontvangen. Klant tevreden."])
            #expect(call.status == .seeOther)
            #expect(call.headers[.location]?.contains("#reply-") == true)
            let signals = try await store.signals(caseID: caseID)
            #expect(signals.count == 1, "no message of the customer's")
            let theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .waitingOnCustomer)
            #expect(theCase.respondedAt != nil, "the call is the first response")
            #expect(theCase.intent == .complaint && theCase.sentiment == .negative, "the tone is the customer's")
            let replies = try await store.replies(caseID: caseID)
            #expect(replies.map(\.channel) == [.phone] && replies.map(\.status) == [.delivered])
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Klant gebeld: geld staat vandaag terug") && page.contains(">vastgelegd</span>"))
            #expect(!page.contains("klant reageerde"))

            // The customer calling in is still the customer's contact: the case is theirs to wait on again.
            let back = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie,
                ["csrf": csrf, "channel": "phone", "direction": "klant", "text": "Marieke belt: het geld is toch niet binnen."])
            #expect(back.status == .seeOther)
            #expect(try await store.case(id: caseID)?.status == .open)
            #expect(try await store.signals(caseID: caseID).count == 2)
        }
    }

    @Test("a phone note joins the case, recorded by the agent; a counter visit of a new customer opens a case")
    func notes() async throws {
        try await withApp(.sqlite) { client, store, token in
            let created = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: body(["channel": "email", "author": ["email": "ria@example.nl", "name": "Ria"], "text": "Mijn hypotheekadviseur belt niet terug."])
            ).json()
            let caseID = try #require(created["caseId"] as? String)
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseID)

            let note = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie,
                ["csrf": csrf, "channel": "phone", "text": "Ria belde: ze is al drie keer beloofd teruggebeld te worden.", "at": "2026-11-20T09:15"])
            #expect(note.status == .seeOther)
            let signals = try await store.signals(caseID: try #require(CaseID(caseID)))
            #expect(signals.count == 2)
            let phone = try #require(signals.first { $0.channel == .phone })
            #expect(phone.recordedBy != nil)
            #expect(phone.receivedAt == ISO8601DateFormatter().date(from: "2026-11-20T08:15:00Z"))
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("Vastgelegd door Anna Agent"))

            let badChannel = try await Self.post(client, "/cases/\(caseID)/notes", cookie: cookie, ["csrf": csrf, "channel": "x", "text": "hallo daar"])
            #expect(badChannel.status == .unprocessableContent)
            // A pasted letter beyond what a form takes is "too large", not a server error.
            let letter = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie, ["csrf": csrf, "channel": "letter", "text": String(repeating: "Geachte heer, ", count: 15_000)])
            #expect(letter.status == .contentTooLarge)
            #expect(letter.text.contains("te groot"))
            // %00 in a form would cut the note short on SQLite and fail on PostgreSQL.
            let withNUL = try await Self.post(
                client, "/cases/\(caseID)/notes", cookie: cookie, ["csrf": csrf, "channel": "letter", "text": "Brief\u{0} van Ria over de hypotheek"])
            #expect(withNUL.status == .seeOther)
            #expect(try await store.signals(caseID: try #require(CaseID(caseID))).contains { $0.text == "Brief\u{FFFD} van Ria over de hypotheek" })
            #expect(try await store.signals(caseID: try #require(CaseID(caseID))).count == 3)

            let visit = try await Self.post(
                client, "/notes", cookie: cookie,
                ["csrf": csrf, "channel": "counter", "name": "Piet Jansen", "phone": "06-12345678", "text": "Kwam langs: factuur twee keer afgeschreven."])
            #expect(visit.status == .seeOther)
            let location = try #require(visit.headers[.location])
            #expect(location.hasPrefix("/cases/"))
            #expect(!location.hasPrefix("/cases/\(caseID)"))
            let counter = try #require(try await store.signals(channel: .counter, limit: 5, after: nil).first)
            let visitor = try #require(try await store.customer(id: counter.customerID))
            #expect(visitor.identities == [Identity(kind: .phone, raw: "+31612345678")!])
            #expect(visitor.name == "Piet Jansen")
            // Piet's number under another name joins Piet, and the note says so; his initial does not.
            for (name, warned) in [("Gerrit de Boer", true), ("P. Jansen", false)] {
                _ = try await Self.post(
                    client, "/notes", cookie: cookie,
                    ["csrf": csrf, "channel": "phone", "name": name, "phone": "06 1234 5678", "text": "Belde over de factuur van \(name)."])
                let noted = try #require(try await store.signals(channel: .phone, limit: 20, after: nil).first { $0.text.hasSuffix("van \(name).") })
                #expect(noted.customerID == visitor.id)
                #expect(noted.warnings.contains { $0.contains("hoort bij ‘Piet Jansen’; u noteerde ‘\(name)’") } == warned, "\(name): \(noted.warnings)")
            }

            // A case of a counter visit alone has no message to answer: the page says to call or
            // write and log it, and a reply is refused beside its form instead of queued to fail.
            let casePath = String(location.prefix { $0 != "#" })
            let visitPage = try await client.execute(uri: casePath, method: .get, headers: [.cookie: cookie]).text
            #expect(visitPage.contains("Geen bericht om op te antwoorden"), "\(visitPage)")
            #expect(!visitPage.contains("· via balie"), "the composer offers no channel it cannot send on")
            let visitCSRF = try TeamsWebTests.csrf(in: visitPage)
            let reply = try await Self.post(
                client, casePath + "/replies", cookie: cookie, ["csrf": visitCSRF, "text": "Beste Piet, ik heb de dubbele afschrijving teruggestort."])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.text.contains("Bel of schrijf de klant zelf") || reply.text.contains("bel of schrijf de klant zelf"), "\(reply.text)")
            #expect(reply.text.contains("ik heb de dubbele afschrijving teruggestort"), "\(reply.text)")
            #expect(try await store.replies(caseID: counter.caseID).isEmpty, "nothing queued that could only fail")

            // A message on a channel Signaal cannot answer on, from someone with only a phone number:
            // the composer says so by the same rule that refuses the reply.
            let formCase = try await createCase(
                client, token: token, ["channel": "webform", "author": ["name": "Gonny", "phone": "0687654321"], "text": "Bel mij terug over mijn factuur."])
            let formPage = try await client.execute(uri: "/cases/\(formCase)", method: .get, headers: [.cookie: cookie]).text
            #expect(formPage.contains("kan Signaal niet antwoorden en er is geen e-mailadres bekend"), "\(formPage)")

            // With an address the answer to a letter goes by e-mail.
            let riasLetter = try await Self.post(
                client, "/notes", cookie: cookie,
                ["csrf": csrf, "channel": "letter", "name": "Ria Smit", "email": "ria@example.nl", "text": "Brief: mijn hypotheekofferte is nooit gekomen."])
            let letterPath = String(try #require(riasLetter.headers[.location]).prefix { $0 != "#" })
            let letterPage = try await client.execute(uri: letterPath, method: .get, headers: [.cookie: cookie]).text
            #expect(letterPage.contains("· via e-mail") && !letterPage.contains("Geen bericht om op te antwoorden"), "\(letterPage)")
            let answer = try await Self.post(
                client, letterPath + "/replies", cookie: cookie,
                ["csrf": TeamsWebTests.csrf(in: letterPage), "text": "Beste mevrouw Smit, de offerte staat nu in uw mail."])
            #expect(answer.status == .seeOther)
            let letterCase = try #require(CaseID(String(letterPath.dropFirst("/cases/".count))))
            #expect(try await store.replies(caseID: letterCase).map(\.channel) == [.email])
        }
    }

    @Test("the Contact vastleggen page speaks English on request, with the kinds of contact named in English, and Dutch by default")
    func notePageLanguages() async throws {
        try await withApp(.sqlite) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            let cookie = try #require(session)

            let english = try await client.execute(uri: "/notes/new?lang=en", method: .get, headers: [.cookie: cookie])
            #expect(english.status == .ok)
            #expect(english.text.contains("<title>Log a contact · Signaal</title>"))
            #expect(english.text.contains("<h1>Log a contact</h1>"))
            #expect(english.text.contains("<label for=\"note-channel\">Type of contact</label>"))
            #expect(english.text.contains("<option value=\"phone\">phone</option><option value=\"counter\">counter</option><option value=\"letter\">letter</option>"))
            #expect(english.text.contains("What did the customer tell you?"))
            #expect(english.text.contains(">Log contact</button>"))
            for dutch in ["Contact vastleggen", "Soort contact", "telefoon", "balie", "Wat vertelde de klant?", "Vastleggen", "(leeg: nu)"] {
                #expect(!english.text.contains(dutch), "Dutch left on the English page: \(dutch)")
            }

            // The English form still records the contact: the option values did not change.
            let marker = "name=\"csrf\" value=\""
            let start = try #require(english.text.range(of: marker)).upperBound
            let csrf = String(english.text[start...].prefix { $0 != "\"" })
            let letter = try await Self.post(
                client, "/notes?lang=en", cookie: cookie,
                ["csrf": csrf, "channel": "letter", "name": "Joan Smith", "text": "Wrote to say her refund never arrived."])
            #expect(letter.status == .seeOther)
            #expect(try await store.signals(channel: .letter, limit: 5, after: nil).count == 1)

            let dutch = try await client.execute(uri: "/notes/new", method: .get, headers: [.cookie: cookie])
            #expect(dutch.text.contains("<title>Contact vastleggen · Signaal</title>"))
            #expect(dutch.text.contains("<label for=\"note-channel\">Soort contact</label>"))
            #expect(dutch.text.contains("<option value=\"phone\">telefoon</option><option value=\"counter\">balie</option><option value=\"letter\">brief</option>"))
            #expect(dutch.text.contains("Wat vertelde de klant?"))
            #expect(dutch.text.contains(">Vastleggen</button>"))
            #expect(!dutch.text.contains("Log a contact"))
        }
    }

    /// "a@b" is no address by the rule that links identities, so none was linked; the composer
    /// used the message's own address anyway, and the reply went to an address that cannot exist.
    @Test("an e-mail from an invalid address: the composer says there is none to reply to and a reply is refused by its form; a linked address is used", arguments: TestDatabase.all)
    func replyToInvalidAddress(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseText = try await createCase(
                client, token: token,
                ["channel": "email", "externalId": "em-x", "author": ["email": "a@b", "name": "Kees"], "text": "ongeldig adres met naam"])
            let caseID = try #require(CaseID(caseText))
            let detail = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token, json: false)).json()
            #expect(((detail["customer"] as? [String: Any])?["identities"] as? [Any])?.isEmpty == true, "\(detail)")
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseID.description)

            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Via e-mail kan Signaal niet antwoorden en er is geen e-mailadres bekend"), "\(page)")
            #expect(!page.contains("· via e-mail"), "the composer offers no address it cannot send to")
            let reply = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Beste Kees, uw vlucht is omgeboekt."])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.text.contains("id=\"composer-title\"") && reply.text.contains("class=\"field-error\" role=\"alert\""), "\(reply.text)")
            #expect(reply.text.contains("geen e-mailadres bekend") && reply.text.contains("uw vlucht is omgeboekt."), "\(reply.text)")
            #expect(try await store.replies(caseID: caseID).isEmpty, "nothing queued that could only fail or reach nobody")

            // Once an agent links Kees's real address, the answer goes there.
            let customerID = try #require(try await store.case(id: caseID)?.customerID)
            try await store.linkIdentity(try #require(Identity(kind: .email, raw: "kees@example.nl")), to: customerID, by: nil, at: Date())
            let linked = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(linked.contains("· via e-mail") && !linked.contains("geen e-mailadres bekend"), "\(linked)")
            let sent = try await Self.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Beste Kees, uw vlucht is omgeboekt."])
            #expect(sent.status == .seeOther)
            #expect(try await store.replies(caseID: caseID).map(\.channel) == [.email])
            let answered = try await store.signals(caseID: caseID).first
            #expect(WriteReply.route(answering: answered, customer: try await store.customer(id: customerID)) == .email(address: "kees@example.nl"))
        }
    }

    @Test("an agent links a work address to the customer and unlinks it; the page records who did it")
    func identities() async throws {
        try await withApp(.sqlite) { client, store, token in
            let created = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: body(["channel": "x", "author": ["handle": "sanne_dv", "name": "Sanne"], "text": "Mijn pas is geblokkeerd."])
            ).json()
            let caseID = try #require(created["caseId"] as? String)
            let customerID = try #require(created["customerId"] as? String)
            let (cookie, csrf) = try await Self.session(client, store: store, caseID: caseID)

            let link = try await Self.post(
                client, "/customers/\(customerID)/identities", cookie: cookie,
                ["csrf": csrf, "action": "link", "kind": "email", "value": "S.deVries@Werk.nl", "back": "/cases/\(caseID)"])
            #expect(link.status == .seeOther)
            #expect(link.headers[.location] == "/cases/\(caseID)")
            let mail = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: body(["channel": "email", "author": ["email": "s.devries@werk.nl"], "text": "Nog steeds geblokkeerd."])
            ).json()
            #expect(mail["customerId"] as? String == customerID)

            let invalid = try await Self.post(
                client, "/customers/\(customerID)/identities", cookie: cookie, ["csrf": csrf, "action": "link", "kind": "email", "value": "geen-adres"])
            #expect(invalid.status == .unprocessableContent)

            let unlink = try await Self.post(
                client, "/customers/\(customerID)/identities", cookie: cookie,
                ["csrf": csrf, "action": "unlink", "kind": "email", "value": "s.devries@werk.nl", "back": "/cases/\(caseID)"])
            #expect(unlink.status == .seeOther)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("e-mail s.devries@werk.nl ontkoppeld door Anna Agent"))
            #expect(page.text.contains("e-mail s.devries@werk.nl gekoppeld door Anna Agent"))
        }
    }
}
