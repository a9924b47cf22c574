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

    @Test("an account posing as the brand is reported, not answered: no service level, no breach, nobody assigned", arguments: TestDatabase.all)
    func impersonatorHasNoServiceLevel(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // Tuesday 10:00 in Amsterdam, opening hours; the watch looks a working day later.
            let then = try #require(ISO8601DateFormatter().date(from: "2026-11-24T09:00:00Z"))
            let agent = User(id: .generate(), email: "anna@example.nl", name: "Anna", role: .agent, createdAt: then)
            try await store.createUser(agent, passwordHash: "x")
            try await store.saveRoutingProfile(RoutingProfile(userID: agent.id))
            let ingest = IngestSignal(
                store: store, clock: { then }, analyzer: DutchTextAnalyzer(), routing: RouteCase(store: store),
                brand: BrandAccounts(handles: ["KLM"]))
            let traveller = try await ingest(SignalDraft(
                channel: .x, externalID: "t-1", author: Author(handle: "joostvdberg"),
                text: "@KLM vlucht naar Barcelona geannuleerd en niemand zegt wat ik moet doen.", receivedAt: then))
            let fake = try await ingest(SignalDraft(
                channel: .x, externalID: "f-1", author: Author(handle: "KLM_Klantenservice", name: "KLM Klantenservice"),
                text: "@joostvdberg Het is storm. Blijf lekker thuis en stop met janken.", receivedAt: then, inReplyTo: "t-1"))
            let fakeCase = try #require(try await store.case(id: fake.signal.caseID))
            let travellerCase = try #require(try await store.case(id: traveller.signal.caseID))
            #expect(fakeCase.posesAsBrand && !fakeCase.hasServiceLevel)
            #expect(!travellerCase.posesAsBrand && travellerCase.hasServiceLevel)
            #expect(fakeCase.ownerID == nil, "nobody is assigned to answer the fake")
            #expect(travellerCase.ownerID == agent.id)

            let standings = SLAStandings()
            let later = then.addingTimeInterval(86400)
            _ = try await WatchSLA(store: store, clock: { later }, standings: standings)()
            #expect(try await store.slaBreaches(caseID: fakeCase.id).isEmpty)
            #expect(try await store.slaBreaches(caseID: travellerCase.id).isEmpty == false, "the traveller's wait is a breach")
            let standing = try #require(await standings.current(now: later))
            #expect(standing.breached.map(\.id) == [travellerCase.id])
        }
    }

    @Test("an account posing as the brand's care team waits for nobody: its rude reply ranks below the customer it snaps at",
          arguments: TestDatabase.all)
    func impersonatorRanksLow(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let then = Date().addingTimeInterval(-6 * 3600)
            let ingest = IngestSignal(
                store: store, clock: { then }, analyzer: DutchTextAnalyzer(), brand: BrandAccounts(handles: ["KLM"]))
            let traveller = try await ingest(SignalDraft(
                channel: .x, externalID: "t-1", author: Author(handle: "joostvdberg", followers: 300),
                text: "@KLM vlucht naar Barcelona geannuleerd en niemand zegt wat ik moet doen. Ik sta hier met twee kinderen.",
                receivedAt: then))
            let fakeDraft = SignalDraft(
                channel: .x, externalID: "f-1", author: Author(handle: "KLM_Klantenservice", name: "KLM Klantenservice", followers: 20_000),
                text: "@joostvdberg Het is storm. STORM. Blijf lekker thuis en stop met janken, schandalig gezeur!!",
                receivedAt: then, inReplyTo: "t-1")
            let fake = try await ingest(fakeDraft)
            // Writing again never reopens or weighs its case either.
            _ = try await ingest(SignalDraft(
                channel: .x, externalID: "f-2", author: fakeDraft.author, text: "@joostvdberg Nog steeds aan het janken? Dit is echt belachelijk.",
                receivedAt: then.addingTimeInterval(60), inReplyTo: "t-1"))
            #expect(fake.signal.caseID != traveller.signal.caseID, "the fake's reply is no message of the traveller's")
            _ = try await RefreshPriorities(store: store)()
            let fakeCase = try #require(try await store.case(id: fake.signal.caseID))
            let travellerCase = try #require(try await store.case(id: traveller.signal.caseID))
            #expect(fakeCase.waitingSince == nil)
            #expect(fakeCase.signalCount == 2)
            #expect(travellerCase.waitingSince != nil)
            #expect(fakeCase.priority < travellerCase.priority)
            // Without the brand's handles the same account is an ordinary, angry customer.
            let unbranded = try await IngestSignal(store: store, clock: { then }, analyzer: DutchTextAnalyzer())(SignalDraft(
                channel: .x, externalID: "f-3", author: Author(handle: "KLM_Webcare_NL", name: "KLM Webcare"),
                text: "@joostvdberg stop met janken", receivedAt: then))
            #expect(try await store.case(id: unbranded.signal.caseID)?.waitingSince != nil)

            // Who answered the traveller: the store finds the replies to a customer's messages.
            let answering = try await store.signals(answering: ["t-1", "unknown"], on: .x)
            #expect(answering.map(\.externalID) == ["f-1", "f-2"])
            #expect(try await store.signals(answering: ["t-1"], on: .facebook).isEmpty)
            #expect(try await store.signals(answering: [], on: .x).isEmpty)
        }
    }

    @Test("a thank-you after a complaint joins its case but does not raise its priority as a repeat contact; chasing does",
          arguments: TestDatabase.all)
    func thanksIsNoRepeatContact(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let then = Date().addingTimeInterval(-3600)
            let later = then.addingTimeInterval(1800)
            func ingest(_ handle: String, _ id: String, _ text: String, at: Date) async throws -> IntakeOutcome {
                try await IngestSignal(store: store, clock: { at }, analyzer: DutchTextAnalyzer())(SignalDraft(
                    channel: .x, externalID: id, author: Author(handle: handle, followers: 100), text: text, receivedAt: at))
            }
            let complaint = "Mijn pakket is al een week onderweg en niemand laat iets weten."
            let thanked = try await ingest("tevreden_klant", "k-1", complaint, at: then)
            let chased = try await ingest("wachtende_klant", "w-1", complaint, at: then)
            let thanks = try await ingest("tevreden_klant", "k-2", "Top, dank jullie wel!", at: later)
            _ = try await ingest("wachtende_klant", "w-2", "Nog steeds niets gehoord, hoe zit het?", at: later)
            #expect(thanks.signal.caseID == thanked.signal.caseID, "the thank-you belongs to the case")

            let thankedCase = try #require(try await store.case(id: thanked.signal.caseID))
            let chasedCase = try #require(try await store.case(id: chased.signal.caseID))
            #expect(thankedCase.signalCount == 2, "the case still counts both messages")
            #expect(CasePriority.compute(thankedCase.priorityInputs, now: later).repeatContact == 0, "a thank-you is no chase")
            #expect(CasePriority.compute(chasedCase.priorityInputs, now: later).repeatContact > 0, "writing again is")
            #expect(thankedCase.priority < chasedCase.priority, "\(thankedCase.priority) vs \(chasedCase.priority)")
            let first = try #require(thanked.createdCase?.priority)
            #expect(thankedCase.priority <= first + 1, "only the half hour's wait is added: \(first) → \(thankedCase.priority)")
            // The refresher recomputes from the stored case: the thank-you still does not count.
            _ = try await RefreshPriorities(store: store, clock: { later })()
            #expect(try #require(try await store.case(id: thankedCase.id)?.priority) < (try #require(try await store.case(id: chasedCase.id)?.priority)))
        }
    }

    @Test("a thank-you after the solution keeps the case resolved; thanks with a new question or a complaint reopens it",
          arguments: TestDatabase.all)
    func thanksAfterResolution(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let agent = User(id: .generate(), email: "a@example.nl", name: "Anna", role: .agent, createdAt: Date())
            try await store.createUser(agent, passwordHash: "x")
            var at = Date().addingTimeInterval(-7200)
            func ingest(_ id: String, _ text: String) async throws -> IntakeOutcome {
                at += 60
                let now = at
                return try await IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())(SignalDraft(
                    channel: .x, externalID: id, author: Author(handle: "tevreden_klant", followers: 100), text: text, receivedAt: at))
            }
            func resolve(_ id: CaseID) async throws {
                at += 60
                let now = at
                if try await store.case(id: id)?.status == .new {
                    _ = try await ChangeCaseStatus(store: store, clock: { now })(id, to: .open, by: agent.id, reason: "opgepakt")
                }
                _ = try await ChangeCaseStatus(store: store, clock: { now })(id, to: .resolved, by: agent.id, reason: "opgelost")
            }
            let complaint = try await ingest("1", "Mijn pakket is al een week onderweg en niemand laat iets weten.")
            let caseID = complaint.signal.caseID
            try await resolve(caseID)

            let thanks = try await ingest("2", "Top, dank jullie wel! Alles is binnen.")
            #expect(thanks.signal.caseID == caseID, "the thank-you is kept on the case")
            var theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .resolved, "a thank-you does not put a solved case back in the queue")
            #expect(theCase.signalCount == 2)
            #expect(theCase.reopenCount == 0)
            #expect(theCase.waitingSince == nil, "nobody waits for an answer to thanks")

            // A request closed with thanks is still a request ("…, dank je").
            let request = try await ingest("3", "Kan iemand mij nog de factuur mailen, dank je")
            #expect(request.signal.caseID == caseID)
            theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .open, "a request reopens the case")
            #expect(theCase.reopenCount == 1)

            try await resolve(caseID)
            _ = try await ingest("4", "Bedankt, maar nu doet de app het weer niet.")
            theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .open, "thanks with a new problem reopens the case")
            #expect(theCase.waitingSince != nil)
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
