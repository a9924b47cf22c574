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

    @Test("without a time, or with only 'snel', getting in touch stays vague", arguments: [
        "Ik kom erop terug.",
        "We kijken ernaar.",
        "U hoort zo snel mogelijk van ons.",
        "U hoort snel van ons.",
        "We komen er binnenkort op terug.",
    ])
    func vaguePromise(_ sentence: String) {
        let result = review(sentence)
        #expect(result.promises.isEmpty, "\(result.promises)")
        #expect(result.findings.contains { $0.code == .vaguePromise }, "\(result.findings.map(\.code))")
    }
}
