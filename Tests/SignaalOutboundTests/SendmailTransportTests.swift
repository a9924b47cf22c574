import Foundation
import SignaalOutbound
import Testing

@Suite("sendmail transport with stand-in scripts")
struct SendmailTransportTests {
    /// A temporary directory with an executable script `sendmail` holding `body`.
    private struct Script {
        let directory: URL
        var path: String { directory.appendingPathComponent("sendmail").path }

        init(_ body: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let script = "#!/bin/sh\n" + body.replacingOccurrences(of: "$DIR", with: directory.path) + "\n"
            // Written with O_CLOEXEC: a process that other tests start meanwhile must not inherit
            // the open file, or running it fails with "text file busy".
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            let bytes = Array(script.utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        }

        func file(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }
        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    private func refusal(_ work: () async throws -> Void) async -> MailTransportError? {
        do {
            try await work()
            return nil
        } catch {
            return error as? MailTransportError
        }
    }

    private let message = Data("From: webcare@signaal.example\r\nTo: jan@example.nl\r\nSubject: Re: kapot\r\n\r\nBeste Jan,\r\n.\r\nGroet\r\n".utf8)

    @Test("The message goes to stdin; -t -i and the envelope sender are passed")
    func passesMessageAndArguments() async throws {
        let script = try Script(#"printf '%s\n' "$@" > "$DIR/args"; cat > "$DIR/stdin""#)
        defer { script.remove() }
        try await SendmailTransport(path: script.path).send(message, from: "webcare@signaal.example", to: ["jan@example.nl"])
        #expect(try script.file("stdin") == message)
        #expect(try String(decoding: script.file("args"), as: UTF8.self) == "-t\n-i\n-f\nwebcare@signaal.example\n")
    }

    @Test("Without -t the recipients are arguments")
    func recipientsAsArguments() async throws {
        let script = try Script(#"printf '%s\n' "$@" > "$DIR/args"; cat > /dev/null"#)
        defer { script.remove() }
        try await SendmailTransport(path: script.path, arguments: ["-i"])
            .send(message, from: "webcare@signaal.example", to: ["jan@example.nl", "piet@example.nl"])
        #expect(try String(decoding: script.file("args"), as: UTF8.self) == "-i\n-f\nwebcare@signaal.example\njan@example.nl\npiet@example.nl\n")
    }

    @Test("A failing command's status and stderr become the error, even when it never reads the message")
    func failure() async throws {
        let script = try Script("echo 'sendmail: fatal: geen relay voor example.nl' >&2; exit 1")
        defer { script.remove() }
        // Larger than a pipe's buffer, so writing meets the closed pipe rather than filling it.
        let large = message + Data(repeating: UInt8(ascii: "x"), count: 300_000)
        let error = await refusal {
            try await SendmailTransport(path: script.path).send(large, from: "webcare@signaal.example", to: ["jan@example.nl"])
        }
        #expect(error == .sendmailFailed(status: 1, message: "sendmail: fatal: geen relay voor example.nl"))
        #expect(error?.description == "sendmail stopte met status 1: sendmail: fatal: geen relay voor example.nl")
        #expect(error?.isPermanent == true)
    }

    @Test("EX_TEMPFAIL (75) can be tried again")
    func temporaryFailure() async throws {
        let script = try Script("cat > /dev/null; echo 'wachtrij vol' >&2; exit 75")
        defer { script.remove() }
        let error = await refusal {
            try await SendmailTransport(path: script.path).send(message, from: "webcare@signaal.example", to: ["jan@example.nl"])
        }
        #expect(error == .sendmailFailed(status: 75, message: "wachtrij vol"))
        #expect(error?.isPermanent == false)
    }

    @Test("A missing command and option-like addresses are refused")
    func misconfiguration() async throws {
        let missing = await refusal {
            try await SendmailTransport(path: "/nonexistent/sendmail").send(message, from: "webcare@signaal.example", to: ["jan@example.nl"])
        }
        #expect(missing == .sendmailNotFound(path: "/nonexistent/sendmail"))
        #expect(missing?.description == "het sendmail-programma /nonexistent/sendmail is niet gevonden of niet uitvoerbaar")

        let script = try Script(#"touch "$DIR/ran"; cat > /dev/null"#)
        defer { script.remove() }
        let option = await refusal {
            try await SendmailTransport(path: script.path, arguments: ["-i"])
                .send(message, from: "webcare@signaal.example", to: ["-X/tmp/log@example.nl"])
        }
        #expect(option == .invalidAddress("-X/tmp/log@example.nl"))
        #expect(!FileManager.default.fileExists(atPath: script.directory.appendingPathComponent("ran").path))
    }
}
