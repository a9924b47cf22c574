import DutchText
import Foundation
import Testing

/// Which sentences the coach offers to track as promises (capability 7): getting in touch, once
/// dated, is one; a vague "we kijken ernaar" stays vague.
@Suite("Reply coach: promises")
struct ReplyCoachPromiseTests {
    static let opening = "Beste meneer De Vries, wat vervelend dat u al drie weken op uw wasmachine wacht; mijn excuses. "

    func review(_ sentence: String) -> CoachReview {
        ReplyCoachTests.shared.review(
            CoachContext(complaint: ReplyCoachTests.washerComplaint, draft: Self.opening + sentence, customerName: "Jan de Vries"))
    }

    @Test("a dated next step is a promise, not a vague one, and the reply has a solution", arguments: [
        "U hoort binnen twee werkdagen van ons.",
        "U hoort morgen voor 12:00 van mij.",
        "Wij nemen uiterlijk vrijdag contact met u op.",
        "U ontvangt morgen een mail met de nieuwe bezorgdatum.",
        "Ik bel u om middernacht terug.",
        "Ik laat het u morgen weten.",
        "Ik kom er morgen voor 12:00 op terug.",
        "Ik bel u morgen tussen 9 en 10.",
        "Ik bel u om half 3.",
        "Ik bel u om kwart over 4.",
        "Ik bel u vannacht om 2 uur.",
        "Ik bel u over twee weken.",
        "Ik bel u na de kerstdagen.",
        "Ik bel u donderdag 24 december.",
    ])
    func datedPromise(_ sentence: String) {
        let result = review(sentence)
        #expect(result.promises.map(\.text) == [sentence], "\(result.promises)")
        let codes = Set(result.findings.map(\.code))
        #expect(!codes.contains(.vaguePromise) && !codes.contains(.noSolution), "\(codes)")
    }

    @Test("a clock time after 'vóór' or 'tot' dates the step, also when it waits on the fix; a count after 'voor' does not", arguments: [
        "Hoi Bas, wat vervelend dat inloggen in de app niet lukt, sorry! Er is een storing; ik stuur je vóór 20:00 een DM zodra het weer werkt. Lukt het dan weer?",
        "Hoi Bas, wat vervelend dat inloggen in de app niet lukt, sorry! Er is een storing; ik laat je vóór 20:00 weten of het weer werkt. Lukt het dan weer?",
        "Hoi Bas, wat vervelend dat inloggen in de app niet lukt, sorry! Er is een storing; ik bel je tot 17.30 terug als het weer werkt. Lukt het dan weer?",
    ])
    func clockTime(_ draft: String) {
        let result = ReplyCoachTests.shared.review(
            CoachContext(complaint: "@bank inloggen in de app lukt niet, wat is er aan de hand??", draft: draft, customerName: "Bas de Vries", channel: .x))
        let codes = Set(result.findings.map(\.code))
        #expect(!codes.contains(.vaguePromise) && !codes.contains(.noSolution), "\(result.findings.map(\.message))")
        #expect(result.score >= 90)
        #expect(result.promises.count == 1)
        let count = ReplyCoachTests.shared.review(
            CoachContext(complaint: "@bank inloggen in de app lukt niet", draft: "Hoi Bas, sorry! Ik heb voor 3 klanten een storing gemeld; ik laat je weten zodra het weer werkt.",
                         customerName: "Bas de Vries", channel: .x))
        #expect(count.findings.contains { $0.code == .vaguePromise }, "'voor 3 klanten' is no time")
    }

    @Test("a commitment to get in touch without a time is a promise to ask the time for, and stays flagged vague", arguments: [
        "Ik bel u terug.",
        "We nemen contact met u op.",
        "U hoort nog van ons.",
        "Ik zoek het uit en laat het u weten.",
        "Ik stuur u een nieuwe pas.",
        "Ik kom erop terug.",
        "U hoort zo snel mogelijk van ons.",
        "U hoort snel van ons.",
        "We komen er binnenkort op terug.",
    ])
    func undatedPromise(_ sentence: String) {
        let result = review(sentence)
        #expect(result.promises.map(\.text) == [sentence], "\(result.promises)")
        #expect(result.promises.allSatisfy { $0.due == nil })
        #expect(result.findings.contains { $0.code == .vaguePromise }, "\(result.findings.map(\.code))")
    }

    @Test("'u wordt teruggebeld' (S4) is a promise too")
    func calledBack() {
        let result = review("U wordt teruggebeld.")
        #expect(result.promises.map(\.text) == ["U wordt teruggebeld."], "\(result.promises)")
    }

    @Test("looking into it, doing one's best, the customer's own step: no promise", arguments: [
        "We kijken ernaar.",
        "We doen ons best.",
        "We nemen het mee.",
        "Laat het ons weten als het niet lukt.",
        "U kunt ons bellen op 020-1234567.",
        "Ik kom terug op uw vraag: de pas is onderweg.",
        "Helaas kunnen wij u niet terugbellen.",
    ])
    func noPromise(_ sentence: String) {
        #expect(review(sentence).promises.isEmpty, "\(review(sentence).promises)")
    }

    @Test("beside a dated promise, an undated follow-up is not tracked on its own")
    func datedPromiseFirst() {
        let result = review("Ik bel u morgen om 10:00. Dan laat ik u weten hoe het zit.")
        #expect(result.promises.map(\.text) == ["Ik bel u morgen om 10:00."], "\(result.promises)")
    }
}
