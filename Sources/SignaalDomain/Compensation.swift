import Foundation

public typealias CompensationID = Identifier<Compensation>

/// Something given to a customer to make good (S2 tip 4: mandate for whoever takes the
/// complaint, no burden of proof). Within the giver's mandate it is granted at once; above it a
/// team lead approves. Every grant stays in the ledger of the case and of the customer.
public struct Compensation: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case refund
        case waivedCosts = "waived_costs"
        case voucher
        case gift

        public var dutchName: String {
            switch self {
            case .refund: "terugbetaling"
            case .waivedCosts: "kosten kwijtgescholden"
            case .voucher: "tegoedbon"
            case .gift: "attentie"
            }
        }

        public var englishName: String {
            switch self {
            case .refund: "refund"
            case .waivedCosts: "waived costs"
            case .voucher: "voucher"
            case .gift: "gift"
            }
        }
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Given: within mandate, or approved.
        case granted
        /// Above the requester's mandate, waiting for a lead.
        case pending
        case rejected

        public var dutchName: String {
            switch self {
            case .granted: "toegekend"
            case .pending: "wacht op akkoord"
            case .rejected: "afgewezen"
            }
        }
    }

    public var id: CompensationID
    public var caseID: CaseID
    public var customerID: CustomerID
    public var kind: Kind
    public var amountCents: Int
    /// Why, in the agent's words: for the ledger, never a proof asked of the customer.
    public var reason: String
    public var status: Status
    public var requestedBy: UserID
    public var requestedAt: Date
    public var decidedBy: UserID?
    public var decidedAt: Date?
    public var decisionNote: String?

    public init(
        id: CompensationID, caseID: CaseID, customerID: CustomerID, kind: Kind, amountCents: Int, reason: String, status: Status,
        requestedBy: UserID, requestedAt: Date, decidedBy: UserID? = nil, decidedAt: Date? = nil, decisionNote: String? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.customerID = customerID
        self.kind = kind
        self.amountCents = amountCents
        self.reason = reason
        self.status = status
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
    }

    public static let maximumReasonCharacters = 1000
    /// €100,000: anything above is a typing error, not a compensation.
    public static let maximumAmountCents = 10_000_000
}

/// How much each role may give without asking: per kind and per case, in cents. Configurable
/// by an admin (a JSON file); a role without an entry has no mandate, a limit left out of
/// `perKind` falls back to `perCase`.
public struct Mandate: Sendable, Hashable, Codable {
    public struct Limits: Sendable, Hashable, Codable {
        /// The most one case may receive of each kind, in total.
        public var perKind: [String: Int]
        /// The most one case may receive, all kinds together.
        public var perCase: Int

        public init(perKind: [Compensation.Kind: Int] = [:], perCase: Int) {
            self.perKind = Dictionary(uniqueKeysWithValues: perKind.map { ($0.key.rawValue, $0.value) })
            self.perCase = perCase
        }

        public func limit(for kind: Compensation.Kind) -> Int { min(perKind[kind.rawValue] ?? perCase, perCase) }
    }

    public var roles: [String: Limits]
    /// A customer with at least this many grants in twelve months is flagged to leads.
    public var flagGrantsPerYear: Int
    /// ...or with at least this much granted in twelve months, in cents.
    public var flagCentsPerYear: Int

    public init(roles: [User.Role: Limits], flagGrantsPerYear: Int = 4, flagCentsPerYear: Int = 25_000) {
        self.roles = Dictionary(uniqueKeysWithValues: roles.map { ($0.key.rawValue, $0.value) })
        self.flagGrantsPerYear = flagGrantsPerYear
        self.flagCentsPerYear = flagCentsPerYear
    }

    /// Agent €25, lead €250 per case; an admin €1,000.
    public static let standard = Mandate(roles: [
        .agent: Limits(perCase: 2_500),
        .lead: Limits(perCase: 25_000),
        .admin: Limits(perCase: 100_000),
    ])

    public func limits(for role: User.Role) -> Limits { roles[role.rawValue] ?? Limits(perCase: 0) }

    /// The role whose mandate reaches furthest: the last to ask (an admin, as configured by default).
    public var highestRole: User.Role {
        User.Role.allCases.max { limits(for: $0).perCase < limits(for: $1).perCase } ?? .admin
    }

    /// Whether `role` may give `amountCents` of `kind` on a case that already received
    /// `granted` (only grants count; pending and rejected requests do not).
    public func covers(
        _ role: User.Role, kind: Compensation.Kind, amountCents: Int, onCaseAlready granted: [Compensation]
    ) -> MandateCheck {
        let limits = limits(for: role)
        let given = granted.filter { $0.status == .granted }
        let kindTotal = given.filter { $0.kind == kind }.reduce(0) { $0 + $1.amountCents } + amountCents
        let caseTotal = given.reduce(0) { $0 + $1.amountCents } + amountCents
        if kindTotal > limits.limit(for: kind) {
            return .above(limit: limits.limit(for: kind), total: kindTotal, what: kind.dutchName)
        }
        if caseTotal > limits.perCase { return .above(limit: limits.perCase, total: caseTotal, what: "deze zaak") }
        return .within
    }

