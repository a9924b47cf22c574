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
}
