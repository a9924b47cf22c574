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
        var chosen: UserID?
        if !profiles.isEmpty {
            let users = try await store.users()
            let active = Set(users.filter(\.isActive).map(\.id))
            // A team's work goes to its own members only.
            let members = team.map { team in Set(users.filter { $0.teamID == team }.map(\.id)) }
            let eligible = members.map { members in profiles.filter { members.contains($0.userID) } } ?? profiles
            let previous = try await store.cases(customerID: theCase.customerID)
                .filter { $0.id != theCase.id && $0.ownerID != nil }
                .max { $0.openedAt < $1.openedAt }?.ownerID
            chosen = CaseRouting.choose(
                channel: theCase.channel, topics: theCase.topics, language: theCase.language, previousOwner: previous,
                profiles: eligible, openCounts: try await store.openCaseCounts(), activeUsers: active)
        }
        guard team != theCase.teamID || chosen != nil else { return nil }
        let placed = team, owner = chosen
        // Someone may have taken or placed it meanwhile: only an unowned case is given away.
        let routed = try await store.updateCase(id: theCase.id) { updated in
            if updated.teamID == nil { updated.teamID = placed }
            // A colleague may also have handed it to another team's queue: then it is theirs to give.
            if updated.ownerID == nil, updated.teamID == placed, let owner { updated.ownerID = owner }
        }
        return owner != nil && routed.ownerID == owner ? owner : nil
    }
}
