import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Erasure keeps the aggregates and none of the person; the audit log keeps who did what.
@Suite("Store contract: erasure and the audit log")
struct PrivacyContractTests {
    @Test("on SQLite an erased customer's words, name and address leave the database's files: the search index and the WAL too")
    func erasedWordsLeaveTheFiles() async throws {
        try await withTestStore(.sqlite) { store, location in
            let path = try #require(location.sqliteFile)
            func inFiles(_ word: String) -> Bool {
                [path, path + "-wal"].contains { file in
                    (try? Data(contentsOf: URL(fileURLWithPath: file)))?.range(of: Data(word.utf8)) != nil
                }
            }
            // Other customers' messages before and after, so the index has several segments.
            for index in 0..<20 {
                _ = try await Fixtures.ingest(
                    Fixtures.draft(externalID: "ander-\(index)", handle: "reiziger\(index)", text: "Trein \(index) staat weer stil bij Utrecht"), into: store)
            }
            let erased = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "q1", handle: nil, name: "Quirina Xylander", email: "quirina.xylander@example.nl",
                               text: "Mijn qwertyzbrommer is gestolen bij het station, mijn adres is Jkvwstraat 9"), into: store)
            for index in 20..<40 {
                _ = try await Fixtures.ingest(
                    Fixtures.draft(externalID: "ander-\(index)", handle: "reiziger\(index)", text: "Trein \(index) staat weer stil bij Utrecht"), into: store)
            }
            // setup check: before the erasure the files hold them, so the test can fail
            #expect(inFiles("qwertyzbrommer") && inFiles("Xylander") && inFiles("Jkvwstraat"))

            try await store.eraseCustomer(id: erased.signal.customerID, at: Fixtures.base.addingTimeInterval(3600))

