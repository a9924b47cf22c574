import Foundation
import SignaalDomain
import SignaalStore

/// A reply that did not reach the customer (refused, interrupted, bounced): the case is the
/// team's again, not "waiting on the customer", and the first response it stood for was not given.
public struct ReplyNotReceived: Sendable {
    let store: any SignaalStore

    public init(store: any SignaalStore) {
        self.store = store
    }

    public func callAsFunction(_ reply: Reply, now: Date) async throws {
        _ = try await store.updateCase(id: reply.caseID) { theCase in
            if theCase.respondedAt == reply.createdAt { theCase.respondedAt = nil }
            guard theCase.status == .waitingOnCustomer else { return }
            try theCase.transition(to: .open, at: now, reason: StatusReason.replyNotReceived.dutch)
            theCase.waitingSince = theCase.waitingSince ?? theCase.lastInboundAt
        }
    }
}
