import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Improvement actions, the cases of their root cause and the colleagues told. SQLite and PostgreSQL.
@Suite("Store contract: improvement actions")
struct ImprovementContractTests {
    static let topics = ["levering", "betaling", "bereikbaarheid"]

    static func user(_ store: any SignaalStore, _ name: String, role: User.Role = .agent) async throws -> User {
        let user = User(id: .generate(), email: "\(name.lowercased())@example.nl", name: name, role: role, createdAt: Fixtures.base)
        try await store.createUser(user, passwordHash: "x")
        return user
    }

    /// `count` cases of customers klant0, klant1, …, their messages' ids starting with `prefix`.
    static func cases(_ count: Int, prefix: String, into store: any SignaalStore) async throws -> [CaseID] {
        var cases: [CaseID] = []
        for index in 0..<count {
            cases.append(try await Fixtures.ingest(Fixtures.draft(externalID: "\(prefix)\(index)", handle: "klant\(index)"), into: store).signal.caseID)
        }
        return cases
    }

    /// A case of `handle`, resolved at `at` by `by` with `cause` as its root cause.
    static func resolvedCase(
        _ store: any SignaalStore, handle: String, cause: String?, at: Date, by: User?, owner: User? = nil, close: Bool = false
    ) async throws -> CaseID {
        let outcome = try await Fixtures.ingest(
            Fixtures.draft(externalID: "\(handle)-\(at.timeIntervalSince1970)", handle: handle, receivedAt: at.addingTimeInterval(-3600)),
            into: store, now: at.addingTimeInterval(-3600))
        let id = try #require(outcome.createdCase).id
        _ = try await store.updateCase(id: id) { theCase in
            theCase.ownerID = owner?.id
            try theCase.transition(to: .resolved, at: at, actorID: by?.id, reason: "opgelost")
            theCase.rootCause = cause
            if close { try theCase.transition(to: .closed, at: at.addingTimeInterval(60), actorID: by?.id, reason: "gesloten") }
        }
        return id
    }

    @Test("one running action per cause; finished ones make room; running ones list first", arguments: TestDatabase.all)
    func startAndList(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.user(store, "Lotte", role: .lead)
            let now = Fixtures.base
            let returns = try ImprovementAction.start(
                title: "Geen rembourskosten meer bij retour", topic: "levering", plan: "Logistiek past de retourlabels aan.",
                topics: Self.topics, by: lotte.id, now: now)
            try await store.createImprovement(returns)
            #expect(try await store.improvement(id: returns.id) == returns)
            #expect(returns.casesSince == now.addingTimeInterval(-90 * 86400))

            let twin = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: Self.topics, by: lotte.id, now: now)
            await #expect(throws: DomainError.self) { try await store.createImprovement(twin) }
            let phone = try ImprovementAction.start(
                title: "Terugbellen binnen een dag", topic: "bereikbaarheid", plan: "", topics: Self.topics, by: lotte.id, now: now.addingTimeInterval(10))
            try await store.createImprovement(phone)

