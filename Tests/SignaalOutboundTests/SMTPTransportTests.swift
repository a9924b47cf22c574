import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import SignaalChannels
import SignaalOutbound
import Testing

@Suite("SMTP transport against a recording server")
struct SMTPTransportTests {
    private static let message: Data = OutgoingEmail(
        from: .init("webcare@signaal.example", name: "Webcare"),
        to: [.init("jan@example.nl", name: "Jan de Vries")],
        subject: "Pakket kwijt",
        body: "Beste Jan,\n.\n..twee punten\nEen regel met een punt:\n.\nGroet, € 5 terug",
        date: Date(timeIntervalSince1970: 1_795_352_700), id: UUID()
    ).rfc5322()

    /// The timeout is generous: on a loaded 2-core machine the whole suite shares the cores, and the
    /// debug build's start-up work of other tests (analyser vocabularies, templates, password hashes)
    /// has held a test's next step back for over 30 seconds (2026-12-06). Only the timeout test itself
    /// wants a short one.
    private func transport(
        _ server: RecordingSMTPServer, username: String? = nil, password: String? = nil,
        security: SMTPTransport.Security = .none, timeout: Duration = .seconds(180)
    ) -> SMTPTransport {
        SMTPTransport(
            host: "127.0.0.1", port: server.port, heloName: "signaal.test", username: username, password: password,
            timeout: timeout, security: security, tlsConfiguration: TestCertificate.clientConfiguration
        )
    }

    private func refusal(_ work: () async throws -> Void) async -> MailTransportError? {
        do {
            try await work()
            return nil
        } catch {
            return error as? MailTransportError
        }
    }

    @Test("Delivers the message byte for byte, lines starting with a dot included")
    func delivers() async throws {
        try await RecordingSMTPServer.with { server in
            try await transport(server).send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])

