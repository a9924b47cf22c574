import Foundation
import SignaalDomain
import SignaalServices
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Routing by team rules")
struct TeamRoutingTests {
    @Test("cases routed at the same moment never give a colleague more than their capacity; the rest go to the next or stay unassigned", arguments: TestDatabase.all)
    func capacityUnderRace(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let now = Date()
            var users: [User] = []
            for (name, capacity) in [("Anna", 2), ("Bram", 3)] {
                let user = User(id: .generate(now: now), email: "\(name.lowercased())@example.nl", name: name, role: .agent, createdAt: now)
                try await store.createUser(user, passwordHash: "x")
                try await store.saveRoutingProfile(RoutingProfile(userID: user.id, capacity: capacity))
                users.append(user)
            }
            // On PostgreSQL half of the cases come in through a second instance on the same database.
            let other = database == .postgres ? try await location.open() : store
            let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
                for index in 0..<12 {
                    let instance = index % 2 == 0 ? store : other
                    group.addTask {
                        try await IngestSignal(store: instance, clock: { now }, routing: RouteCase(store: instance))(SignalDraft(
                            channel: .x, author: Author(handle: "reiziger\(index)"), text: "Mijn trein is alweer uitgevallen (\(index))",
                            receivedAt: now))
                    }
                }
                return try await group.reduce(into: [IntakeOutcome]()) { $0.append($1) }
            }
            if database == .postgres { await other.shutdown() }
            var owned: [UserID: Int] = [:]
            for outcome in outcomes {
                if let owner = try await store.case(id: outcome.signal.caseID)?.ownerID { owned[owner, default: 0] += 1 }
            }
            #expect(owned[users[0].id] == 2, "\(owned)")
            #expect(owned[users[1].id] == 3, "\(owned)")
        }
    }

    @Test("a new case goes to the team of the first matching rule, and to a member of that team only", arguments: TestDatabase.all)
    func routeWithinTeam(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            let finance = Team(id: .generate(now: now), name: "Financiën")
            let webcare = Team(id: .generate(now: now), name: "Webcare")
            try await store.createTeam(finance, now: now)
            try await store.createTeam(webcare, now: now)
            var users: [String: User] = [:]
            for name in ["Anna", "Bram"] {
                let user = User(id: .generate(now: now), email: "\(name.lowercased())@example.nl", name: name, role: .agent, createdAt: now)
                try await store.createUser(user, passwordHash: "x")
                try await store.saveRoutingProfile(RoutingProfile(userID: user.id))
                users[name] = user
            }
            let anna = try #require(users["Anna"]), bram = try #require(users["Bram"])
            try await store.setTeam(userID: anna.id, teamID: webcare.id)
            try await store.setTeam(userID: bram.id, teamID: finance.id)
            // Anna already owns more; without teams, Bram would get everything.
            try await store.addTeamRule(TeamRule(id: .generate(), position: 1, field: .topic, value: "betaling", teamID: finance.id))
            try await store.addTeamRule(TeamRule(id: .generate(), position: 2, field: .brand, value: "@ns_online", teamID: webcare.id))
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer(), routing: RouteCase(store: store))

            let payment = try await ingest(SignalDraft(
                channel: .email, author: Author(email: "klant1@example.nl"),
                text: "Er is twee keer € 49,95 van mijn rekening afgeschreven voor dezelfde bestelling. Graag terugstorten.", receivedAt: now))
            let paymentCase = try #require(try await store.case(id: payment.signal.caseID))
            #expect(paymentCase.teamID == finance.id)
            #expect(paymentCase.ownerID == bram.id)

            let train = try await ingest(SignalDraft(
                channel: .x, author: Author(handle: "reiziger"), text: "@NS_online alweer vertraging tussen Utrecht en Amersfoort", receivedAt: now))
            let trainCase = try #require(try await store.case(id: train.signal.caseID))
            #expect(trainCase.teamID == webcare.id)
            #expect(trainCase.ownerID == anna.id)

            // Nobody in Webcare can take more: the case waits unowned in the team's queue rather
            // than going to Bram in another team.
            try await store.saveRoutingProfile(RoutingProfile(userID: anna.id, paused: true))
            let second = try await ingest(SignalDraft(
                channel: .x, author: Author(handle: "forens"), text: "@ns_online de trein van 8:12 is weer uitgevallen", receivedAt: now))
            let waiting = try #require(try await store.case(id: second.signal.caseID))
            #expect(waiting.teamID == webcare.id)
            #expect(waiting.ownerID == nil)

            // No rule matches: routing over everyone, as before there were teams.
            let other = try await ingest(SignalDraft(
                channel: .webform, author: Author(email: "klant3@example.nl"), text: "Hoe laat zijn jullie open op zaterdag?", receivedAt: now))
            let otherCase = try #require(try await store.case(id: other.signal.caseID))
            #expect(otherCase.teamID == nil)
            #expect(otherCase.ownerID == bram.id)
        }
    }

    @Test("a colleague taken out of routing gets no new cases; taking her out twice is harmless", arguments: TestDatabase.all)
    func removeFromRouting(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            var users: [User] = []
            for name in ["Anna", "Bram"] {
                let user = User(id: .generate(now: now), email: "\(name.lowercased())@example.nl", name: name, role: .agent, createdAt: now)
                try await store.createUser(user, passwordHash: "x")
                try await store.saveRoutingProfile(RoutingProfile(userID: user.id))
                users.append(user)
            }
            let anna = users[0], bram = users[1]
            try await store.removeRoutingProfile(userID: anna.id)
            try await store.removeRoutingProfile(userID: anna.id)
            #expect(try await store.routingProfiles().map(\.userID) == [bram.id])

            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer(), routing: RouteCase(store: store))
            for number in 1...3 {
                let intake = try await ingest(SignalDraft(
                    channel: .email, author: Author(email: "klant\(number)@example.nl"),
                    text: "Mijn pakket is na twee weken nog steeds niet bezorgd.", receivedAt: now))
                #expect(try await store.case(id: intake.signal.caseID)?.ownerID == bram.id)
            }
        }
    }
}