            let finished = try #require(
                try await store.finishImprovement(id: returns.id, message: "Retourneren is gratis.", by: lotte.id, at: now.addingTimeInterval(600), notices: [:], recipients: []))
            #expect(finished.isDone && finished.doneAt == now.addingTimeInterval(600) && finished.doneBy == lotte.id)
            #expect(finished.doneMessage == "Retourneren is gratis.")
            // Finishing twice is refused, so a message goes out once; an unknown action is nil.
            await #expect(throws: DomainError.self) {
                try await store.finishImprovement(id: returns.id, message: "Nog eens", by: lotte.id, at: now.addingTimeInterval(700), notices: [:], recipients: [])
            }
            #expect(try await store.improvement(id: returns.id)?.doneMessage == "Retourneren is gratis.")
            #expect(try await store.finishImprovement(id: .generate(), message: "?", by: lotte.id, at: now, notices: [:], recipients: []) == nil)
            // The cause may have a new action now.
            let next = try ImprovementAction.start(
                title: "Bezorgers bellen aan", topic: "levering", plan: "", topics: Self.topics, by: lotte.id, now: now.addingTimeInterval(900))
            try await store.createImprovement(next)

            #expect(try await store.improvements(limit: 10).map(\.id) == [next.id, phone.id, returns.id])
            #expect(try await store.improvements(limit: 1).map(\.id) == [next.id])
        }
    }

    @Test("the message's recipients are stored with the finishing; each is taken once, and counted in the reach when settled",
          arguments: TestDatabase.all)
    func recipients(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.user(store, "Lotte")
            let now = Fixtures.base.addingTimeInterval(86400)
            let cases = try await Self.cases(3, prefix: "r", into: store)
            let action = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: Self.topics, by: lotte.id, now: now)
            try await store.createImprovement(action)
            let quiet = try ImprovementAction.start(title: "Sneller bellen", topic: "bereikbaarheid", plan: "", topics: Self.topics, by: lotte.id, now: now)
            try await store.createImprovement(quiet)
            _ = try await store.finishImprovement(id: action.id, message: "Gratis!", by: lotte.id, at: now, notices: [:], recipients: cases + [cases[0]])
            _ = try await store.finishImprovement(id: quiet.id, message: "Sneller.", by: lotte.id, at: now, notices: [:], recipients: [])
            #expect(try await store.improvementsAwaitingDelivery(finishedBefore: now.addingTimeInterval(1)) == [action.id])
            #expect(try await store.improvementsAwaitingDelivery(finishedBefore: now).isEmpty, "not while it may still be sending")

            #expect(DeliveryTally(try await store.improvementRecipientOutcomes(id: action.id)).waiting == 3)
            #expect(try await store.improvementRecipientOutcomes(id: quiet.id).isEmpty)
            var taken: [CaseID] = []
            while let next = try await store.claimImprovementRecipient(id: action.id) { taken.append(next) }
            #expect(taken.count == 3 && Set(taken) == Set(cases), "each once, the doubled one too")
            #expect(try await store.claimImprovementRecipient(id: quiet.id) == nil)
            #expect(try await store.improvementRecipientOutcomes(id: action.id).allSatisfy { $0.stage == .sending })
            #expect(try await store.improvementsAwaitingDelivery(finishedBefore: now.addingTimeInterval(1)).isEmpty, "all taken")

            let written = try await Fixtures.reply(on: taken[0], by: lotte.id, into: store)
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[0], replyID: written.id, reason: nil)
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[1], replyID: nil, reason: "geen adres")
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[1], replyID: written.id, reason: nil)  // settled already: no change
            let reach = try #require(try await store.improvement(id: action.id))
            #expect(reach.reached == 1 && reach.skipped == 1, "the third was taken and never settled: counted as neither")
        }
    }

    @Test("each recipient keeps the reply written for it: what became of it is that reply's state, and coaching leaves it out",
          arguments: TestDatabase.all)
    func recipientOutcomes(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.user(store, "Lotte")
            let now = Fixtures.base.addingTimeInterval(86400)
            var cases = try await Self.cases(5, prefix: "o", into: store)
            cases.sort()
            let action = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: Self.topics, by: lotte.id, now: now)
            try await store.createImprovement(action)
            _ = try await store.finishImprovement(id: action.id, message: "Gratis!", by: lotte.id, at: now, notices: [:], recipients: cases)
            var taken: [CaseID] = []
            for _ in 0..<4 { taken.append(try #require(try await store.claimImprovementRecipient(id: action.id))) }
            let sent = try await Fixtures.reply(on: taken[0], by: lotte.id, into: store, at: now, outcome: .sent)
            let failed = try await Fixtures.reply(on: taken[1], by: lotte.id, into: store, at: now, outcome: .failed)
            let queued = try await Fixtures.reply(on: taken[2], by: lotte.id, into: store, at: now)
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[0], replyID: sent.id, reason: nil)
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[1], replyID: failed.id, reason: nil)
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[2], replyID: queued.id, reason: nil)
            try await store.settleImprovementRecipient(id: action.id, caseID: taken[3], replyID: nil, reason: "geen adres")

            let outcomes = try await store.improvementRecipientOutcomes(id: action.id)
            #expect(outcomes.map(\.caseID) == cases, "every recipient, in case order")
            let byCase = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.caseID, $0) })
            #expect(byCase[taken[0]] == RecipientOutcome(caseID: taken[0], stage: .reached, replyID: sent.id, replyStatus: .sent))
            #expect(byCase[taken[1]] == RecipientOutcome(caseID: taken[1], stage: .reached, replyID: failed.id, replyStatus: .failed))
            #expect(byCase[taken[2]] == RecipientOutcome(caseID: taken[2], stage: .reached, replyID: queued.id, replyStatus: .queued))
            #expect(byCase[taken[3]] == RecipientOutcome(caseID: taken[3], stage: .skipped, reason: "geen adres"))
            let untouched = try #require(cases.first { !taken.contains($0) })
            #expect(byCase[untouched] == RecipientOutcome(caseID: untouched, stage: .pending))

            // The reply moves on in the outbox: the outcome follows it.
            _ = try await store.claimDueReplies(now: now.addingTimeInterval(1), limit: 10)
            _ = try await store.finishReply(id: queued.id, attempt: 1, outcome: .sent(externalID: "later"), now: now.addingTimeInterval(1))
            let tally = DeliveryTally(try await store.improvementRecipientOutcomes(id: action.id))
            #expect((tally.queued, tally.arrived, tally.failed, tally.underway, tally.skipped, tally.waiting) == (3, 2, 1, 0, 1, 1))
            #expect(tally.failedCases == [taken[1]])

            // The lead's message to many is no reply of theirs to coach; their own answer is.
            let own = try await Fixtures.reply(on: taken[3], by: lotte.id, into: store, at: now)
            #expect(try await store.replies(authoredSince: now.addingTimeInterval(-1)).map(\.id) == [own.id])
            #expect(try await store.improvementRecipientOutcomes(id: .generate()).isEmpty)
        }
    }

    @Test("the cases of a cause: resolved with it since the start, in any status now, latest changed first", arguments: TestDatabase.all)
    func casesOfACause(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let piet = try await Self.user(store, "Piet")
            let now = Fixtures.base
            let sanne = try await Self.resolvedCase(store, handle: "sanne", cause: "levering", at: now.addingTimeInterval(-86400), by: piet)
            let joost = try await Self.resolvedCase(
                store, handle: "joost", cause: "levering", at: now.addingTimeInterval(-3 * 86400), by: piet, close: true)
            _ = try await Self.resolvedCase(store, handle: "anna", cause: "betaling", at: now.addingTimeInterval(-86400), by: piet)
            _ = try await Self.resolvedCase(store, handle: "oud", cause: "levering", at: now.addingTimeInterval(-100 * 86400), by: piet)
            _ = try await Self.resolvedCase(store, handle: "geen", cause: nil, at: now.addingTimeInterval(-86400), by: piet)
            // Unresolved: no root cause yet, not counted.
            _ = try await Fixtures.ingest(Fixtures.draft(externalID: "open-1", handle: "nog_open", receivedAt: now), into: store, now: now)
            // A fake care account dealt with ("resolved") is no complaint about anything.
            let posing = IntakePlanner(now: now.addingTimeInterval(-7200), impersonator: true)
            let fake = try #require(
                try await store.ingest(try Fixtures.draft(externalID: "nep-1", handle: "NS_0nline", receivedAt: now.addingTimeInterval(-7200)).validated()) {
                    posing.plan($0, context: $1)
                }.createdCase)
            #expect(fake.posesAsBrand)
            _ = try await store.updateCase(id: fake.id) { theCase in
                try theCase.transition(to: .resolved, at: now.addingTimeInterval(-3600), actorID: piet.id, reason: "gemeld")
                theCase.rootCause = "bejegening"
            }

            let since = now.addingTimeInterval(-90 * 86400)
            #expect(try await store.cases(rootCause: "levering", resolvedSince: since, limit: 10).map(\.id) == [sanne, joost])
            #expect(try await store.cases(rootCause: "levering", resolvedSince: since, limit: 1).map(\.id) == [sanne])
            #expect(try await store.cases(rootCause: "storing", resolvedSince: since, limit: 10).isEmpty)
            #expect(try await store.rootCauseCounts(resolvedSince: since) == ["levering": 2, "betaling": 1])
            #expect(try await store.rootCauseCounts(resolvedSince: now.addingTimeInterval(-2 * 86400)) == ["levering": 1, "betaling": 1])
        }
    }

    @Test("colleagues are told when it is done, until they mark it seen", arguments: TestDatabase.all)
    func notices(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let lotte = try await Self.user(store, "Lotte", role: .lead)
            let piet = try await Self.user(store, "Piet")
            let fatima = try await Self.user(store, "Fatima")
            let now = Fixtures.base
            let action = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: Self.topics, by: lotte.id, now: now)
            try await store.createImprovement(action)
            #expect(try await store.improvementNotices(userID: piet.id, since: now).isEmpty)
            let done = now.addingTimeInterval(3600)
            let finished = try #require(
                try await store.finishImprovement(id: action.id, message: "Hoi {klant}, retour is gratis.", by: lotte.id, at: done, notices: [piet.id: 3, fatima.id: 1], recipients: []))

            let forPiet = try await store.improvementNotices(userID: piet.id, since: now)
            #expect(forPiet == [ImprovementNotice(action: finished, userID: piet.id, cases: 3)])
            #expect(try await store.improvementNotices(userID: fatima.id, since: now).map(\.cases) == [1])
            #expect(try await store.improvementNotices(userID: lotte.id, since: now).isEmpty, "Lotte handled none of its cases")
            // Finished before `since`: no longer news.
            #expect(try await store.improvementNotices(userID: piet.id, since: done.addingTimeInterval(1)).isEmpty)

            try await store.markImprovementNoticeSeen(actionID: action.id, userID: piet.id, at: done.addingTimeInterval(60))
            #expect(try await store.improvementNotices(userID: piet.id, since: now).isEmpty)
            #expect(try await store.improvementNotices(userID: fatima.id, since: now).count == 1, "seen by Piet only")
            // Marking again, or a notice that does not exist, changes nothing.
            try await store.markImprovementNoticeSeen(actionID: action.id, userID: piet.id, at: done.addingTimeInterval(120))
            try await store.markImprovementNoticeSeen(actionID: .generate(), userID: piet.id, at: done)
        }
    }
}
