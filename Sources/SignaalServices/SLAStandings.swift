import Foundation
import SignaalDomain
import SignaalStore

/// The inbox's two service-level views: "Norm in gevaar" and "Norm verlopen".
public enum SLAView: Sendable {
    case atRisk, breached

    /// The view a case is in by the state of the timer the inbox shows (`Case.currentSLA`:
    /// first response until answered, then resolution); nil for neither.
    public init?(_ state: SLAState) {
        switch state {
        case .atRisk: self = .atRisk
        case .breached: self = .breached
        default: return nil
        }
    }
}

/// Which unresolved cases had a service level at risk or missed at the last SLA watch, kept per
/// instance so the inbox can say how many each view holds. Telling needs every open case with
/// its history and the opening hours, too much for each inbox view; the watch reads them all
/// every minute anyway. The lists themselves ("Norm in gevaar") are always worked out anew.
public actor SLAStandings {
    public struct Standing: Sendable {
        /// When the watch read the cases.
        public let at: Date
        /// Without their transitions: a count per view needs only what a filter reads.
        public let atRisk: [Case]
        public let breached: [Case]

        public init(at: Date, atRisk: [Case], breached: [Case]) {
            self.at = at
            self.atRisk = atRisk
            self.breached = breached
        }

        /// How many of the listed cases pass `filter`.
        public func count(_ state: SLAView, matching filter: CaseFilter) -> Int {
            (state == .atRisk ? atRisk : breached).reduce(0) { $0 + (filter.matches($1) ? 1 : 0) }
        }
    }

    /// A standing older than this is not shown: the watch has stopped or fails, and old
    /// figures would mislead more than none.
    public static let shelfLife: TimeInterval = 5 * 60
    private var latest: Standing?

    public init() {}

    public func record(_ standing: Standing) {
        // Two watches may overlap (a slow pass and the next); the newest reading wins.
        if let latest, latest.at > standing.at { return }
        latest = standing
    }

    /// The latest standing, unless it is older than `shelfLife` at `now`.
    public func current(now: Date) -> Standing? {
        guard let latest, now.timeIntervalSince(latest.at) <= Self.shelfLife else { return nil }
        return latest
    }
}
