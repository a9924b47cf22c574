import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail to an SMTP server over SwiftNIO: one connection per message, EHLO, STARTTLS,
/// AUTH PLAIN (or LOGIN), MAIL FROM, RCPT TO, DATA, QUIT.
///
/// Not supported: pipelining, SMTPUTF8 (addresses must be ASCII), and more than one
/// recipient with partial acceptance (the first refused recipient ends the attempt).
public struct SMTPTransport: MailTransport {
    public enum Security: Sendable, Hashable {
        /// Plain text throughout: a relay on this machine or a test server.
        case none
        /// STARTTLS when the server offers it, else plain text. A password is then only
        /// sent to a server on this machine.
        case startTLSIfAvailable
        /// STARTTLS or no delivery: submission on port 587 at any mail provider.
        case startTLS
        /// TLS from the first byte: port 465 ("SMTPS").
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var heloName: String
    public var username: String?
    public var password: String?
    /// How long to wait for the connection and for each reply of the server.
    public var timeout: Duration
    public var security: Security
    /// Whom to trust; the default trusts the system's certificate authorities.
    public var tlsConfiguration: TLSConfiguration
    private let eventLoopGroup: any EventLoopGroup

    public init(
        host: String, port: Int = 587, heloName: String = ProcessInfo.processInfo.hostName,
        username: String? = nil, password: String? = nil, timeout: Duration = .seconds(60),
        security: Security = .startTLSIfAvailable,
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.username = username
        self.password = password
        self.timeout = timeout
        self.security = security
        self.tlsConfiguration = tlsConfiguration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Throws `MailTransportError` only.
    public func send(_ message: Data, from: String, to: [String]) async throws {
        let sender = try EnvelopeAddress.validated(from)
        let recipients = try to.map { address throws(MailTransportError) in try EnvelopeAddress.validated(address) }
        guard !recipients.isEmpty else { throw MailTransportError.noRecipients }

        let tlsContext: NIOSSLContext?
        do {
            tlsContext = security == .none ? nil : try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw MailTransportError.tlsFailed(String(describing: error))
        }
        let channel = try await connect(tlsContext: tlsContext)
        do {
            // Cancelled (the outbox's time limit), the connection closes and the conversation ends.
            let underlying = channel.channel
            try await withTaskCancellationHandler {
                try await channel.executeThenClose { inbound, outbound in
                    var conversation = SMTPConversation(
                        replies: inbound.makeAsyncIterator(), outbound: outbound, channel: channel.channel
                    )
                    try await conversation.deliver(
                        message, from: sender, to: recipients, settings: self, tlsContext: tlsContext
                    )
                }
            } onCancel: {
                underlying.close(promise: nil)
            }
        } catch let error as MailTransportError {
            throw error
        } catch {
            // Only closing the channel is left outside the conversation's own error mapping.
            throw MailTransportError.connectionLost(during: "het sluiten van de verbinding")
        }
    }

    /// The name for SNI and certificate checks; nil for an IP address, which NIOSSL then checks.
    var serverHostname: String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// Passwords may go unencrypted only to this machine.
    var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    private func connect(tlsContext: NIOSSLContext?) async throws(MailTransportError) -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        let timeAmount = TimeAmount(timeout)
        let implicitTLS = security == .implicitTLS ? tlsContext : nil
        let serverHostname = serverHostname
        do {
            return try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(timeAmount)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let implicitTLS {
                            try pipeline.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverHostname))
                        }
                        try pipeline.addHandler(IdleStateHandler(readTimeout: timeAmount))
                        try pipeline.addHandler(SMTPReadTimeoutHandler())
                        try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .connectionFailed(host: host, port: port, reason: Self.reason(error, timeout: timeout))
        }
    }

    /// What went wrong while connecting, in words an administrator recognises.
    private static func reason(_ error: any Error, timeout: Duration) -> String {
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first { return reason(first.error, timeout: timeout) }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil { return "onbekende servernaam" }
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            let seconds = timeout.components.seconds
            return seconds >= 1 ? "geen antwoord binnen \(seconds) s" : "geen antwoord binnen \(timeout.components.attoseconds / 1_000_000_000_000_000) ms"
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "verbinding geweigerd (draait de mailserver op deze poort?)"
            case EHOSTUNREACH, ENETUNREACH: return "server onbereikbaar"
            case ETIMEDOUT: return "geen antwoord"
            default: return String(cString: strerror(io.errnoCode))
            }
        }
        return String(describing: error)
    }
}

/// Turns the idle handler's "nothing read for a while" into an error the conversation sees.
final class SMTPReadTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    struct Timeout: Error {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.fireErrorCaught(Timeout())
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
