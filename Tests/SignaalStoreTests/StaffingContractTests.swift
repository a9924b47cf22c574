import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The counts the staffing forecast reads. SQLite and PostgreSQL.
@Suite("Store contract: messages per clock hour, for staffing")
struct StaffingContractTests {
    @Test("each hour of the period counts its messages, compliments too; hours are half-open, empty ones missing", arguments: TestDatabase.all)
    func hourlyCounts(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // A whole UTC hour, so that the expected keys are easy to name.
            let hour = Date(timeIntervalSince1970: (Fixtures.base.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
            let now = hour.addingTimeInterval(10 * 3600)
            func add(_ key: String, at: Date, _ intent: Analysis.Intent = .complaint) async throws {
                try await Fixtures.ingest(
                    Fixtures.draft(externalID: key, handle: "klant_\(key)", receivedAt: at), into: store, now: now,
                    analysis: Fixtures.analysis(intent == .compliment ? .positive : .negative, intent, topics: []))
            }
            try await add("a", at: hour)  // the hour's first instant
            try await add("b", at: hour.addingTimeInterval(1799))
            try await add("c", at: hour.addingTimeInterval(3599.999), .compliment)
            try await add("d", at: hour.addingTimeInterval(3600))  // the next hour
            try await add("e", at: hour.addingTimeInterval(3 * 3600 + 5))
            try await add("f", at: hour.addingTimeInterval(-1))  // before the period
            try await add("g", at: hour.addingTimeInterval(4 * 3600))  // the period's end is not in it

            let counts = try await store.hourlyCounts(in: DateInterval(start: hour, end: hour.addingTimeInterval(4 * 3600)))
            #expect(counts == [hour: 3, hour.addingTimeInterval(3600): 1, hour.addingTimeInterval(3 * 3600): 1])
            let none = try await store.hourlyCounts(
                in: DateInterval(start: hour.addingTimeInterval(-86_400), end: hour.addingTimeInterval(-3600)))
            #expect(none.isEmpty)
        }
    }

    @Test("per agent: unresolved cases owned, and the messages and negative ones in their cases since a moment", arguments: TestDatabase.all)
    func agentLoads(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Fixtures.base.addingTimeInterval(86_400)
            let since = now.addingTimeInterval(-8 * 3600)
            func user(_ name: String) async throws -> User {
                let user = User(id: .generate(), email: "\(name.lowercased())@example.nl", name: name, role: .agent, createdAt: Fixtures.base)
                try await store.createUser(user, passwordHash: "x")
                return user
            }
            let anna = try await user("Anna")
            let bram = try await user("Bram")
            let carla = try await user("Carla")
            func add(_ key: String, customer: String, at: Date, _ sentiment: Analysis.Sentiment) async throws -> CaseID {
                let outcome = try await Fixtures.ingest(
                    Fixtures.draft(externalID: key, handle: customer, receivedAt: at), into: store, now: now,
                    analysis: Fixtures.analysis(sentiment, sentiment == .positive ? .compliment : .complaint))
                guard case .created(_, let theCase) = outcome else { throw CancellationError() }
                return theCase.id
            }
            // Anna's customer: two angry messages today, one thank-you today, one angry yesterday.
            let annas = try await add("a1", customer: "boos", at: now.addingTimeInterval(-20 * 3600), .negative)
            _ = try await add("a2", customer: "boos", at: since, .negative)  // the first instant counts
            _ = try await add("a3", customer: "boos", at: now.addingTimeInterval(-3600), .negative)
            _ = try await add("a4", customer: "boos", at: now.addingTimeInterval(-60), .positive)
            _ = try await store.updateCase(id: annas) { $0.ownerID = anna.id }
            // Bram's case was resolved: its message still counts as read, the case not as open.
            let brams = try await add("b1", customer: "opgelost", at: now.addingTimeInterval(-7200), .neutral)
            _ = try await store.updateCase(id: brams) {
                $0.ownerID = bram.id
                try $0.transition(to: .open, at: now.addingTimeInterval(-7000), actorID: bram.id, reason: "opgepakt")
                try $0.transition(to: .resolved, at: now.addingTimeInterval(-6000), actorID: bram.id, reason: "opgelost")
            }
            // Nobody's case and Carla's quiet case from last week.
            _ = try await add("n1", customer: "niemand", at: now.addingTimeInterval(-60), .negative)
            let carlas = try await add("c1", customer: "stil", at: now.addingTimeInterval(-7 * 86_400), .negative)
            _ = try await store.updateCase(id: carlas) { $0.ownerID = carla.id }

            let loads = try await store.agentLoads(since: since)
            #expect(loads == [
                anna.id: AgentLoad(openCases: 1, messages: 3, negative: 2),
                bram.id: AgentLoad(openCases: 0, messages: 1, negative: 0),
                carla.id: AgentLoad(openCases: 1, messages: 0, negative: 0),
            ])
        }
    }
}
