import AsyncHTTPClient
import Foundation
import NIOCore
import SignaalOutbound
import SignaalStoreTesting
import Testing

@Suite("Stopping with a request stuck on the database")
struct StopTests {
    @Test(
        "SIGTERM while a request waits on the database: the process still exits within the drain limit, non-zero, with one line that says why",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func stopWithStuckRequest(database: TestDatabase) async throws {
        let (url, name) = try await TestDatabaseLocation.makePostgresDatabase()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await CLI.run(["migrate", "--database", url]).status == 0)
        let token = try await CLI.run(["token", "create", "--name", "stop", "--database", url]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let logURL = directory.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        let port = CLI.freePort()
        let server = try await CrashTests.startServer(database: url, port: port, log: log)
        let lock = try await HeldLock.take(on: "signals", endpoint: TestDatabaseLocation.endpoint(database: name))

        // setup: an intake waits on a lock the database does not let go, as on a stuck connection
        let stuck = Task {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/signals")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"channel":"email","author":{"email":"vast@example.nl"},"text":"Blijf ik hangen?"}"#))
            _ = try? await HTTPClient.shared.execute(request, timeout: .seconds(90))
        }
        try await lock.waitForBlocked()

        kill(server.processIdentifier, SIGTERM)
        let stopped = ContinuousClock.now
        while server.isRunning, ContinuousClock.now - stopped < .seconds(40) { try await Task.sleep(for: .milliseconds(100)) }
        let took = ContinuousClock.now - stopped
        let ran = server.isRunning
        if ran { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
        try log.close()
        await lock.release()
        stuck.cancel()
        await TestDatabaseLocation.dropPostgresDatabase(name)

        // check: gone within the drain limit (15 s) and a margin, with a non-zero exit and the reason
        #expect(!ran, "serve still ran 40 s after SIGTERM")
        #expect(took < .seconds(30))
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus != 0)
        let text = try String(contentsOf: logURL, encoding: .utf8)
        #expect(text.contains("Signaal stopt:"), "\(text)")
        #expect(text.contains("Signaal stopt zonder af te wachten: 1 verzoek(en) liepen na 15 seconden nog"), "\(text)")
        #expect(!text.contains("Signaal is gestopt"), "\(text)")
    }
}
