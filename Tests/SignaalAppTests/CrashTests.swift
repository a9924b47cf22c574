import Foundation
import SignaalOutbound
import Synchronization
import Testing

@Suite("Crash safety")
struct CrashTests {
    /// Starts `signaal serve` on `database` and waits for /health.
    static func startServer(database: String, port: Int, log: FileHandle = .nullDevice) async throws -> ChildProcess {
        let null = ChildProcess.openNullDevice()
        defer { close(null) }
        let output = log === FileHandle.nullDevice ? null : log.fileDescriptor
        let process = try ChildProcess.spawn(
            CLI.binary, arguments: ["serve", "--port", "\(port)", "--database", database],
            environment: ProcessInfo.processInfo.environment, standardInput: null, standardOutput: output, standardError: output)
        // Until it answers, for at most a minute, and no longer than the server runs.
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline {
            if (try? await HTTP.get("http://127.0.0.1:\(port)/health")) != nil { return process }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("signaal serve on port \(port) did not answer /health (running: \(process.isRunning))")
        process.terminate()
        process.waitUntilExit()
        throw CancellationError()
    }

    /// Intakes answered so far, counted by the writers: the server is stopped once some are in,
    /// however slow a busy machine is to start taking them, not after a fixed time.
    final class Answered: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        func wait(for minimum: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while count.withLock({ $0 }) < minimum && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// A fresh SQLite database in its own directory, with an API token made by the CLI.
    static func newDatabase(_ name: String) async throws -> (directory: URL, database: String, token: String) {
        let directory = try CLI.temporaryDirectory()
        let database = "sqlite://\(directory.path)/\(name).sqlite"
        #expect(try await CLI.run(["migrate", "--database", database]).status == 0)
        let token = try await CLI.run(["token", "create", "--name", name, "--database", database]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (directory, database, token)
    }

    @Test("SIGTERM during intake: requests in flight are answered and kept, the log says so, the exit is 0")
    func gracefulStop() async throws {
        let (directory, database, token) = try await Self.newDatabase("stop")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = CLI.freePort()
        let logURL = directory.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        let server = try await Self.startServer(database: database, port: port, log: log)

        // setup: four writers keep posting; the server gets SIGTERM mid-stream
        let progress = Answered()
        let writers = Task {
            await withTaskGroup(of: Int.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        var created = 0
                        for index in 0..<400 {
                            let json = #"{"channel":"x","externalId":"stop-\#(writer)-\#(index)","author":{"handle":"klant"},"text":"Storing \#(index)"}"#
                            guard let status = try? await HTTP.postJSON("http://127.0.0.1:\(port)/api/v1/signals", token: token, json: json)
                            else { break }
                            #expect(status == 201)
                            created += 1
                            progress.add()
                        }
                        return created
                    }
                }
                return await group.reduce(0, +)
            }
        }
        try await progress.wait(for: 20)
        kill(server.processIdentifier, SIGTERM)
        let answered = await writers.value
        for _ in 0..<200 where server.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.isRunning, "the server did not stop within 10 s of SIGTERM")
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
        try log.close()

        // check: exit 0, the log says the stop began and ended, every answered signal is stored
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
        let text = try String(contentsOf: logURL, encoding: .utf8)
        #expect(text.contains("Signaal stopt"), "\(text)")
        #expect(text.contains("Signaal is gestopt"), "\(text)")
        let restarted = try await Self.startServer(database: database, port: port)
        defer { restarted.terminate(); restarted.waitUntilExit() }
        var stored = 0
        var cursor: String?
        repeat {
            let query = cursor.map { "&cursor=\($0)" } ?? ""
            let page = try await HTTP.get("http://127.0.0.1:\(port)/api/v1/signals?limit=200\(query)", headers: [("Authorization", "Bearer \(token)")])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(page.utf8)) as? [String: Any])
            stored += (json["items"] as? [Any])?.count ?? 0
            cursor = json["nextCursor"] as? String
        } while cursor != nil
        #expect(answered > 0)
        #expect(stored >= answered)
    }

    @Test("killing the server during a burst of intake leaves no half-written case")
    func killDuringIngest() async throws {
        let (directory, database, token) = try await Self.newDatabase("crash")
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = CLI.freePort()
        let server = try await Self.startServer(database: database, port: port)

        // setup: eight writers keep posting; the server is killed with SIGKILL mid-stream
        let answered = Answered()
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for index in 0..<400 {
                            let json = """
                                {"channel":"x","externalId":"k-\(writer)-\(index)","author":{"handle":"klant\(index % 37)","followers":\(index)},
                                "text":"Bericht \(index) van schrijver \(writer): mijn internet ligt er alweer uit."}
                                """
                            if (try? await HTTP.postJSON("http://127.0.0.1:\(port)/api/v1/signals", token: token, json: json)) == nil { return }
                            answered.add()
                        }
                    }
                }
            }
        }
        try await answered.wait(for: 20)
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        await writers.value

        // check: after a restart every case's count matches its stored signals
        let restarted = try await Self.startServer(database: database, port: port)
        defer { restarted.terminate(); restarted.waitUntilExit() }
        var cursor: String?
        var cases = 0
        repeat {
            let query = cursor.map { "&cursor=\($0)" } ?? ""
            let page = try await HTTP.get("http://127.0.0.1:\(port)/api/v1/cases?limit=200\(query)", headers: [("Authorization", "Bearer \(token)")])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(page.utf8)) as? [String: Any])
            let items = try #require(json["items"] as? [[String: Any]])
            for item in items {
                let id = try #require(item["id"] as? String)
                let detail = try await HTTP.get("http://127.0.0.1:\(port)/api/v1/cases/\(id)", headers: [("Authorization", "Bearer \(token)")])
                let object = try #require(try JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any])
                let signals = try #require(object["signals"] as? [Any])
                #expect(signals.count == item["signalCount"] as? Int)
                #expect(!signals.isEmpty)
                cases += 1
            }
            cursor = json["nextCursor"] as? String
        } while cursor != nil
        #expect(cases > 0)
    }
}
