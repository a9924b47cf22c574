import Foundation

public typealias PromiseID = Identifier<CasePromise>

/// Something promised to the customer ("ik bel u morgen voor 12:00 terug"): a task with a due
/// time and an owner, kept or broken — and counted, because a broken promise is a new complaint.
public struct CasePromise: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open, kept, broken

        public var dutchName: String {
            switch self {
            case .open: "open"
            case .kept: "nagekomen"
            case .broken: "niet nagekomen"
            }
        }
    }

    public var id: PromiseID
    public var caseID: CaseID
    /// Who has to keep it.
    public var ownerID: UserID
    public var text: String
    public var dueAt: Date
    public var status: Status
    public var createdAt: Date
    public var createdBy: UserID
    public var settledAt: Date?
    public var settledBy: UserID?

    public init(
        id: PromiseID, caseID: CaseID, ownerID: UserID, text: String, dueAt: Date, status: Status = .open, createdAt: Date,
        createdBy: UserID, settledAt: Date? = nil, settledBy: UserID? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.ownerID = ownerID
        self.text = text
        self.dueAt = dueAt
        self.status = status
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.settledAt = settledAt
        self.settledBy = settledBy
    }

    /// Open and past its time.
    public func isOverdue(now: Date) -> Bool { status == .open && dueAt < now }

    /// Marking takes a moment after the call: marked kept this long after its time still counts as on time.
    public static let markingGrace: TimeInterval = 30 * 60

    /// What became of a promise by `now`, as every figure counts it.
    public enum Outcome: Sendable, Hashable {
        /// Kept, and marked so by its time (give or take the moment marking takes).
        case keptOnTime
        /// Kept after its time: for the customer it broke first, so it is not kept on time;
        /// otherwise every broken promise could be marked kept afterwards.
        case keptLate
        case broken
        /// Open and past its time: nobody marked it kept.
        case overdue
        /// Open, its time still to come.
        case pending

        /// Not kept by its time: broken, late, or left open past it.
        public var isNotKept: Bool { self == .keptLate || self == .broken || self == .overdue }
        /// Past its time without being kept then: the owner's "te laat".
        public var isLate: Bool { self == .keptLate || self == .overdue }
    }

    public func outcome(now: Date) -> Outcome {
        switch status {
        case .kept: (settledAt ?? dueAt) <= dueAt.addingTimeInterval(Self.markingGrace) ? .keptOnTime : .keptLate
        case .broken: .broken
        case .open: isOverdue(now: now) ? .overdue : .pending
        }
    }

    /// How urgent keeping it is now: the owner is reminded ahead of time; when it is about to
    /// break (or broke) a lead is told too, so a colleague can still keep it (S4).
    public enum Urgency: Sendable, Hashable { case none, reminder, escalation }

    public func urgency(now: Date) -> Urgency {
        guard status == .open else { return .none }
        let left = dueAt.timeIntervalSince(now)
        if left <= Self.escalateBefore { return .escalation }
        if left <= Self.remindBefore { return .reminder }
        return .none
    }

    /// The owner sees it two hours ahead; leads from half an hour before.
    public static let remindBefore: TimeInterval = 2 * 3600
    public static let escalateBefore: TimeInterval = 30 * 60

    public static let maximumTextCharacters = 500
}
