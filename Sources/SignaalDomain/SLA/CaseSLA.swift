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

    /// Both clocks of the case's current episode at `now`, in the band of `Case.slaPriority`.
    /// Pausing reads the case's transitions.
    public func clock(for theCase: Case, now: Date) -> SLAClock {
        SLAClock(
            calendar: calendar, policy: policy, channel: theCase.channel.rawValue, priority: theCase.slaPriority,
            startedAt: theCase.slaStartedAt, respondedAt: theCase.respondedAt, resolvedAt: theCase.resolvedAt,
            resolutionPauses: policy.pauseWhileWaitingOnCustomer ? theCase.slaPauses : [], now: now)
    }
}

/// A span in which a case waited on the customer; `end` is nil while it still waits.
public struct SLAPause: Hashable, Sendable {
    public var start: Date
    public var end: Date?

    public init(start: Date, end: Date?) {
        self.start = start
        self.end = end
    }
}

extension Case {
    /// Whether the team owes this case an answer within its service levels: not when an account
    /// posing as the brand opened it (nobody waits for us there; it is reported, not answered).
    public var hasServiceLevel: Bool { !posesAsBrand }

    /// An account posing as the brand is reported, never answered in our name nor made good to
    /// (S3's fake "Klantenservice"): a reply would talk to the impersonator, not to a customer.
    public func checkAnswerable() throws(DomainError) {
        guard !posesAsBrand else {
            throw .conflict(
                "Dit account doet zich voor als ons merk: beantwoord het niet namens ons en geef het niets. "
                    + "Meld het account bij het platform en help de klanten op wie het reageerde.")
        }
    }

    /// The score the SLA band is taken from: what the customer's messages say (urgency, emotion,
    /// reach, repeat contact) without how long they have waited. Waiting raises `priority` every
    /// minute; were the band taken from that, a waiting case's targets would shrink and its due
    /// time jump back. This changes only when the customer writes again or the analysis changes.
    public var slaPriority: Double {
        var inputs = priorityInputs
        inputs.waitingSince = nil
        return CasePriority.compute(inputs, now: slaStartedAt).score
    }

    /// Closed because an earlier complaint log said it was handled (`signaal import csv`): nobody
    /// answered it in Signaal, so no clock of ours ran on it and none was met or missed. Read from
    /// the transitions, so a case read without them (lists) does not know.
    public var closedFromLog: Bool {
        status == .closed && transitions.contains { transition in
            if case .handledInLog = StatusReason(dutch: transition.reason) { true } else { false }
        }
    }

    /// When the current episode was resolved; nil while it is unresolved.
    public var resolvedAt: Date? {
        guard status == .resolved || status == .closed else { return nil }
        return transitions.last { $0.to == .resolved && $0.at >= slaStartedAt }?.at ?? (status == .closed ? updatedAt : nil)
    }

    /// The spans of the current episode in which the case waited on the customer, oldest first:
    /// where the policy says so, the resolution clock stops in them. Read from the transitions,
    /// so a case read without them (lists) has none.
    public var slaPauses: [SLAPause] {
        var pauses: [SLAPause] = []
        for transition in transitions.sorted(by: { $0.at < $1.at }) where transition.at >= slaStartedAt {
            if transition.to == .waitingOnCustomer {
                if pauses.last.map({ $0.end == nil }) != true { pauses.append(SLAPause(start: transition.at, end: nil)) }
            } else if let last = pauses.indices.last, pauses[last].end == nil {
                pauses[last].end = transition.at
            }
        }
        return pauses
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
