import Foundation

/// Hands the message to the machine's own mail system through its sendmail command
/// (Postfix, Exim, msmtp and sendmail itself all provide one).
///
/// `-t` takes the recipients from the message's headers and `-i` keeps a line with a single
/// dot from ending the message; `-f` sets the envelope sender. Without `-t` the recipients
/// are passed as arguments.
public struct SendmailTransport: MailTransport {
    public var path: String
    public var arguments: [String]

    public init(path: String = "/usr/sbin/sendmail", arguments: [String] = ["-t", "-i"]) {
        self.path = path
        self.arguments = arguments
    }

    /// Throws `MailTransportError` only.
    public func send(_ message: Data, from: String, to: [String]) async throws {
        let sender = try EnvelopeAddress.validated(from)
        let recipients = try to.map { address throws(MailTransportError) in try EnvelopeAddress.validated(address) }
        guard !recipients.isEmpty else { throw MailTransportError.noRecipients }
        // With -t, Sendmail drops the listed addresses and Postfix adds them: leave them off.
        let commandArguments = arguments + ["-f", sender] + (arguments.contains("-t") ? [] : recipients)
        let path = path
        let running = RunningCommand()
        // Process and its pipes block; keep them off the concurrency pool's few threads. Cancelled
        // (the outbox's time limit), the command and whatever it started are killed.
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { () throws(MailTransportError) in
                        try Self.run(path: path, arguments: commandArguments, input: message, running: running)
                    })
                }
            }
        } onCancel: {
            running.stop()
        }
    }

    /// The command being run, to kill when the send is cancelled (also when that comes before it started).
    final class RunningCommand: @unchecked Sendable {
        private let lock = NSLock()
        private var process: ChildProcess?
        private var stopped = false

        /// False when the send was cancelled before: the caller kills the command at once.
        func started(_ process: ChildProcess) -> Bool {
            lock.withLock {
                self.process = process
                return !stopped
            }
        }

        var wasStopped: Bool { lock.withLock { stopped } }

        func stop() {
            let process = lock.withLock {
                stopped = true
                return self.process
            }
            // Its own process group (see `ChildProcess.spawn`): a script's children go too, so
            // none keeps the output pipe open.
            if let process { kill(-process.processIdentifier, SIGKILL) }
        }
    }

    private static func run(path: String, arguments: [String], input: Data, running: RunningCommand) throws(MailTransportError) {
        ignoreBrokenPipes
        // ETXTBSY: the program file is still open for writing somewhere, typically because it
        // was just installed (or written) while another thread forked. It passes in moments.
        var attempt = 0
        let process: ChildProcess
        var stdin: ChildPipe
        var output: ChildPipe
        while true {
            do {
                stdin = try ChildPipe()
            } catch {
                throw .sendmailNotFound(path: path)
            }
            do {
                output = try ChildPipe()
            } catch {
                [stdin.read, stdin.write].forEach { close($0) }
                throw .sendmailNotFound(path: path)
            }
            do {
                // Some implementations complain on stdout; both streams make the error message.
                process = try ChildProcess.spawn(
                    path, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                    standardInput: stdin.read, standardOutput: output.write, standardError: output.write)
                break
            } catch {
                [stdin.read, stdin.write, output.read, output.write].forEach { close($0) }
                guard error.code == ETXTBSY, attempt < 40 else { throw .sendmailNotFound(path: path) }
                attempt += 1
                usleep(50_000)
            }
        }
        close(stdin.read)
        close(output.write)
        if !running.started(process) { kill(-process.processIdentifier, SIGKILL) }
        // Write from another thread while reading here, so neither side can fill a pipe and
        // wait for the other. A command that exits without reading leaves the write failing
        // quietly; its exit status tells what happened.
        let writer = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
        DispatchQueue.global().async {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        let said = FileHandle(fileDescriptor: output.read, closeOnDealloc: true).readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if running.wasStopped {
                throw .sendmailFailed(status: 1, message: "gestopt: het versturen duurde te lang")
            }
            if process.terminationReason == .uncaughtSignal {
                // Killed from outside (out of memory, shutdown): worth another try, as EX_TEMPFAIL.
                throw .sendmailFailed(status: 75, message: "afgebroken door signaal \(process.terminationStatus)")
            }
            throw .sendmailFailed(status: process.terminationStatus, message: String(message.prefix(2000)))
        }
    }

    /// Writing to a command that has exited raises SIGPIPE, whose default ends this whole
    /// process; ignored, the write fails with EPIPE instead. Set once, process-wide, as
    /// servers do anyway.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}
