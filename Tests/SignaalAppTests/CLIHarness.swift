import Foundation
import SignaalOutbound
import Testing

/// Runs the real `signaal` executable, as an operator or an MTA would.
struct CLI {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SIGNAAL_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/signaal").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` to completion with `input` on stdin, in `directory`.
    static func run(
        _ arguments: [String], input: String = "", inputData: Data? = nil, environment: [String: String] = [:],
        directory: URL? = nil, timeout: Duration = .seconds(60)
    ) async throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DATABASE_URL")
        for (key, value) in environment { env[key] = value }
        let stdin = try ChildPipe(), stdout = try ChildPipe(), stderr = try ChildPipe()
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(
                binary, arguments: arguments, environment: env, directory: directory?.path,
                standardInput: stdin.read, standardOutput: stdout.write, standardError: stderr.write)
        } catch {
            [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write].forEach { close($0) }
            throw error
        }
        // The child's ends are its own now; the parent's are read and written through handles that close them.
        [stdin.read, stdout.write, stderr.write].forEach { close($0) }
        let writer = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
        let output = FileHandle(fileDescriptor: stdout.read, closeOnDealloc: true)
        let errors = FileHandle(fileDescriptor: stderr.read, closeOnDealloc: true)
        // A command that exits without reading its input makes the write fail; its status tells why.
        try? writer.write(contentsOf: inputData ?? Data(input.utf8))
        try? writer.close()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                Issue.record("signaal \(arguments.joined(separator: " ")) did not finish within \(timeout)")
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let out = String(decoding: output.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.readDataToEndOfFile(), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: out, stderr: err)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A loopback port nothing listens on, below Linux's ephemeral range (32768 and up): a port in
    /// that range may be the local end of one of the suite's own PostgreSQL or HTTP connections, and
    /// `serve` then cannot bind it. A bind (with SO_REUSEADDR, as the server sets it) confirms it free.
    static func freePort() -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000...32_000)
            if let descriptor = socket(boundTo: port) {
                close(descriptor)
                return port
            }
        }
        Issue.record("no free port found between 20000 and 32000")
        return 0
    }

    /// A TCP socket bound to 127.0.0.1:`port`, or nil when the port is taken; the caller closes it.
    static func socket(boundTo port: Int) -> Int32? {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}
