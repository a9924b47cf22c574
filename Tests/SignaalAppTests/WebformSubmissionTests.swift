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
