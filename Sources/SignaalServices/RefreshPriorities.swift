import Foundation
import SignaalDomain
import SignaalStore

/// Waiting time grows while nobody answers; this recomputes the priority of every
/// unresolved case so the inbox order stays true. Run it every minute or so.
public struct RefreshPriorities: Sendable {
    let store: any CaseStore
    let clock: @Sendable () -> Date

    public init(store: any CaseStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Returns how many cases changed priority.
    @discardableResult
    public func callAsFunction(batchSize: Int = 500) async throws -> Int {
        let now = clock()
        var cursor: CaseID?
        var changed = 0
        while true {
            let page = try await store.unresolvedCases(limit: batchSize, after: cursor)
            guard let last = page.last else { break }
            cursor = last.id
            var updates: [(CaseID, Double)] = []
            for theCase in page {
                let score = CasePriority.compute(theCase.priorityInputs, now: now).score
                if abs(score - theCase.priority) >= 0.005 { updates.append((theCase.id, score)) }
            }
            try await store.updatePriorities(updates)
            changed += updates.count
            if page.count < batchSize { break }
        }
        return changed
    }
}
