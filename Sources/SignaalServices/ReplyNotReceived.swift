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
        // A later reply that got through answered the customer; this one's wait is not theirs any more.
        let answeredLater = try await store.replies(caseID: reply.caseID).contains {
            $0.createdAt > reply.createdAt && $0.reachedCustomer && $0.satisfactionToken == nil
        }
        let waitedSince = answeredLater ? nil : reply.waitedSince
        _ = try await store.updateCase(id: reply.caseID) { theCase in
            if theCase.respondedAt == reply.createdAt { theCase.respondedAt = nil }
            let wasWaitingOnCustomer = theCase.status == .waitingOnCustomer
            if wasWaitingOnCustomer { try theCase.transition(to: .open, at: now, reason: StatusReason.replyNotReceived.dutch) }
            guard theCase.status == .open else { return }
            // The customer was never answered: they wait since before this reply, also when they
            // wrote again meanwhile (which started the clock anew).
            let earliest = [theCase.waitingSince, waitedSince].compactMap { $0 }.min()
            guard let since = earliest ?? (wasWaitingOnCustomer ? theCase.lastInboundAt : nil) else { return }
            theCase.waitingSince = since
            theCase.priority = CasePriority.compute(theCase.priorityInputs, now: now).score
        }
    }
}

/// A reply that reached the customer after all (sent on a later attempt, or resent by an agent
/// after it failed): if its episode had no first response yet, this was it, when it was sent.
public struct ReplyReached: Sendable {
    let store: any SignaalStore

    public init(store: any SignaalStore) {
        self.store = store
    }

    public func callAsFunction(_ reply: Reply, now: Date) async throws {
        guard reply.reachedCustomer, reply.satisfactionToken == nil else { return }
        // Read first: most sent replies find the first response given, and an update would
        // tell every open case page that the case changed.
        guard let theCase = try await store.case(id: reply.caseID), Self.answersFirst(reply, theCase) else { return }
        _ = try await store.updateCase(id: reply.caseID) { theCase in
            if Self.answersFirst(reply, theCase) { theCase.respondedAt = reply.sentAt ?? now }
        }
    }

    /// No first response yet, and the reply belongs to the current episode.
    static func answersFirst(_ reply: Reply, _ theCase: Case) -> Bool {
        theCase.respondedAt == nil && reply.createdAt >= theCase.slaStartedAt
    }
}
