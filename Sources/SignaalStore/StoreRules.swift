import Foundation
import SignaalDomain

/// What both stores check inside the handoff's transaction, against the case as it is now.
public enum HandoffRules {
    public static func check(_ handoff: Handoff, against theCase: Case) throws {
        guard theCase.status != .closed else {
            throw DomainError.conflict("Deze zaak is gesloten; een gesloten zaak wordt niet meer overgedragen.")
        }
        if let receiver = handoff.toUserID, theCase.ownerID == receiver {
            throw DomainError.conflict("Deze collega is al eigenaar van de zaak.")
        }
        if let team = handoff.toTeamID, theCase.ownerID == nil, theCase.teamID == team {
            throw DomainError.conflict("De zaak staat al in de wachtrij van dit team.")
        }
        guard theCase.ownerID == handoff.fromUserID else {
            throw DomainError.conflict("De zaak is intussen van eigenaar gewisseld. Laad de pagina opnieuw.")
        }
    }
}

extension Case {
    /// The case as a handoff leaves it: with its new owner, or unowned in a team's queue.
    public mutating func apply(_ handoff: Handoff, now: Date) {
        ownerID = handoff.toUserID
        if let team = handoff.toTeamID { teamID = team }
        updatedAt = now
    }
}

/// What both stores check when a promise is settled.
public enum PromiseRules {
    public static func checkSettle(_ promise: CasePromise, as status: CasePromise.Status) throws {
        guard status != .open else { throw DomainError.invalidField("status", "kies nagekomen of niet nagekomen") }
        guard promise.status == .open else {
            throw DomainError.conflict("Deze toezegging is al afgesloten als '\(promise.status.dutchName)'.")
        }
    }
}

/// What both stores do when a customer answers a satisfaction check: once only.
public enum SatisfactionRules {
    public static func answered(_ check: SatisfactionCheck, score: Int, solved: Bool?, comment: String?, at: Date) throws -> SatisfactionCheck {
        guard check.answeredAt == nil else { throw DomainError.conflict("Deze vraag is al beantwoord. Dank u wel!") }
        var answered = check
        answered.score = score
        answered.solved = solved
        answered.comment = comment
        answered.answeredAt = at
        return answered
    }
}

/// What both stores check when a lead decides on a compensation request: once only.
public enum CompensationRules {
    public static func decided(
        _ compensation: Compensation, as status: Compensation.Status, by userID: UserID, note: String?, at: Date
    ) throws -> Compensation {
        guard status != .pending else { throw DomainError.invalidField("decision", "kies akkoord of afwijzen") }
        guard compensation.status == .pending else {
            throw DomainError.conflict("Over deze tegemoetkoming is al beslist: \(compensation.status.dutchName).")
        }
        var decided = compensation
        decided.status = status
        decided.decidedBy = userID
        decided.decidedAt = at
        decided.decisionNote = note
        return decided
    }
}

/// A case's topics in one text column, "|levering|betaling|", so both databases find a topic
/// with one substring test and no join.
public enum CaseTopicsColumn {
    public static func encode(_ topics: [String]) -> String {
        topics.isEmpty ? "" : "|" + topics.joined(separator: "|") + "|"
    }

    public static func decode(_ text: String) -> [String] {
        text.split(separator: "|").map(String.init)
    }

    /// The needle that finds `topic` in an encoded column.
    public static func needle(_ topic: String) -> String { "|" + topic + "|" }
}

/// The database gave no connection within the time allowed, dropped the connection (a restart, a
/// failover, an administrator ending it), or a call ran past its overall limit. Nothing was
/// written (the transaction was rolled back); the caller may try again shortly.
public struct StoreUnavailable: Error, CustomStringConvertible {
    public enum Cause: Sendable, Equatable {
        /// No connection within this time.
        case noConnection(waited: Duration)
        /// The connection went away during the call; the database's or the driver's words.
        case connectionDropped(String)
        /// The call had not finished within this time, and its connection was closed.
        case tookTooLong(Duration)
    }
    public let cause: Cause
    public init(waited: Duration) { cause = .noConnection(waited: waited) }
    public init(_ cause: Cause) { self.cause = cause }
    public var description: String {
        switch cause {
        case .noConnection(let waited):
            "de database gaf binnen \(waited.components.seconds) seconden geen verbinding (start ze opnieuw op, of is ze onbereikbaar?)"
        case .connectionDropped(let reason):
            "de verbinding met de database viel weg (\(reason)); er is niets opgeslagen"
        case .tookTooLong(let limit):
            "de database gaf binnen \(limit.components.seconds) seconden geen antwoord; de verbinding is gesloten en er is niets opgeslagen"
        }
    }
}

/// A case's target (first response or resolution) as both stores compare breaches: one breach per
/// target per episode, whatever its due time.
public struct SLABreachTarget: Hashable, Sendable {
    public var caseID: CaseID
    public var kind: String

    public init(caseID: CaseID, kind: String) {
        self.caseID = caseID
        self.kind = kind
    }

    /// Those of `breaches` whose target is not in `recorded`, the first of each target only.
    public static func unrecorded(_ breaches: [SLABreach], recorded: Set<SLABreachTarget>) -> [SLABreach] {
        var seen = recorded
        return breaches.filter { seen.insert(SLABreachTarget(caseID: $0.caseID, kind: $0.kind.rawValue)).inserted }
    }
}
