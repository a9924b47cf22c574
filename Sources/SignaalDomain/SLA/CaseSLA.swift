import Foundation

/// The team's service levels: opening hours with Dutch holidays, and targets per channel and
/// priority. Configurable by an admin as one JSON file.
public struct SLASettings: Hashable, Sendable, Codable {
    public var calendar: BusinessCalendar
    public var policy: SLAPolicy

    public init(calendar: BusinessCalendar = .standard, policy: SLAPolicy = .standard) {
        self.calendar = calendar
        self.policy = policy
    }

    public static let standard = SLASettings()

    private enum CodingKeys: String, CodingKey { case calendar, policy }

    /// Either part may be left out; each part validates itself as it is decoded.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        calendar = try container.decodeIfPresent(BusinessCalendar.self, forKey: .calendar) ?? .standard
        policy = try container.decodeIfPresent(SLAPolicy.self, forKey: .policy) ?? .standard
    }

    /// Both clocks of the case's current episode at `now`.
    public func clock(for theCase: Case, now: Date) -> SLAClock {
        SLAClock(
            calendar: calendar, policy: policy, channel: theCase.channel.rawValue, priority: theCase.priority,
            startedAt: theCase.slaStartedAt, respondedAt: theCase.respondedAt, resolvedAt: theCase.resolvedAt, now: now)
    }
}

extension Case {
    /// When the current episode was resolved; nil while it is unresolved.
    public var resolvedAt: Date? {
        guard status == .resolved || status == .closed else { return nil }
        return transitions.last { $0.to == .resolved && $0.at >= slaStartedAt }?.at ?? (status == .closed ? updatedAt : nil)
    }

    /// The clock an agent watches now: first response until answered, then resolution.
    public func currentSLA(_ clock: SLAClock) -> SLATargetStatus {
        respondedAt == nil && resolvedAt == nil ? clock.firstResponse : clock.resolution
    }
}

/// A target that was missed, kept so breaches can be counted after the case moves on.
public struct SLABreach: Hashable, Sendable {
    public var caseID: CaseID
    public var kind: SLATargetKind
    public var dueAt: Date
    public var recordedAt: Date

    public init(caseID: CaseID, kind: SLATargetKind, dueAt: Date, recordedAt: Date) {
        self.caseID = caseID
        self.kind = kind
        self.dueAt = dueAt
        self.recordedAt = recordedAt
    }
}
