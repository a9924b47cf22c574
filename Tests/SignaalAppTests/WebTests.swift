import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStoreTesting
import Testing

@Suite("Web: sign-in, inbox, case page")
struct WebTests {
    /// Signs in through the real form and returns the session cookie.
    /// `from`: the client's address, as a trusted proxy names it (`X-Forwarded-For`).
    static func signIn(
        _ client: any TestClientProtocol, email: String, password: String, from address: String? = nil
    ) async throws -> (HTTPResponse.Status, String?) {
        var proxied = HTTPFields()
        if let address { proxied[HTTPField.Name("X-Forwarded-For")!] = "10.0.0.1, \(address)" }
        let page = try await client.execute(uri: "/login", method: .get, headers: proxied)
        let loginCookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let html = page.text
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        let csrf = String(html[start...].prefix { $0 != "\"" })
        let form = "email=\(email)&password=\(password)&csrf=\(csrf)&next=%2F"
        var headers = proxied
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = loginCookie
        let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: form))
        let session = response.headers[values: .setCookie].first { $0.hasPrefix("signaal_session=") }
        return (response.status, session.flatMap { $0.split(separator: ";").first.map(String.init) })
    }

    @Test("the database does not hold a session's id, only its digest: a copy of the database signs nobody in; a session kept before that still works",
          arguments: TestDatabase.all)
    func sessionIDsAreNotStored(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let cookie = try #require(try await Self.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47").1)
            let id = String(cookie.dropFirst("signaal_session=".count))
            func digestKey(_ id: String) -> String {
                "hbs#" + SHA256.hash(data: Data("hbs.\(id)".utf8)).map { String(format: "%02x", $0) }.joined()
            }
            #expect(try await store.value(forKey: "hbs.\(id)", now: Date()) == nil, "the cookie's id is a key in the database")
            let kept = try #require(try await store.value(forKey: digestKey(id), now: Date()))
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .ok)

            // A session saved under its plain id before this change keeps its person signed in.
            try await store.setValue(kept, forKey: "hbs.oudesessie", expiresAt: Date().addingTimeInterval(3600))
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: "signaal_session=oudesessie"]).status == .ok)
        }
    }

    @Test("behind an https public address the cookies are Secure without a further setting; SIGNAAL_SECURE_COOKIES=0 still says otherwise")
    func secureCookiesFollowThePublicAddress() async throws {
        var configuration = AppConfig.forTests
        configuration.secureCookies = try AppConfig(environment: ["SIGNAAL_PUBLIC_URL": "https://webcare.example.nl"]).secureCookies
        try await withApp(.sqlite, configuration: configuration) { client, _, _ in
            let page = try await client.execute(uri: "/login", method: .get)
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("signaal_login=") })
            #expect(cookie.contains("; Secure"), "\(cookie)")
        }
        #expect(try AppConfig(environment: ["SIGNAAL_PUBLIC_URL": "https://webcare.example.nl", "SIGNAAL_SECURE_COOKIES": "0"]).secureCookies == false)
        #expect(try AppConfig(environment: ["SIGNAAL_PUBLIC_URL": "http://localhost:8080"]).secureCookies == false)
    }

    @Test("the inbox needs a sign-in; a wrong password is refused; the right one opens the Dutch inbox", arguments: TestDatabase.all)
    func signInFlow(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            // The one account of the web tests at the production cost; the others are made cheaply.
            try await UserAccounts(store: store).create(email: "agent@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let (_, hash) = try #require(try await store.userWithPasswordHash(email: "agent@example.nl"))
            #expect(hash.hasPrefix("$2b$12$"), "bcrypt at cost 12: \(hash.prefix(7))")
            let input: [String: Any] = [
                "channel": "x", "author": ["handle": "boos"], "text": "Al drie weken wacht ik op mijn terugbetaling van €49,95!",
            ]
            _ = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))

            let anonymous = try await client.execute(uri: "/", method: .get, headers: [.accept: "text/html"])
            #expect(anonymous.status == .found)
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true)
            // An English link followed while signed out leads to the English sign-in page.
            let anonymousEnglish = try await client.execute(uri: "/?zaken=alle&lang=en", method: .get, headers: [.accept: "text/html"])
            let signInPage = try #require(anonymousEnglish.headers[.location])
            #expect(signInPage == "/login?next=/%3Fzaken%3Dalle%26lang%3Den&lang=en")
            #expect(try await client.execute(uri: signInPage, method: .get).text.contains("<html lang=\"en\">"))
            // A form posted after the session ended (a reply late in a shift) leads back to its page after
            // signing in, not to the form's action, which answers only POST (a 405 page); without the
            // page's address, to the inbox.
            let lateReply = try await client.execute(
                uri: "/cases/01a25114-325b-7561-b6e3-6bb8edc10c3d/replies", method: .post,
                headers: [.accept: "text/html", .contentType: "application/x-www-form-urlencoded",
                          .referer: "http://localhost:8080/cases/01a25114-325b-7561-b6e3-6bb8edc10c3d?lang=en"],
                body: ByteBuffer(string: "text=Hallo"))
            // The session ran out (a form was posted): the sign-in page says so, and that the text typed is kept.
            #expect(lateReply.headers[.location] == "/login?next=/cases/01a25114-325b-7561-b6e3-6bb8edc10c3d%3Flang%3Den&verlopen=1")
            let expiredPage = try await client.execute(uri: try #require(lateReply.headers[.location]), method: .get).text
            #expect(expiredPage.contains("Uw sessie is verlopen; log opnieuw in. Wat u typte is bewaard."))
            #expect(!(try await client.execute(uri: signInPage, method: .get).text.contains("sessie is verlopen")), "a first visit is no expiry")
            // A page opened with a session cookie the server no longer knows: ended too.
            let stale = try await client.execute(uri: "/?lang=en", method: .get, headers: [.accept: "text/html", .cookie: "signaal_session=verlopen"])
            #expect(stale.headers[.location] == "/login?next=/%3Flang%3Den&verlopen=1&lang=en")
            #expect(try await client.execute(uri: try #require(stale.headers[.location]), method: .get).text
                .contains("Your session has ended; please sign in again. What you typed has been kept."))
            let elsewhere = try await client.execute(
                uri: "/cases/01a25114-325b-7561-b6e3-6bb8edc10c3d/replies", method: .post,
                headers: [.accept: "text/html", .referer: "https://evil.example//steal"], body: ByteBuffer(string: "text=Hallo"))
            #expect(elsewhere.headers[.location] == "/login?next=/&verlopen=1")
            // A page's script signed out (a presence report as the page closes, the live feed) gets 401, not
            // the sign-in page, whose new token would spoil a sign-in form open in the browser.
            let script = try await client.execute(
                uri: "/", method: .get, headers: [.accept: "text/html", HTTPField.Name("Sec-Fetch-Mode")!: "cors"])
            #expect(script.status == .unauthorized)
            #expect(script.headers[.location] == nil)
            #expect(try await client.execute(uri: "/events", method: .get, headers: [.accept: "text/event-stream"]).status == .unauthorized)
            let navigation = try await client.execute(
                uri: "/", method: .get, headers: [.accept: "text/html", HTTPField.Name("Sec-Fetch-Mode")!: "navigate"])
            #expect(navigation.status == .found)

            let (failedStatus, failedSession) = try await Self.signIn(client, email: "agent@example.nl", password: "fout")
            #expect(failedStatus == .unauthorized)
            #expect(failedSession == nil)

            let (status, session) = try await Self.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            #expect(status == .found)
            let cookie = try #require(session)
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains("Openstaande zaken"))
            #expect(inbox.text.contains("Al drie weken wacht ik op mijn terugbetaling van €49,95!"))
            #expect(inbox.text.contains("Anna Agent"))

            let english = try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie])
            #expect(english.text.contains("Open cases"))
            #expect(english.text.contains("<html lang=\"en\">"))
        }
    }

    @Test("no way off the site from a link: a sign-in's way back and the language link stay here; signed-in pages are not cached")
    func staysOnSite() async throws {
        try await withApp(.sqlite) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            func signIn(next: String) async throws -> String? {
                let page = try await client.execute(uri: "/login", method: .get)
                let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                let start = try #require(page.text.range(of: "name=\"csrf\" value=\"")).upperBound
                let csrf = String(page.text[start...].prefix { $0 != "\"" })
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                    body: ByteBuffer(string: "email=agent@example.nl&password=Vlinder-kade-47&csrf=\(csrf)&next=\(next)"))
                #expect(response.status == .found)
                return response.headers[.location]
            }
            // Browsers drop a tab or line break in a URL, and read "\" as "/": each is "//evil.example".
            for next in ["%2F%09%2Fevil.example%2F", "%2F%0A%2Fevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example"] {
                #expect(try await signIn(next: next) == "/", "\(next)")
            }
            #expect(try await signIn(next: "%2Fcases%2F123%3Flang%3Den") == "/cases/123?lang=en")

            let notFound = try await client.execute(uri: "//evil.example/x?a=1", method: .get, headers: [.accept: "text/html"])
            #expect(notFound.status == .notFound)
            let link = try #require(notFound.text.firstMatch(of: /class="language"[^>]*href="([^"]*)"|href="([^"]*)"[^>]*class="language"/))
            let href = String(link.output.1 ?? link.output.2 ?? "")
            #expect(href.hasPrefix("?") && href.contains("lang=en"), "\(href)")

            let (_, session) = try await Self.signIn(client, email: "agent@example.nl", password: "Vlinder-kade-47")
            let inbox = try await client.execute(uri: "/", method: .get, headers: [.cookie: try #require(session)])
            #expect(inbox.headers[.cacheControl] == "no-store")
        }
    }

    @Test("a login form without its CSRF cookie is refused")
    func csrf() async throws {
        try await withApp(.sqlite) { client, store, _ in
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let response = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                body: ByteBuffer(string: "email=agent@example.nl&password=Vlinder-kade-47&csrf=geraden"))
            #expect(response.status == .forbidden)
            #expect(response.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("signaal_session=") })
        }
    }

    @Test("the case page shows the customer's timeline across channels, with customer text escaped")
    func casePage() async throws {
        try await withApp(.sqlite) { client, store, token in
            try await UserAccounts.forTests(store).create(email: "lead@example.nl", name: "Lotte Lead", role: .lead, password: "Vlinder-kade-47")
            let tweet: [String: Any] = [
                "channel": "x", "externalId": "x-1", "author": ["handle": "hacker", "email": "h@example.nl"],
                "text": "<script>alert(1)</script> \"><img src=x onerror=alert(2)> mijn pakket is kwijt",
            ]
            let created = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(tweet)).json()
            let caseID = try #require(created["caseId"] as? String)
            let mail: [String: Any] = ["channel": "email", "author": ["email": "h@example.nl"], "text": "Ook per mail: waar is mijn pakket?"]
            _ = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(mail))

            let (_, session) = try await Self.signIn(client, email: "lead@example.nl", password: "Vlinder-kade-47")
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: try #require(session)])
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Tijdlijn van de klant"))
            #expect(html.contains("Ook per mail: waar is mijn"))
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("<img src=x"))
            #expect(html.contains("&lt;script&gt;"))
            #expect(html.contains("onerror="))  // shown as text, escaped, never as an attribute
            // The analysis is shown with its evidence highlighted.
            #expect(html.contains("<mark class=\"ev-neg\""))
            #expect(html.contains("bedoeling:"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)

            let missing = try await client.execute(
                uri: "/cases/\(UUID())", method: .get, headers: [.cookie: try #require(session), .accept: "text/html"])
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Er ging iets mis"))
        }
    }
}
