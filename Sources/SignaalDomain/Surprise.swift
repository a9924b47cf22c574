import Foundation

/// The fifth step of handling a complaint (S1): surprise the customer — but only where it went
/// badly, where a small unexpected gesture turns a bad experience around. This says when and why;
/// the pages put it into words.
public enum Surprise {
    /// One thing that went wrong on a case.
    public enum Reason: Equatable, Sendable {
        /// The customer had to come back: the case reopened this many times.
        case reopened(Int)
        /// The customer was passed on this many times.
        case transferred(Int)
        case brokenPromises(Int)
        /// The lowest satisfaction score the customer gave (1–5).
        case lowScore(Int)
        /// We missed our own SLA target.
        case slaBreached
        /// The customer wrote this many times.
        case wroteOften(Int)
        case considersLeaving
    }

    /// Gestures that fit most service desks (the agent chooses, or thinks of something better);
    /// each has a page text `case_surprise_idea_<name>`.
    public static let ideas = ["call", "card", "gift", "voucher"]

    /// What went wrong on the case; empty when nothing calls for a gesture.
    public static func reasons(
        theCase: Case, transfers: Int, promises: [CasePromise], satisfactionScores: [Int], slaBreaches: Int, cues: Set<String>
    ) -> [Reason] {
        var reasons: [Reason] = []
        if theCase.reopenCount > 0 { reasons.append(.reopened(theCase.reopenCount)) }
        if transfers >= 2 { reasons.append(.transferred(transfers)) }
        let broken = promises.filter { $0.status == .broken }.count
        if broken > 0 { reasons.append(.brokenPromises(broken)) }
        if let lowest = satisfactionScores.min(), lowest <= 2 { reasons.append(.lowScore(lowest)) }
        if slaBreaches > 0 { reasons.append(.slaBreached) }
        if theCase.signalCount >= 4 { reasons.append(.wroteOften(theCase.signalCount)) }
        if cues.contains("churn_threat") { reasons.append(.considersLeaving) }
        return reasons
    }
}
