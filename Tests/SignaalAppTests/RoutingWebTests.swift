import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: routing settings per colleague, refused beside the form")
struct RoutingFormWebTests {
    @Test("a capacity out of range comes back beside that colleague's form with everything typed kept; nothing is stored", arguments: TestDatabase.all)
    func refusedCapacity(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let anna = try await UserAccounts.forTests(store).create(email: "anna@example.nl", name: "Anna", role: .agent, password: "Vlinder-kade-47")
            let caseID = try await createCase(client, token: token, ["channel": "x", "author": ["handle": "klant1"], "text": "Mijn factuur klopt niet"])
            let lead = try await CompensationWebTests.signIn(client, store: store, email: "lotte@example.nl", role: .lead, caseID: caseID)
            func save(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/routering/\(anna.id)", method: .post,
                    headers: [.cookie: lead.cookie, .contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                    body: ByteBuffer(string: "csrf=\(lead.csrf)&" + body))
            }
            for capacity in ["-5", "0", "abc", "999999999"] {
                let refused = try await save("member=1&paused=1&capacity=\(capacity)&channels=x&channels=whatsapp&topics=levering&languages=en")
                #expect(refused.status == .unprocessableContent, "\(capacity)")
                let page = refused.text
                #expect(page.contains("<h1>Routering</h1>"), "the routing page, not an error page")
                #expect(page.contains("id=\"problem-\(anna.id)\">Kies een aantal zaken van 1 tot 500"), "\(page)")
                #expect(page.contains("id=\"capacity-\(anna.id)\" name=\"capacity\" type=\"number\" min=\"1\" max=\"500\" value=\"\(capacity)\""))
                #expect(page.contains("name=\"channels\" value=\"x\" checked"))
                #expect(page.contains("name=\"channels\" value=\"whatsapp\" checked"))
                #expect(!page.contains("name=\"channels\" value=\"email\" checked"))
                #expect(page.contains("name=\"topics\" value=\"levering\" checked"))
                #expect(page.contains("name=\"languages\" value=\"en\" checked"))
                #expect(page.contains("name=\"paused\" value=\"1\" checked"))
                #expect(try await store.routingProfiles().isEmpty, "nothing stored")
            }
            let saved = try await save("member=1&capacity=4&channels=x")
            #expect(saved.status == .seeOther)
            #expect(try await store.routingProfiles().first?.capacity == 4)
        }
    }
}
