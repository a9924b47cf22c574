import Foundation
import SignaalDomain
import SignaalStore

/// Moves a case through its life (new → open → waiting_on_customer → resolved → closed),
/// validated by the domain and recorded with who and when.
public struct ChangeCaseStatus: Sendable {
    let store: any CaseStore
    let clock: @Sendable () -> Date

    public init(store: any CaseStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    @discardableResult
    public func callAsFunction(_ id: CaseID, to status: CaseStatus, by actor: UserID?, reason: String) async throws -> Case {
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        return try await store.updateCase(id: id) { theCase in
            try theCase.transition(to: status, at: now, actorID: actor, reason: reason)
            // Our move answers the customer: nobody waits for us any more.
            if status != .open { theCase.waitingSince = nil }
            theCase.priority = CasePriority.compute(theCase.priorityInputs, now: now).score
        }
    }
}
