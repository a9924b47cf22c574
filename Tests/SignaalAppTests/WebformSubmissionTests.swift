import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// What the QA walk-through of `/melden` found: a reference nobody could find, a refresh that filed
/// the complaint twice, and refusals on the agents' error page without what the customer typed.
@Suite("Web form /melden: one complaint per submission, its reference found, refusals on the form")
struct WebformSubmissionTests {
    typealias Form = WebformTests

    @Test("the same form posted again (a refresh, a double click, both at once) is one signal and the same thanks with the same reference", arguments: TestDatabase.all)
    func samePostTwice(database: TestDatabase) async throws {
        var configuration = AppConfig.forTests
        configuration.channels.webformPerHour = 1
        try await withApp(database, configuration: configuration) { client, store, _ in
            let (cookie, csrf, action) = try await Form.openForm(client)
            // A double click: two posts at once. The hourly limit of one counts them once.
            async let clicked = Form.post(client, Form.valid, cookie: cookie, csrf: csrf, action: action)
            async let clickedAgain = Form.post(client, Form.valid, cookie: cookie, csrf: csrf, action: action)
            let (first, double) = try await (clicked, clickedAgain)
            #expect(first.status == .seeOther, "Post/Redirect/Get: a refresh of the thanks posts nothing")
            let location = try #require(first.headers[.location])
            #expect(location.range(of: #"^/melden/ontvangen/SG-[2-9A-Z]{4}-[2-9A-Z]{4}\?lang=nl$"#, options: .regularExpression) != nil, "\(location)")
            #expect(double.status == .seeOther)
            #expect(double.headers[.location] == location)
            // Later again (a refresh of the post, the back button and send): the same thanks.
            let later = try await Form.post(client, Form.valid, cookie: cookie, csrf: csrf, action: action)
            #expect(later.status == .seeOther)
            #expect(later.headers[.location] == location)

            let signals = try await store.signals(channel: .webform, limit: 10, after: nil)
            #expect(signals.count == 1)
            let signal = try #require(signals.first)
            #expect(try await store.case(id: signal.caseID)?.signalCount == 1)

            let thanks = try await Form.follow(client, first, cookie: cookie)
            #expect(thanks.status == .ok)
            #expect(thanks.text.contains("Bedankt, Henk de Boer. We hebben uw melding ontvangen."))
            #expect(try Form.reference(in: thanks.text) == signal.externalID)

            // Another text under the same token is a new complaint, and that one counts.
            var edited = Form.valid
            edited["message"] = "Ook mijn tweede pakket kwam onder rembours, weer €6,95 extra."
            let other = try await Form.post(client, edited, cookie: cookie, csrf: csrf, action: action)
            #expect(other.status == .tooManyRequests)
        }
    }

    @Test("an edited text sent with the same token is a new complaint under a reference of its own", arguments: TestDatabase.all)
    func editedTextIsNew(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (cookie, csrf, action) = try await Form.openForm(client)
            let first = try await Form.post(client, Form.valid, cookie: cookie, csrf: csrf, action: action)
            var edited = Form.valid
            edited["message"] = "Ook mijn tweede pakket kwam onder rembours, weer €6,95 extra."
            let second = try await Form.post(client, edited, cookie: cookie, csrf: csrf, action: action)
            #expect(second.status == .seeOther)
            #expect(second.headers[.location] != first.headers[.location])
            let signals = try await store.signals(channel: .webform, limit: 10, after: nil)
            #expect(Set(signals.map(\.text)) == [Form.valid["message"]!, edited["message"]!])
            let references = try [first, second].map { try #require($0.headers[.location]).split(separator: "/").last.map { $0.split(separator: "?")[0] } }
            #expect(Set(signals.compactMap(\.externalID)) == Set(references.compactMap { $0.map(String.init) }))
        }
    }

