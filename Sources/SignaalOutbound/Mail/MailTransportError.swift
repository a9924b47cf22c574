/// Why a message was not sent. `description` is Dutch, for the agent who wrote the reply.
public enum MailTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connection: refused, unknown host, unreachable, or no answer in time.
    case connectionFailed(host: String, port: Int, reason: String)
    /// The server closed the connection while we waited for its answer to `during`.
    case connectionLost(during: String)
    /// No answer to `during` within the timeout.
    case timedOut(during: String)
    /// The server refused with a 4xx (try again later) or 5xx (permanent) reply.
    case rejected(code: Int, message: String)
    /// The server said something that is not SMTP, or not what the step allows.
    case protocolError(String)
    /// STARTTLS was required but the server does not offer it.
    case tlsUnavailable(host: String)
    /// The TLS handshake failed: certificate, protocol version, or the connection broke.
    case tlsFailed(String)
    /// A password would have crossed the network unencrypted; it was not sent.
    case insecureAuthentication(host: String)
    /// An envelope address that cannot be sent to as given.
    case invalidAddress(String)
    case noRecipients
    case sendmailNotFound(path: String)
    /// sendmail ended with a non-zero status (or `signal`), with what it wrote to stderr.
    case sendmailFailed(status: Int32, message: String)

    /// True when sending the same message again cannot succeed without someone changing
    /// the address, the message or the configuration. SMTP's rule: 5xx permanent, 4xx not.
    public var isPermanent: Bool {
        switch self {
        case .rejected(let code, _): code >= 500
        case .connectionFailed, .connectionLost, .timedOut, .tlsFailed: false
        case .protocolError, .tlsUnavailable, .insecureAuthentication, .invalidAddress, .noRecipients,
             .sendmailNotFound:
            true
        // sysexits.h: 75 is EX_TEMPFAIL, the code mail programs use for "queue and retry".
        case .sendmailFailed(let status, _): status != 75
        }
    }

    public var description: String {
        switch self {
        case .connectionFailed(let host, let port, let reason):
            "geen verbinding met de mailserver \(host):\(port): \(reason)"
        case .connectionLost(let during):
            "de mailserver verbrak de verbinding (bij \(during))"
        case .timedOut(let during):
            "de mailserver antwoordde niet op tijd (bij \(during))"
        case .rejected(let code, let message):
            "afgewezen door de mailserver: \(code) \(message)"
        case .protocolError(let detail):
            "onverwacht antwoord van de mailserver: \(detail)"
        case .tlsUnavailable(let host):
            "de mailserver \(host) biedt geen versleutelde verbinding (STARTTLS) aan"
        case .tlsFailed(let detail):
            "versleutelde verbinding met de mailserver mislukt: \(detail)"
        case .insecureAuthentication(let host):
            "het wachtwoord voor \(host) is niet verstuurd: de verbinding is niet versleuteld"
        case .invalidAddress(let address):
            "‘\(address)’ is geen bruikbaar e-mailadres"
        case .noRecipients:
            "het bericht heeft geen ontvanger"
        case .sendmailNotFound(let path):
            "het sendmail-programma \(path) is niet gevonden of niet uitvoerbaar"
        case .sendmailFailed(let status, let message):
            "sendmail stopte met status \(status)" + (message.isEmpty ? "" : ": \(message)")
        }
    }
}