            let session = try #require(server.sessions.first)
            #expect(session.data == Self.message)
            #expect(session.mailFrom == "webcare@signaal.example")
            #expect(session.recipients == ["jan@example.nl"])
            #expect(session.commands.first == "EHLO signaal.test")
            #expect(session.commands.last == "QUIT")
            // On the wire each leading dot is doubled, so none ends the message early.
            #expect(session.wireLines.contains(".."))
            #expect(session.wireLines.contains("...twee punten"))
            #expect(!session.wireLines.contains("."))
        }
    }

    @Test("Bare LF and CR line ends are sent as CRLF, and 8-bit text is announced")
    func normalisesLineEnds() async throws {
        try await RecordingSMTPServer.with { server in
            let message = Data("Subject: proef\n\nregel één\r.\nlaatste".utf8)
            try await transport(server).send(message, from: "webcare@signaal.example", to: ["jan@example.nl"])

            let session = try #require(server.sessions.first)
            #expect(session.data == Data("Subject: proef\r\n\r\nregel één\r\n.\r\nlaatste\r\n".utf8))
            #expect(session.commands.contains("MAIL FROM:<webcare@signaal.example> BODY=8BITMIME"))
        }
    }

    @Test("550 to RCPT is a permanent refusal with the server's words; nothing is sent")
    func permanentRefusal() async throws {
        let behaviour = RecordingSMTPServer.Behaviour(
            rcptReply: "550-5.1.1 <jan@example.nl>: Recipient address rejected\r\n550 5.1.1 Mailbox bestaat niet"
        )
        try await RecordingSMTPServer.with(behaviour) { server in
            let error = await refusal {
                try await transport(server).send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
            }
            #expect(error == .rejected(code: 550, message: "5.1.1 <jan@example.nl>: Recipient address rejected 5.1.1 Mailbox bestaat niet"))
            #expect(error?.isPermanent == true)
            #expect(error?.description == "afgewezen door de mailserver: 550 5.1.1 <jan@example.nl>: Recipient address rejected 5.1.1 Mailbox bestaat niet")
            #expect(server.sessions.first?.data == nil)
            #expect(server.sessions.first?.commands.contains("DATA") == false)
        }
    }

    @Test("451 to RCPT can be tried again later")
    func temporaryRefusal() async throws {
        try await RecordingSMTPServer.with(.init(rcptReply: "451 4.7.1 Greylisted, probeer het later")) { server in
            let error = await refusal {
                try await transport(server).send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
            }
            #expect(error == .rejected(code: 451, message: "4.7.1 Greylisted, probeer het later"))
            #expect(error?.isPermanent == false)
        }
    }

    @Test("A closed port is a clear connection error, worth retrying")
    func closedPort() async throws {
        // A port held by a socket that does not listen: connecting is refused, and no other test's
        // server can start on it meanwhile (a stopped server's port could be handed out again).
        let socket = try ClosedPort()
        defer { socket.close() }
        let port = socket.port
        let error = await refusal {
            try await SMTPTransport(host: "127.0.0.1", port: port, heloName: "signaal.test", security: .none)
                .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
        }
        #expect(error == .connectionFailed(host: "127.0.0.1", port: port, reason: "verbinding geweigerd (draait de mailserver op deze poort?)"))
        #expect(error?.isPermanent == false)
        #expect(error?.description == "geen verbinding met de mailserver 127.0.0.1:\(port): verbinding geweigerd (draait de mailserver op deze poort?)")
    }

    @Test("A server that never answers times out")
    func timeout() async throws {
        try await RecordingSMTPServer.with(.init(silent: true)) { server in
            let error = await refusal {
                // Long enough that connecting on a loaded machine is never what times out.
                try await transport(server, timeout: .seconds(2))
                    .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
            }
            #expect(error == .timedOut(during: "de begroeting"))
            #expect(error?.isPermanent == false)
        }
    }

    @Test("A refusing greeting is a refusal")
    func refusingGreeting() async throws {
        try await RecordingSMTPServer.with(.init(greeting: "554 5.7.1 Geen toegang vanaf dit adres")) { server in
            let error = await refusal {
                try await transport(server).send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
            }
            #expect(error == .rejected(code: 554, message: "5.7.1 Geen toegang vanaf dit adres"))
        }
    }

    @Test("AUTH PLAIN and AUTH LOGIN log in; a wrong password is a permanent refusal")
    func authentication() async throws {
        try await RecordingSMTPServer.with { plain in
            try await RecordingSMTPServer.with(.init(authMechanisms: "LOGIN")) { login in
                try await transport(plain, username: "webcare", password: "geheim")
                    .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
                try await transport(login, username: "webcare", password: "geheim")
                    .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
                #expect(plain.sessions.first?.authenticatedAs == "webcare")
                #expect(plain.sessions.first?.commands.contains { $0.hasPrefix("AUTH PLAIN ") } == true)
                #expect(login.sessions.first?.authenticatedAs == "webcare")
                #expect(login.sessions.first?.data == Self.message)

                let error = await refusal {
                    try await transport(plain, username: "webcare", password: "fout")
                        .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
                }
                #expect(error == .rejected(code: 535, message: "5.7.8 Gebruikersnaam of wachtwoord onjuist"))
                #expect(error?.isPermanent == true)
            }
        }
    }

    @Test("STARTTLS encrypts before logging in and checks the certificate")
    func startTLS() async throws {
        try await RecordingSMTPServer.with(.init(offerStartTLS: true)) { server in
            try await transport(server, username: "webcare", password: "geheim", security: .startTLS)
                .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
            let session = try #require(server.sessions.first)
            #expect(session.usedTLS)
            #expect(session.data == Self.message)
            #expect(session.commands.prefix(3) == ["EHLO signaal.test", "STARTTLS", "EHLO signaal.test"])

            // The system's authorities do not know the test certificate: no delivery.
            let untrusting = SMTPTransport(host: "127.0.0.1", port: server.port, heloName: "signaal.test", security: .startTLS)
            let error = await refusal {
                try await untrusting.send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
            }
            guard case .tlsFailed = error else {
                Issue.record("expected tlsFailed, got \(String(describing: error))")
                return
            }
            #expect(server.sessions.count == 2 && server.sessions[1].data == nil)
        }
    }

    @Test("STARTTLS when offered, plain text otherwise; required STARTTLS that is missing stops")
    func startTLSIfAvailable() async throws {
        try await RecordingSMTPServer.with(.init(offerStartTLS: true)) { offering in
            try await RecordingSMTPServer.with { plain in
                try await transport(offering, security: .startTLSIfAvailable)
                    .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
                try await transport(plain, security: .startTLSIfAvailable)
                    .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
                #expect(offering.sessions.first?.usedTLS == true)
                #expect(plain.sessions.first?.usedTLS == false)
                #expect(plain.sessions.first?.data == Self.message)

                let error = await refusal {
                    try await transport(plain, security: .startTLS)
                        .send(Self.message, from: "webcare@signaal.example", to: ["jan@example.nl"])
                }
                #expect(error == .tlsUnavailable(host: "127.0.0.1"))
                #expect(error?.isPermanent == true)
            }
        }
    }

    @Test("Addresses that would inject commands are refused before connecting")
    func injectedAddress() async throws {
        try await RecordingSMTPServer.with { server in
            let evil = "jan@example.nl>\r\nRCPT TO:<iedereen@example.org"
            let error = await refusal {
                try await transport(server).send(Self.message, from: "webcare@signaal.example", to: [evil])
            }
            #expect(error == .invalidAddress(evil))
            #expect(error?.isPermanent == true)
            #expect(await refusal { try await transport(server).send(Self.message, from: "webcare@signaal.example", to: []) } == .noRecipients)
            #expect(server.sessions.isEmpty)
        }
    }
}

/// A TCP socket bound to a free port on 127.0.0.1 that never listens.
private struct ClosedPort {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                Glibc.bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            Glibc.close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(descriptor) }
}
