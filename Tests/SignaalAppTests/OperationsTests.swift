import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Synchronization
import Testing

@Suite("Health, metrics, OpenAPI, restart")
struct OperationsTests {
    @Test("health names the database", arguments: TestDatabase.all)
    func health(database: TestDatabase) async throws {
        try await withApp(database) { client, _, _ in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ok")
            #expect(try response.json()["database"] as? String == database.rawValue)
            #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
        }
    }

    @Test("ready answers only when the database does, naming it", arguments: TestDatabase.all)
    func ready(database: TestDatabase) async throws {
        try await withApp(database) { client, _, _ in
            let response = try await client.execute(uri: "/ready", method: .get, headers: [.accept: "text/html"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(try response.json()["status"] as? String == "ok")
            #expect(try response.json()["database"] as? String == database.rawValue)
        }
    }

    @Test("metrics count requests and ingested signals by channel in Prometheus format")
    func metrics() async throws {
        try await withApp(.sqlite) { client, _, token in
            let input: [String: Any] = ["channel": "whatsapp", "author": ["phone": "+31612345678"], "text": "Waar blijft mijn bestelling?"]
            #expect(try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input)).status == .created)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = response.text
            #expect(text.contains(#"signaal_signals_ingested_total{channel="whatsapp"}"#))
            #expect(text.contains(#"hb_requests{http_route="/api/v1/signals",http_request_method="POST",http_response_status_code="201"}"#))
            #expect(text.contains("http_server_request_duration_bucket"))
        }
    }

    @Test("metrics show the backlog from the database: replies waiting to go out, failed, and unresolved cases", arguments: TestDatabase.all)
    func backlogMetrics(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            for (index, phone) in ["+31612345678", "+31687654321"].enumerated() {
                let input: [String: Any] = ["channel": "whatsapp", "author": ["phone": phone], "text": "Waar blijft bestelling \(index)?"]
                #expect(try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input)).status == .created)
            }
            let signal = try #require(try await store.signals(channel: nil, limit: 1, after: nil).first)
            let later = Date().addingTimeInterval(86400)  // not due: the outbox leaves it queued
            try await store.createReply(
                Reply(id: .generate(now: Date()), caseID: signal.caseID, signalID: signal.id, channel: .whatsapp, text: "We kijken het na.",
                      authorID: nil, nextAttemptAt: later, createdAt: Date(), updatedAt: Date()))
            // The registry is the process's: another test's app may scrape at the same moment, so
            // look for this app's figures a few times.
            let expected = [
                #"signaal_replies_backlog{status="queued"} 1"#, #"signaal_replies_backlog{status="failed"} 0"#,
                "signaal_cases_unresolved 2", "signaal_database_up 1",
            ]
            var text = ""
            for _ in 0..<20 {
                text = try await client.execute(uri: "/metrics", method: .get).text
                if expected.allSatisfy({ text.contains($0) }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            for line in expected { #expect(text.contains(line), "\(line)") }
        }
    }

    @Test("behind a trusted proxy its X-Request-Id is the request's id (echoed, and on a page's error); otherwise, or when it is no plain token, Signaal makes its own")
    func proxyRequestID() async throws {
        var proxied = AppConfig.forTests
        proxied.trustProxy = true
        let requestID = HTTPField.Name("X-Request-Id")!
        try await withApp(.sqlite, configuration: proxied) { client, _, _ in
            let health = try await client.execute(uri: "/health", method: .get, headers: [requestID: "a1b2c3d4-proxy.7"])
            #expect(health.headers[requestID] == "a1b2c3d4-proxy.7")
            let missing = try await client.execute(uri: "/bestaat-niet", method: .get, headers: [requestID: "a1b2c3d4-proxy.8", .accept: "text/html"])
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("a1b2c3d4-proxy.8"), "the error page names the proxy's id")
            for unusable in ["twee woorden", String(repeating: "x", count: 129), "id;drop"] {
                let response = try await client.execute(uri: "/health", method: .get, headers: [requestID: unusable])
                #expect(response.headers[requestID] != unusable)
                #expect(response.headers[requestID]?.isEmpty == false)
            }
        }
        try await withApp(.sqlite) { client, _, _ in
            let direct = try await client.execute(uri: "/health", method: .get, headers: [requestID: "a1b2c3d4-client"])
            #expect(direct.headers[requestID] != "a1b2c3d4-client", "a client's own id is not taken without a proxy")
        }
    }

    @Test("/openapi.yaml serves the committed document the API is generated from")
    func openAPI() async throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SignaalApp/openapi.yaml")
        let committed = try String(contentsOf: source, encoding: .utf8)
        try await withApp(.sqlite) { client, _, _ in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == committed)
            #expect(response.text.contains("/api/v1/signals"))
        }
    }

    @Test(
        "a background task that fails every round while the database is away logs why once, and says when it works again",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func failingRoundsLogOnce(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let log = LogRecorder()
            var configuration = AppConfig.forTests
            configuration.outboxInterval = .milliseconds(20)
            let outbox = makeOutboxService(configuration: configuration, dependencies: .init(store: store, logger: log.logger))
            // setup: the outbox's table is away (as the database is during a restart) for some thirty rounds
            try await location.executeInSchema("ALTER TABLE {schema}.replies RENAME TO replies_away")
            let running = Task { try await outbox.run() }
            try await Task.sleep(for: .milliseconds(700))
            try await location.executeInSchema("ALTER TABLE {schema}.replies_away RENAME TO replies")
            try await Task.sleep(for: .milliseconds(500))
            running.cancel()
            _ = await running.result

            // check: one warning that names the cause, then one line that the outbox works again
            let warnings = log.entries.withLock { $0 }.filter { $0.level >= .warning }
            #expect(warnings.count == 1, "\(warnings.map(\.text))")
            #expect(warnings.first?.text.contains("replies") == true, "\(warnings.map(\.text))")
            let recovered = log.entries.withLock { $0 }.filter { $0.level == .info }
            #expect(recovered.count == 1, "\(recovered.map(\.text))")
        }
    }

    @Test("intake that gets no database connection is answered 503 problem+json within the wait, and nothing is stored",
          arguments: TestDatabase.all.filter { $0 == .postgres })
    func noConnectionIs503(database: TestDatabase) async throws {
        let location = try await TestDatabaseLocation.make(database)
        // Two connections: the app's own live updates hold one, the watch below the other.
        let store = try await location.open(maximumConnections: 2)
        let (_, token) = try await APITokens(store: store).create(name: "wait")
        let app = try await buildApplication(configuration: .forTests, dependencies: .init(store: store))
        try await app.test(.router) { client in
            // setup: every connection is taken, as if none could be made
            let watch = Task { try await store.watchCaseChanges { _ in } }
            try await Task.sleep(for: .milliseconds(500))
            // A load balancer's readiness probe learns it at once, not after the 10 s wait.
            let probed = ContinuousClock.now
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ContinuousClock.now - probed < .seconds(5))
            try expectProblem(ready, .serviceUnavailable)
            #expect(ready.headers[.retryAfter] != nil)
            let input: [String: Any] = ["channel": "email", "author": ["email": "wacht@example.nl"], "text": "Is de database er?"]
            let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
            watch.cancel()
            _ = await watch.result
            try expectProblem(response, .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "60", "the detail says: try again in a minute")
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
        }
        await store.shutdown()
        await location.destroy()
    }

