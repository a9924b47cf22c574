import Foundation
import SignaalDomain

/// What both stores check inside the handoff's transaction, against the case as it is now.
public enum HandoffRules {
    public static func check(_ handoff: Handoff, against theCase: Case) throws {
        guard theCase.status != .closed else {
            throw DomainError.conflict("Deze zaak is gesloten; een gesloten zaak wordt niet meer overgedragen.")
        }
        guard theCase.ownerID != handoff.toUserID else {
            throw DomainError.conflict("Deze collega is al eigenaar van de zaak.")
        }
        guard theCase.ownerID == handoff.fromUserID else {
            throw DomainError.conflict("De zaak is intussen van eigenaar gewisseld. Laad de pagina opnieuw.")
        }
    }
}

/// What both stores check when a promise is settled.
public enum PromiseRules {
    public static func checkSettle(_ promise: CasePromise, as status: CasePromise.Status) throws {
        guard status != .open else { throw DomainError.invalidField("status", "kies nagekomen of niet nagekomen") }
        guard promise.status == .open else {
            throw DomainError.conflict("Deze belofte is al afgesloten als '\(promise.status.dutchName)'.")
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