    /// Checks the configuration an admin wrote.
    public func validated() throws(DomainError) -> Mandate {
        for (role, limits) in roles {
            guard User.Role(rawValue: role) != nil else {
                throw .invalidField("mandate", "onbekende rol '\(role)'; kies uit agent, lead, admin")
            }
            guard limits.perCase >= 0 else { throw .invalidField("mandate", "het bedrag per zaak van \(role) is negatief") }
            for (kind, cents) in limits.perKind {
                guard Compensation.Kind(rawValue: kind) != nil else {
                    throw .invalidField("mandate", "onbekende soort '\(kind)'; kies uit refund, waived_costs, voucher, gift")
                }
                guard cents >= 0 else { throw .invalidField("mandate", "het bedrag voor \(kind) van \(role) is negatief") }
            }
        }
        guard flagGrantsPerYear > 0, flagCentsPerYear > 0 else {
            throw .invalidField("mandate", "de drempels voor een melding moeten groter dan nul zijn")
        }
        // A lead approves what is above an agent's mandate: a lead who may give less than an agent
        // (or an admin less than a lead) is a typing error, not a policy.
        let ordered = User.Role.allCases.sorted().compactMap { role in roles[role.rawValue].map { (role, $0.perCase) } }
        for (lower, higher) in zip(ordered, ordered.dropFirst()) where higher.1 < lower.1 {
            throw .invalidField(
                "mandate",
                "\(higher.0.rawValue) mag per zaak minder geven (\(Money.format(higher.1))) dan \(lower.0.rawValue) (\(Money.format(lower.1))); een hogere rol keurt goed wat daarboven ligt")
        }
        return self
    }
}

public enum MandateCheck: Sendable, Hashable {
    case within
    /// `total` (what the case would have received) is above `limit`.
    case above(limit: Int, total: Int, what: String)
}

/// Grants to one customer that leads should know about (S5: a few customers learn that
/// complaining pays). Quiet: shown to leads only, never to the customer or in the agent's way.
public struct CompensationFlag: Sendable, Hashable {
    public var grants: Int
    public var totalCents: Int

    public init(grants: Int, totalCents: Int) {
        self.grants = grants
        self.totalCents = totalCents
    }

    /// Nil when the customer's grants in the twelve months before `now` stay under both thresholds.
    public static func check(_ compensations: [Compensation], mandate: Mandate, now: Date) -> CompensationFlag? {
        let yearAgo = now.addingTimeInterval(-365 * 86400)
        let recent = compensations.filter { $0.status == .granted && ($0.decidedAt ?? $0.requestedAt) >= yearAgo }
        let total = recent.reduce(0) { $0 + $1.amountCents }
        guard recent.count >= mandate.flagGrantsPerYear || total >= mandate.flagCentsPerYear else { return nil }
        return CompensationFlag(grants: recent.count, totalCents: total)
    }
}

/// Euro amounts as Dutch people type and read them.
public enum Money {
    /// "12,50", "12.50", "€ 12", "1.250,00", "1.250", "1,250.00", "€12,5" → cents; nil for anything
    /// else (negative, more than two decimals, letters). Three digits after a comma are refused
    /// rather than guessed: "12,505" is a typo for 12,50 as often as it is English for 12.505.
    public static func cents(_ text: String) -> Int? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("€") { value = String(value.dropFirst()).trimmingCharacters(in: .whitespaces) }
        if value.lowercased().hasPrefix("eur") { value = String(value.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
        let isSeparator: (Character) -> Bool = { $0 == "," || $0 == "." }
        guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isNumber || isSeparator($0)) }) else { return nil }
        // The last separator followed by one or two digits is the decimal one; a dot followed by
        // three digits groups thousands ("1.250"); the other separators group thousands too.
        var whole = value
        var fraction = ""
        var decimalSeparator: Character?
        if let last = value.lastIndex(where: isSeparator) {
            let tail = value[value.index(after: last)...]
            if tail.count == 1 || tail.count == 2 {
                whole = String(value[..<last])
                fraction = String(tail)
                decimalSeparator = value[last]
            } else if tail.count != 3 || value[last] != "." {
                return nil
            }
        }
        // Thousands are grouped by one kind of separator, never the decimal one ("1.250.50" is no amount).
        let grouping = Set(whole.filter(isSeparator))
        guard grouping.count <= 1, decimalSeparator.map({ !grouping.contains($0) }) ?? true else { return nil }
        let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: isSeparator)
        guard let first = groups.first, !first.isEmpty, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        // A big amount is still an amount (the use case says it is too big); only one that would
        // not fit in cents is none.
        guard let euros = Int(groups.joined()), euros <= 1_000_000_000_000 else { return nil }
        let cents = fraction.isEmpty ? 0 : (Int(fraction.count == 1 ? fraction + "0" : fraction) ?? 0)
        return euros * 100 + cents
    }

    /// 1250 → "€ 12,50"; 125000 → "€ 1.250,00".
    public static func format(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        var euros = String(value / 100)
        var grouped = ""
        while euros.count > 3 {
            grouped = "." + euros.suffix(3) + grouped
            euros = String(euros.dropLast(3))
        }
        let rest = value % 100
        return "\(sign)€ \(euros)\(grouped),\(rest < 10 ? "0" : "")\(rest)"
    }
}