    @Test("the thanks address holds only the reference: without the browser's cookie no name, and anything else goes back to the form")
    func thanksAddress() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let (cookie, csrf, action) = try await Form.openForm(client)
            let posted = try await Form.post(client, Form.valid, cookie: cookie, csrf: csrf, action: action)
            let location = try #require(posted.headers[.location])
            let bare = try await client.execute(uri: location, method: .get, headers: [.accept: "text/html"])
            #expect(bare.status == .ok)
            #expect(bare.text.contains("Bedankt. We hebben uw melding ontvangen."))
            #expect(!bare.text.contains("Henk"), "someone else who has the address learns nothing more")
            let guessed = try await client.execute(
                uri: "/melden/ontvangen/SG-2222-2222", method: .get, headers: [.cookie: posted.headers[values: .setCookie].first ?? ""])
            #expect(!guessed.text.contains("Henk"))
            for wrong in ["/melden/ontvangen/SG-0000-0000", "/melden/ontvangen/%3Cscript%3E", "/melden/ontvangen/sg-2222-2222"] {
                let response = try await client.execute(uri: wrong, method: .get)
                #expect(response.status == .seeOther, "\(wrong)")
                #expect(response.headers[.location] == "/melden")
            }
        }
    }

    @Test("an agent finds the complaint by the reference the customer reads out: as given, in lower case, without SG-, with spaces", arguments: TestDatabase.all)
    func referenceSearch(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let thanks = try await Form.submit(client, Form.valid)
            let reference = try Form.reference(in: thanks.text)
            let signal = try #require(try await store.signals(channel: .webform, limit: 1, after: nil).first)
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            let cookie = try #require(session)
            let code = String(reference.dropFirst(3))
            for typed in [reference, reference.lowercased(), code, code.lowercased(), code.replacingOccurrences(of: "-", with: ""), "  \(reference)  ", "SG \(code)"] {
                let query = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let page = try await client.execute(uri: "/?q=\(query)", method: .get, headers: [.cookie: cookie])
                #expect(page.status == .ok)
                #expect(page.text.contains("href=\"/cases/\(signal.caseID)\""), "‘\(typed)’ finds the case")
                #expect(!page.text.contains("Niets gevonden"), "‘\(typed)’")
            }
            let unknown = try await client.execute(uri: "/?q=SG-2222-2222", method: .get, headers: [.cookie: cookie])
            #expect(unknown.text.contains("Niets gevonden voor ‘SG-2222-2222’."))
            // A word of the message still finds it as before.
            let word = try await client.execute(uri: "/?q=rembours", method: .get, headers: [.cookie: cookie])
            #expect(word.text.contains("href=\"/cases/\(signal.caseID)\""))
        }
    }

    @Test("an expired form comes back as the form under the organisation's name, with a fresh token, all typed kept and ‘Verstuur opnieuw’; a script gets problem+json")
    func expiredForm() async throws {
        var configuration = AppConfig.forTests
        configuration.organisation = "NS Klantenservice"
        try await withApp(.sqlite, configuration: configuration) { client, store, _ in
            let expired = try await Form.post(client, Form.valid, cookie: "signaal_form=van-gisteren", csrf: "van-eergisteren")
            #expect(expired.status == .forbidden)
            let html = expired.text
            #expect(html.contains("<span class=\"brand\">NS Klantenservice</span>"))
            #expect(!html.contains("Er ging iets mis"))
            #expect(!html.contains("Elk klantsignaal telt"))
            #expect(!html.contains("href=\"/\""), "no way into the agents' inbox")
            #expect(html.contains("Uw melding is nog niet verstuurd"))
            #expect(html.contains(">Verstuur opnieuw</button>"))
            #expect(html.contains("ik moest €6,95 extra betalen. Dat stond nergens!</textarea>"))
            #expect(html.contains("value=\"Henk de Boer\""))
            #expect(html.contains("value=\"henk@example.nl\""))
            #expect(html.contains("value=\"NL-4471\""))
            #expect(html.contains("value=\"ja\" checked"))
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)

            // The page's fresh token sends it.
            let cookie = try #require(expired.headers[values: .setCookie].first { $0.hasPrefix("signaal_form=") }).split(separator: ";")[0]
            let start = try #require(html.range(of: "name=\"csrf\" value=\"")).upperBound
            let token = String(html[start...].prefix { $0 != "\"" })
            #expect(cookie == "signaal_form=\(token)")
            let sent = try await Form.post(client, Form.valid, cookie: String(cookie), csrf: token)
            #expect(sent.status == .seeOther)
            #expect(try await store.signals(channel: .webform, limit: 10, after: nil).count == 1)

            let script = try await Form.post(client, Form.valid, cookie: nil, csrf: "raden", accept: "application/json")
            try expectProblem(script, .forbidden)
        }
    }

    @Test("past the hourly limit the form stays with what was typed, under the organisation's name, and says from when it can be sent again")
    func rateLimitOnTheForm() async throws {
        var configuration = AppConfig.forTests
        configuration.organisation = "NS Klantenservice"
        configuration.channels.webformPerHour = 1
        // 10 March 2026, 14:00 in Amsterdam.
        let now = Date(timeIntervalSince1970: 1_773_147_600)
        try await withApp(.sqlite, clock: { now }, configuration: configuration) { client, store, _ in
            #expect(try await Form.submit(client, Form.valid).status == .ok)
            var second = Form.valid
            second["message"] = "En nu is ook mijn tweede pakket zoek geraakt, ordernummer NL-4472."
            let refused = try await Form.submit(client, second)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "3600")
            let html = refused.text
            #expect(html.contains("<span class=\"brand\">NS Klantenservice</span>"))
            #expect(!html.contains("Er ging iets mis"))
            #expect(!html.contains("href=\"/\""))
            #expect(html.contains("Vanaf 15:00 uur kunt u het opnieuw versturen"))
            #expect(html.contains("ook mijn tweede pakket zoek geraakt, ordernummer NL-4472.</textarea>"))
            #expect(html.contains("value=\"Henk de Boer\""))
            #expect(try await store.signals(channel: .webform, limit: 10, after: nil).count == 1)

            let (cookie, csrf, _) = try await Form.openForm(client)
            let script = try await Form.post(client, second, cookie: cookie, csrf: csrf, accept: "application/json")
            try expectProblem(script, .tooManyRequests)
            #expect(script.headers[.retryAfter] == "3600")
        }
    }

    @Test("an error on the form's address (a post far too large) keeps the organisation's name and no link into the inbox")
    func errorOnTheForm() async throws {
        var configuration = AppConfig.forTests
        configuration.organisation = "NS Klantenservice"
        try await withApp(.sqlite, configuration: configuration) { client, _, _ in
            let (cookie, csrf, _) = try await Form.openForm(client)
            var huge = Form.valid
            huge["message"] = String(repeating: "a", count: 300 * 1024)
            let refused = try await Form.post(client, huge, cookie: cookie, csrf: csrf)
            #expect(refused.status == .contentTooLarge)
            #expect(refused.text.contains("<span class=\"brand\">NS Klantenservice</span>"))
            #expect(!refused.text.contains("Elk klantsignaal telt"))
            #expect(!refused.text.contains("href=\"/\""))
        }
    }
}