    @Test("stored signals survive a restart", arguments: TestDatabase.all)
    func survivesRestart(database: TestDatabase) async throws {
        let location = try await TestDatabaseLocation.make(database)
        let id: String
        do {
            let store = try await location.open()
            let (_, token) = try await APITokens(store: store).create(name: "restart")
            let app = try await buildApplication(configuration: AppConfig(), dependencies: .init(store: store))
            id = try await app.test(.router) { client in
                let input: [String: Any] = ["channel": "email", "author": ["email": "blijft@example.nl"], "text": "Blijf ik bewaard?"]
                let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
                return try #require(try response.json()["id"] as? String)
            }
            await store.shutdown()
            // Restart: a new store and app on the same database, a token made before.
            let reopened = try await location.open()
            let app2 = try await buildApplication(configuration: AppConfig(), dependencies: .init(store: reopened))
            try await app2.test(.router) { client in
                let response = try await client.execute(uri: "/api/v1/signals/\(id)", method: .get, headers: auth(token, json: false))
                #expect(response.status == .ok)
                #expect(try response.json()["text"] as? String == "Blijf ik bewaard?")
            }
            await reopened.shutdown()
        } catch {
            await location.destroy()
            throw error
        }
        await location.destroy()
    }
}

/// Keeps what is logged, to check what an operator would read.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        /// The message with its metadata, as a log line shows them.
        var text: String
    }

    let entries = Mutex<[Entry]>([])

    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).merging(metadata) { first, _ in first }
            let text = "\(event.message) " + fields.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            recorder.entries.withLock { $0.append(Entry(level: event.level, text: text)) }
        }
    }
}
