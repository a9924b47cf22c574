import Foundation
import SignaalOutbound
import Testing

@Suite("Child processes")
struct ChildProcessTests {
    /// A server with many connections open starts sendmail: Foundation's Process crashed reading that
    /// many descriptors, and a child that inherited them would hold the connections (and pipes) open.
    @Test("a child gets its three standard streams and none of the 1,500 other descriptors open here")
    func onlyStandardStreams() throws {
        let extra = (0..<1500).map { _ in open("/dev/null", O_RDONLY) }
        defer { extra.forEach { close($0) } }
        #expect(extra.allSatisfy { $0 >= 0 })
        let output = try ChildPipe()
        let null = ChildProcess.openNullDevice()
        defer { close(null) }
        let child = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "ls /proc/self/fd | wc -l; pwd"], environment: ["PATH": "/usr/bin:/bin"], directory: "/tmp",
            standardInput: null, standardOutput: output.write, standardError: output.write)
        close(output.write)
        let said = String(decoding: FileHandle(fileDescriptor: output.read, closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(child.terminationReason == .exit && child.terminationStatus == 0)
        let lines = said.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // 0, 1, 2 and the directory `ls` reads (and the shell's pipe to `wc`, on some shells).
        #expect((Int(lines.first ?? "") ?? 9999) <= 5, "\(said)")
        #expect(lines.last == "/tmp")
    }

    @Test("a child's exit status and the signal that ended one are told apart")
    func statusAndSignal() throws {
        let null = ChildProcess.openNullDevice()
        defer { close(null) }
        let exits = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", "exit 3"], environment: [:], standardInput: null, standardOutput: null, standardError: null)
        exits.waitUntilExit()
        #expect(exits.terminationReason == .exit && exits.terminationStatus == 3)
        let sleeps = try ChildProcess.spawn(
            "/bin/sleep", arguments: ["30"], environment: [:], standardInput: null, standardOutput: null, standardError: null)
        #expect(sleeps.isRunning)
        sleeps.terminate()
        sleeps.waitUntilExit()
        #expect(!sleeps.isRunning)
        #expect(sleeps.terminationReason == .uncaughtSignal && sleeps.terminationStatus == SIGTERM)
        #expect(throws: ChildProcess.SpawnError.self) {
            try ChildProcess.spawn("/nonexistent/sendmail", arguments: [], environment: [:], standardInput: null, standardOutput: null, standardError: null)
        }
    }
}
