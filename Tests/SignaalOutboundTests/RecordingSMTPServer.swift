import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A small SMTP server on 127.0.0.1 (an ephemeral port) for tests: it records what each
/// client sends and answers as `Behaviour` says, so refusals and TLS can be tried for real.
final class RecordingSMTPServer: Sendable {
    struct Behaviour: Sendable {
        var greeting = "220 test.example ESMTP klaar"
        /// Replaces "250" to RCPT TO, e.g. "550 5.1.1 Onbekende ontvanger"; may hold CRLFs.
        var rcptReply: String?
        var offerStartTLS = false
        var authMechanisms = "PLAIN LOGIN"
        var username = "webcare"
        var password = "geheim"
        /// Accept connections but never say anything, to try timeouts.
        var silent = false
    }

    /// What one connection did.
    struct Session: Sendable, Hashable {
        var commands: [String] = []
        var mailFrom: String?
        var recipients: [String] = []
        /// The message as delivered: dot-stuffing undone, lines joined with CRLF.
        var data: Data?
        /// The DATA lines exactly as they came over the wire.
        var wireLines: [String] = []
        var authenticatedAs: String?
        var usedTLS = false
    }

    let port: Int
    private let channel: any Channel
    private let recorder: Recorder

    private init(port: Int, channel: any Channel, recorder: Recorder) {
        self.port = port
        self.channel = channel
        self.recorder = recorder
    }

    static func start(_ behaviour: Behaviour = Behaviour()) async throws -> RecordingSMTPServer {
        let recorder = Recorder()
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(TestCertificate.certificate)], privateKey: .privateKey(TestCertificate.privateKey)
        ))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(CRLFLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(
                        ServerHandler(behaviour: behaviour, recorder: recorder, tls: tls, id: recorder.newSession())
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RecordingSMTPServer(port: channel.localAddress!.port!, channel: channel, recorder: recorder)
    }

    /// Runs `body` with a started server and stops the server afterwards, also on failure.
    static func with(
        _ behaviour: Behaviour = Behaviour(), _ body: (RecordingSMTPServer) async throws -> Void
    ) async throws {
        let server = try await start(behaviour)
        do {
            try await body(server)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    var sessions: [Session] { recorder.sessions }

    func stop() async throws {
        try await channel.close()
    }

    final class Recorder: Sendable {
        private let state = Mutex<[Session]>([])

        func newSession() -> Int {
            state.withLock { sessions in
                sessions.append(Session())
                return sessions.count - 1
            }
        }

        func update(_ id: Int, _ change: (inout Session) -> Void) {
            state.withLock { change(&$0[id]) }
        }

        var sessions: [Session] { state.withLock { $0 } }
    }
}

/// Lines ending in CRLF, exactly: a bare LF stays inside the line, so a client that sends
/// one is caught by the tests.
private struct CRLFLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let crlf = zip(view.indices, view.indices.dropFirst()).first(where: {
            view[$0.0] == UInt8(ascii: "\r") && view[$0.1] == UInt8(ascii: "\n")
        }) else { return .needMoreData }
        let line = buffer.readSlice(length: crlf.0 - buffer.readerIndex)!
        buffer.moveReaderIndex(forwardBy: 2)
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}

private final class ServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let behaviour: RecordingSMTPServer.Behaviour
    private let recorder: RecordingSMTPServer.Recorder
    private let tls: NIOSSLContext
    private let id: Int
    private var dataLines: [ByteBuffer]?
    private var loginStep: Int?
    private var loginUser = ""

    init(behaviour: RecordingSMTPServer.Behaviour, recorder: RecordingSMTPServer.Recorder, tls: NIOSSLContext, id: Int) {
        self.behaviour = behaviour
        self.recorder = recorder
        self.tls = tls
        self.id = id
    }

    func channelActive(context: ChannelHandlerContext) {
        if !behaviour.silent { reply(context, behaviour.greeting) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        let text = String(buffer: line)
        if var lines = dataLines {
            guard text == "." else {
                lines.append(line)
                dataLines = lines
                return
            }
            dataLines = nil
            var message = Data()
            for var wire in lines {
                if wire.readableBytesView.first == UInt8(ascii: ".") { wire.moveReaderIndex(forwardBy: 1) }
                message.append(contentsOf: wire.readableBytesView)
                message.append(contentsOf: [0x0D, 0x0A])
            }
            recorder.update(id) {
                $0.data = message
                $0.wireLines = lines.map { String(buffer: $0) }
            }
            return reply(context, "250 2.0.0 Ok: opgeslagen")
        }
        if let step = loginStep {
            let decoded = Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if step == 0 {
                loginUser = decoded
                loginStep = 1
                return reply(context, "334 UGFzc3dvcmQ6")
            }
            loginStep = nil
            return authenticate(context, user: loginUser, password: decoded)
        }
        recorder.update(id) { $0.commands.append(text) }
        let upper = text.uppercased()
        switch upper.split(separator: " ").first.map(String.init) ?? "" {
        case "EHLO":
            var lines = ["250-test.example", "250-8BITMIME"]
            if behaviour.offerStartTLS { lines.append("250-STARTTLS") }
            lines.append("250 AUTH \(behaviour.authMechanisms)")
            reply(context, lines.joined(separator: "\r\n"))
        case "HELO": reply(context, "250 test.example")
        case "STARTTLS":
            reply(context, "220 2.0.0 Begin maar met TLS")
            try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
            recorder.update(id) { $0.usedTLS = true }
        case "AUTH":
            let parts = text.split(separator: " ").map(String.init)
            if parts.count == 3 && parts[1].uppercased() == "PLAIN" {
                let fields = (Data(base64Encoded: parts[2]) ?? Data()).split(separator: 0, omittingEmptySubsequences: false)
                    .map { String(decoding: $0, as: UTF8.self) }
                authenticate(context, user: fields.count == 3 ? fields[1] : "", password: fields.count == 3 ? fields[2] : "")
            } else if parts.count == 2 && parts[1].uppercased() == "LOGIN" {
                loginStep = 0
                reply(context, "334 VXNlcm5hbWU6")
            } else {
                reply(context, "504 5.5.4 Onbekend mechanisme")
            }
        case "MAIL":
            recorder.update(id) { $0.mailFrom = Self.address(in: text) }
            reply(context, "250 2.1.0 Ok")
        case "RCPT":
            if let refusal = behaviour.rcptReply { return reply(context, refusal) }
            recorder.update(id) { $0.recipients.append(Self.address(in: text)) }
            reply(context, "250 2.1.5 Ok")
        case "DATA":
            dataLines = []
            reply(context, "354 Eindig met <CR><LF>.<CR><LF>")
        case "RSET": reply(context, "250 2.0.0 Ok")
        case "QUIT":
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 2.0.0 Tot ziens\r\n"))).whenComplete { _ in
                channel.close(promise: nil)
            }
        default: reply(context, "502 5.5.2 Onbekend commando")
        }
    }

    private func authenticate(_ context: ChannelHandlerContext, user: String, password: String) {
        guard user == behaviour.username && password == behaviour.password else {
            return reply(context, "535 5.7.8 Gebruikersnaam of wachtwoord onjuist")
        }
        recorder.update(id) { $0.authenticatedAs = user }
        reply(context, "235 2.7.0 Welkom")
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    private static func address(in command: String) -> String {
        guard let open = command.firstIndex(of: "<"), let close = command.lastIndex(of: ">") else { return command }
        return String(command[command.index(after: open)..<close])
    }
}
