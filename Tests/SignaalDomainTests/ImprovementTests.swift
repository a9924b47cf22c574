import Foundation
import SignaalDomain
import Testing

@Suite("Improvement actions")
struct ImprovementTests {
    let now = Date(millisecondsSince1970: 1_795_000_000_000)
    let topics = ["levering", "betaling"]

    @Test("an action needs a title of one line, a cause from the taxonomy and a plan that fits")
    func start() throws {
        let lead = UserID.generate()
        let action = try ImprovementAction.start(
            title: "  Geen rembourskosten meer bij retour \n", topic: "levering", plan: " Logistiek past de labels aan. ", topics: topics, by: lead,
            now: now)
        #expect(action.title == "Geen rembourskosten meer bij retour" && action.plan == "Logistiek past de labels aan.")
        #expect(action.casesSince == now.addingTimeInterval(-90 * 86400) && !action.isDone)
        for (title, topic, plan) in [
            ("   ", "levering", ""), (String(repeating: "x", count: 121), "levering", ""), ("Beter weer", "weer", ""),
            ("Retour gratis", "levering", String(repeating: "p", count: 2001)),
        ] {
            #expect(throws: DomainError.self) { try ImprovementAction.start(title: title, topic: topic, plan: plan, topics: topics, by: lead, now: now) }
        }
        #expect(throws: DomainError.self) { try ImprovementAction.checkedMessage(" \n ") }
        #expect(throws: DomainError.self) { try ImprovementAction.checkedMessage(String(repeating: "a", count: Reply.maximumTextBytes + 1)) }
        #expect(try ImprovementAction.checkedMessage(" Retour is gratis. ") == "Retour is gratis.")
    }

    func theCase(_ customer: CustomerID, updated: TimeInterval, owner: UserID? = nil) -> Case {
        Case(
            id: .generate(), customerID: customer, status: .resolved, ownerID: owner, priority: 1, subject: "retour", channel: .x,
            openedAt: now, updatedAt: now.addingTimeInterval(updated), lastInboundAt: now, waitingSince: nil, signalCount: 1,
            reopenCount: 0, maxFollowers: 0, transitions: [])
    }

    @Test("a customer who complained twice hears it once, in the case changed last")
    func onePerCustomer() {
        let sanne = CustomerID.generate()
        let joost = CustomerID.generate()
        let older = theCase(sanne, updated: 10)
        let newer = theCase(sanne, updated: 20)
        let his = theCase(joost, updated: 5)
        #expect(ImprovementAction.oneCasePerCustomer([older, his, newer]).map(\.id) == [his.id, newer.id])
        #expect(ImprovementAction.oneCasePerCustomer([]).isEmpty)
    }

    @Test("the colleagues told are each case's owner and whoever resolved it, once per case")
    func handlers() {
        let piet = UserID.generate()
        let fatima = UserID.generate()
        let owned = theCase(.generate(), updated: 0, owner: piet)
        let resolvedByOther = theCase(.generate(), updated: 0, owner: piet)
        let unowned = theCase(.generate(), updated: 0)
        let transitions: [CaseID: [CaseTransition]] = [
            owned.id: [CaseTransition(from: .open, to: .resolved, at: now, actorID: piet, reason: "opgelost")],
            resolvedByOther.id: [
                CaseTransition(from: .open, to: .resolved, at: now, actorID: fatima, reason: "opgelost"),
                CaseTransition(from: .resolved, to: .open, at: now, actorID: nil, reason: "klant schreef opnieuw"),
                CaseTransition(from: .open, to: .resolved, at: now, actorID: fatima, reason: "opgelost"),
            ],
            unowned.id: [CaseTransition(from: .new, to: .closed, at: now, actorID: fatima, reason: "gesloten")],
        ]
        #expect(ImprovementAction.handlers(of: [owned, resolvedByOther, unowned], transitions: transitions, handoffs: []) == [piet: 2, fatima: 1])
    }

    @Test("a colleague who owned a case before handing it over is counted too; a lead who only reassigned it is not")
    func handlersBeforeAHandOver() {
        let sanne = UserID.generate()
        let pieter = UserID.generate()
        let lead = UserID.generate()
        let handedOver = theCase(.generate(), updated: 0, owner: pieter)
        let own = (0..<7).map { _ in theCase(.generate(), updated: 0, owner: sanne) }
        let reassigned = theCase(.generate(), updated: 0, owner: pieter)
        let handoffs = [
            Handoff(id: .generate(), caseID: handedOver.id, fromUserID: sanne, toUserID: pieter, byUserID: sanne, briefing: "Klant wil retour", at: now),
            Handoff(id: .generate(), caseID: reassigned.id, fromUserID: pieter, toUserID: pieter, byUserID: lead, briefing: "Terug naar Pieter", at: now),
        ]
        let counts = ImprovementAction.handlers(of: own + [handedOver, reassigned], transitions: [:], handoffs: handoffs)
        #expect(counts == [sanne: 8, pieter: 2], "Sanne handled her seven and the one she handed to Pieter")
    }
}
