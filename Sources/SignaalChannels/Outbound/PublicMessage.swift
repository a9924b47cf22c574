import SignaalDomain

extension Signal {
    /// Written where everyone reads it: a post or comment on X, Facebook or Instagram, not a
    /// direct message there (marked by `DirectMessageID`). An answer to it is public too.
    public var isInPublic: Bool {
        channel.isPublic && !DirectMessageID.isDirectMessage(externalID)
    }
}
