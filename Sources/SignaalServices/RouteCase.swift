import Foundation
import SignaalDomain
import SignaalStore

/// Gives an unowned case an owner by the routing rules, right after intake. When nobody is
/// available the case stays unassigned, visible to everyone.
public struct RouteCase: Sendable {
    let store: any SignaalStore

    public init(store: any SignaalStore) {
        self.store = store
    }

    /// The new owner, or nil when the case already has one or nobody is available.
    @discardableResult
    public func callAsFunction(_ theCase: Case, analysis: Analysis?) async throws -> UserID? {
        guard theCase.ownerID == nil else { return nil }
        let profiles = try await store.routingProfiles()
        guard !profiles.isEmpty else { return nil }
        let active = Set(try await store.users().filter(\.isActive).map(\.id))
        let previous = try await store.cases(customerID: theCase.customerID)
            .filter { $0.id != theCase.id && $0.ownerID != nil }
            .max { $0.openedAt < $1.openedAt }?.ownerID
        guard
            let chosen = CaseRouting.choose(
                channel: theCase.channel, topics: analysis?.topics ?? [], language: analysis?.language, previousOwner: previous,
                profiles: profiles, openCounts: try await store.openCaseCounts(), activeUsers: active)
        else { return nil }
        // Someone may have taken it meanwhile: only an unowned case is given away.
        let routed = try await store.updateCase(id: theCase.id) { updated in
            if updated.ownerID == nil { updated.ownerID = chosen }
        }
        return routed.ownerID == chosen ? chosen : nil
    }
}
