import Foundation

/// How new work finds its owner (S4: one owner, no "kastje-naar-de-muur"): the customer's
/// previous owner when available, else the least-loaded available colleague whose skills fit.
/// Agents join routing with a profile and can pause it for themselves.
public struct RoutingProfile: Sendable, Hashable, Codable {
    public var userID: UserID
    public var paused: Bool
    /// The most unresolved cases this colleague owns before routing passes them by.
    public var capacity: Int
    /// Channels, topics and languages this colleague handles; empty means all.
    public var channels: [Channel]
    public var topics: [String]
    public var languages: [String]

    public init(
        userID: UserID, paused: Bool = false, capacity: Int = RoutingProfile.defaultCapacity, channels: [Channel] = [],
        topics: [String] = [], languages: [String] = []
    ) {
        self.userID = userID
        self.paused = paused
        self.capacity = capacity
        self.channels = channels
        self.topics = topics
        self.languages = languages
    }

    public static let defaultCapacity = 15
    public static let maximumCapacity = 500

    /// Whether this colleague's skills cover the case.
    public func fits(channel: Channel, topics caseTopics: [String], language: String?) -> Bool {
        if !channels.isEmpty && !channels.contains(channel) { return false }
        if !topics.isEmpty && !caseTopics.isEmpty && Set(topics).isDisjoint(with: caseTopics) { return false }
        if !languages.isEmpty, let language, !languages.contains(language) { return false }
        return true
    }
}

public enum CaseRouting {
    /// The owner for a new case, or nil to leave it unassigned (visible to everyone).
    public static func choose(
        channel: Channel, topics: [String], language: String?, previousOwner: UserID?, profiles: [RoutingProfile],
        openCounts: [UserID: Int], activeUsers: Set<UserID>
    ) -> UserID? {
        func available(_ profile: RoutingProfile) -> Bool {
            activeUsers.contains(profile.userID) && !profile.paused && openCounts[profile.userID, default: 0] < profile.capacity
        }
        // The customer does not tell the story twice: the colleague who knows them, if they can.
        if let previousOwner, let profile = profiles.first(where: { $0.userID == previousOwner }), available(profile) {
            return previousOwner
        }
        let candidates = profiles.filter { available($0) && $0.fits(channel: channel, topics: topics, language: language) }
        return candidates.min { left, right in
            let leftLoad = Double(openCounts[left.userID, default: 0]) / Double(max(1, left.capacity))
            let rightLoad = Double(openCounts[right.userID, default: 0]) / Double(max(1, right.capacity))
            if leftLoad != rightLoad { return leftLoad < rightLoad }
            let leftOpen = openCounts[left.userID, default: 0], rightOpen = openCounts[right.userID, default: 0]
            if leftOpen != rightOpen { return leftOpen < rightOpen }
            return left.userID.description < right.userID.description
        }?.userID
    }
}
