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

    @Test("an agent finds the complaint by the reference the customer reads out: as given, in lower case, without SG-, with spaces", arguments: TestDatabase.all)
    func referenceSearch(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let thanks = try await Form.submit(client, Form.valid)
            let reference = try Form.reference(in: thanks.text)
            let signal = try #require(try await store.signals(channel: .webform, limit: 1, after: nil).first)
            try await UserAccounts.forTests(store).create(email: "agent@example.nl", name: "Anna", role: .agent, password: "geheim123")
            let (_, session) = try await WebTests.signIn(client, email: "agent@example.nl", password: "geheim123")
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
}
