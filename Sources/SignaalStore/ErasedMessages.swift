import Crypto
import Foundation
import SignaalDomain

/// What is left of an erased message's platform id: enough to know a redelivery of it (a webhook
/// sent again, a mailbox read again, a CSV export imported again), nothing to find the post by.
/// Erasure removes the id itself, because it leads straight back to the customer's public post;
/// without this digest the message came back in full the next time the platform sent it.
public enum ErasedMessages {
    /// SHA-256 of the id, hex; both stores keep it per channel, with the placeholder signal it
    /// stands for, and intake answers a message with that id as a duplicate of the placeholder.
    public static func digest(of externalID: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(("signaal-erased\n" + externalID).utf8)))
    }

    /// The digests to keep for one erased message. An e-mail's Message-ID may be shared by other
    /// mails (a mailer writing `<@localhost>`), so intake tells a redelivery from another mail by
    /// sender and text (`Channel.distinctExternalID`); the placeholder has neither any more, so
    /// the id as the same mail would be kept apart is remembered too, also only as a digest. It
    /// cannot be turned back into the address or the text; it only recognises the same mail.
    public static func digests(channel: Channel, externalID: String, senderEmail: String?, text: String) -> [String] {
        guard channel.externalIDsMayCollide, !externalID.contains("#") else { return [digest(of: externalID)] }
        return [
            digest(of: externalID), digest(of: Channel.distinctExternalID(externalID, senderEmail: senderEmail, text: text)),
        ]
    }
}
