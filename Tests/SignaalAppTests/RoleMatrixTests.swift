import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// Who may open which page: nobody without signing in, everyone signed in for the daily work,
/// team leads and admins for material about colleagues and customers (coaching, approvals,
/// routing, the audit log, a customer's data).
@Suite("Web: roles on every page")
struct RoleMatrixTests {
    enum Viewer: String, CaseIterable, Sendable {
        case anonymous, agent, lead, admin
    }

    /// path → the viewers that get the page; the others are sent to sign in (anonymous) or refused (403).
    static let matrix: [(path: String, allowed: Set<Viewer>)] = [
        ("/", [.agent, .lead, .admin]),
        ("/?zaken=mijn", [.agent, .lead, .admin]),
        ("/?zaken=zonder-eigenaar", [.agent, .lead, .admin]),
        ("/cases/{case}", [.agent, .lead, .admin]),
        ("/notes/new", [.agent, .lead, .admin]),
        ("/?q=pakket", [.agent, .lead, .admin]),
        ("/?norm=risico", [.agent, .lead, .admin]),
        ("/?zaken=mijn&norm=verlopen", [.agent, .lead, .admin]),
        ("/complimenten", [.agent, .lead, .admin]),
        ("/coaching", [.lead, .admin]),
        ("/bezetting", [.lead, .admin]),
        ("/rapport", [.lead, .admin]),
        ("/incidenten", [.agent, .lead, .admin]),
        ("/verbeteringen", [.agent, .lead, .admin]),
        ("/tegemoetkomingen", [.lead, .admin]),
        ("/routering", [.lead, .admin]),
        ("/teams", [.admin]),
        ("/gebruikers", [.admin]),
        ("/?kanaal=x&toon=negative&soort=complaint&onderwerp=levering", [.agent, .lead, .admin]),
        ("/audit", [.lead, .admin]),
        ("/customers/{customer}/gegevens", [.lead, .admin]),
        ("/customers/{customer}/gegevens.json", [.lead, .admin]),
        ("/login", [.anonymous, .agent, .lead, .admin]),
        ("/melden", [.anonymous, .agent, .lead, .admin]),
        ("/health", [.anonymous, .agent, .lead, .admin]),
    ]

    @Test("every page answers each role as the matrix says", arguments: Viewer.allCases)
    func matrix(viewer: Viewer) async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "rol-1", "author": ["handle": "klant"], "text": "Pakket kwijt"])
            let theCaseID = try #require(CaseID(caseID))
            let customerID = try #require(try await store.case(id: theCaseID)).customerID.description
            var cookie: String?
            if viewer != .anonymous {
                let role = try #require(User.Role(rawValue: viewer.rawValue))
                try await UserAccounts.forTests(store).create(email: "\(viewer)@example.nl", name: "Test \(viewer)", role: role, password: "Vlinder-kade-47")
                cookie = try await WebTests.signIn(client, email: "\(viewer)@example.nl", password: "Vlinder-kade-47").1
                #expect(cookie != nil)
            }
            for (pattern, allowed) in Self.matrix {
                let path = pattern.replacingOccurrences(of: "{case}", with: caseID).replacingOccurrences(of: "{customer}", with: customerID)
                var headers: HTTPFields = [.accept: "text/html"]
                if let cookie { headers[.cookie] = cookie }
                let response = try await client.execute(uri: path, method: .get, headers: headers)
                if allowed.contains(viewer) {
                    #expect(response.status == .ok, "\(viewer) \(path): \(response.status)")
                } else if viewer == .anonymous {
                    #expect(response.status == .found, "\(viewer) \(path): \(response.status)")
                    #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
                } else {
                    #expect(response.status == .forbidden, "\(viewer) \(path): \(response.status)")
                }
            }
        }
    }
}
