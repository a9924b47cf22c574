import Foundation
import SignaalDomain

/// What one item of a platform's webhook delivery means to Signaal.
/// Adapters turn raw payloads into these; the app applies them. No I/O here.
public enum ChannelEvent: Sendable, Hashable {
    /// A customer message: store it (deduplicated on channel + external id).
    case signal(SignalDraft)
    /// The customer edited a message we have: keep the old text as history.
    case edit(channel: Channel, externalID: String, newText: String, at: Date)
    /// The customer or platform removed a message: mark it, keep it in the dossier.
    case remove(channel: Channel, externalID: String, at: Date)
    /// The platform reports what happened to one of our outgoing replies.
    case deliveryStatus(channel: Channel, externalID: String, status: DeliveryStatus, at: Date, detail: String?)
    /// Valid, but not a customer message (our own echoes, likes, typing indicators,
    /// unknown event types). `kind` names it for metrics and logs.
    case ignored(kind: String)
}

/// The states a platform reports for a message we sent.
public enum DeliveryStatus: String, Sendable, Hashable, Codable {
    case sent
    case delivered
    case read
    case failed
}

/// A delivery that could not be read at all (malformed JSON, wrong shape at the top).
public struct ChannelPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
