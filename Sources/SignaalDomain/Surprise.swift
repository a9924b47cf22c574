import Foundation

/// The fifth step of handling a complaint (S1): surprise the customer — but only where it went
/// badly, where a small unexpected gesture turns a bad experience around. This says when and why.
public enum Surprise {
    /// What went wrong on the case, in Dutch (or in English for the English page); empty when
    /// nothing calls for a gesture.
    public static func reasons(
        theCase: Case, transfers: Int, promises: [CasePromise], satisfactionScores: [Int], slaBreaches: Int, cues: Set<String>,
        english: Bool = false
    ) -> [String] {
        var reasons: [String] = []
        let reopened = theCase.reopenCount
        if reopened > 0 {
            reasons.append(english
                ? "the customer had to come back: the case reopened \(reopened)×"
                : "de klant moest terugkomen: de zaak ging \(reopened)× opnieuw open")
        }
        if transfers >= 2 { reasons.append(english ? "the customer was transferred \(transfers)×" : "de klant is \(transfers)× doorverbonden") }
        let broken = promises.filter { $0.status == .broken }.count
        if broken > 0 {
            let reason = switch (english, broken == 1) {
            case (false, true): "een belofte is niet nagekomen"
            case (false, false): "\(broken) beloftes zijn niet nagekomen"
            case (true, true): "a promise was not kept"
            case (true, false): "\(broken) promises were not kept"
            }
            reasons.append(reason)
        }
        if let lowest = satisfactionScores.min(), lowest <= 2 {
            reasons.append(english ? "the customer gave a \(lowest) out of 5" : "de klant gaf een \(lowest) van 5")
        }
        if slaBreaches > 0 { reasons.append(english ? "we were later than our own target" : "we waren later dan onze eigen norm") }
        if theCase.signalCount >= 4 {
            reasons.append(english ? "the customer already wrote \(theCase.signalCount) times" : "de klant schreef al \(theCase.signalCount) keer")
        }
        if cues.contains("churn_threat") { reasons.append(english ? "the customer is considering leaving" : "de klant overweegt weg te gaan") }
        return reasons
    }

    /// Gestures that fit most service desks; the agent chooses (or thinks of something better).
    public static let ideas = [
        "een persoonlijk telefoontje van de teamleider",
        "een handgeschreven kaart",
        "bloemen of een attentie bij de klant thuis",
        "een tegoedbon die de klant niet verwachtte",
    ]

    /// The same gestures, for the English page.
    public static let englishIdeas = [
        "a personal phone call from the team lead",
        "a handwritten card",
        "flowers or a small gift delivered to the customer",
        "a voucher the customer did not expect",
    ]
}
