/// The life of a case: new → open → waiting_on_customer → resolved → closed, and back to
/// open when the customer writes again after resolution.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case new
    case open
    case waitingOnCustomer = "waiting_on_customer"
    case resolved
    case closed

    /// Statuses in which the case still asks something of the team.
    public static let unresolved: [CaseStatus] = [.new, .open, .waitingOnCustomer]

    public var isUnresolved: Bool { Self.unresolved.contains(self) }

    /// Which statuses may follow this one.
    public var allowedNext: Set<CaseStatus> {
        switch self {
        case .new: [.open, .waitingOnCustomer, .resolved, .closed]
        case .open: [.waitingOnCustomer, .resolved, .closed]
        case .waitingOnCustomer: [.open, .resolved, .closed]
        case .resolved: [.open, .closed]
        case .closed: []
        }
    }

    public func canMove(to next: CaseStatus) -> Bool { allowedNext.contains(next) }

    public var dutchName: String {
        switch self {
        case .new: "nieuw"
        case .open: "open"
        case .waitingOnCustomer: "wacht op klant"
        case .resolved: "opgelost"
        case .closed: "gesloten"
        }
    }
}
