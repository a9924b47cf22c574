import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The store contract for what channels add: details, attachments, edits, removal, pending
/// text, e-mail threading, the reply outbox and hand-made identity links. SQLite and PostgreSQL.
@Suite("Store contract: channels and outbox")
struct ChannelContractTests {
    @Test("channel details and attachments are kept, with the attachment content apart", arguments: TestDatabase.all)
    func detailsAndAttachments(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            var draft = Fixtures.draft(channel: .email, externalID: "abc@mail.example.nl", handle: nil, email: "sanne@example.nl")
            draft.subject = "Klacht over gemiste aansluiting"
            draft.warnings = ["Onbekende tekenset 'x-foo'; gelezen als Windows-1252."]
            draft.channelAccount = "webcare@signaal.example"
            draft.author.verified = true
            draft.author.platformID = "42"
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF])
            draft.attachments = [
                Attachment(filename: "kaartje.png", contentType: "image/png", size: png.count, content: png),
                Attachment(filename: "groot.pdf", contentType: "application/pdf", size: 20_000_000, content: nil),
            ]
            let outcome = try await Fixtures.ingest(draft, into: store)
            let stored = try #require(try await store.signal(id: outcome.signal.id))
            #expect(stored.subject == "Klacht over gemiste aansluiting")
            #expect(stored.warnings == draft.warnings)
            #expect(stored.channelAccount == "webcare@signaal.example")
            #expect(stored.author.verified == true)
            #expect(stored.author.platformID == "42")
            #expect(stored.attachments.map(\.filename) == ["kaartje.png", "groot.pdf"])
            #expect(stored.attachments.allSatisfy { $0.content == nil })
            let files = try await store.attachments(signalID: stored.id)
            #expect(files.map(\.content) == [png, nil])
            #expect(files.map(\.size) == [6, 20_000_000])
            // The case takes the e-mail's subject, not its first line.
            #expect(try await store.case(id: stored.caseID)?.subject == "Klacht over gemiste aansluiting")
        }
    }

    @Test("an edit keeps the old text as history; a repeated edit changes nothing; removal is marked", arguments: TestDatabase.all)
    func editAndRemove(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let outcome = try await Fixtures.ingest(Fixtures.draft(channel: .facebook, externalID: "c1", handle: "123"), into: store)
            let at = Fixtures.base.addingTimeInterval(600)
            let edited = try #require(
                try await store.editSignal(channel: .facebook, externalID: "c1", newText: "Nieuwe tekst", analysis: nil, at: at))
            #expect(edited.text == "Nieuwe tekst")
            #expect(edited.edits.map(\.previousText) == [outcome.signal.text])
            _ = try await store.editSignal(channel: .facebook, externalID: "c1", newText: "Nieuwe tekst", analysis: nil, at: at)
            let reread = try #require(try await store.signal(id: outcome.signal.id))
            #expect(reread.edits.count == 1)
            #expect(reread.text == "Nieuwe tekst")
            #expect(try await store.editSignal(channel: .facebook, externalID: "onbekend", newText: "x", analysis: nil, at: at) == nil)

            let removed = try #require(try await store.markSignalRemoved(channel: .facebook, externalID: "c1", at: at))
            #expect(removed.removedAt == at)
            #expect(removed.text == "Nieuwe tekst")
        }
    }

    @Test("a signal without its text is stored, listed as pending and completed once", arguments: TestDatabase.all)
    func pendingText(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            var draft = Fixtures.draft(channel: .instagram, externalID: "17890001", handle: nil, name: "Instagram-gebruiker", text: "")
            draft.textPending = true
            let outcome = try await Fixtures.ingest(draft, into: store)
            #expect(try await store.case(id: outcome.signal.caseID)?.subject == "Vermelding via Instagram")
            #expect(try await store.pendingTextSignals(limit: 10).map(\.id) == [outcome.signal.id])
            let done = try #require(
                try await store.completePendingText(id: outcome.signal.id, text: "@merk waar blijft mijn pakket?", handle: "lotte.k", analysis: nil))
            #expect(done.text == "@merk waar blijft mijn pakket?")
            #expect(done.author.handle == "lotte.k")
            #expect(!done.textPending)
            #expect(try await store.pendingTextSignals(limit: 10).isEmpty)
            #expect(try await store.completePendingText(id: outcome.signal.id, text: "x", handle: nil, analysis: nil) == nil)
        }
    }

    @Test("the satisfaction question keeps its check's token through storing, claiming and sending; an answer has none", arguments: TestDatabase.all)
    func satisfactionToken(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let caseID = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "t1", handle: "klant"), into: store).signal.caseID
            func reply(_ text: String, token: String?) -> Reply {
                var reply = Reply(
                    id: .generate(), caseID: caseID, signalID: nil, channel: .x, text: text, authorID: nil, nextAttemptAt: Fixtures.base,
                    createdAt: Fixtures.base, updatedAt: Fixtures.base)
                reply.satisfactionToken = token
                return reply
            }
            let answer = reply("Het is geregeld.", token: nil)
            let question = reply("Is het opgelost? Eén klik: https://webcare.example.nl/tevredenheid/abc", token: "abc")
            try await store.createReply(answer)
            try await store.createReply(question)
            let claimed = try await store.claimDueReplies(now: Fixtures.base.addingTimeInterval(1), limit: 5)
            #expect(Dictionary(uniqueKeysWithValues: claimed.map { ($0.id, $0.satisfactionToken) }) == [answer.id: nil, question.id: "abc"])
            let sent = try #require(try await store.finishReply(id: question.id, attempt: 1, outcome: .sent(externalID: "19000"), now: Fixtures.base))
            #expect(sent.satisfactionToken == "abc")
            let stored = try await store.replies(caseID: caseID)
            #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.satisfactionToken) }) == [answer.id: nil, question.id: "abc"])
        }
    }

    @Test("an e-mail answering our reply, or naming its case, joins that case", arguments: TestDatabase.all)
    func emailThreading(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let first = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "m1@klant.nl", handle: nil, email: "jan@klant.nl"), into: store)
            let caseID = first.signal.caseID
            _ = try await store.updateCase(id: caseID) { theCase in
                try theCase.transition(to: .open, at: Fixtures.base.addingTimeInterval(100), reason: "test")
                try theCase.transition(to: .resolved, at: Fixtures.base.addingTimeInterval(200), reason: "test")
            }
            var reply = Reply(
                id: .generate(), caseID: caseID, signalID: first.signal.id, channel: .email, text: "Het is geregeld.",
                authorID: nil, nextAttemptAt: Fixtures.base, createdAt: Fixtures.base, updatedAt: Fixtures.base)
            try await store.createReply(reply)
            let claimed = try await store.claimDueReplies(now: Fixtures.base.addingTimeInterval(1), limit: 5)
            #expect(claimed.map(\.id) == [reply.id])
            reply = try #require(try await store.finishReply(id: reply.id, attempt: 1, outcome: .sent(externalID: "r1@signaal.example"), now: Fixtures.base))
            // The customer answers our reply from another address: the References chain finds the case...
            var answer = Fixtures.draft(channel: .email, externalID: "m2@klant.nl", handle: nil, email: "jan@klant.nl")
            answer.inReplyTo = "onbekend@elders.nl"
            answer.references = ["m1@klant.nl", "r1@signaal.example"]
            let second = try await Fixtures.ingest(answer, into: store, now: Fixtures.base.addingTimeInterval(300))
            #expect(second.signal.caseID == caseID)
            #expect(try await store.case(id: caseID)?.status == .open)
            // ...and a case tag in the address does too, when nothing else matches.
            var tagged = Fixtures.draft(channel: .email, externalID: "m3@klant.nl", handle: nil, email: "jan@klant.nl")
            tagged.caseHint = caseID
            let third = try await Fixtures.ingest(tagged, into: store, now: Fixtures.base.addingTimeInterval(400))
            #expect(third.signal.caseID == caseID)
        }
    }

    @Test("the outbox: claimed once, retried with back-off, failed with a reason, requeued by an agent", arguments: TestDatabase.all)
    func outbox(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let signal = try await Fixtures.ingest(Fixtures.draft(externalID: "t1"), into: store).signal
            let now = Fixtures.base.addingTimeInterval(1000)
            let reply = Reply(
                id: .generate(now: now), caseID: signal.caseID, signalID: signal.id, channel: .x,
                text: "Wat vervelend, Sanne! Ik zoek het uit.", authorID: nil, nextAttemptAt: now, createdAt: now, updatedAt: now)
            try await store.createReply(reply)
            // Many pollers at once: the reply goes to exactly one.
            let claims = try await withThrowingTaskGroup(of: [Reply].self) { group in
                for _ in 0..<8 { group.addTask { try await store.claimDueReplies(now: now, limit: 10) } }
                return try await group.reduce(into: [Reply]()) { $0 += $1 }
            }
            #expect(claims.map(\.id) == [reply.id])
            #expect(claims.first?.status == .sending)
            #expect(claims.first?.attempts == 1)

            let retryAt = now.addingTimeInterval(30)
            let retried = try #require(try await store.finishReply(id: reply.id, attempt: 1, outcome: .retry(error: "X antwoordt niet (503)", at: retryAt), now: now))
            #expect(retried.status == .queued)
            #expect(try await store.claimDueReplies(now: now.addingTimeInterval(10), limit: 10).isEmpty)
            #expect(try await store.claimDueReplies(now: retryAt, limit: 10).map(\.attempts) == [2])

            let failed = try #require(try await store.finishReply(id: reply.id, attempt: 2, outcome: .failed(error: "X wees het af: 403"), now: retryAt))
            #expect(failed.status == .failed)
            #expect(try await store.replies(caseID: signal.caseID).first?.lastError == "X wees het af: 403")

            let again = try await store.requeueReply(id: reply.id, now: retryAt)
            #expect(again.status == .queued)
            await #expect(throws: DomainError.self) { try await store.requeueReply(id: reply.id, now: retryAt) }
            _ = try await store.claimDueReplies(now: retryAt, limit: 10)
            let sent = try #require(try await store.finishReply(id: reply.id, attempt: 3, outcome: .sent(externalID: "1900000000000000001"), now: retryAt))
            #expect(sent.status == .sent)
            #expect(sent.lastError == nil)

            // Delivery reports move forward only.
            let read = try await store.recordDeliveryStatus(channel: .x, externalID: "1900000000000000001", status: .read, detail: nil, at: retryAt)
            #expect(read?.status == .read)
            let late = try await store.recordDeliveryStatus(channel: .x, externalID: "1900000000000000001", status: .delivered, detail: nil, at: retryAt)
            #expect(late?.status == .read)
            #expect(try await store.recordDeliveryStatus(channel: .x, externalID: "onbekend", status: .read, detail: nil, at: now) == nil)
        }
    }

    @Test("a reply interrupted mid-send is failed for an agent to check, never sent again by itself", arguments: TestDatabase.all)
    func interrupted(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let signal = try await Fixtures.ingest(Fixtures.draft(externalID: "t2"), into: store).signal
            let now = Fixtures.base.addingTimeInterval(1000)
            let reply = Reply(
                id: .generate(now: now), caseID: signal.caseID, signalID: signal.id, channel: .x, text: "Hallo",
                authorID: nil, nextAttemptAt: now, createdAt: now, updatedAt: now)
            try await store.createReply(reply)
            _ = try await store.claimDueReplies(now: now, limit: 10)
            #expect(try await store.failInterruptedReplies(sendingSince: now, reason: "onderbroken", now: now).isEmpty)
            #expect(try await store.failInterruptedReplies(sendingSince: now.addingTimeInterval(120), reason: "onderbroken", now: now).count == 1)
            #expect(try await store.reply(id: reply.id)?.status == .failed)
            #expect(try await store.claimDueReplies(now: now.addingTimeInterval(3600), limit: 10).isEmpty)
        }
    }

    @Test("a send attempt taken for interrupted and resent meanwhile: its late outcome changes nothing", arguments: TestDatabase.all)
    func lateFinisher(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let signal = try await Fixtures.ingest(Fixtures.draft(externalID: "t3"), into: store).signal
            let now = Fixtures.base.addingTimeInterval(1000)
            let reply = Reply(
                id: .generate(now: now), caseID: signal.caseID, signalID: signal.id, channel: .x, text: "Hallo",
                authorID: nil, nextAttemptAt: now, createdAt: now, updatedAt: now)
            try await store.createReply(reply)
            let first = try #require(try await store.claimDueReplies(now: now, limit: 10).first)
            let later = now.addingTimeInterval(400)
            #expect(try await store.failInterruptedReplies(sendingSince: later.addingTimeInterval(-300), reason: "onderbroken", now: later).count == 1)
            // The first attempt ends after all: the reply stays failed as the agent sees it.
            #expect(try await store.finishReply(id: reply.id, attempt: first.attempts, outcome: .sent(externalID: "eerste"), now: later) == nil)
            #expect(try await store.reply(id: reply.id)?.status == .failed)
            // The agent resends it; another attempt sends it; the first one's outcome comes later still.
            _ = try await store.requeueReply(id: reply.id, now: later)
            let second = try #require(try await store.claimDueReplies(now: later, limit: 10).first)
            #expect(second.attempts == first.attempts + 1)
            #expect(try await store.finishReply(id: reply.id, attempt: first.attempts, outcome: .failed(error: "te laat"), now: later) == nil)
            #expect(try await store.reply(id: reply.id)?.status == .sending, "the current attempt is still running")
            let sent = try #require(try await store.finishReply(id: reply.id, attempt: second.attempts, outcome: .sent(externalID: "tweede"), now: later))
            #expect(sent.status == .sent)
            #expect(try await store.finishReply(id: reply.id, attempt: first.attempts, outcome: .sent(externalID: "eerste"), now: later) == nil)
            let stored = try #require(try await store.reply(id: reply.id))
            #expect(stored.status == .sent && stored.externalID == "tweede" && stored.lastError == nil)
        }
    }

    @Test("an agent links an identity to another customer and unlinks it; both are recorded", arguments: TestDatabase.all)
    func identityLinks(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let user = User(id: .generate(), email: "lead@example.nl", name: "Lea", role: .lead, createdAt: Fixtures.base)
            try await store.createUser(user, passwordHash: "x")
            let sanne = try await Fixtures.ingest(Fixtures.draft(externalID: "a"), into: store).signal.customerID
            let other = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "b@x.nl", handle: nil, name: nil, email: "s.devries@werk.nl"), into: store
            ).signal.customerID
            #expect(sanne != other)
            let email = Identity(kind: .email, raw: "s.devries@werk.nl")!
            try await store.linkIdentity(email, to: sanne, by: user.id, at: Fixtures.base)
            #expect(try await store.customer(id: sanne)?.identities.contains(email) == true)
            #expect(try await store.customer(id: other)?.identities.contains(email) == false)
            // Her next e-mail now lands with Sanne.
            let next = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "c@x.nl", handle: nil, name: nil, email: "s.devries@werk.nl"), into: store)
            #expect(next.signal.customerID == sanne)

            try await store.unlinkIdentity(email, from: sanne, by: user.id, at: Fixtures.base.addingTimeInterval(5))
            await #expect(throws: DomainError.self) {
                try await store.unlinkIdentity(email, from: sanne, by: user.id, at: Fixtures.base)
            }
            let events = try await store.identityEvents(customerID: sanne)
            #expect(events.map(\.action) == [.unlink, .link])
            #expect(events.last?.previousCustomerID == other)
            #expect(events.allSatisfy { $0.userID == user.id })
        }
    }
}
