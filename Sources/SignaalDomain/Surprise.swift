import Foundation

/// The fifth step of handling a complaint (S1): surprise the customer — but only where it went
/// badly, where a small unexpected gesture turns a bad experience around. This says when and why.
public enum Surprise {
    /// What went wrong on the case, in Dutch; empty when nothing calls for a gesture.
    public static func reasons(
        theCase: Case, transfers: Int, promises: [CasePromise], satisfactionScores: [Int], slaBreaches: Int, cues: Set<String>
    ) -> [String] {
        var reasons: [String] = []
        if theCase.reopenCount > 0 { reasons.append("de klant moest terugkomen: de zaak ging \(theCase.reopenCount)× opnieuw open") }
        if transfers >= 2 { reasons.append("de klant is \(transfers)× doorverbonden") }
        let broken = promises.filter { $0.status == .broken }.count
        if broken > 0 { reasons.append(broken == 1 ? "een belofte is niet nagekomen" : "\(broken) beloftes zijn niet nagekomen") }
        if let lowest = satisfactionScores.min(), lowest <= 2 { reasons.append("de klant gaf een \(lowest) van 5") }
        if slaBreaches > 0 { reasons.append("we waren later dan onze eigen norm") }
        if theCase.signalCount >= 4 { reasons.append("de klant schreef al \(theCase.signalCount) keer") }
        if cues.contains("churn_threat") { reasons.append("de klant overweegt weg te gaan") }
        return reasons
    }

    /// Gestures that fit most service desks; the agent chooses (or thinks of something better).
    public static let ideas = [
        "een persoonlijk telefoontje van de teamleider",
        "een handgeschreven kaart",
        "bloemen of een attentie bij de klant thuis",
        "een tegoedbon die de klant niet verwachtte",
    ]
}
