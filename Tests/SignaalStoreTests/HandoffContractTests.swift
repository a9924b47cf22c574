import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// A case changes owner together with its briefing, or not at all. SQLite and PostgreSQL.
@Suite("Store contract: warm handoffs")
struct HandoffContractTests {
    static func user(_ name: String, store: any SignaalStore) async throws -> User {
        let user = User(
            id: .generate(), email: "\(name.lowercased())@example.nl", name: name, role: .agent, createdAt: Fixtures.base)
        try await store.createUser(user, passwordHash: "x")
        return user
    }

    @Test("a handoff moves the owner and keeps the briefing; a stale or closed one changes nothing", arguments: TestDatabase.all)
    func handoff(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await Self.user("Anna", store: store)
            let bram = try await Self.user("Bram", store: store)
            let outcome = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "h1", handle: "klant"), into: store)
            let caseID = outcome.signal.caseID
            let at = Fixtures.base.addingTimeInterval(60)

            let first = Handoff(
                id: .generate(now: at), caseID: caseID, fromUserID: nil, toUserID: anna.id, byUserID: anna.id,
                briefing: "Klant wacht op terugbetaling van €12,50; ik pak het op.", at: at)
            #expect(try await store.recordHandoff(first, now: at).ownerID == anna.id)
            let second = Handoff(
                id: .generate(now: at.addingTimeInterval(60)), caseID: caseID, fromUserID: anna.id, toUserID: bram.id, byUserID: anna.id,
                briefing: "Terugbetaling is aangevraagd, klant verwacht vrijdag een belletje.", at: at.addingTimeInterval(60))
            _ = try await store.recordHandoff(second, now: at.addingTimeInterval(60))
            #expect(try await store.case(id: caseID)?.ownerID == bram.id)
            #expect(try await store.handoffs(caseID: caseID) == [first, second])

            // Lists read several cases and their handoffs at once.
            let other = try await Fixtures.ingest(Fixtures.draft(channel: .email, externalID: nil, handle: nil, email: "ander@example.nl"), into: store)
            let otherHandoff = Handoff(
                id: .generate(now: at.addingTimeInterval(90)), caseID: other.signal.caseID, fromUserID: nil, toUserID: anna.id,
                byUserID: anna.id, briefing: "Mail over de factuur, pak ik op.", at: at.addingTimeInterval(90))
            _ = try await store.recordHandoff(otherHandoff, now: at.addingTimeInterval(90))
            #expect(try await store.handoffs(caseIDs: [caseID, other.signal.caseID, caseID]) == [first, second, otherHandoff])
            #expect(try await store.handoffs(caseIDs: []).isEmpty)
            let both = try await store.cases(ids: [caseID, other.signal.caseID, CaseID.generate()])
            #expect(Set(both.keys) == [caseID, other.signal.caseID])
            #expect(both[caseID]?.ownerID == bram.id && both[other.signal.caseID]?.ownerID == anna.id)
            #expect(try await store.cases(ids: []).isEmpty)
            let transitions = try await store.transitions(caseIDs: [caseID, other.signal.caseID])
            for id in [caseID, other.signal.caseID] {
                let history = try #require(try await store.case(id: id)).transitions
                #expect(!history.isEmpty && transitions[id] == history)
            }

            // Anna's page was stale: the case is Bram's now. Nothing changes.
            let stale = Handoff(
                id: .generate(), caseID: caseID, fromUserID: anna.id, toUserID: anna.id, byUserID: anna.id,
                briefing: "Ik neem hem toch terug, sorry Bram.", at: at.addingTimeInterval(120))
            await #expect(throws: DomainError.self) { try await store.recordHandoff(stale, now: at.addingTimeInterval(120)) }
            #expect(try await store.case(id: caseID)?.ownerID == bram.id)
            #expect(try await store.handoffs(caseID: caseID).count == 2)

            _ = try await store.updateCase(id: caseID) { theCase in
                try theCase.transition(to: .open, at: at.addingTimeInterval(150), actorID: nil, reason: "test")
                try theCase.transition(to: .resolved, at: at.addingTimeInterval(160), actorID: nil, reason: "test")
                try theCase.transition(to: .closed, at: at.addingTimeInterval(170), actorID: nil, reason: "test")
            }
            let closed = Handoff(
                id: .generate(), caseID: caseID, fromUserID: bram.id, toUserID: anna.id, byUserID: bram.id,
                briefing: "Gesloten zaak, toch nog even overdragen.", at: at.addingTimeInterval(200))
            await #expect(throws: DomainError.self) { try await store.recordHandoff(closed, now: at.addingTimeInterval(200)) }
            #expect(try await store.handoffs(caseID: caseID).count == 2)
        }
    }

    @Test(
        "open promises go with the case to the colleague it is handed to, and to whoever takes it from a team's queue; settled ones and a handoff to a team leave them",
        arguments: TestDatabase.all)
    func promisesMoveWithTheCase(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await Self.user("Anna", store: store)
            let bram = try await Self.user("Bram", store: store)
            let team = Team(id: .generate(), name: "Financiën")
            try await store.createTeam(team, now: Fixtures.base)
            let caseID = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "p1", handle: "klant"), into: store).signal.caseID
            let at = Fixtures.base.addingTimeInterval(60)
            _ = try await store.recordHandoff(
                Handoff(id: .generate(now: at), caseID: caseID, fromUserID: nil, toUserID: anna.id, byUserID: anna.id, briefing: "Pak ik op.", at: at),
                now: at)
            func promise(_ text: String) -> CasePromise {
                CasePromise(
                    id: .generate(now: at), caseID: caseID, ownerID: anna.id, text: text, dueAt: at.addingTimeInterval(86400), createdAt: at,
                    createdBy: anna.id)
            }
            let open = promise("Bel u morgen voor 12:00 terug")
            let kept = promise("Mail de bevestiging")
            try await store.createPromise(open)
            try await store.createPromise(kept)
            _ = try await store.settlePromise(id: kept.id, as: .kept, by: anna.id, at: at.addingTimeInterval(10))

            _ = try await store.recordHandoff(
                Handoff(
                    id: .generate(now: at.addingTimeInterval(60)), caseID: caseID, fromUserID: anna.id, toUserID: bram.id, byUserID: anna.id,
                    briefing: "Terugbellen morgen voor 12:00 is beloofd.", at: at.addingTimeInterval(60)),
                now: at.addingTimeInterval(60))
            let owners = Dictionary(uniqueKeysWithValues: try await store.promises(caseID: caseID).map { ($0.id, $0.ownerID) })
            #expect(owners == [open.id: bram.id, kept.id: anna.id], "the new owner keeps the open promise; who kept one stays")

            _ = try await store.recordHandoff(
                Handoff(
                    id: .generate(now: at.addingTimeInterval(120)), caseID: caseID, fromUserID: bram.id, toUserID: nil, toTeamID: team.id,
                    byUserID: bram.id, briefing: "Voor Financiën: terugbetaling.", at: at.addingTimeInterval(120)),
                now: at.addingTimeInterval(120))
            #expect(try await store.promises(caseID: caseID).first { $0.id == open.id }?.ownerID == bram.id, "no one in a queue to keep it yet")

            // Carla of Financiën takes it from the queue: the callback is hers to make now, and Bram
            // is no longer reminded of a case he gave away.
            let carla = try await Self.user("Carla", store: store)
            _ = try await store.updateCase(id: caseID) { $0.ownerID = carla.id }
            let afterTake = Dictionary(uniqueKeysWithValues: try await store.promises(caseID: caseID).map { ($0.id, $0.ownerID) })
            #expect(afterTake == [open.id: carla.id, kept.id: anna.id])
            let due = at.addingTimeInterval(2 * 86400)
            #expect(try await store.openPromises(dueBefore: due, ownerID: carla.id, limit: 10).map(\.id) == [open.id])
            #expect(try await store.openPromises(dueBefore: due, ownerID: bram.id, limit: 10).isEmpty)
        }
    }

    @Test("the inbox query filters by owner: mine, unassigned, everyone", arguments: TestDatabase.all)
    func ownerFilter(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await Self.user("Anna", store: store)
            let first = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "o1", handle: "een"), into: store).signal.caseID
            let second = try await Fixtures.ingest(Fixtures.draft(channel: .x, externalID: "o2", handle: "twee"), into: store).signal.caseID
            _ = try await store.updateCase(id: first) { $0.ownerID = anna.id }
            let mine = try await store.cases(statuses: CaseStatus.unresolved, owner: .user(anna.id), limit: 10, after: nil)
            #expect(mine.map(\.id) == [first])
            let unassigned = try await store.cases(statuses: CaseStatus.unresolved, owner: .unassigned, limit: 10, after: nil)
            #expect(unassigned.map(\.id) == [second])
            #expect(try await store.cases(statuses: CaseStatus.unresolved, owner: .any, limit: 10, after: nil).count == 2)
            // The same filters on cases in memory (the service-level counts per view).
            let both = try await store.cases(statuses: CaseStatus.unresolved, limit: 10, after: nil)
            #expect(both.filter(CaseFilter(owner: .user(anna.id)).matches).map(\.id) == [first])
            #expect(both.filter(CaseFilter(owner: .unassigned).matches).map(\.id) == [second])
            #expect(both.filter(CaseFilter(statuses: [.resolved]).matches).isEmpty)
        }
    }

    @Test("notes for colleagues are kept with their case, oldest first, with who wrote them", arguments: TestDatabase.all)
    func internalNotes(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await Self.user("Anna", store: store)
            let bram = try await Self.user("Bram", store: store)
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "n1"), into: store).signal.caseID
            let other = try await Fixtures.ingest(Fixtures.draft(externalID: "n2", handle: "ander"), into: store).signal.caseID
            #expect(try await store.internalNotes(caseID: caseID).isEmpty)
            let at = Fixtures.base.addingTimeInterval(600)
            let later = InternalNote(
                id: .generate(now: at), caseID: caseID, authorID: bram.id, text: "Financiën belt morgen terug\nmet de uitkomst", createdAt: at.addingTimeInterval(60))
            let earlier = InternalNote(id: .generate(now: at), caseID: caseID, authorID: anna.id, text: "Klant is slechthorend: liever mailen", createdAt: at)
            try await store.addInternalNote(later, mentioning: [])
            try await store.addInternalNote(earlier, mentioning: [])
            try await store.addInternalNote(InternalNote(id: .generate(now: at), caseID: other, authorID: anna.id, text: "Andere zaak", createdAt: at), mentioning: [])
            #expect(try await store.internalNotes(caseID: caseID) == [earlier, later])

            // Mentions: unseen until marked, per case or all; only recent ones.
            let carla = try await Self.user("Carla", store: store)
            let ask = InternalNote(id: .generate(now: at), caseID: caseID, authorID: anna.id, text: "@Bram @Carla kijken jullie?", createdAt: at.addingTimeInterval(120))
            let elsewhere = InternalNote(id: .generate(now: at), caseID: other, authorID: anna.id, text: "@Bram ook hier", createdAt: at.addingTimeInterval(180))
            try await store.addInternalNote(ask, mentioning: [bram.id, carla.id, bram.id])
            try await store.addInternalNote(elsewhere, mentioning: [bram.id])
            #expect(try await store.unseenMentions(userID: bram.id, since: at, limit: 10) == [elsewhere, ask])
            #expect(try await store.unseenMentions(userID: bram.id, since: at, limit: 1) == [elsewhere])
            #expect(try await store.unseenMentions(userID: bram.id, since: at.addingTimeInterval(150), limit: 10) == [elsewhere])
            #expect(try await store.unseenMentions(userID: anna.id, since: at, limit: 10).isEmpty)
            try await store.markMentionsSeen(userID: bram.id, caseID: caseID, at: at.addingTimeInterval(200))
            #expect(try await store.unseenMentions(userID: bram.id, since: at, limit: 10) == [elsewhere], "seen on that case only")
            #expect(try await store.unseenMentions(userID: carla.id, since: at, limit: 10) == [ask], "Carla has not seen it")
            try await store.markMentionsSeen(userID: bram.id, caseID: nil, at: at.addingTimeInterval(200))
            #expect(try await store.unseenMentions(userID: bram.id, since: at, limit: 10).isEmpty)
            await #expect(throws: (any Error).self, "a note needs a case that exists") {
                try await store.addInternalNote(InternalNote(id: .generate(now: at), caseID: .generate(now: at), authorID: anna.id, text: "x", createdAt: at), mentioning: [])
            }
        }
    }

    @Test(
        "its author changes a note: the new text with when, every earlier text kept oldest first, newly called colleagues told; nobody else can, and an unchanged text changes nothing",
        arguments: TestDatabase.all)
    func editedNotes(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await Self.user("Anna", store: store)
            let bram = try await Self.user("Bram", store: store)
            let carla = try await Self.user("Carla", store: store)
            let caseID = try await Fixtures.ingest(Fixtures.draft(externalID: "edit-1"), into: store).signal.caseID
            let at = Fixtures.base.addingTimeInterval(600)
            let note = InternalNote(id: .generate(now: at), caseID: caseID, authorID: anna.id, text: "@Bram Klant belt terug om 15:00", createdAt: at)
            let untouched = InternalNote(id: .generate(now: at), caseID: caseID, authorID: bram.id, text: "Gezien", createdAt: at.addingTimeInterval(1))
            try await store.addInternalNote(note, mentioning: [bram.id])
            try await store.addInternalNote(untouched, mentioning: [])
            try await store.markMentionsSeen(userID: bram.id, caseID: nil, at: at.addingTimeInterval(5))

            let first = at.addingTimeInterval(60)
            let changed = try await store.editInternalNote(id: note.id, mentioning: [bram.id, carla.id]) {
                try $0.edit(to: "  @Bram @Carla Klant belt terug om 17:00  ", by: anna.id, at: first)
            }
            #expect(changed.text == "@Bram @Carla Klant belt terug om 17:00" && changed.editedAt == first)
            let second = at.addingTimeInterval(120)
            try await store.editInternalNote(id: note.id, mentioning: []) { try $0.edit(to: "Klant belt terug om 17:30", by: anna.id, at: second) }

            let notes = try await store.internalNotes(caseID: caseID)
            #expect(notes.map(\.id) == [note.id, untouched.id], "still in the order written")
            let stored = try #require(notes.first)
            #expect(stored.text == "Klant belt terug om 17:30" && stored.editedAt == second && stored.createdAt == at)
            #expect(stored.earlierVersions == [
                InternalNote.Version(text: "@Bram Klant belt terug om 15:00", writtenAt: at, replacedAt: first),
                InternalNote.Version(text: "@Bram @Carla Klant belt terug om 17:00", writtenAt: first, replacedAt: second),
            ])
            #expect(notes.last == untouched, "the other note is as it was")
            // Carla is newly called on, also when the note itself is older than what the inbox shows;
            // Bram, who saw the first words, is not told again.
            #expect(try await store.unseenMentions(userID: carla.id, since: at, limit: 10).map(\.id) == [note.id])
            #expect(try await store.unseenMentions(userID: carla.id, since: at.addingTimeInterval(30), limit: 10).map(\.id) == [note.id])
            #expect(try await store.unseenMentions(userID: carla.id, since: second.addingTimeInterval(1), limit: 10).isEmpty)
            #expect(try await store.unseenMentions(userID: bram.id, since: at, limit: 10).isEmpty)

            // Someone else's note, an unchanged text, an empty one or an unknown note: nothing changes.
            await #expect(throws: DomainError.self) {
                try await store.editInternalNote(id: note.id, mentioning: []) { try $0.edit(to: "Bram weet het beter", by: bram.id, at: second) }
            }
            let same = try await store.editInternalNote(id: note.id, mentioning: [carla.id]) {
                try $0.edit(to: "Klant belt terug om 17:30", by: anna.id, at: second.addingTimeInterval(60))
            }
            #expect(same.editedAt == second)
            await #expect(throws: DomainError.self) {
                try await store.editInternalNote(id: note.id, mentioning: []) { try $0.edit(to: "   ", by: anna.id, at: second) }
            }
            await #expect(throws: DomainError.self) {
                try await store.editInternalNote(id: .generate(now: at), mentioning: []) { try $0.edit(to: "x", by: anna.id, at: second) }
            }
            #expect(try await store.internalNotes(caseID: caseID) == notes)
        }
    }
}
