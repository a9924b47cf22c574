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

@Suite("Web form /melden")
struct WebformTests {
    /// Opens the form and returns its cookie and CSRF token, as a browser would.
    static func openForm(_ client: any TestClientProtocol, uri: String = "/melden") async throws -> (cookie: String, csrf: String, action: String) {
        let page = try await client.execute(uri: uri, method: .get)
        #expect(page.status == .ok)
        let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("signaal_form=") })
        func attribute(_ marker: String) throws -> String {
            let start = try #require(page.text.range(of: marker)).upperBound
            return String(page.text[start...].prefix { $0 != "\"" })
        }
        return (String(cookie.split(separator: ";")[0]), try attribute("name=\"csrf\" value=\""), try attribute("<form method=\"post\" action=\""))
    }

    /// Fills in the form opened at `uri`, sends it where the form says and follows the redirect to
    /// the thanks (Post/Redirect/Get), as a browser would.
    static func submit(_ client: any TestClientProtocol, _ fields: [String: String], uri: String = "/melden") async throws -> TestResponse {
        let (cookie, csrf, action) = try await openForm(client, uri: uri)
        let posted = try await post(client, fields, cookie: cookie, csrf: csrf, action: action)
        return try await follow(client, posted, cookie: cookie)
    }

    /// Sends the fields with the form's cookie and token, without following the answer.
    static func post(
        _ client: any TestClientProtocol, _ fields: [String: String], cookie: String?, csrf: String, action: String = "/melden",
        accept: String = "text/html"
    ) async throws -> TestResponse {
        var all = fields
        all["csrf"] = all["csrf"] ?? csrf
        let form = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .accept: accept]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: action, method: .post, headers: headers, body: ByteBuffer(string: form))
    }

    /// The page a 303 leads to, with the cookies the browser has then; any other answer as it is.
    static func follow(_ client: any TestClientProtocol, _ response: TestResponse, cookie: String?) async throws -> TestResponse {
        guard response.status == .seeOther, let location = response.headers[.location] else { return response }
        let set = response.headers[values: .setCookie].map { String($0.split(separator: ";")[0]) }
        let cookies = (cookie.map { [$0] } ?? []) + set
        return try await client.execute(uri: location, method: .get, headers: [.cookie: cookies.joined(separator: "; "), .accept: "text/html"])
    }

    /// The reference on a thank-you page.
    static func reference(in html: String) throws -> String {
        let start = try #require(html.range(of: "<strong class=\"reference\">")).upperBound
        return String(html[start...].prefix { $0 != "<" })
    }

    static let valid = [
        "name": "Henk de Boer", "email": "henk@example.nl", "order": "NL-4471",
        "message": "Mijn pakket is als rembours verstuurd en ik moest €6,95 extra betalen. Dat stond nergens!",
        "consent": "ja",
    ]

    @Test("a complaint through the form becomes a web-form signal with a reference number the customer sees", arguments: TestDatabase.all)
    func submitComplaint(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let form = try await client.execute(uri: "/melden", method: .get)
            #expect(form.text.contains("<label for=\"field-message\">"))
            #expect(form.text.contains("toestemming"))

            let response = try await Self.submit(client, Self.valid)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("Bedankt, Henk de Boer"))
            let reference = try Self.reference(in: html)
            #expect(reference.range(of: #"^SG-[2-9A-Z]{4}-[2-9A-Z]{4}$"#, options: .regularExpression) != nil)

            let signals = try await store.signals(channel: .webform, limit: 10, after: nil)
            #expect(signals.count == 1)
            let signal = try #require(signals.first)
            #expect(signal.externalID == reference)
            #expect(signal.text == Self.valid["message"])
            #expect(signal.subject == "Ordernummer NL-4471")
            // The case is named by the complaint, not by the order number (nor are the mails about it).
            #expect(try await store.case(id: signal.caseID)?.subject == Case.subject(from: signal.text))
            // A form has no platform to answer on: the composer says the answer goes by e-mail, and where.
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: signal.caseID.description)
            let page = try await client.execute(uri: "/cases/\(signal.caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("via e-mail (henk@example.nl)"), "the composer names the route")
            let reply = try await WriteReply(store: store)(caseID: signal.caseID, text: "Beste Henk, het spijt me. Ik zoek het vandaag uit.", author: nil)
            #expect(reply.channel == .email && reply.signalID == signal.id)
            #expect(signal.author.email == "henk@example.nl")
            let customer = try #require(try await store.customer(id: signal.customerID))
            #expect(customer.name == "Henk de Boer")
        }
    }

    @Test("typed contact details reach a known customer only when all of them are theirs: someone else's phone number beside one's own address opens a case of one's own", arguments: TestDatabase.all)
    func typedDetailsAreClaims(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            var victim = Self.valid
            victim["phone"] = "+31 30 231 8844"
            #expect(try await Self.submit(client, victim).status == .ok)
            let first = try #require(try await store.signals(channel: .webform, limit: 10, after: nil).first)

            var attacker = Self.valid
            attacker["name"] = "Iemand Anders"
            attacker["email"] = "aanvaller@example.org"
            attacker["phone"] = "030-2318844"
            attacker["message"] = "Stuur mij voortaan alles per mail, mijn IBAN is gewijzigd."
            #expect(try await Self.submit(client, attacker).status == .ok)
            let signals = try await store.signals(channel: .webform, limit: 10, after: nil)
            let intruder = try #require(signals.first { $0.text.contains("IBAN") })
            #expect(intruder.customerID != first.customerID)
            #expect(intruder.caseID != first.caseID)
            let known = try #require(try await store.customer(id: first.customerID))
            #expect(!known.identities.contains { $0.value == "aanvaller@example.org" }, "\(known.identities)")
            #expect(try await store.case(id: first.caseID)?.signalCount == 1)

            // The customer themselves, with the same details or fewer, still joins their case.
            var again = victim
            again["message"] = "Ik heb nog steeds niets gehoord over de rembourskosten van €6,95."
            #expect(try await Self.submit(client, again).status == .ok)
            var phoneOnly = victim
            phoneOnly["email"] = ""
            phoneOnly["message"] = "Bel mij alstublieft terug over mijn pakket."
            #expect(try await Self.submit(client, phoneOnly).status == .ok)
            let after = try await store.signals(channel: .webform, limit: 10, after: nil)
            for text in ["nog steeds niets gehoord", "Bel mij"] {
                #expect(after.first { $0.text.contains(text) }?.caseID == first.caseID, "\(text)")
            }
        }
    }

    @Test("the form and its thanks carry the organisation's name, not Signaal's, and no link into the inbox; the agents' pages keep Signaal")
    func organisationName() async throws {
        var configuration = AppConfig.forTests
        configuration.organisation = "NS Klantenservice"
        try await withApp(.sqlite, configuration: configuration) { client, _, _ in
            let form = try await client.execute(uri: "/melden", method: .get).text
            #expect(form.contains("<title>Klacht of melding doorgeven · NS Klantenservice</title>"))
            #expect(form.contains("<span class=\"brand\">NS Klantenservice</span>"))
            #expect(!form.contains("href=\"/\""), "no way into the agents' inbox")
            #expect(!form.contains("Elk klantsignaal telt"))
            let thanks = try await Self.submit(client, Self.valid).text
            #expect(thanks.contains("<span class=\"brand\">NS Klantenservice</span>"))
            let login = try await client.execute(uri: "/login", method: .get).text
            #expect(login.contains("<a class=\"brand\" href=\"/\">Signaal</a>"))
        }
        // Unset: Signaal, as before.
        try await withApp(.sqlite) { client, _, _ in
            let form = try await client.execute(uri: "/melden", method: .get).text
            #expect(form.contains("<span class=\"brand\">Signaal</span>"))
        }
        #expect(throws: ConfigurationErrors.self) { try AppConfig(environment: ["SIGNAAL_ORGANISATION": String(repeating: "N", count: 81)]) }
        let klm = try AppConfig(environment: ["SIGNAAL_ORGANISATION": "  KLM Royal Dutch Airlines  "])
        #expect(klm.organisation == "KLM Royal Dutch Airlines")
        #expect(klm.channels.emailFromName == "KLM Royal Dutch Airlines", "replies come from the name the customer knows")
        let named = try AppConfig(environment: ["SIGNAAL_ORGANISATION": "KLM", "SIGNAAL_EMAIL_FROM_NAME": "KLM Webcare"])
        #expect(named.channels.emailFromName == "KLM Webcare")
        #expect(try AppConfig(environment: [:]).channels.emailFromName == "Webcare")
    }

    @Test("missing fields come back on the form with Dutch messages, the text kept, and nothing stored")
    func validation() async throws {
        try await withApp(.sqlite) { client, store, _ in
            var fields = Self.valid
            fields["email"] = ""
            fields["consent"] = nil
            let response = try await Self.submit(client, fields)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Geef een e-mailadres of telefoonnummer"))
            #expect(response.text.contains("Zonder uw toestemming"))
            #expect(response.text.contains("ik moest €6,95 extra betalen"))
            #expect(response.text.contains("aria-invalid=\"true\""))
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
        }
    }

    @Test("a bot that fills the honeypot sees thanks, but nothing is stored; a form without its cookie is refused")
    func honeypotAndCSRF() async throws {
        try await withApp(.sqlite) { client, store, _ in
            var fields = Self.valid
            fields["website"] = "http://spam.example"
            let response = try await Self.submit(client, fields)
            #expect(response.status == .ok)
            #expect(response.text.contains("referentienummer"))
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)

            let forged = try await client.execute(
                uri: "/melden", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                body: ByteBuffer(string: "name=X&email=x%40example.nl&message=Dit%20is%20spam%20spam&consent=ja&csrf=raden"))
            #expect(forged.status == .forbidden)
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
        }
    }

    @Test("the message limit counts characters, as the form says: 15,000 accented ones fit, 20,001 do not")
    func messageLength() async throws {
        try await withApp(.sqlite) { client, store, _ in
            var accented = Self.valid
            accented["message"] = "Ik heb €6,95 betaald. " + String(repeating: "é", count: 15_000)
            #expect(try await Self.submit(client, accented).status == .ok)
            var long = Self.valid
            long["message"] = String(repeating: "a", count: 20_001)
            let refused = try await Self.submit(client, long)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("20.000"))
            #expect(try await store.signals(channel: .webform, limit: 10, after: nil).count == 1)
        }
    }

    @Test("more submissions than the hourly limit from one address are refused with 429")
    func rateLimit() async throws {
        var configuration = AppConfig.forTests
        configuration.channels.webformPerHour = 2
        try await withApp(.sqlite, configuration: configuration) { client, store, _ in
            // Mending mistakes does not count against the customer: only stored complaints do.
            var noConsent = Self.valid
            noConsent["consent"] = nil
            for _ in 0..<3 { #expect(try await Self.submit(client, noConsent).status == .unprocessableContent) }
            #expect(try await Self.submit(client, Self.valid).status == .ok)
            #expect(try await Self.submit(client, Self.valid).status == .ok)
            let third = try await Self.submit(client, Self.valid)
            #expect(third.status == .tooManyRequests)
            #expect(third.text.contains("kunt u het opnieuw versturen"))
            #expect(!third.text.contains("Terug naar de inbox"), "a customer has no inbox")
            #expect(try await store.signals(channel: .webform, limit: 10, after: nil).count == 2)
        }
    }

    @Test("the form in English: a customer who chose English reads the form, its messages and the thanks in English", arguments: TestDatabase.all)
    func english(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let form = try await client.execute(uri: "/melden?lang=en", method: .get)
            #expect(form.status == .ok)
            #expect(form.text.contains("<html lang=\"en\">"))
            #expect(form.text.contains("<title>Make a complaint or report a problem · Signaal</title>"))
            #expect(form.text.contains("<label for=\"field-message\">What happened?</label>"))
            #expect(form.text.contains("How can we reach you?"))
            #expect(form.text.contains("I agree that my details may be used"))
            #expect(form.text.contains(">Send my report</button>"))
            for dutch in ["Klacht of melding doorgeven", "Wat is er gebeurd?", "toestemming", "Melding versturen", "Uw naam"] {
                #expect(!form.text.contains(dutch), "Dutch left on the English form: \(dutch)")
            }

            // Sent incomplete: the messages speak English, the customer's own (Dutch) text is kept.
            var fields = Self.valid
            fields["name"] = ""
            fields["email"] = ""
            fields["consent"] = nil
            let invalid = try await Self.submit(client, fields, uri: "/melden?lang=en")
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Please check the form"))
            #expect(invalid.text.contains("Please enter your name."))
            #expect(invalid.text.contains("Please give us an e-mail address or phone number, so we can reply to you."))
            #expect(invalid.text.contains("We can&#39;t handle your report without your consent."))  // Mustache escapes the apostrophe
            #expect(invalid.text.contains("ik moest €6,95 extra betalen"))
            for dutch in ["Vul uw naam in", "Geef een e-mailadres", "Zonder uw toestemming", "Controleer het formulier"] {
                #expect(!invalid.text.contains(dutch), "Dutch message on the English form: \(dutch)")
            }
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)

            let thanks = try await Self.submit(client, Self.valid, uri: "/melden?lang=en")
            #expect(thanks.status == .ok)
            #expect(thanks.text.contains("Thank you, Henk de Boer. We have received your report."))
            #expect(thanks.text.contains("Your reference number is <strong class=\"reference\">SG-"))
            #expect(thanks.text.contains("Report something else"))
            #expect(!thanks.text.contains("Bedankt"))
            #expect(!thanks.text.contains("referentienummer"))
            // What the agents see stays as it was.
            let signal = try #require(try await store.signals(channel: .webform, limit: 10, after: nil).first)
            #expect(signal.subject == "Ordernummer NL-4471")

            let forged = try await client.execute(
                uri: "/melden?lang=en", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                body: ByteBuffer(string: "name=X&email=x%40example.nl&message=Dit%20is%20spam%20spam&consent=ja&csrf=raden"))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("The form had expired. Everything you wrote is still here"))
            #expect(forged.text.contains(">Send again</button>"))
        }
    }

    @Test("the form remembers English from the cookie and from the browser; without a choice it is Dutch")
    func languageChoice() async throws {
        try await withApp(.sqlite) { client, _, _ in
            let dutch = try await client.execute(uri: "/melden", method: .get)
            #expect(dutch.text.contains("<title>Klacht of melding doorgeven · Signaal</title>"))
            #expect(dutch.text.contains("<label for=\"field-message\">Wat is er gebeurd?</label>"))
            #expect(dutch.text.contains(">Melding versturen</button>"))
            #expect(!dutch.text.contains("What happened?"))
            var fields = Self.valid
            fields["name"] = ""
            let invalid = try await Self.submit(client, fields)
            #expect(invalid.text.contains("Vul uw naam in."))
            #expect(!invalid.text.contains("Please enter your name."))

            let remembered = try await client.execute(uri: "/melden", method: .get, headers: [.cookie: "signaal_lang=en"])
            #expect(remembered.text.contains("What happened?"))
            let browser = try await client.execute(uri: "/melden", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.8"])
            #expect(browser.text.contains("What happened?"))
            #expect(!browser.text.contains("Wat is er gebeurd?"))
        }
    }
}
