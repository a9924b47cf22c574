import Foundation
import SignaalDomain
import SignaalStore

/// Gives a new case its team by the admin's rules, and an owner within that team by the routing
/// rules, right after intake. When nobody is available the case stays unassigned, visible to
/// everyone (and in its team's queue).
public struct RouteCase: Sendable {
    let store: any SignaalStore

    public init(store: any SignaalStore) {
        self.store = store
    }

    /// The new owner, or nil when the case already has one or nobody is available. `text` is
    /// the message that opened the case, for rules on the brand it names.
    @discardableResult
    public func callAsFunction(_ theCase: Case, text: String) async throws -> UserID? {
        guard theCase.ownerID == nil else { return nil }
        var team = theCase.teamID
        if team == nil { team = TeamRule.team(for: theCase, text: text, rules: try await store.teamRules()) }
        let profiles = try await store.routingProfiles()
        let placed = team
        // Someone may have taken or placed it meanwhile: only an unowned case is given away.
        // A colleague may also have handed it to another team's queue: then it is theirs to give.
        let place: @Sendable (UserID?) -> @Sendable (inout Case) -> Void = { owner in
            { updated in
                if updated.teamID == nil { updated.teamID = placed }
                if updated.ownerID == nil, updated.teamID == placed, let owner { updated.ownerID = owner }
            }
        }
        var full: Set<UserID> = []
        if !profiles.isEmpty {
            let users = try await store.users()
            let active = Set(users.filter(\.isActive).map(\.id))
            // A team's work goes to its own members only.
            let members = team.map { team in Set(users.filter { $0.teamID == team }.map(\.id)) }
            let eligible = members.map { members in profiles.filter { members.contains($0.userID) } } ?? profiles
            let previous = try await store.cases(customerID: theCase.customerID)
                .filter { $0.id != theCase.id && $0.ownerID != nil }
                .max { $0.openedAt < $1.openedAt }?.ownerID
            // The counts are read before the choice; the assignment counts again as it writes, and
            // a colleague who filled up meanwhile (routing on another instance) is skipped.
            while let chosen = CaseRouting.choose(
                channel: theCase.channel, topics: theCase.topics, language: theCase.language, previousOwner: previous,
                profiles: eligible.filter { !full.contains($0.userID) }, openCounts: try await store.openCaseCounts(), activeUsers: active),
                let capacity = eligible.first(where: { $0.userID == chosen })?.capacity
            {
                guard let routed = try await store.updateCase(id: theCase.id, ifOwnerBelow: capacity, owner: chosen, place(chosen)) else {
                    full.insert(chosen)
                    continue
                }
                return routed.ownerID == chosen ? chosen : nil
            }
        }
        guard team != theCase.teamID else { return nil }
        _ = try await store.updateCase(id: theCase.id, place(nil))
        return nil
    }
}
