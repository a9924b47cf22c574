import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// The forms off the case page keep what was typed when they are refused, as the case page's do:
/// the page comes back under the refusal's status, with the reason beside the form.
@Suite("Web: a refused form outside the case page comes back with what was typed")
struct FailedFormWebTests {
    /// Signs in as an agent; the cookie and the session's CSRF token, from the "Contact vastleggen" page.
    static func agent(_ client: any TestClientProtocol, store: any SignaalStore) async throws -> (String, String) {
        try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
        let cookie = try #require(try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47").1)
        let page = try await client.execute(uri: "/notes/new", method: .get, headers: [.cookie: cookie]).text
        return (cookie, try TeamsWebTests.csrf(in: page))
    }

    /// The page came back under `status` with `reason` beside the form (the start of it, when
    /// `whole` is false).
    static func expectBack(
        _ response: TestResponse, _ status: HTTPResponse.Status, reason: String, whole: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == status, sourceLocation: sourceLocation)
        let alert = "<p class=\"field-error\" role=\"alert\">\(reason)" + (whole ? "</p>" : "")
        // The error's id (which ties the field to it) is not what this checks.
        let page = response.text.replacing(/\ id="[a-z-]+-problem"/, with: "")
        #expect(page.contains(alert), "\(response.text)", sourceLocation: sourceLocation)
    }

    @Test("Contact vastleggen: a wrong address, number, time or an empty text keeps every field, stores nothing", arguments: TestDatabase.all)
    func note(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (cookie, csrf) = try await Self.agent(client, store: store)
            let blank = try await client.execute(uri: "/notes/new", method: .get, headers: [.cookie: cookie]).text
            let typed = [
                "csrf": csrf, "channel": "letter", "name": "Piet & Co", "email": "piet@example.nl", "phone": "06-12345678",
                "at": "2025-11-23T14:05", "text": "Schreef dat zijn \"retour\" nooit is terugbetaald.",
            ]
            for (field, value, reason) in [
                ("email", "piet@", "Dit e-mailadres klopt niet."), ("phone", "bel me", "Dit telefoonnummer klopt niet."),
                ("text", "   ", "De tekst is leeg."), ("at", "gisteren", "&#39;gisteren&#39; is geen datum en tijd; kies die in het veld (dag en tijd), zoals 2026-12-08T12:00."),
            ] {
                let response = try await CaseActionsTests.post(client, "/notes", cookie: cookie, typed.merging([field: value]) { $1 })
                Self.expectBack(response, .unprocessableContent, reason: reason)
                let page = response.text
                #expect(page.contains("<option value=\"letter\" selected>brief</option>"))
                #expect(page.contains("<option value=\"phone\">telefoon</option>"), "only the chosen kind is selected")
                #expect(page.contains("id=\"note-name\" name=\"name\" type=\"text\" value=\"Piet &amp; Co\""))
                let email = field == "email" ? value : "piet@example.nl"
                #expect(page.contains("id=\"note-email\" name=\"email\" type=\"email\" value=\"\(email)\""))
                let phone = field == "phone" ? value : "06-12345678"
                #expect(page.contains("id=\"note-phone\" name=\"phone\" type=\"tel\" value=\"\(phone)\""))
                let at = field == "at" ? value : "2025-11-23T14:05"
                #expect(page.contains("id=\"note-at\" name=\"at\" type=\"datetime-local\" value=\"\(at)\""))
                let text = field == "text" ? value : "Schreef dat zijn &quot;retour&quot; nooit is terugbetaald."
                #expect(page.contains(">\(text)</textarea>"), "\(field): the text typed is kept")
                #expect(
                    page.components(separatedBy: csrf).count == blank.components(separatedBy: csrf).count,
                    "the CSRF token only where the form always has it, never among the values typed")
            }
            for channel in RecordContact.channels {
                #expect(try await store.signals(channel: channel, limit: 5, after: nil).isEmpty, "nothing recorded")
            }

            // In English the page around it is English; a refusal still is 403.
            let english = try await CaseActionsTests.post(client, "/notes?lang=en", cookie: cookie, typed.merging(["email": "piet@"]) { $1 })
            #expect(english.status == .unprocessableContent)
            #expect(english.text.contains("<h1>Log a contact</h1>") && english.text.contains(">Log contact</button>"))
            #expect(english.text.contains("Schreef dat zijn &quot;retour&quot; nooit is terugbetaald.</textarea>"))
            let expired = try await CaseActionsTests.post(client, "/notes", cookie: cookie, typed.merging(["csrf": "oud"]) { $1 })
            #expect(expired.status == .forbidden)
        }
    }

    @Test("what was typed comes back escaped: a <script> in a note is text, never markup")
    func escaped() async throws {
        try await withApp(.sqlite) { client, store, _ in
            let (cookie, csrf) = try await Self.agent(client, store: store)
            let response = try await CaseActionsTests.post(
                client, "/notes", cookie: cookie,
                ["csrf": csrf, "channel": "phone", "name": "<b>Piet</b>", "email": "x\"><script>alert(1)</script>",
                 "text": "Belde: <script>alert('hallo')</script> & meer"])
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(!page.contains("<script>alert"), "\(page)")
            #expect(!page.contains("<b>Piet</b>"))
            #expect(page.contains(">Belde: &lt;script&gt;alert(&#39;hallo&#39;)&lt;/script&gt; &amp; meer</textarea>"))
            #expect(page.contains("value=\"&lt;b&gt;Piet&lt;/b&gt;\""))
            #expect(page.contains("value=\"x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        }
    }

    @Test("opening an incident: a missing or too long name keeps the form open with the name and topic typed", arguments: TestDatabase.all)
    func openIncident(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (cookie, csrf) = try await IncidentWebTests.lead(client, store: store)
            let long = "Storing \"bank-app\" & " + String(repeating: "x", count: 120)
            let tooLong = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, ["csrf": csrf, "onderwerp": "storing", "titel": long])
            Self.expectBack(tooLong, .unprocessableContent, reason: "Een naam van hoogstens 120 tekens.")
            let page = tooLong.text
            #expect(page.contains("<details class=\"card\" open>"), "the form stays open")
            #expect(page.contains("value=\"Storing &quot;bank-app&quot; &amp; \(String(repeating: "x", count: 120))\""))
            #expect(page.contains("<option value=\"storing\" selected>"))
            let empty = try await CaseActionsTests.post(client, "/incidenten", cookie: cookie, ["csrf": csrf, "onderwerp": "storing", "titel": " "])
            Self.expectBack(empty, .unprocessableContent, reason: "Geef het incident een naam", whole: false)
            #expect(try await store.incidents(limit: 10).isEmpty, "nothing opened")
            // Without a failure the form is closed and nothing chosen.
            let list = try await client.execute(uri: "/incidenten", method: .get, headers: [.cookie: cookie]).text
            #expect(list.contains("<details class=\"card\">") && !list.contains(" selected>") && !list.contains("field-error"))
        }
    }

    @Test("a status update that is empty or too long comes back with the text; nothing is sent; a closed incident is 409", arguments: TestDatabase.all)
    func incidentUpdate(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await IncidentWebTests.openOutage(client, store: store, token: token, title: "Storing")
            let incident = try #require(IncidentID(String(location.dropFirst("/incidenten/".count))))

            let empty = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "  "])
            Self.expectBack(empty, .unprocessableContent, reason: "De tekst is leeg.")
            #expect(empty.text.contains("<h1>Storing</h1>"), "the incident's own page")
            let long = "Hoi {klant}, <we> werken eraan. " + String(repeating: "Meer nieuws volgt. ", count: 1800)
            let tooLong = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": long])
            Self.expectBack(tooLong, .contentTooLarge, reason: "De tekst is langer dan 32 KiB.")
            let escaped = long.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            #expect(tooLong.text.contains(">\(escaped)</textarea>"), "the lead's text is kept")
            #expect(try await store.incidentUpdates(incidentID: incident).isEmpty)
            #expect(try await store.replies(caseID: try #require(CaseID(ids[0]))).isEmpty, "nothing was sent")

            // Closed meanwhile: the form is gone from its page, so the error page says why.
            _ = try await CaseActionsTests.post(client, "\(location)/sluiten", cookie: cookie, ["csrf": csrf])
            let closed = try await CaseActionsTests.post(client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "  "])
            #expect(closed.status == .conflict)
        }
    }

    @Test("starting an improvement: a too long plan keeps the form open with title, cause and plan; nothing starts", arguments: TestDatabase.all)
    func startImprovement(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (cookie, csrf) = try await IncidentWebTests.lead(client, store: store)
            let plan = "Stap 1: <overleg> met logistiek & finance. " + String(repeating: "p", count: 2000)
            let response = try await CaseActionsTests.post(
                client, "/verbeteringen", cookie: cookie, ["csrf": csrf, "oorzaak": "levering", "titel": "Retour \"gratis\"", "plan": plan])
            Self.expectBack(response, .unprocessableContent, reason: "Een plan van hoogstens 2000 tekens.")
            let page = response.text
            #expect(page.contains("id=\"new-improvement\" open"), "the form stays open")
            #expect(page.contains("value=\"Retour &quot;gratis&quot;\""))
            #expect(page.contains("<option value=\"levering\" selected>"))
            #expect(page.contains(">Stap 1: &lt;overleg&gt; met logistiek &amp; finance. \(String(repeating: "p", count: 2000))</textarea>"))
            #expect(try await store.improvements(limit: 10).isEmpty, "nothing started")
        }
    }

    @Test("finishing an improvement: an empty or too long message comes back with the message and the tick; nothing is sent", arguments: TestDatabase.all)
    func finishImprovement(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, _) = try await ImprovementWebTests.resolvedComplaints(client, store: store, token: token)
            let (cookie, csrf) = try await IncidentWebTests.lead(client, store: store)
            let started = try await CaseActionsTests.post(client, "/verbeteringen", cookie: cookie, ["csrf": csrf, "oorzaak": "levering", "titel": "Retour gratis"])
            let location = try #require(started.headers[.location])
            let action = try #require(ImprovementID(String(location.dropFirst("/verbeteringen/".count))))

            // Unticked and empty: the tick stays off.
            let empty = try await CaseActionsTests.post(client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": " "])
            Self.expectBack(empty, .unprocessableContent, reason: "Schrijf wat er veranderd is", whole: false)
            #expect(empty.text.contains("<input type=\"checkbox\" name=\"klanten\" value=\"ja\">"), "\(empty.text)")
            let long = "Retour is <nu> gratis. " + String(repeating: "Dank voor uw melding. ", count: 1600)
            let tooLong = try await CaseActionsTests.post(
                client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": long, "klanten": "ja"])
            Self.expectBack(tooLong, .contentTooLarge, reason: "De tekst is langer dan 32 KiB.")
            #expect(tooLong.text.contains(">Retour is &lt;nu&gt; gratis. Dank voor uw melding."))
            #expect(tooLong.text.contains("<input type=\"checkbox\" name=\"klanten\" value=\"ja\" checked>"))
            #expect(try await store.improvement(id: action)?.isDone == false, "nothing finished")
            #expect(try await store.replies(caseID: try #require(CaseID(ids[0]))).isEmpty, "nothing was sent")

            // Finished meanwhile: the form is gone from its page, so the error page says why.
            _ = try await CaseActionsTests.post(client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": "Retour is gratis."])
            let again = try await CaseActionsTests.post(client, "\(location)/afronden", cookie: cookie, ["csrf": csrf, "bericht": " "])
            #expect(again.status == .conflict)
        }
    }
}
