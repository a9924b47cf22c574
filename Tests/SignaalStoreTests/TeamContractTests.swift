import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Teams, their rules, handoffs to a team's queue and the inbox filters. SQLite and PostgreSQL.
@Suite("Store contract: teams and inbox filters")
struct TeamContractTests {
    @Test("teams are unique by name; members and ordered rules are kept; unknown teams are refused", arguments: TestDatabase.all)
    func teamsAndRules(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let webcare = Team(id: .generate(), name: "Webcare")
            let finance = Team(id: .generate(), name: "Financiën")
            try await store.createTeam(webcare, now: Fixtures.base)
            try await store.createTeam(finance, now: Fixtures.base)
            await #expect(throws: DomainError.self) {
                try await store.createTeam(Team(id: .generate(), name: "Webcare"), now: Fixtures.base)
            }
            #expect(try await store.teams().map(\.name) == ["Financiën", "Webcare"])
            // A new name keeps the team's id (members, rules, cases); a taken name or an unknown team is refused.
            try await store.renameTeam(id: finance.id, to: "Betalingen")
            #expect(try await store.teams().map(\.name) == ["Betalingen", "Webcare"])
            #expect(try await store.teams().first { $0.name == "Betalingen" }?.id == finance.id)
            await #expect(throws: DomainError.conflict("Er is al een team met de naam Webcare.")) {
                try await store.renameTeam(id: finance.id, to: "Webcare")
            }
            await #expect(throws: DomainError.notFound("team")) { try await store.renameTeam(id: TeamID.generate(), to: "Nieuw") }
            try await store.renameTeam(id: finance.id, to: "Financiën")

            let anna = try await HandoffContractTests.user("Anna", store: store)
            try await store.setTeam(userID: anna.id, teamID: webcare.id)
            #expect(try await store.user(id: anna.id)?.teamID == webcare.id)
            try await store.setTeam(userID: anna.id, teamID: nil)
            #expect(try await store.user(id: anna.id)?.teamID == nil)
            await #expect(throws: DomainError.self) { try await store.setTeam(userID: anna.id, teamID: TeamID.generate()) }
            await #expect(throws: DomainError.self) { try await store.setTeam(userID: UserID.generate(), teamID: webcare.id) }

            let second = TeamRule(id: .generate(), position: 2, field: .channel, value: "x", teamID: webcare.id)
            let first = TeamRule(id: .generate(), position: 1, field: .topic, value: "betaling", teamID: finance.id)
            try await store.addTeamRule(second)
            try await store.addTeamRule(first)
            #expect(try await store.teamRules() == [first, second])
            await #expect(throws: DomainError.self) {
                try await store.addTeamRule(TeamRule(id: .generate(), position: 3, field: .brand, value: "KLM", teamID: TeamID.generate()))
            }
            #expect(try await store.removeTeamRule(id: first.id))
            #expect(try await store.removeTeamRule(id: first.id) == false)
            #expect(try await store.teamRules() == [second])
        }
    }

    @Test("a handoff to a team leaves the case unowned in that team's queue, and is read back as such", arguments: TestDatabase.all)
    func handoffToTeam(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let finance = Team(id: .generate(), name: "Financiën")
            try await store.createTeam(finance, now: Fixtures.base)
            let caseID = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "t1", handle: "klant"), into: store).signal.caseID
            _ = try await store.updateCase(id: caseID) { $0.ownerID = anna.id }
            let at = Fixtures.base.addingTimeInterval(120)
            let handoff = Handoff(
                id: .generate(now: at), caseID: caseID, fromUserID: anna.id, toUserID: nil, toTeamID: finance.id, byUserID: anna.id,
                briefing: "Klant wil €40 terug voor dubbel afgeschreven abonnement; bankafschrift gezien.", at: at)
            let moved = try await store.recordHandoff(handoff, now: at)
            #expect(moved.ownerID == nil)
            #expect(moved.teamID == finance.id)
            #expect(try await store.handoffs(caseID: caseID) == [handoff])
            #expect(handoff.isTransfer)

            let queue = try await store.cases(matching: CaseFilter(teamID: finance.id), limit: 10, after: nil)
            #expect(queue.map(\.id) == [caseID])
            // Already waiting in that queue: handing it there again is refused, nothing is added.
            let again = Handoff(
                id: .generate(), caseID: caseID, fromUserID: nil, toUserID: nil, toTeamID: finance.id, byUserID: anna.id,
                briefing: "Nog een keer naar Financiën, voor de zekerheid.", at: at.addingTimeInterval(60))
            await #expect(throws: DomainError.self) { try await store.recordHandoff(again, now: at.addingTimeInterval(60)) }
            #expect(try await store.handoffs(caseID: caseID).count == 1)
        }
    }

    @Test("cases keep what their messages say, and the inbox filters and counts on it", arguments: TestDatabase.all)
    func filters(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            func ingest(_ id: String, _ channel: Channel, handle: String, _ analysis: Analysis, at offset: Double = 0) async throws -> CaseID {
                try await Fixtures.ingest(
                    Fixtures.draft(channel: channel, externalID: id, handle: handle, receivedAt: Fixtures.base.addingTimeInterval(offset)),
                    into: store, now: Fixtures.base.addingTimeInterval(60 + offset), analysis: analysis
                ).signal.caseID
            }
            let angryPayment = try await ingest("f1", .x, handle: "een", Fixtures.analysis(.negative, .complaint, topics: ["betaling"]))
            let question = try await ingest("f2", .facebook, handle: "twee", Fixtures.analysis(.neutral, .question, topics: ["levering"]))
            let english = try await ingest(
                "f3", .x, handle: "drie", Fixtures.analysis(.negative, .complaint, topics: ["levering", "storing"], language: "en"))
            // The first customer writes again, now thankful and about a refund: the case is no
            // longer angry, and it has named both topics.
            _ = try await ingest("f4", .x, handle: "een", Fixtures.analysis(.positive, .compliment, topics: ["terugbetaling"]), at: 30)

            let stored = try #require(try await store.case(id: angryPayment))
            #expect(stored.sentiment == .positive)
            #expect(stored.intent == .compliment)
            #expect(stored.topics == ["betaling", "terugbetaling"])
            #expect(stored.language == "nl")
            #expect(try await store.case(id: english)?.language == "en")

            func ids(_ filter: CaseFilter) async throws -> Set<CaseID> {
                let found = Set(try await store.cases(matching: filter, limit: 50, after: nil).map(\.id))
                #expect(try await store.countCases(matching: filter, cap: 100) == found.count, "a view's count is what it lists")
                let all = try await store.cases(matching: CaseFilter(statuses: []), limit: 50, after: nil)
                #expect(Set(all.filter(filter.matches).map(\.id)) == found, "the filter reads cases in memory as the database does")
                return found
            }
            #expect(try await ids(CaseFilter()) == [angryPayment, question, english])
            #expect(try await ids(CaseFilter(channel: .x)) == [angryPayment, english])
            #expect(try await ids(CaseFilter(topic: "levering")) == [question, english])
            #expect(try await ids(CaseFilter(topic: "betaling")) == [angryPayment])
            #expect(try await ids(CaseFilter(topic: "bet")) == [])  // whole topics only
            #expect(try await ids(CaseFilter(sentiment: .negative)) == [english])
            #expect(try await ids(CaseFilter(intent: .question)) == [question])
            #expect(try await ids(CaseFilter(channel: .x, topic: "storing", sentiment: .negative, intent: .complaint)) == [english])
            #expect(try await ids(CaseFilter(channel: .facebook, sentiment: .negative)) == [])
            // The customer who wrote again 30 s later is the only one since then (a surge's cases).
            #expect(try await ids(CaseFilter(lastInboundSince: Fixtures.base.addingTimeInterval(30))) == [angryPayment])
            #expect(try await ids(CaseFilter(topic: "betaling", lastInboundSince: Fixtures.base)) == [angryPayment])
            #expect(try await ids(CaseFilter(lastInboundSince: Fixtures.base.addingTimeInterval(31))) == [])
            #expect(try await store.countCases(matching: CaseFilter(), cap: 2) == 2, "counting stops at the cap")

            let team = Team(id: .generate(), name: "Webcare")
            try await store.createTeam(team, now: Fixtures.base)
            _ = try await store.updateCase(id: question) { $0.teamID = team.id }
            #expect(try await ids(CaseFilter(teamID: team.id)) == [question])
            #expect(try await store.case(id: question)?.topics == ["levering"])  // an update keeps the labels

            // Paging with a filter: one at a time, in priority order, no case twice.
            var seen: [CaseID] = []
            var cursor: CaseCursor?
            repeat {
                let page = try await store.cases(matching: CaseFilter(channel: .x), limit: 1, after: cursor)
                seen += page.map(\.id)
                cursor = page.last.map { CaseCursor(after: $0) }
            } while cursor != nil
            #expect(Set(seen) == [angryPayment, english])
            #expect(seen.count == 2)
        }
    }
}