            for word in ["qwertyz", "Qwertyz", "Xylander", "xylander", "Quirina", "quirina", "Jkvwstraat", "jkvwstraat"] {
                #expect(!inFiles(word), "'\(word)' is still in the database's files")
            }
            // The others' messages are still found.
            let found = try await store.searchCases(try #require(SearchQuery("Utrecht")), limit: 100)
            #expect(found.count == 40)
        }
    }

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
            let note = InternalNote(id: .generate(now: at), caseID: caseID, authorID: anna.id, text: "Petra's IBAN eindigt op 4411", createdAt: at)
            try await store.addInternalNote(note, mentioning: [])
            try await store.editInternalNote(id: note.id, mentioning: []) { try $0.edit(to: "Petra's IBAN eindigt op 4412", by: anna.id, at: at) }

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
            let notes = try await store.internalNotes(caseID: caseID)
            #expect(notes.map(\.text) == [gone], "colleagues' notes are about her too")
            #expect(notes.first?.earlierVersions == [], "and so is what a note said before it was changed")
            await #expect(throws: DomainError.self, "nothing is written back about her") {
                try await store.editInternalNote(id: note.id, mentioning: []) { try $0.edit(to: "IBAN NL01 …", by: anna.id, at: at) }
            }
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

    @Test(
        "erasing a customer erases their messages on the records an agent linked their identities from; another person's there stay",
        arguments: TestDatabase.all)
    func eraseAcrossLinkedRecords(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let at = Fixtures.base.addingTimeInterval(60)
            func email(_ address: String) throws -> Identity { try #require(Identity(kind: .email, raw: address)) }
            // One minute apart, as they came in: the first message of a case is the one that opened it.
            func mail(_ id: String, minute: Double, from address: String, name: String? = nil, _ text: String) async throws -> Signal {
                try await Fixtures.ingest(
                    Fixtures.draft(channel: .email, externalID: id, handle: nil, name: name, email: address, text: text, receivedAt: at),
                    into: store, now: at.addingTimeInterval(60 * minute)
                ).signal
            }
            // Jan first wrote from his work address: a record of its own, to which an agent also
            // linked his colleague Kees's address. Kees's message joins the case Jan's opened.
            let work = try await mail("w1", minute: 1, from: "jan@werk.nl", name: "Jan Bakker", "Mijn fietsenstalling is dubbel afgeschreven")
            let shared = work.customerID
            try await store.linkIdentity(try email("kees@werk.nl"), to: shared, by: anna.id, at: at)
            let kees = try await mail("w2", minute: 2, from: "kees@werk.nl", name: "Kees Smit", "Bij mij is het zonnescherm nog steeds kapot")
            let mixed = work.caseID
            #expect(kees.caseID == mixed)
            _ = try await store.updateCase(id: mixed) { try $0.transition(to: .closed, at: at.addingTimeInterval(150), reason: "afgehandeld") }
            // A case of Jan's alone on that record, with a reply still waiting to go out.
            let later = try await mail("w3", minute: 3, from: "jan@werk.nl", "De parkeervergunning klopt ook niet")
            #expect(later.caseID != mixed)
            try await store.createReply(
                Reply(id: .generate(now: at), caseID: later.caseID, signalID: later.id, channel: .email, text: "Beste Jan, ik zoek het uit.",
                      authorID: anna.id, nextAttemptAt: at, createdAt: at, updatedAt: at))
            // His tweets made a third record, and an address he no longer uses a fourth.
            let tweet = try await Fixtures.ingest(
                Fixtures.draft(externalID: "x1", handle: "janbakker", name: "Jan B.", text: "Weer een dubbele afschrijving, belachelijk"), into: store
            ).signal
            let old = try await mail("o1", minute: 4, from: "oud@example.nl", name: "Els Visser", "Mijn oude adres staat nog in het systeem")

            // Jan writes from home; the agent links his work address and his handle to him, and
            // the old address too, which turns out to be someone else's and is unlinked again.
            let home = try await mail("h1", minute: 5, from: "jan@thuis.nl", name: "Jan Bakker", "Ik wil graag mijn gegevens")
            let jan = home.customerID
            for identity in [try email("jan@werk.nl"), try #require(Identity(kind: .x, raw: "janbakker")), try email("oud@example.nl")] {
                try await store.linkIdentity(identity, to: jan, by: anna.id, at: at)
            }
            try await store.unlinkIdentity(try email("oud@example.nl"), from: jan, by: anna.id, at: at)

            let erasedAt = at.addingTimeInterval(600)
            try await store.eraseCustomer(id: jan, at: erasedAt)

            let gone = Erasure.placeholder
            let onShared = Dictionary(uniqueKeysWithValues: try await store.signals(customerID: shared).map { ($0.id, $0) })
            for id in [work.id, later.id] {
                #expect(onShared[id]?.text == gone && onShared[id]?.author.email == nil && onShared[id]?.author.name == nil)
                #expect(onShared[id]?.externalID == nil, "the platform's id leads back to his message")
            }
            #expect(onShared[kees.id]?.text == kees.text && onShared[kees.id]?.author.email == "kees@werk.nl", "Kees's message is his")
            #expect(try await store.searchCases(try #require(SearchQuery("fietsenstalling")), limit: 5).isEmpty)
            #expect(try await store.searchCases(try #require(SearchQuery("parkeervergunning")), limit: 5).isEmpty)
            #expect(try await store.searchCases(try #require(SearchQuery("zonnescherm")), limit: 5).map(\.id) == [mixed])
            // Jan's own case there is closed, its waiting reply not sent; the shared one is left as it was.
            let closed = try #require(try await store.case(id: later.caseID))
            #expect(closed.status == .closed && closed.transitions.last?.reason == Erasure.closingReason && closed.subject == gone)
            let replies = try await store.replies(caseID: later.caseID)
            #expect(replies.map(\.text) == [gone] && replies.map(\.status) == [.failed] && replies.first?.lastError == Erasure.cancelledReply)
            #expect(try await store.claimDueReplies(now: erasedAt.addingTimeInterval(3600), limit: 5).isEmpty)
            let kept = try #require(try await store.case(id: mixed))
            #expect(kept.transitions.last?.reason == "afgehandeld", "Kees's case is not closed for Jan")
            #expect(kept.subject == gone, "the subject was made of Jan's words")
            #expect(try await store.erasedAt(customerID: shared) == nil)
            #expect(try await store.customer(id: shared)?.name == nil, "the record had its name from Jan's message")
            #expect(try await store.customer(id: shared)?.identities == [try email("kees@werk.nl")])
            // The record of his tweets held nothing but him: erased as a whole.
            #expect(try await store.signals(customerID: tweet.customerID).map(\.text) == [gone])
            #expect(try await store.erasedAt(customerID: tweet.customerID) == erasedAt)
            #expect(try await store.customer(id: tweet.customerID)?.name == nil)
            // The unlinked address is someone else's: her message stays.
            #expect(try await store.signals(customerID: old.customerID).map(\.text) == [old.text])
            #expect(try await store.erasedAt(customerID: old.customerID) == nil)
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

    @Test("a redelivery or re-import of an erased message stays erased: it is a duplicate of the placeholder, nothing comes back",
          arguments: TestDatabase.all)
    func erasedStaysErased(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let tweet = Fixtures.draft(externalID: "1790000000000000001", handle: "jan_dv", name: "Jan de Vries", text: "Ik woon op de Dorpsstraat 4")
            let later = Fixtures.draft(externalID: "1790000000000000005", handle: "jan_dv", text: "Mijn IBAN is NL91ABNA0417164300")
            let first = try await Fixtures.ingest(tweet, into: store)
            let second = try await Fixtures.ingest(later, into: store, now: Fixtures.base.addingTimeInterval(90))
            let customerID = first.signal.customerID
            try await store.eraseCustomer(id: customerID, at: Fixtures.base.addingTimeInterval(120))

            // The platform delivers the tweets again, or an export of them is imported again.
            for (draft, original) in [(tweet, first.signal), (later, second.signal)] {
                let again = try await Fixtures.ingest(draft, into: store, now: Fixtures.base.addingTimeInterval(180))
                guard case .duplicate(let signal) = again else {
                    Issue.record("\(draft.channel) message was taken in again after the erasure: \(again.signal.text)")
                    continue
                }
                #expect(signal.id == original.id)
                #expect(signal.text == Erasure.placeholder && signal.externalID == nil && signal.author.name == nil)
            }
            let all = try await store.signals(channel: nil, limit: 10, after: nil)
            #expect(second.signal.customerID == customerID)
            #expect(all.count == 2 && all.allSatisfy { $0.text == Erasure.placeholder }, "\(all.map(\.text))")
            #expect(try await store.erasedAt(customerID: customerID) != nil)

            // The same id on another channel is another platform's message, and a new message is new.
            let elsewhere = try await Fixtures.ingest(
                Fixtures.draft(channel: .facebook, externalID: "1790000000000000001", handle: "fb_jan", text: "Andere melding"), into: store)
            let fresh = try await Fixtures.ingest(
                Fixtures.draft(externalID: "1790000000000000002", handle: "jan_dv", text: "Ik ben er weer"), into: store)
            for outcome in [elsewhere, fresh] {
                guard case .created(let signal, _) = outcome else {
                    Issue.record("\(outcome.signal.text) was not taken in")
                    continue
                }
                #expect(signal.customerID != customerID)
            }
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
            // A case's entries include its messages and compensations, not the customer's own or another case's.
            let ofCase = try await store.auditEntries(.case(petra.signal.caseID), before: nil, limit: 10)
            #expect(ofCase.map(\.detail) == ["compensation 5", "signal 3", "case 0"])
        }
    }
}
