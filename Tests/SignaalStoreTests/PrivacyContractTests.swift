import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Erasure keeps the aggregates and none of the person; the audit log keeps who did what.
@Suite("Store contract: erasure and the audit log")
struct PrivacyContractTests {
    @Test("erasing a customer anonymises texts, authors, identities and notes; cases, counts and amounts stay", arguments: TestDatabase.all)
    func erase(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let first = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "e1", handle: nil, name: "Petra Jansen", email: "petra@example.nl",
                               text: "Mijn huurtoeslag van 212 euro is niet gestort, ik woon op de Dorpsstraat 4"), into: store)
            let caseID = first.signal.caseID
            let customerID = first.signal.customerID
            let at = Fixtures.base.addingTimeInterval(60)
            try await store.createReply(
                Reply(id: .generate(now: at), caseID: caseID, signalID: first.signal.id, channel: .email, text: "Beste Petra, ik kijk het na.",
                      authorID: anna.id, nextAttemptAt: at, createdAt: at, updatedAt: at))
            try await store.createPromise(
                CasePromise(id: .generate(now: at), caseID: caseID, ownerID: anna.id, text: "Petra vrijdag bellen", dueAt: at.addingTimeInterval(86400),
                            createdAt: at, createdBy: anna.id))
            _ = try await store.recordCompensation(
                Compensation(id: .generate(now: at), caseID: caseID, customerID: customerID, kind: .gift, amountCents: 1500,
                             reason: "bloemen naar de Dorpsstraat", status: .pending, requestedBy: anna.id, requestedAt: at)) { _ in .granted }
            _ = try await store.recordHandoff(
                Handoff(id: .generate(now: at), caseID: caseID, fromUserID: nil, toUserID: anna.id, byUserID: anna.id,
                        briefing: "Petra is ziek, bel haar na 14 uur", at: at), now: at)

            try await store.eraseCustomer(id: customerID, at: at.addingTimeInterval(60))

            let gone = Erasure.placeholder
            let signals = try await store.signals(customerID: customerID)
            #expect(signals.map(\.text) == [gone])
            #expect(signals.first?.author.email == nil && signals.first?.author.name == nil)
            #expect(signals.first?.analysis?.evidence.isEmpty ?? true, "the evidence quoted the text")
            #expect(signals.first?.analysis?.sentiment == first.signal.analysis?.sentiment, "the analysis's verdict stays")
            let customer = try #require(try await store.customer(id: customerID))
            #expect(customer.name == nil && customer.identities.isEmpty)
            #expect(try await store.erasedAt(customerID: customerID) == at.addingTimeInterval(60))
            #expect(try await store.case(id: caseID)?.subject == gone)
            let replies = try await store.replies(caseID: caseID)
            #expect(replies.map(\.text) == [gone])
            // The reply still waiting would have gone to the customer's post with the placeholder as text.
            #expect(replies.map(\.status) == [.failed] && replies.first?.lastError == Erasure.cancelledReply)
            #expect(try await store.claimDueReplies(now: at.addingTimeInterval(3600), limit: 5).isEmpty)
            #expect(signals.first?.externalID == nil, "the platform's id leads back to the customer's post")
            let closed = try #require(try await store.case(id: caseID))
            #expect(closed.status == .closed && closed.transitions.last?.reason == Erasure.closingReason, "nobody is left to answer")
            #expect(try await store.promises(caseID: caseID).map(\.text) == [gone])
            #expect(try await store.handoffs(caseID: caseID).map(\.briefing) == [gone])
            let ledger = try await store.compensations(caseID: caseID)
            #expect(ledger.map(\.reason) == [gone] && ledger.map(\.amountCents) == [1500], "amounts stay for the aggregates")
            #expect(try await store.searchCases(try #require(SearchQuery("huurtoeslag")), limit: 5).isEmpty)

            // Writing again is a new customer: nothing links them to what was erased.
            let again = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "e2", handle: nil, email: "petra@example.nl", text: "Nog een vraag"), into: store)
            #expect(again.signal.customerID != customerID)
            await #expect(throws: DomainError.self) { try await store.eraseCustomer(id: .generate(), at: at) }
        }
    }

    @Test("a message of the customer taken in during the erasure is erased too, or comes after it as someone new", arguments: TestDatabase.all)
    func eraseDuringIntake(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let first = try await Fixtures.ingest(Fixtures.draft(externalID: "r-0", handle: "jozefien_vmh", text: "Eerste klacht"), into: store)
            let customerID = first.signal.customerID
            // On PostgreSQL the messages come in through a second instance on the same database.
            let other = database == .postgres ? try await location.open() : store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 1...30 {
                    group.addTask {
                        _ = try await Fixtures.ingest(
                            Fixtures.draft(externalID: "r-\(index)", handle: "jozefien_vmh", text: "Geheim woord nummer \(index)"), into: other)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(40))
                    try await store.eraseCustomer(id: customerID, at: Fixtures.base.addingTimeInterval(120))
                }
                try await group.waitForAll()
            }
            if database == .postgres { await other.shutdown() }
            let left = try await store.signals(customerID: customerID)
            #expect(left.allSatisfy { $0.text == Erasure.placeholder && $0.author.handle == nil }, "\(left.filter { $0.text != Erasure.placeholder }.map(\.text))")
        }
    }

    @Test("audit entries are kept newest first and found by subject", arguments: TestDatabase.all)
    func audit(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            for (index, subject) in ["zaak-1", "zaak-2", "zaak-1"].enumerated() {
                try await store.recordAudit(
                    AuditEntry(at: Fixtures.base.addingTimeInterval(Double(index)), userID: anna.id, action: .view, subject: .case,
                               subjectID: subject, detail: "GET /cases/\(subject) \(index)"))
            }
            #expect(try await store.auditEntries(.all, before: nil, limit: 10).map(\.detail) == ["GET /cases/zaak-1 2", "GET /cases/zaak-2 1", "GET /cases/zaak-1 0"])
            #expect(try await store.auditEntries(.subject("zaak-1"), before: nil, limit: 1).map(\.detail) == ["GET /cases/zaak-1 2"])
            #expect(try await store.auditEntries(.subject("zaak-1"), before: nil, limit: 10).first?.userID == anna.id)
            // Older pages, from the last entry seen.
            let newest = try #require(try await store.auditEntries(.all, before: nil, limit: 1).first?.id)
            #expect(try await store.auditEntries(.all, before: newest, limit: 10).map(\.detail) == ["GET /cases/zaak-2 1", "GET /cases/zaak-1 0"])
            #expect(try await store.auditEntries(.subject("zaak-1"), before: newest, limit: 10).map(\.detail) == ["GET /cases/zaak-1 0"])
        }
    }

    @Test("a customer's audit entries include those about their cases, messages and compensations, and no one else's", arguments: TestDatabase.all)
    func auditOfCustomer(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let petra = try await Fixtures.ingest(Fixtures.draft(externalID: "p1", handle: "petra", text: "Mijn toeslag is niet gestort"), into: store)
            let other = try await Fixtures.ingest(Fixtures.draft(externalID: "o1", handle: "kees", text: "Mijn pakket is kwijt"), into: store)
            let petraID = petra.signal.customerID
            let compensation = try await store.recordCompensation(
                Compensation(
                    id: .generate(), caseID: petra.signal.caseID, customerID: petraID, kind: .voucher, amountCents: 1000, reason: "te laat",
                    status: .pending, requestedBy: anna.id, requestedAt: Fixtures.base)) { _ in .granted }
            let entries: [(AuditEntry.Subject, String)] = [
                (.case, petra.signal.caseID.description), (.case, other.signal.caseID.description), (.customer, petraID.description),
                (.signal, petra.signal.id.description), (.customer, other.signal.customerID.description), (.compensation, compensation.id.description),
                (.other, "instellingen"),
            ]
            for (index, (subject, id)) in entries.enumerated() {
                try await store.recordAudit(
                    AuditEntry(at: Fixtures.base.addingTimeInterval(Double(index)), userID: anna.id, action: .view, subject: subject,
                               subjectID: id, detail: "\(subject.rawValue) \(index)"))
            }
            let found = try await store.auditEntries(.customer(petraID), before: nil, limit: 10)
            #expect(found.map(\.detail) == ["compensation 5", "signal 3", "customer 2", "case 0"])
            let older = try await store.auditEntries(.customer(petraID), before: found[1].id, limit: 10)
            #expect(older.map(\.detail) == ["customer 2", "case 0"])
        }
    }
}
