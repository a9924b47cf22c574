import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalServices
import SignaalStoreTesting
import Testing

@Suite("Case flow: the team never believes a customer was helped when they were not")
struct CaseFlowTests {
    static var complaint: [String: Any] {
        [
            "channel": "email", "author": ["email": "jeroen@example.nl", "name": "Jeroen Dijkman"],
            "text": "Mijn vlucht naar Kopenhagen is geannuleerd en omboeken via de app lukt niet.",
        ]
    }

    /// The outbox as the demo has it: no outgoing mail, so every e-mail reply fails at once.
    static func runOutboxWithoutMail(_ store: any SignaalStore) async throws {
        try await makeOutboxService(configuration: AppConfig(), dependencies: AppDependencies(store: store)).runOnce()
    }

    /// The part of `page` from `marker` to the end of its section.
    static func section(_ page: String, from marker: String) -> String? {
        guard let start = page.range(of: marker) else { return nil }
        let rest = page[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("a reply that failed is an alert on top with resend; resolving then, or with no answer or an open promise, needs a confirmation", arguments: TestDatabase.all)
    func failedReplyAndResolving(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, Self.complaint)
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/take", cookie: cookie, ["csrf": csrf])
            let resolve = ["csrf": csrf, "outcome": "Ticket en treinticket vergoed, klant gebeld", "root_cause": "betaling"]

            // Nobody answered yet: resolving is refused with what to do, and the form asks to confirm.
            let unanswered = try await CaseActionsTests.post(client, "/cases/\(caseID)/resolve", cookie: cookie, resolve)
            #expect(unanswered.status == .unprocessableContent)
            #expect(unanswered.text.contains("De klant heeft nog geen antwoord van ons ontvangen: antwoord eerst"))
            #expect(unanswered.text.contains("name=\"confirm\" value=\"1\" required"))
            #expect(unanswered.text.contains(">Ticket en treinticket vergoed, klant gebeld</textarea>"), "the outcome typed is kept")
            #expect(try await store.case(id: theCaseID)?.status == .open)

            _ = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Beste heer Dijkman, ik zoek het voor u uit."])
            try await Self.runOutboxWithoutMail(store)
            let reply = try #require(try await store.replies(caseID: theCaseID).first)
            #expect(reply.status == .failed)
            #expect(try await store.case(id: theCaseID)?.respondedAt == nil, "a reply that failed is no first response")

            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            let alert = try #require(Self.section(page, from: "id=\"not-received\""), "no alert on the case page")
            #expect(alert.contains("role=\"alert\""))
            #expect(alert.contains("De klant heeft uw antwoord niet ontvangen"))
            #expect(alert.contains("action=\"/replies/\(reply.id)/retry\""), "resend from the alert")
            #expect(alert.contains("href=\"#note-details\""), "or another channel, written down")
            let alertAt = try #require(page.range(of: "id=\"not-received\""))
            let ownerAt = try #require(page.range(of: "id=\"ownership-title\""))
            #expect(alertAt.lowerBound < ownerAt.lowerBound, "the alert comes before the work on the case")
            #expect(page.contains("Het laatste antwoord heeft de klant niet bereikt."), "the resolve form says so")

            let overFailed = try await CaseActionsTests.post(client, "/cases/\(caseID)/resolve", cookie: cookie, resolve)
            #expect(overFailed.status == .unprocessableContent)
            #expect(overFailed.text.contains("Het laatste antwoord heeft de klant niet bereikt: verstuur het opnieuw of neem via een ander kanaal contact op"))
            #expect(try await store.case(id: theCaseID)?.status == .open)

            // Resent and taken by the mail server: no alert; an open promise is the next thing to settle.
            _ = try await CaseActionsTests.post(client, "/replies/\(reply.id)/retry", cookie: cookie, ["csrf": csrf])
            _ = try await store.claimDueReplies(now: Date().addingTimeInterval(1), limit: 1)
            _ = try await store.finishReply(id: reply.id, attempt: 2, outcome: .sent(externalID: "r1@signaal.example"), now: Date())
            let anna = try #require(try await store.users().first { $0.email == "agent@example.nl" })
            let promise = try await KeepPromises(store: store).make(
                caseID: theCaseID, text: "Bel u morgen voor 12:00 terug", dueAt: Date().addingTimeInterval(86400), by: anna)
            let resent = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(!resent.contains("id=\"not-received\""))
            #expect(resent.contains("De toezegging &#39;Bel u morgen voor 12:00 terug&#39; staat nog open.") || resent.contains("De toezegging 'Bel u morgen voor 12:00 terug' staat nog open."))
            let overPromise = try await CaseActionsTests.post(client, "/cases/\(caseID)/resolve", cookie: cookie, resolve)
            #expect(overPromise.status == .unprocessableContent)
            #expect(overPromise.text.contains("Bel u morgen voor 12:00 terug"))
            #expect(!overPromise.text.contains("niet bereikt"))

            let confirmed = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: cookie, resolve.merging(["confirm": "1"]) { $1 })
            #expect(confirmed.status == .seeOther)
            #expect(try await store.case(id: theCaseID)?.status == .resolved)
            #expect(try await store.promises(caseID: theCaseID).first?.id == promise.id)
        }
    }

    /// The QA case: a threat of a lawyer and the Consumentenbond from a large account ranked below old thank-yous, and
    /// the page said only "Prioriteit 36".
    @Test("a thank-you after the solution stays on the resolved case, with a line that says why it did not reopen", arguments: TestDatabase.all)
    func thanksAfterResolution(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, Self.complaint)
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/take", cookie: cookie, ["csrf": csrf])
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: cookie,
                ["csrf": csrf, "outcome": "Omgeboekt naar de vlucht van morgen", "root_cause": "betaling", "confirm": "1"])
            #expect(resolved.status == .seeOther)
            let before = try #require(try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text)
            #expect(!before.contains("Kwam binnen nadat de zaak was afgehandeld"))

            let thanks = try await createCase(client, token: token, [
                "channel": "email", "author": ["email": "jeroen@example.nl"], "text": "Top, dank jullie wel voor het omboeken!",
            ])
            #expect(thanks == caseID, "the thank-you is kept on the case")
            #expect(try await store.case(id: theCaseID)?.status == .resolved)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            // On the latest message's card and in the timeline.
            #expect(page.components(separatedBy: "Kwam binnen nadat de zaak was afgehandeld; de zaak bleef afgehandeld").count == 3)
            #expect(page.contains("voor het omboeken!</p>"))
            let inbox = try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: cookie]).text
            #expect(!inbox.contains("/cases/\(caseID)\""), "a thank-you does not put the case back in the inbox")
        }
    }

    @Test("the case page says why its priority is what it is; a threat to go further is urgent, a compliment counts little", arguments: TestDatabase.all)
    func priorityExplained(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let threat = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "dreiging", "author": ["handle": "groot", "followers": 250_000],
                 "text": "Ik zeg mijn abonnement op, ik stap naar de Consumentenbond en schakel een advocaat in. Al drie weken niets gehoord!"])
            let thanks = try await createCase(
                client, token: token,
                ["channel": "x", "externalId": "dank", "author": ["handle": "blij", "followers": 300],
                 "text": "Dank jullie wel voor de snelle hulp, top geregeld!",
                 "receivedAt": Date().addingTimeInterval(-2 * 86_400).formatted(.iso8601)])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: threat)
            let threatPage = try await client.execute(uri: "/cases/\(threat)", method: .get, headers: [.cookie: cookie]).text
            #expect(threatPage.contains("id=\"priority-why\""))
            #expect(threatPage.contains("wachten 0 · opnieuw contact 0 · bereik 22 · de woorden 18;"), "\(threatPage.prefix(3000))")
            #expect(threatPage.contains("dringend door de woorden"))
            let thanksPage = try await client.execute(uri: "/cases/\(thanks)", method: .get, headers: [.cookie: cookie]).text
            #expect(thanksPage.contains("alleen een compliment: telt weinig"))
            let threatID = try #require(CaseID(threat))
            let thanksID = try #require(CaseID(thanks))
            let threatCase = try #require(try await store.case(id: threatID))
            let thanksCase = try #require(try await store.case(id: thanksID))
            #expect(threatCase.priority >= 60 && thanksCase.priority < threatCase.priority, "\(threatCase.priority) \(thanksCase.priority)")
        }
    }

    @Test("past WhatsApp's 24 hours the composer says an ordinary reply no longer arrives; within them it says nothing", arguments: TestDatabase.all)
    func whatsAppWindow(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let old = try await createCase(
                client, token: token,
                ["channel": "whatsapp", "externalId": "wamid.oud", "author": ["phone": "+31612345678", "name": "Mo"],
                 "text": "Mijn bestelling is nog niet binnen.", "receivedAt": Date().addingTimeInterval(-30 * 3600).formatted(.iso8601)])
            let fresh = try await createCase(
                client, token: token,
                ["channel": "whatsapp", "externalId": "wamid.vers", "author": ["phone": "+31687654321", "name": "Sara"],
                 "text": "Mijn bestelling is nog niet binnen."])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: old)
            let oldPage = try await client.execute(uri: "/cases/\(old)", method: .get, headers: [.cookie: cookie]).text
            #expect(oldPage.contains("id=\"whatsapp-window\"") && oldPage.contains("meer dan 24 uur oud"))
            let freshPage = try await client.execute(uri: "/cases/\(fresh)", method: .get, headers: [.cookie: cookie]).text
            #expect(!freshPage.contains("id=\"whatsapp-window\""))
        }
    }

    /// The QA case: an improvement's news was queued to an Instagram customer whose message takes no
    /// reply, and then failed in the outbox.
    @Test("a message the platform takes no reply to is answered by e-mail when an address is known, else refused before it is written", arguments: TestDatabase.all)
    func unreachableOnPlatform(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            // An Instagram mention elsewhere: its author's account id is unknown, so no reply can go under it.
            let mention = try await createCase(
                client, token: token, ["channel": "instagram", "externalId": "17890001", "author": ["handle": "reiziger"], "text": "Alweer vertraging @ns"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: mention)
            let page = try await client.execute(uri: "/cases/\(mention)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("Via Instagram kan Signaal niet antwoorden en er is geen e-mailadres bekend"))
            let refused = try await CaseActionsTests.post(client, "/cases/\(mention)/replies", cookie: cookie, ["csrf": csrf, "text": "Hoi, wat vervelend!"])
            #expect(refused.status == .unprocessableContent)
            let mentionID = try #require(CaseID(mention))
            #expect(try await store.replies(caseID: mentionID).isEmpty, "nothing queued to fail")
            // With the customer's address linked, the same answer goes by e-mail.
            let customer = try #require(try await store.case(id: mentionID)).customerID
            try await store.linkIdentity(try #require(Identity(kind: .email, raw: "reiziger@example.nl")), to: customer, by: nil, at: Date())
            let sent = try await CaseActionsTests.post(client, "/cases/\(mention)/replies", cookie: cookie, ["csrf": csrf, "text": "Hoi, wat vervelend!"])
            #expect(sent.status == .seeOther)
            #expect(try await store.replies(caseID: mentionID).first?.channel == .email)
        }
    }

    @Test("the composer says whether the answer is public or a direct message, and offers a move to DM only in public", arguments: TestDatabase.all)
    func publicOrPrivate(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let tweet = try await createCase(
                client, token: token, ["channel": "x", "externalId": "1790001", "author": ["handle": "sanne_dv", "name": "Sanne de Vries 🚆"], "text": "Alweer vertraging!"])
            // A direct message as the X webhook stores it: the sender's account id, the id marked "dm:".
            let dmSignal = try await IngestSignal(store: store)(
                SignalDraft(
                    channel: .x, externalID: "dm:1790002", author: Author(handle: "piet_b", platformID: "42"),
                    text: "Mijn abonnement is dubbel afgeschreven.", receivedAt: Date()))
            let dm = try #require(dmSignal.createdCase).id.description
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: tweet)
            let publicPage = try await client.execute(uri: "/cases/\(tweet)", method: .get, headers: [.cookie: cookie]).text
            #expect(publicPage.contains("X (Twitter) (openbaar, voor iedereen te lezen)"))
            #expect(publicPage.contains("Verder in een privébericht (DM)") && publicPage.contains("Liever in een privébericht"))
            #expect(publicPage.contains("Hoi Sanne,") && !publicPage.contains("Hoi Sanne de Vries"), "greeted by first name, without the emoji")
            let privatePage = try await client.execute(uri: "/cases/\(dm)", method: .get, headers: [.cookie: cookie]).text
            #expect(privatePage.contains("X (Twitter) (privébericht)"))
            #expect(!privatePage.contains("Verder in een privébericht (DM)") && !privatePage.contains("Liever in een privébericht"))
        }
    }

    @Test("the satisfaction question is no reply in the coaching figures; one that could not be sent says so on the case", arguments: TestDatabase.all)
    func satisfactionQuestion(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, Self.complaint)
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
            let (_, leadSession) = try await WebTests.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47")
            let leadCookie = try #require(leadSession)
            let leadPage = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: leadCookie]).text
            let marker = try #require(leadPage.range(of: "name=\"csrf\" value=\""))
            let leadCSRF = String(leadPage[marker.upperBound...].prefix { $0 != "\"" })
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: leadCookie,
                ["csrf": leadCSRF, "outcome": "Ticket en treinticket vergoed, klant gebeld", "root_cause": "betaling", "check": "1", "confirm": "1"])
            #expect(resolved.status == .seeOther, "\(resolved.text.prefix(400))")
            #expect(try await store.satisfactionChecks(caseID: theCaseID).count == 1)
            try await Self.runOutboxWithoutMail(store)
            #expect(try await store.replies(caseID: theCaseID).first?.status == .failed)

            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            let card = try #require(Self.section(page, from: "id=\"satisfaction-title\""))
            #expect(card.contains("niet verzonden: de klant heeft de vraag niet ontvangen"))
            #expect(!card.contains("nog geen antwoord"))

            let coaching = try await client.execute(uri: "/coaching", method: .get, headers: [.cookie: leadCookie]).text
            #expect(!coaching.contains("Tevredenheid") && !coaching.contains("tevredenheid/"), "the question is not a reply to coach")
            let row = try #require(coaching.range(of: "<th scope=\"row\">Lotte Lead</th>"), "the lead resolved, so has a row")
            let replies = coaching[row.upperBound...].drop { $0.isWhitespace }.prefix { $0 != "\n" }
            #expect(replies == "<td class=\"replies\">0</td>", "no reply counted for the lead")
        }
    }

    @Test("without outgoing mail the agent reads what to do, not a setting's name; the server log names the settings")
    func mailNotConfigured() async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(client, token: token, Self.complaint)
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": "Beste heer Dijkman, ik zoek het uit."])
            try await Self.runOutboxWithoutMail(store)
            let reply = try #require(try await store.replies(caseID: theCaseID).first)
            #expect(reply.lastError == "Uitgaande e-mail is niet ingesteld; vraag de beheerder dit in te stellen. Het antwoord is niet verzonden.")
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(!page.contains("SIGNAAL_"), "agents cannot act on a variable's name")
            // The operator reads at start what to set.
            let log = LogRecorder()
            _ = try await buildApplication(configuration: AppConfig(), dependencies: .init(store: store, logger: log.logger))
            let warnings = log.entries.withLock { $0 }.filter { $0.level == .warning }.map(\.text)
            #expect(warnings.contains { $0.contains("SIGNAAL_SMTP_URL") && $0.contains("SIGNAAL_SENDMAIL") }, "\(warnings)")
        }
    }

    @Test("a handoff is in the case history with who, to whom, when and the briefing; the open promise goes to the new owner", arguments: TestDatabase.all)
    func handoffInHistory(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let caseID = try await createCase(client, token: token, Self.complaint)
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let anna = try #require(try await store.users().first { $0.email == "agent@example.nl" })
            let fatima = try await UserAccounts.forTests(store).create(email: "fatima@example.nl", name: "Fatima El Amrani", role: .agent, password: "Vlinder-kade-47")
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/take", cookie: cookie, ["csrf": csrf])
            let promise = try await KeepPromises(store: store).make(
                caseID: theCaseID, text: "Bel u morgen voor 12:00 terug", dueAt: Date().addingTimeInterval(86400), by: anna)
            let briefing = "Klant wil terugbetaling van het ticket; terugbellen morgen voor 12:00 is beloofd."
            let handed = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/handoff", cookie: cookie, ["csrf": csrf, "to": fatima.id.description, "briefing": briefing])
            #expect(handed.status == .seeOther)

            #expect(try await store.promises(caseID: theCaseID).first { $0.id == promise.id }?.ownerID == fatima.id)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            let historyAt = try #require(page.range(of: "<ol class=\"history\">"))
            let rest = page[historyAt.upperBound...]
            let end = String(rest[..<(rest.range(of: "</ol>")?.lowerBound ?? rest.endIndex)])
            #expect(end.contains("overgedragen aan Fatima El Amrani"), "\(end)")
            #expect(end.contains("van Anna Agent (door Anna Agent)"))
            #expect(end.contains(briefing))
            let promises = try #require(Self.section(page, from: "id=\"promises-title\""))
            #expect(promises.contains("Fatima El Amrani") && !promises.contains("Anna Agent"))
        }
    }

    @Test("serve on a public address without SIGNAAL_PUBLIC_URL warns at start: customers would get a link to the server's own address")
    func publicURLWarning() async throws {
        try await withTestStore(.sqlite) { store, _ in
            func warnings(host: String, publicURL: String?) async throws -> [String] {
                var configuration = AppConfig.forTests
                configuration.host = host
                configuration.publicURL = publicURL
                let log = LogRecorder()
                _ = try await buildApplication(configuration: configuration, dependencies: .init(store: store, logger: log.logger))
                return log.entries.withLock { $0 }.filter { $0.level == .warning && $0.text.contains("SIGNAAL_PUBLIC_URL") }.map(\.text)
            }
            let unset = try await warnings(host: "0.0.0.0", publicURL: nil)
            let set = try await warnings(host: "0.0.0.0", publicURL: "https://webcare.example.nl")
            let local = try await warnings(host: "127.0.0.1", publicURL: nil)
            #expect(unset.count == 1)
            #expect(set.isEmpty)
            #expect(local.isEmpty, "a local server is a developer's")
        }
    }

    @Test("a failed reply is no first response; resent and taken by the mail server, it is", arguments: TestDatabase.all)
    func resentReplyIsTheFirstResponse(database: TestDatabase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-flow-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try OutboxTests.sendmailScript(in: directory, "cat > /dev/null")
        var mail = AppConfig(priorityRefreshInterval: .seconds(3600))
        mail.channels.sendmailPath = script.path
        try await withTestStore(database) { store, _ in
            let outcome = try await IngestSignal(store: store)(
                SignalDraft(channel: .email, author: Author(name: "Jeroen", email: "jeroen@example.nl"), text: "Mijn vlucht is geannuleerd.", receivedAt: Date()))
            let caseID = outcome.signal.caseID
            let reply = try await WriteReply(store: store)(caseID: caseID, text: "Beste Jeroen, ik zoek het voor u uit.", author: nil)
            try await Self.runOutboxWithoutMail(store)
            #expect(try await store.case(id: caseID)?.respondedAt == nil)

            _ = try await store.requeueReply(id: reply.id, now: Date())
            try await makeOutboxService(configuration: mail, dependencies: AppDependencies(store: store)).runOnce()
            let sent = try #require(try await store.reply(id: reply.id))
            #expect(sent.status == .sent)
            let theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.respondedAt == sent.sentAt, "the first response is when it reached the customer")
            let clock = SLASettings.standard.clock(for: theCase, now: Date())
            #expect(clock.firstResponse.completedAt == sent.sentAt)
        }
    }
}
