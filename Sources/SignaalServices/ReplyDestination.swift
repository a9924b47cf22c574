import SignaalChannels
import SignaalDomain

/// Where an answer on a case goes: the channel it really goes by and whether everyone reads it.
/// One rule for the composer, for the preview of a message to many and for its sending, so the
/// preview's "niet bereikbaar" is what the send skips.
public struct ReplyDestination: Sendable, Hashable {
    /// The customer's message it answers; nil when the case has none to answer.
    public var answered: Signal?
    /// The channel it goes by: the message's platform, or e-mail.
    public var channel: Channel
    /// A post or comment anyone reads (an X reply, a Facebook or Instagram comment), not a
    /// private message or an e-mail: the platform's public limit applies.
    public var inPublic: Bool
    /// The agent chose e-mail instead of the message's platform.
    public var emailInstead: Bool

    /// Why an answer can go nowhere.
    public enum Unreachable: Error, Sendable, Hashable {
        /// Signaal cannot answer on the channel of the message (nil: the case has no customer
        /// message to answer) and no e-mail address is known.
        case noRoute(Channel?)
        /// The agent chose e-mail, and no address is known.
        case noEmailAddress
        /// No address or account of the customer is left (an erased customer).
        case noAddress

        /// The reason in Dutch, as the form shows it and a skipped recipient records it.
        public var reason: String {
            switch self {
            case .noRoute(let channel):
                let what = channel.map { "via \($0.dutchName) kan Signaal niet zelf antwoorden" }
                    ?? "deze zaak heeft geen bericht van de klant om op te antwoorden"
                return "\(what) en er is geen e-mailadres bekend; "
                    + "bel of schrijf de klant zelf en leg dat vast bij ‘Telefoongesprek, baliebezoek of brief vastleggen’"
            case .noEmailAddress:
                return "er is geen e-mailadres van deze klant bekend; koppel er eerst een bij ‘Identiteit koppelen’"
            case .noAddress:
                return "er is geen adres of account van deze klant (meer) bekend"
            }
        }

        /// The form field the reason belongs beside.
        public var field: String { self == .noEmailAddress ? "via" : "text" }

        public var domainError: DomainError { .invalidField(field, reason) }
    }

    /// The destination of an answer to `signalID` (nil: the case's latest customer message) among
    /// `signals`, for `customer`; `byEmail`: to their e-mail address instead of on the platform.
    /// Agents' notes (phone, counter, letter) and auto-replies are nothing to answer.
    public static func of(
        answering signalID: SignalID? = nil, signals: [Signal], customer: Customer?, byEmail: Bool = false
    ) throws(Unreachable) -> ReplyDestination {
        let answered = signalID.flatMap { id in signals.first { $0.id == id } } ?? signals.lastToAnswer
        // Other channels are answered by e-mail already.
        let emailInstead = byEmail && answered?.channel.repliesOnPlatform == true
        if emailInstead && !WriteReply.canEmail(customer) { throw .noEmailAddress }
        // What has no platform to answer on (a web form), or a message the platform takes no reply
        // to (an Instagram mention elsewhere), goes by e-mail; without an address it would have
        // nowhere to go, and only fail in the outbox after the agent moved on (or, for a message
        // to many, be counted as sent).
        let route = WriteReply.route(answering: answered, customer: customer)
        guard emailInstead || route != nil else { throw .noRoute(answered?.channel) }
        let onPlatform = route == .platform && !emailInstead
        let channel: Channel = if let answered, onPlatform { answered.channel } else { .email }
        return ReplyDestination(answered: answered, channel: channel, inPublic: onPlatform && answered?.isInPublic == true, emailInstead: emailInstead)
    }

    /// Why `text` is too long for this destination (see `MessageLength`); nil when it fits.
    public func lengthProblem(_ text: String) -> String? {
        MessageLength.problem(text, on: channel, inPublic: inPublic)
    }
}
