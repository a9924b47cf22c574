import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The store contract for intake, run on SQLite and on PostgreSQL.
@Suite("Store contract: intake")
struct IntakeContractTests {
    @Test("a new signal makes a customer, a case and the signal, and reads back the same", arguments: TestDatabase.all)
    func newSignal(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // setup
            let draft = Fixtures.draft(externalID: "1790000000000000001", email: "Sanne@Example.nl")
            // act
            let outcome = try await Fixtures.ingest(draft, into: store)
            // check
            guard case .created(let signal, let theCase) = outcome else { Issue.record("expected created"); return }
            let stored = try #require(try await store.signal(id: signal.id))
            #expect(stored == signal)
            #expect(stored.text == draft.text)
            #expect(stored.receivedAt == draft.receivedAt)
            let storedCase = try #require(try await store.case(id: theCase.id))
            #expect(storedCase.status == .new)
            #expect(storedCase.signalCount == 1)
            #expect(storedCase.transitions.map(\.to) == [.new])
            #expect(storedCase.priority > 0)
            let customer = try #require(try await store.customer(id: signal.customerID))
            #expect(Set(customer.identities) == [Identity(kind: .x, raw: "sanne_dv")!, Identity(kind: .email, raw: "sanne@example.nl")!])
            #expect(customer.name == "Sanne de Vries")
        }
    }

    @Test("the same (channel, external id) twice is one signal; the second answer is the first signal", arguments: TestDatabase.all)
    func duplicate(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let draft = Fixtures.draft(externalID: "dup-1")
            let first = try await Fixtures.ingest(draft, into: store)
            let second = try await Fixtures.ingest(draft, into: store)
            #expect(!first.isDuplicate)
            #expect(second.isDuplicate)
            #expect(second.signal.id == first.signal.id)
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).count == 1)
            // The same id on another channel is another message.
            let other = try await Fixtures.ingest(Fixtures.draft(channel: .facebook, externalID: "dup-1", handle: "sanne.devries"), into: store)
            #expect(!other.isDuplicate)
        }
    }

    @Test("a web form's reference is its signal's external id: found exactly as written, on its channel alone, and posted again it is the same signal", arguments: TestDatabase.all)
    func webformReference(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let form = Fixtures.draft(channel: .webform, externalID: "SG-2F83-TNYN", handle: nil, email: "henk@example.nl",
                                      text: "Mijn pakket is als rembours verstuurd en ik moest €6,95 extra betalen.")
            let first = try await Fixtures.ingest(form, into: store)
            // A tweet that happens to carry the same letters in lower case is another message.
            _ = try await Fixtures.ingest(Fixtures.draft(externalID: "sg-2f83-tnyn"), into: store)
            let found = try await store.signals(externalID: "SG-2F83-TNYN")
            #expect(found.map(\.id) == [first.signal.id])
            #expect(found.first?.channel == .webform)
            #expect(found.first?.caseID == first.signal.caseID)
            #expect(try await store.signals(externalID: "SG-2F83-TNYM").isEmpty)
            // The same submission posted again: one signal, one message on the case.
            let again = try await Fixtures.ingest(form, into: store)
            #expect(again.isDuplicate)
            #expect(again.signal.id == first.signal.id)
            #expect(try await store.case(id: first.signal.caseID)?.signalCount == 1)
        }
    }

    @Test("an external id is found on every channel it is stored under, and an unknown one nowhere", arguments: TestDatabase.all)
    func signalsByExternalID(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let onX = try await Fixtures.ingest(Fixtures.draft(externalID: "dup-1"), into: store)
            let onFacebook = try await Fixtures.ingest(Fixtures.draft(channel: .facebook, externalID: "dup-1", handle: "sanne.devries"), into: store)
            _ = try await Fixtures.ingest(Fixtures.draft(externalID: "dup-2"), into: store)
            #expect(Set(try await store.signals(externalID: "dup-1").map(\.id)) == [onX.signal.id, onFacebook.signal.id])
            #expect(try await store.signals(externalID: "dup-3").isEmpty)
        }
    }

    @Test("identical deliveries racing each other still make one signal", arguments: TestDatabase.all)
    func racingDuplicates(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let draft = Fixtures.draft(externalID: "race-1", handle: "nieuwe_klant")
            let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
                for _ in 0..<16 { group.addTask { try await Fixtures.ingest(draft, into: store) } }
                return try await group.reduce(into: [IntakeOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0.isDuplicate }.count == 1)
            #expect(Set(outcomes.map(\.signal.id)).count == 1)
            #expect(try await store.signals(channel: nil, limit: 50, after: nil).count == 1)
            #expect(try await store.cases(statuses: [], limit: 50, after: nil).count == 1)
        }
    }

    @Test("different messages of one new customer racing each other make one customer and one case", arguments: TestDatabase.all)
    func racingNewCustomer(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await Fixtures.ingest(Fixtures.draft(externalID: "burst-\(index)", handle: "boze_reiziger"), into: store)
                    }
                }
                return try await group.reduce(into: [IntakeOutcome]()) { $0.append($1) }
            }
            #expect(Set(outcomes.map(\.signal.customerID)).count == 1)
            let cases = try await store.cases(statuses: [], limit: 50, after: nil)
            #expect(cases.count == 1)
            #expect(cases.first?.signalCount == 8)
        }
    }

    @Test("a second message of the customer joins their open case and raises its priority", arguments: TestDatabase.all)
    func repeatContact(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let first = try await Fixtures.ingest(Fixtures.draft(externalID: "r-1"), into: store)
            let second = try await Fixtures.ingest(
                Fixtures.draft(externalID: "r-2", text: "Nog steeds geen reactie?", receivedAt: Fixtures.base.addingTimeInterval(3600)),
                into: store, now: Fixtures.base.addingTimeInterval(3660))
            #expect(second.signal.caseID == first.signal.caseID)
            let theCase = try #require(try await store.case(id: first.signal.caseID))
            #expect(theCase.signalCount == 2)
            #expect(theCase.priority > (first.createdCase?.priority ?? 100))
            #expect(try await store.signals(caseID: theCase.id).map(\.text) == [first.signal.text, "Nog steeds geen reactie?"])
        }
    }

    @Test("a reply in a thread joins the thread's case; the same person by e-mail is the same customer", arguments: TestDatabase.all)
    func threadAndIdentity(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let tweet = try await Fixtures.ingest(Fixtures.draft(externalID: "t-1", handle: "piet", email: "piet@example.nl"), into: store)
            let reply = try await Fixtures.ingest(Fixtures.draft(externalID: "t-2", handle: "piet", text: "En nu?", inReplyTo: "t-1"), into: store)
            #expect(reply.signal.caseID == tweet.signal.caseID)
            let mail = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "<abc@mail.example.nl>", handle: nil, name: "Piet Jansen", email: "PIET@example.nl"),
                into: store)
            #expect(mail.signal.customerID == tweet.signal.customerID)
            #expect(try await store.signals(customerID: tweet.signal.customerID).count == 3)
        }
    }

    @Test("a message after resolution reopens the case; after closing it opens a new one", arguments: TestDatabase.all)
    func reopen(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let first = try await Fixtures.ingest(Fixtures.draft(externalID: "o-1"), into: store)
            let caseID = first.signal.caseID
            let resolveAt = Fixtures.base.addingTimeInterval(600)
            _ = try await store.updateCase(id: caseID) { try $0.transition(to: .open, at: resolveAt, reason: "opgepakt") }
            let resolved = try await store.updateCase(id: caseID) { try $0.transition(to: .resolved, at: resolveAt, reason: "opgelost") }
            #expect(resolved.transitions.map(\.to) == [.new, .open, .resolved])

            let again = try await Fixtures.ingest(Fixtures.draft(externalID: "o-2", text: "Het werkt wéér niet."), into: store)
            #expect(again.signal.caseID == caseID)
            let reopened = try #require(try await store.case(id: caseID))
            #expect(reopened.status == .open)
            #expect(reopened.reopenCount == 1)
            #expect(reopened.transitions.last?.from == .resolved)

            _ = try await store.updateCase(id: caseID) { try $0.transition(to: .closed, at: resolveAt, reason: "gesloten") }
            let afterClose = try await Fixtures.ingest(Fixtures.draft(externalID: "o-3"), into: store)
            #expect(afterClose.signal.caseID != caseID)
            #expect(afterClose.signal.customerID == first.signal.customerID)
        }
    }

    @Test("a customer's message while a colleague resolves the case waits for the resolve and reopens the case, instead of undoing it", arguments: TestDatabase.all)
    func messageDuringResolve(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let first = try await Fixtures.ingest(Fixtures.draft(externalID: "m-1"), into: store)
            let caseID = first.signal.caseID
            let at = Fixtures.base.addingTimeInterval(600)
            _ = try await store.updateCase(id: caseID) { try $0.transition(to: .open, at: at, reason: "opgepakt") }
            // The colleague's resolve holds the case a while; the message arrives meanwhile.
            async let resolving = store.updateCase(id: caseID) { theCase in
                Thread.sleep(forTimeInterval: 0.6)
                try theCase.transition(to: .resolved, at: at, reason: "opgelost")
            }
            try await Task.sleep(for: .milliseconds(150))
            let message = try await Fixtures.ingest(Fixtures.draft(externalID: "m-2", text: "Nog een vraag over mijn rit."), into: store)
            _ = try await resolving
            #expect(message.signal.caseID == caseID)
            let final = try #require(try await store.case(id: caseID))
            #expect(final.status == .open, "the status agrees with the history: \(final.transitions.map(\.to))")
            #expect(final.transitions.map(\.to) == [.new, .open, .resolved, .open])
            #expect(final.reopenCount == 1)
            #expect(final.signalCount == 2)
        }
    }

    @Test("one customer writing on two channels at once, each with one of their identities, gets one case", arguments: TestDatabase.all)
    func twoChannelsAtOnce(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let first = try await Fixtures.ingest(
                Fixtures.draft(externalID: "k-1", handle: "kees_reist", email: "kees@example.nl"), into: store)
            _ = try await store.updateCase(id: first.signal.caseID) { try $0.transition(to: .closed, at: Fixtures.base, reason: "gesloten") }
            for round in 0..<4 {
                let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
                    group.addTask {
                        try await Fixtures.ingest(
                            Fixtures.draft(channel: .email, externalID: "<k-\(round)-mail@example.nl>", handle: nil, email: "kees@example.nl"), into: store)
                    }
                    group.addTask {
                        try await Fixtures.ingest(
                            Fixtures.draft(externalID: "k-\(round)-x", handle: "kees_reist"), into: store)
                    }
                    return try await group.reduce(into: [IntakeOutcome]()) { $0.append($1) }
                }
                #expect(Set(outcomes.map(\.signal.customerID)) == [first.signal.customerID])
                #expect(Set(outcomes.map(\.signal.caseID)).count == 1, "round \(round): one case for both messages")
                let theCase = try #require(try await store.case(id: outcomes[0].signal.caseID))
                #expect(theCase.signalCount == 2)
                _ = try await store.updateCase(id: theCase.id) { try $0.transition(to: .closed, at: Fixtures.base, reason: "gesloten") }
            }
        }
    }

    @Test("an invalid status change is refused and changes nothing", arguments: TestDatabase.all)
    func invalidTransition(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let first = try await Fixtures.ingest(Fixtures.draft(externalID: "i-1"), into: store)
            let caseID = first.signal.caseID
            _ = try await store.updateCase(id: caseID) { try $0.transition(to: .closed, at: Fixtures.base, reason: "spam") }
            await #expect(throws: DomainError.invalidTransition(from: .closed, to: .open)) {
                _ = try await store.updateCase(id: caseID) { try $0.transition(to: .open, at: Fixtures.base, reason: "terug") }
            }
            #expect(try await store.case(id: caseID)?.status == .closed)
            await #expect(throws: DomainError.self) {
                _ = try await store.updateCase(id: CaseID.generate()) { try $0.transition(to: .open, at: Fixtures.base, reason: "x") }
            }
        }
    }

    @Test("an intake that fails half-way leaves nothing behind", arguments: TestDatabase.all)
    func atomicIntake(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let existing = try await Fixtures.ingest(Fixtures.draft(externalID: "a-1", handle: "eerste"), into: store)
            // A plan whose last write (the signal) collides with an existing primary key:
            // the customer and case written before it in the same transaction must vanish.
            let draft = try Fixtures.draft(externalID: "a-2", handle: "tweede").validated()
            let planner = IntakePlanner(now: Fixtures.base)
            await #expect(throws: (any Error).self) {
                _ = try await store.ingest(draft) { draft, context in
                    guard var plan = planner.plan(draft, context: context) else { return nil }
                    plan.signal.id = existing.signal.id
                    return plan
                }
            }
            #expect(try await store.cases(statuses: [], limit: 10, after: nil).count == 1)
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).count == 1)
            let retry = try await Fixtures.ingest(Fixtures.draft(externalID: "a-2", handle: "tweede"), into: store)
            #expect(!retry.isDuplicate)
        }
    }

    @Test("intakes arriving together are all stored and found; one that fails takes no other down", arguments: TestDatabase.all)
    func concurrentIntakes(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let existing = try await Fixtures.ingest(Fixtures.draft(externalID: "c-0", handle: "eerste"), into: store)
            let fruits = ["appel", "banaan", "citroen", "dadel", "framboos", "granaatappel", "kiwi", "limoen", "mango", "peer"]
            let planner = IntakePlanner(now: Fixtures.base)
            // SQLite writes intakes that arrive together in one transaction: the broken one
            // (its signal collides with a stored one) must fail alone, and leave nothing.
            let broken = try Fixtures.draft(externalID: "c-kapot", handle: "kapot", text: "Waar blijft mijn watermeloen").validated()
            let results = await withTaskGroup(of: (String, Result<IntakeOutcome, any Error>).self) { group in
                for (index, fruit) in fruits.enumerated() {
                    group.addTask {
                        let draft = Fixtures.draft(externalID: "c-\(index + 1)", handle: "klant\(index)", text: "Mijn \(fruit) is niet bezorgd")
                        return (fruit, await attempt { try await Fixtures.ingest(draft, into: store) })
                    }
                }
                group.addTask {
                    let outcome = await attempt {
                        try await store.ingest(broken) { draft, context in
                            guard var plan = planner.plan(draft, context: context) else { return nil }
                            plan.signal.id = existing.signal.id
                            return plan
                        }
                    }
                    return ("watermeloen", outcome)
                }
                var all: [String: Result<IntakeOutcome, any Error>] = [:]
                for await (word, result) in group { all[word] = result }
                return all
            }
            #expect(throws: (any Error).self) { try results["watermeloen"]?.get() }
            for fruit in fruits {
                let outcome = try #require(try results[fruit]?.get())
                #expect(!outcome.isDuplicate)
                let found = try await store.searchCases(try #require(SearchQuery(fruit)), limit: 10).map(\.id)
                #expect(found == [outcome.signal.caseID], "\(fruit) is found in its own case")
            }
            #expect(try await store.searchCases(try #require(SearchQuery("watermeloen")), limit: 10).isEmpty)
            #expect(try await store.signals(channel: nil, limit: 50, after: nil).count == fruits.count + 1)
            #expect(try await store.cases(statuses: [], limit: 50, after: nil).count == fruits.count + 1)
        }
    }
}

private func attempt(_ body: () async throws -> IntakeOutcome) async -> Result<IntakeOutcome, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
