import Foundation
import SignaalDomain
import SignaalServices
import SignaalStoreTesting
import Testing

@Suite("Intake use case")
struct IngestSignalTests {
    @Test("intake stores the Dutch analysis, and priority uses it", arguments: TestDatabase.all)
    func analysisAndPriority(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
            let angry = try await ingest(SignalDraft(
                channel: .x, externalID: "a", author: Author(handle: "boos", followers: 100),
                text: "Dit is alweer de derde keer dat mijn pakket kwijt is. Schandalig! Ik stap over en ga naar de Consumentenbond.",
                receivedAt: now))
            let happy = try await ingest(SignalDraft(
                channel: .x, externalID: "b", author: Author(handle: "blij", followers: 100),
                text: "Super bedankt voor de snelle hulp vandaag, top geregeld!", receivedAt: now))
            let analysis = try #require(try await store.signal(id: angry.signal.id)?.analysis)
            #expect(analysis.sentiment == .negative)
            #expect(analysis.intent == .complaint)
            #expect(analysis.cues.contains("churn_threat"))
            #expect(analysis.cues.contains("escalation"))
            #expect(analysis.topics.contains("levering"))
            #expect(!analysis.evidence.isEmpty)
            let angryCase = try #require(try await store.case(id: angry.signal.caseID))
            let happyCase = try #require(try await store.case(id: happy.signal.caseID))
            #expect(angryCase.priority > happyCase.priority)
        }
    }

    @Test("waiting time raises priority when the refresher runs", arguments: TestDatabase.all)
    func refresh(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let then = Date().addingTimeInterval(-8 * 3600)
            let outcome = try await IngestSignal(store: store, clock: { then })(
                SignalDraft(channel: .email, author: Author(email: "klant@example.nl"), text: "Waar blijft mijn factuur?", receivedAt: then))
            let before = try #require(try await store.case(id: outcome.signal.caseID)?.priority)
            let changed = try await RefreshPriorities(store: store)()
            #expect(changed == 1)
            let after = try #require(try await store.case(id: outcome.signal.caseID)?.priority)
            #expect(after > before)
        }
    }

    @Test("changing a case's status records who, when and why, and stops the waiting clock", arguments: TestDatabase.all)
    func changeStatus(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let agent = User(id: .generate(), email: "a@example.nl", name: "Anna", role: .agent, createdAt: Date())
            try await store.createUser(agent, passwordHash: "x")
            let outcome = try await IngestSignal(store: store)(
                SignalDraft(channel: .whatsapp, author: Author(phone: "0612345678"), text: "Mijn internet doet het niet", receivedAt: Date()))
            let changed = try await ChangeCaseStatus(store: store)(outcome.signal.caseID, to: .waitingOnCustomer, by: agent.id, reason: "gevraagd naar modemnummer")
            #expect(changed.status == .waitingOnCustomer)
            #expect(changed.waitingSince == nil)
            #expect(changed.transitions.last?.actorID == agent.id)
            #expect(changed.transitions.last?.reason == "gevraagd naar modemnummer")
        }
    }
}
