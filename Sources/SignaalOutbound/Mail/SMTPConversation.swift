import Foundation
import NIOCore
import NIOSSL

/// One SMTP session, command by command, each waiting for its reply (no pipelining, so a
/// refusal is always tied to the command that caused it).
struct SMTPConversation {
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: any Channel

    /// What EHLO told us the server can do.
    private struct Extensions {
        var startTLS = false
        var eightBitMIME = false
        var authMechanisms: Set<String> = []

        init(_ reply: SMTPReply?) {
            for line in reply?.lines.dropFirst() ?? [] {
                let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
                switch words.first {
                case "STARTTLS": startTLS = true
                case "8BITMIME": eightBitMIME = true
                case "AUTH": authMechanisms.formUnion(words.dropFirst())
                default: break
                }
            }
        }
    }

    mutating func deliver(
        _ message: Data, from: String, to recipients: [String], settings: SMTPTransport, tlsContext: NIOSSLContext?
    ) async throws(MailTransportError) {
        try check(try await reply(to: "de begroeting"), step: "de begroeting")
        var extensions = try await hello(settings.heloName)
        var encrypted = settings.security == .implicitTLS

        let wantsTLS = settings.security == .startTLS || (settings.security == .startTLSIfAvailable && extensions.startTLS)
        if wantsTLS, let tlsContext {
            guard extensions.startTLS else { throw .tlsUnavailable(host: settings.host) }
            let ready = try await command("STARTTLS", expecting: 220...220)
            if ready.followedByData {
                throw .protocolError("de server stuurde gegevens vóór het begin van de versleuteling")
            }
            try await startTLS(tlsContext, serverHostname: settings.serverHostname)
            encrypted = true
            extensions = try await hello(settings.heloName)
        }

        do throws(MailTransportError) {
            if let username = settings.username {
                guard encrypted || settings.isLoopback else { throw .insecureAuthentication(host: settings.host) }
                try await authenticate(username: username, password: settings.password ?? "", offered: extensions.authMechanisms)
            }
            let eightBit = extensions.eightBitMIME && message.contains(where: { $0 >= 0x80 })
            try await command("MAIL FROM:<\(from)>" + (eightBit ? " BODY=8BITMIME" : ""), step: "MAIL FROM")
            for recipient in recipients {
                try await command("RCPT TO:<\(recipient)>", expecting: 250...251, step: "RCPT TO")
            }
            try await command("DATA", expecting: 354...354)
            var buffer = channel.allocator.buffer(capacity: message.count + 64)
            SMTPDataEncoder.encode(message, into: &buffer)
            try await write(buffer, step: "DATA")
            try check(try await reply(to: "het einde van het bericht"), step: "het einde van het bericht")
        } catch {
            // Say goodbye politely; the refusal is what matters, not QUIT's answer.
            try? await write(ByteBuffer(string: "QUIT\r\n"), step: "QUIT")
            throw error
        }
        _ = try? await command("QUIT", expecting: 200...299)
    }

    /// EHLO, or HELO for a server too old for EHLO (it then offers no extensions).
    private mutating func hello(_ name: String) async throws(MailTransportError) -> Extensions {
        try await write(ByteBuffer(string: "EHLO \(name)\r\n"), step: "EHLO")
        let reply = try await reply(to: "EHLO")
        if (200...299).contains(reply.code) { return Extensions(reply) }
        guard (500...504).contains(reply.code) else { try check(reply, step: "EHLO"); return Extensions(nil) }
        try await command("HELO \(name)", step: "HELO")
        return Extensions(nil)
    }

    private mutating func authenticate(username: String, password: String, offered: Set<String>) async throws(MailTransportError) {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") || !offered.contains("LOGIN") {
            try await command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), expecting: 235...235, step: "AUTH")
        } else {
            try await command("AUTH LOGIN", expecting: 334...334, step: "AUTH")
            try await command(base64(username), expecting: 334...334, step: "AUTH")
            try await command(base64(password), expecting: 235...235, step: "AUTH")
        }
    }

    /// Puts TLS under everything from the next byte on.
    private func startTLS(_ context: NIOSSLContext, serverHostname: String?) async throws(MailTransportError) {
        let channel = channel
        do {
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw .tlsFailed(String(describing: error))
        }
    }

    @discardableResult
    private mutating func command(
        _ line: String, expecting: ClosedRange<Int> = 250...250, step: String? = nil
    ) async throws(MailTransportError) -> SMTPReply {
        let step = step ?? line
        try await write(ByteBuffer(string: line + "\r\n"), step: step)
        let reply = try await reply(to: step)
        try check(reply, expecting: expecting, step: step)
        return reply
    }

    private func check(_ reply: SMTPReply, expecting: ClosedRange<Int> = 200...299, step: String) throws(MailTransportError) {
        if expecting.contains(reply.code) { return }
        if reply.code >= 400 { throw .rejected(code: reply.code, message: reply.text) }
        throw .protocolError("\(step): \(reply.code) \(reply.text)")
    }

    private mutating func write(_ buffer: ByteBuffer, step: String) async throws(MailTransportError) {
        do {
            try await outbound.write(buffer)
        } catch {
            if Self.isTLSError(error) { throw .tlsFailed(String(describing: error)) }
            // Why the connection went (a certificate refused, a timeout) waits in the inbound
            // stream; a failed write alone would only say "closed".
            _ = try await reply(to: step)
            throw .connectionLost(during: step)
        }
    }

    private static func isTLSError(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    private mutating func reply(to step: String) async throws(MailTransportError) -> SMTPReply {
        let next: SMTPReply?
        do {
            next = try await replies.next()
        } catch is SMTPReadTimeoutHandler.Timeout {
            throw .timedOut(during: step)
        } catch let malformed as SMTPReplyDecoder.MalformedReply {
            throw .protocolError("‘\(malformed.line)’ is geen SMTP-antwoord")
        } catch let error where Self.isTLSError(error) {
            throw .tlsFailed(String(describing: error))
        } catch {
            throw .connectionLost(during: step)
        }
        guard let next else { throw .connectionLost(during: step) }
        return next
    }
}
