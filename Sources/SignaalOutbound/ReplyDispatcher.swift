import Foundation
import SignaalChannels
import SignaalDomain

/// Sends one reply the way the customer wrote to us: a tweet reply or DM, a comment reply,
/// a Messenger, Instagram or WhatsApp message, or a threaded e-mail. Pure routing; the
/// transports do the I/O.
public struct ReplyDispatcher: Sendable {
    public struct EmailSettings: Sendable {
        public var from: String
        public var fromName: String
        public var transport: (any MailTransport)?
        public init(from: String, fromName: String, transport: (any MailTransport)?) {
            self.from = from
            self.fromName = fromName
            self.transport = transport
        }
    }

    let platforms: PlatformSender
    let email: EmailSettings

    public init(platforms: PlatformSender, email: EmailSettings) {
        self.platforms = platforms
        self.email = email
    }

    /// `signal` is the customer's message the reply answers; `theCase` gives the subject and tag.
    /// A reply the agent chose to send by e-mail (a public complaint taken private) goes by e-mail
    /// whatever the message came in on.
    public func send(_ reply: Reply, answering signal: Signal?, theCase: Case, customerEmail: String?, now: Date) async -> ReplySendOutcome {
        switch ReplyRoute.of(channel: reply.channel, answering: signal, customerEmail: customerEmail) {
        case .platform:
            guard let signal, let target = ReplyTarget.forReplying(to: signal) else {
                return .failed(error: "Op dit bericht kan Signaal via \(reply.channel.dutchName) niet antwoorden; kies een ander kanaal.")
            }
            return await platforms.send(reply.text, to: target, now: now, attempt: reply.attempts)
        case .email(let address):
            return await sendEmail(
                reply, to: address, name: signal?.author.name, answering: signal?.channel == .email ? signal : nil, theCase: theCase,
                subject: Self.subject(answering: signal, theCase: theCase), now: now)
        case nil:
            guard let signal else { return .failed(error: "Er is geen bericht van de klant om op te antwoorden.") }
            return .failed(
                error: "Via \(signal.channel.dutchName) kan Signaal niet zelf antwoorden en er is geen e-mailadres bekend; bel of schrijf de klant en leg het vast.")
        }
    }

    /// The customer's own subject when they mailed one; otherwise "Uw bericht van 7 december 2026"
    /// (with the channel when they wrote elsewhere): not their first words echoed back as a subject.
    static func subject(answering signal: Signal?, theCase: Case) -> String {
        if let subject = signal?.subject?.trimmingCharacters(in: .whitespacesAndNewlines), !subject.isEmpty { return subject }
        let english = theCase.language == "en"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let day = calendar.dateComponents([.year, .month, .day], from: signal?.receivedAt ?? theCase.openedAt)
        let month = Written.month(day.month ?? 1, of: english ? Written.englishMonths : Written.dutchMonths)
        let date = "\(day.day ?? 1) \(month) \(day.year ?? 2000)"
        let channel = signal?.channel ?? theCase.channel
        let via = channel == .email ? "" : (english ? " via \(channel.englishName)" : " via \(channel.dutchName)")
        return (english ? "Your message of " : "Uw bericht van ") + date + via
    }

    private func sendEmail(
        _ reply: Reply, to address: String, name: String?, answering signal: Signal?, theCase: Case, subject: String, now: Date
    ) async -> ReplySendOutcome {
        guard let transport = email.transport else {
            // Said to the agent; the settings to fix are in the server log (see `makeOutboxService`).
            return .failed(error: "Uitgaande e-mail is niet ingesteld; vraag de beheerder dit in te stellen. Het antwoord is niet verzonden.")
        }
        let parent = signal?.externalID.flatMap { $0.hasPrefix("sha256:") ? nil : $0 }
        let message = OutgoingEmail(
            from: .init(email.from, name: email.fromName), to: [.init(address, name: name)],
            subject: subject, body: reply.text, date: now,
            // The reply's own id: a retry sends the same Message-ID, so a resend is recognisable.
            // The customer's thread and then their message: mail programs thread by the whole chain.
            id: reply.id.rawValue, inReplyTo: parent.map { "<\($0)>" },
            references: parent.map { (signal?.references ?? []).reversed() + ["<\($0)>"] } ?? [],
            replyTo: .init(OutgoingEmail.caseAddress(email.from, caseID: theCase.id.description), name: email.fromName))
        do {
            try await transport.send(message.rfc5322(), from: email.from, to: message.recipients)
            let messageID = message.messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            return .sent(externalID: messageID)
        } catch let error as MailTransportError where error.isPermanent {
            return .failed(error: "De mailserver wees het antwoord af: \(error)")
        } catch {
            return .retry(error: "De mailserver was niet bereikbaar: \(error)", at: now.addingTimeInterval(Reply.backoff(afterAttempt: reply.attempts)))
        }
    }
}
