import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStoreTesting
import Testing

/// Builds the real app on a fresh test database and hands a client, the store and a valid token.
func withApp(
    _ database: TestDatabase, clock: @escaping @Sendable () -> Date = Date.init,
    configuration: AppConfig = .forTests, slaStandings: SLAStandings = SLAStandings(), replyTroubles: ReplyTroubles = ReplyTroubles(),
    _ body: @Sendable (any TestClientProtocol, any SignaalStore, String) async throws -> Void
) async throws {
    try await withTestStore(database) { store, _ in
        let (_, token) = try await APITokens(store: store).create(name: "tests")
        let app = try await buildApplication(
            configuration: configuration,
            dependencies: .init(store: store, clock: clock, slaStandings: slaStandings, replyTroubles: replyTroubles))
        try await app.test(.router) { client in
            try await body(client, store, token)
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text)")
    }
}

func auth(_ token: String, json: Bool = true) -> HTTPFields {
    var fields: HTTPFields = [.authorization: "Bearer \(token)"]
    if json { fields[.contentType] = "application/json" }
    return fields
}

/// Posts a signal through the API as an integration would; returns the id of its case.
func createCase(_ client: any TestClientProtocol, token: String, _ signal: [String: Any]) async throws -> String {
    let created = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(signal)).json()
    return try #require(created["caseId"] as? String, "no case: \(created)")
}

func body(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

/// Checks the RFC 9457 shape every API error must have.
func expectProblem(_ response: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
    let problem = try response.json()
    #expect(problem["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
    #expect((problem["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(problem["title"] is String, sourceLocation: sourceLocation)
    #expect(problem["type"] is String, sourceLocation: sourceLocation)
}

extension AppConfig {
    /// The app as tests drive it: the background workers make their first round at start and then
    /// wait an hour, so a reply stays queued until a test sends it (on a loaded machine the outbox's
    /// one-second round used to fail a queued reply before the test looked at it).
    static var forTests: AppConfig {
        var configuration = AppConfig(priorityRefreshInterval: .seconds(3600))
        configuration.outboxInterval = .seconds(3600)
        return configuration
    }
}

extension UserAccounts {
    /// Accounts hashed at bcrypt's lowest cost: real hashes, checked by the real sign-in, only cheaper.
    /// At the production cost, hashing passwords was 40 % of the web tests' CPU.
    static func forTests(_ store: any UserStore) -> UserAccounts { UserAccounts(store: store, cost: 4) }
}
