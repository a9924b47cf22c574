import Foundation
import Testing

@Suite("Crash safety")
struct CrashTests {
    /// Starts `signaal serve` on `database` and waits for /health.
    static func startServer(database: String, port: Int) async throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["serve", "--port", "\(port)", "--database", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<150 {
            if (try? await HTTP.get("http://127.0.0.1:\(port)/health")) != nil { return process }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw CancellationError()
    }

    @Test("killing the server during a burst of intake leaves no half-written case")
    func killDuringIngest() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/crash.sqlite"
        let token = try await CLI.run(["token", "create", "--name", "crash", "--database", database]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let port = CLI.freePort()
        let server = try await Self.startServer(database: database, port: port)

        // setup: eight writers keep posting; the server is killed with SIGKILL mid-stream
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
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(700))
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
