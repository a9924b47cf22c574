import Foundation

/// Hands a finished message (RFC 5322 bytes, e.g. `OutgoingEmail.rfc5322()`) to a mail system.
/// `from` and `to` are the envelope: bare addresses, where bounces go and who receives it.
/// Implementations throw `MailTransportError`; its `isPermanent` says whether a retry can help.
public protocol MailTransport: Sendable {
    func send(_ message: Data, from: String, to: [String]) async throws
}

/// Envelope addresses are checked before they reach a command line or an SMTP command:
/// a space, a line break or `<>` would let a customer's address add commands of its own,
/// and a leading `-` would be read by sendmail as an option.
enum EnvelopeAddress {
    static func validated(_ address: String) throws(MailTransportError) -> String {
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(CharacterSet(charactersIn: "<>"))
        guard !address.isEmpty, !address.hasPrefix("-"), address.contains("@"),
              address.unicodeScalars.allSatisfy({ !forbidden.contains($0) })
        else { throw .invalidAddress(address) }
        return address
    }
}
