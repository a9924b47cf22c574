import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStoreTesting
import Testing

@Suite("Web form /melden")
struct WebformTests {
    /// Opens the form and returns its cookie and CSRF token, as a browser would.
    static func openForm(_ client: any TestClientProtocol) async throws -> (cookie: String, csrf: String) {
        let page = try await client.execute(uri: "/melden", method: .get)
        #expect(page.status == .ok)
        let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("signaal_form=") })
        let marker = "name=\"csrf\" value=\""
        let start = try #require(page.text.range(of: marker)).upperBound
        return (String(cookie.split(separator: ";")[0]), String(page.text[start...].prefix { $0 != "\"" }))
    }

    static func submit(_ client: any TestClientProtocol, _ fields: [String: String]) async throws -> TestResponse {
        let (cookie, csrf) = try await openForm(client)
        var all = fields
        all["csrf"] = all["csrf"] ?? csrf
        let form = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(
            uri: "/melden", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie, .accept: "text/html"],
            body: ByteBuffer(string: form))
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
            let marker = "<strong class=\"reference\">"
            let start = try #require(html.range(of: marker)).upperBound
            let reference = String(html[start...].prefix { $0 != "<" })
            #expect(reference.range(of: #"^SG-[2-9A-Z]{4}-[2-9A-Z]{4}$"#, options: .regularExpression) != nil)

            let signals = try await store.signals(channel: .webform, limit: 10, after: nil)
            #expect(signals.count == 1)
            let signal = try #require(signals.first)
            #expect(signal.externalID == reference)
            #expect(signal.text == Self.valid["message"])
            #expect(signal.subject == "Ordernummer NL-4471")
            #expect(signal.author.email == "henk@example.nl")
            let customer = try #require(try await store.customer(id: signal.customerID))
            #expect(customer.name == "Henk de Boer")
        }
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

    @Test("more submissions than the hourly limit from one address are refused with 429")
    func rateLimit() async throws {
        var configuration = AppConfig.forTests
        configuration.channels.webformPerHour = 2
        try await withApp(.sqlite, configuration: configuration) { client, store, _ in
            #expect(try await Self.submit(client, Self.valid).status == .ok)
            #expect(try await Self.submit(client, Self.valid).status == .ok)
            let third = try await Self.submit(client, Self.valid)
            #expect(third.status == .tooManyRequests)
            #expect(third.text.contains("Probeer het over een uur opnieuw"))
            #expect(try await store.signals(channel: .webform, limit: 10, after: nil).count == 2)
        }
    }
}
