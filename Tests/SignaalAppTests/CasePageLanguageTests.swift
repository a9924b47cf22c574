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

@Suite("Web: the case page in Dutch and English")
struct CasePageLanguageTests {
    @Test(
        "with ?lang=en the case page's SLA facts, ownership, promises, compensations, replies and forms are in English; Dutch stays the default",
        arguments: TestDatabase.all)
    func caseInBothLanguages(database: TestDatabase) async throws {
        let clock = TestClock(SLAWebTests.monday)
        try await withApp(database, clock: { clock.date }, configuration: SLAWebTests.configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "ria@example.nl", "name": "Ria"], "receivedAt": "2026-12-07T08:00:00Z",
                 "text": "Mijn OV-chipkaart is twee keer belast voor dezelfde rit"])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let bram = try await UserAccounts.forTests(store).create(email: "bram@example.nl", name: "Bram Bos", role: .agent, password: "Vlinder-kade-47")
            clock.advance(80 * 60)
            #expect(try await WatchSLA(store: store, settings: SLAWebTests.configuration.sla, clock: { clock.date })() == 1)

            #expect(try await CaseActionsTests.post(client, "/cases/\(caseID)/take", cookie: cookie, ["csrf": csrf]).status == .seeOther)
            let replied = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": "Beste Ria, sorry voor de dubbele afschrijving. Ik bel u binnen een uur terug.",
                 "promise_text": "Ria terugbellen", "promise_due": PromiseWebTests.amsterdam(clock.date.addingTimeInterval(3600))])
            #expect(replied.status == .seeOther)
            let granted = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/compensations", cookie: cookie, ["csrf": csrf, "kind": "refund", "amount": "7,50", "reason": "Dubbel betaald"])
            #expect(granted.status == .seeOther)
            let handed = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/handoff", cookie: cookie,
                ["csrf": csrf, "to": bram.id.description, "briefing": "Ria is twee keer belast; terugbellen is beloofd binnen een uur."])
            #expect(handed.status == .seeOther)
            clock.advance(2 * 3600)
            // Bram, the owner now, sees every part of the page, the composer too.
            let (_, bramSession) = try await WebTests.signIn(client, email: "bram@example.nl", password: "Vlinder-kade-47")
            let bramCookie = try #require(bramSession)

            let english = try await client.execute(uri: "/cases/\(caseID)?lang=en", method: .get, headers: [.cookie: bramCookie]).text
            for text in [
                "aria-label=\"SLA targets (priority ", "<dt>First response <span class=\"hint\">(target 1 h in working hours, due ",
                "SLA target missed: <span>first response (due ", "Handoff for you: read this first", "From Anna Agent to Bram Bos",
                "Bram Bos owns this case.", "handed over once", "<h2 id=\"promises-title\">Promises to the customer</h2>",
                "<span class=\"late\">overdue</span>", ">Kept</button>", ">Not kept</button>", "Surprise the customer",
                "we were later than our own target", "a handwritten card", "refund · <span class=\"compensation-status\">granted</span>",
                "<summary>Make it up to the customer</summary>", "<h3>Replies to the customer</h3>", ">Send</button>", "Keys: r to reply",
                "data-writes-one=\"is writing a reply to this case.\"", "data-unreachable=\"The coach cannot be reached right now",
                "<summary>Log a phone call, counter visit or letter</summary>", "<option value=\"phone\">phone</option>",
                "Reply coach when sent: ", "aria-label=\"Unlink ria@example.nl\">unlink</button>",
                "first message via e-mail", "taken by Anna Agent", "reply written",
            ] { #expect(english.contains(text), "English case page lacks \(text)") }
            for text in [
                "Norm overschreden", "uiterlijk", "te laat", "Toezeggingen aan de klant", "Nagekomen", "Niet gelukt", "is eigenaar van deze zaak",
                "keer overgedragen", "lees dit eerst", "Verras de klant", "onze eigen norm", "handgeschreven", "</strong> terugbetaling", "toegekend",
                "Iets goedmaken", "Antwoorden aan de klant", ">Versturen<", "Toetsen:", "schrijft nu een antwoord", "vastleggen",
                "Zaak afronden", ">telefoon<", "ontkoppelen", "Koppelen", "probleem niet benoemd",
                "eerste signaal via", "opgepakt door", "antwoord geschreven",
            ] { #expect(!english.contains(text), "English case page still says \(text)") }
            #expect(english.contains("Mijn OV-chipkaart is twee keer belast"), "the customer's words stay as written")

            let dutch = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: bramCookie]).text
            for text in [
                "aria-label=\"Normen (prioriteit ", "<dt>Eerste reactie <span class=\"hint\">(norm 1 u werktijd, uiterlijk ",
                "Norm overschreden: <span>eerste reactie (uiterlijk ", "Overdracht voor u: lees dit eerst", "Van Anna Agent aan Bram Bos",
                "Bram Bos is eigenaar van deze zaak.", "1 keer overgedragen", "<h2 id=\"promises-title\">Toezeggingen aan de klant</h2>",
                "<span class=\"late\">te laat</span>", ">Nagekomen</button>", ">Niet gelukt</button>", "we waren later dan onze eigen norm",
                "terugbetaling · <span class=\"compensation-status\">toegekend</span>", "<summary>Iets goedmaken</summary>",
                "<h3>Antwoorden aan de klant</h3>", ">Versturen</button>", "Toetsen: r antwoorden, a oppakken of overdragen, Esc uit een veld.",
                "<summary>Telefoongesprek, baliebezoek of brief vastleggen</summary>", "<option value=\"phone\">telefoon</option>",
                "aria-label=\"ria@example.nl ontkoppelen\">ontkoppelen</button>",
                "eerste signaal via e-mail", "opgepakt door Anna Agent", "antwoord geschreven",
            ] { #expect(dutch.contains(text), "Dutch case page lacks \(text)") }
            for text in ["SLA target missed", "Promises to the customer", "handed over", "Replies to the customer", ">overdue<", "Keys:"] {
                #expect(!dutch.contains(text), "Dutch case page says \(text)")
            }
        }
    }
}
