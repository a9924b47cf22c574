import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Store contract: queries, users, tokens, sessions")
struct QueryContractTests {
    @Test("migrations are recorded and applying them again changes nothing", arguments: TestDatabase.all)
    func migrations(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            // Each has its own: PostgreSQL its stored search vector and search configuration (SQLite has
            // FTS5), SQLite the counted columns beside the analysis (PostgreSQL reads JSONB).
            let all = Array(1...(database == .postgres ? 44 : 41))
            #expect(try await store.appliedMigrations() == all)
            try await store.migrate()
            #expect(try await store.appliedMigrations() == all)
            // A second instance on the same database migrates nothing and sees the data.
            try await Fixtures.ingest(Fixtures.draft(externalID: "m-1"), into: store)
            let second = try await location.open()
            #expect(try await second.signals(channel: nil, limit: 5, after: nil).count == 1)
            await second.shutdown()
        }
    }

    /// Every signal's text, newest first, read `size` at a time as an API client pages.
    static func textsPaged(_ store: any SignaalStore, by size: Int) async throws -> [String] {
        var seen: [String] = []
        var cursor: SignalCursor?
        repeat {
            let page = try await store.signals(channel: nil, limit: size, after: cursor)
            seen += page.map(\.text)
            cursor = page.count == size ? page.last.map(SignalCursor.init(after:)) : nil
        } while cursor != nil
        return seen
    }

    @Test("signals page newest first with a cursor, and filter by channel", arguments: TestDatabase.all)
    func signalPages(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            for index in 0..<7 {
                let channel: Channel = index % 2 == 0 ? .x : .email
                try await Fixtures.ingest(
                    Fixtures.draft(
                        channel: channel, externalID: "p-\(index)", handle: channel == .x ? "klant\(index)" : nil,
                        email: "klant\(index)@example.nl", text: "bericht \(index)",
                        receivedAt: Fixtures.base.addingTimeInterval(Double(index) * 60)),
                    into: store)
            }
            #expect(try await Self.textsPaged(store, by: 3) == (0..<7).reversed().map { "bericht \($0)" })
            let email = try await store.signals(channel: .email, limit: 10, after: nil)
            #expect(email.map(\.text) == ["bericht 5", "bericht 3", "bericht 1"])
        }
    }

    /// PostgresNIO writes a time as whole microseconds by truncating a Double, so 17:21:57.001
    /// is stored as .000999; a cursor that rounded that down to .000 skipped the rest of the page.
    @Test("signals received in the same millisecond are all paged through, none skipped", arguments: TestDatabase.all)
    func signalPagesWithinOneMillisecond(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // Milliseconds that a Double does not hold exactly (…001, …008) and one that it does (…500).
            let instants: [Int64] = [1_764_883_317_001, 1_764_883_317_008, 1_764_883_317_500]
            for (index, millis) in instants.flatMap({ [$0, $0, $0] }).enumerated() {
                try await Fixtures.ingest(
                    Fixtures.draft(
                        externalID: "ms-\(index)", handle: "gelijk\(index)", text: "bericht \(index)",
                        receivedAt: Date(millisecondsSince1970: millis)),
                    into: store)
            }
            let seen = try await Self.textsPaged(store, by: 2)
            #expect(seen.count == 9)
            #expect(Set(seen) == Set((0..<9).map { "bericht \($0)" }))
            let stored = try await store.signals(channel: nil, limit: 9, after: nil)
            #expect(Set(stored.map(\.receivedAt.millisecondsSince1970)) == Set(instants))
        }
    }

    @Test("cases page by priority, highest first, and filter by status", arguments: TestDatabase.all)
    func casePages(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let followers = [10, 250_000, 900, 40, 12_000]
            for (index, count) in followers.enumerated() {
                try await Fixtures.ingest(
                    Fixtures.draft(externalID: "c-\(index)", handle: "bereik\(index)", followers: count), into: store)
            }
            var priorities: [Double] = []
            var cursor: CaseCursor?
            repeat {
                let page = try await store.cases(statuses: CaseStatus.unresolved, limit: 2, after: cursor)
                priorities += page.map(\.priority)
                cursor = page.count == 2 ? page.last.map(CaseCursor.init(after:)) : nil
            } while cursor != nil
            #expect(priorities.count == 5)
            #expect(priorities == priorities.sorted(by: >))
            let top = try #require(try await store.cases(statuses: [], limit: 1, after: nil).first)
            #expect(top.maxFollowers == 250_000)
            #expect(try await store.cases(statuses: [.resolved], limit: 10, after: nil).isEmpty)

            // Every kind of status filter: some of the unresolved statuses, the others, a mix.
            let all = try await store.cases(statuses: [], limit: 10, after: nil)
            let moves: [CaseStatus] = [.open, .waitingOnCustomer, .resolved, .closed]
            for (theCase, status) in zip(all, moves) {
                _ = try await store.updateCase(id: theCase.id) { try $0.transition(to: status, at: Fixtures.base, reason: "test") }
            }
            func listed(_ statuses: [CaseStatus]) async throws -> [CaseStatus] {
                let cases = try await store.cases(statuses: statuses, limit: 10, after: nil)
                #expect(cases.map(\.priority) == cases.map(\.priority).sorted(by: >))
                return cases.map(\.status)
            }
            #expect(try await listed([.new]) == [.new])
            #expect(try await listed([.open, .waitingOnCustomer]).sorted { $0.rawValue < $1.rawValue } == [.open, .waitingOnCustomer])
            #expect(try await listed(CaseStatus.unresolved).count == 3)
            #expect(try await listed([.closed]) == [.closed])
            #expect(try await listed([.resolved, .closed]).sorted { $0.rawValue < $1.rawValue } == [.closed, .resolved])
            #expect(try await listed([.new, .resolved]).sorted { $0.rawValue < $1.rawValue } == [.new, .resolved])
        }
    }

    @Test("the inbox's order in memory is the stores' order, equal priorities too ('Norm in gevaar' sorts the watch's cases so)",
          arguments: TestDatabase.all)
    func inboxOrderInMemory(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // Equal followers and text: several cases of one priority, ordered by id.
            for (index, count) in [900, 900, 40, 900, 12_000, 40].enumerated() {
                try await Fixtures.ingest(Fixtures.draft(externalID: "o-\(index)", handle: "gelijk\(index)", followers: count), into: store)
            }
            let listed = try await store.cases(statuses: [], limit: 10, after: nil)
            #expect(Set(listed.map(\.priority)).count < listed.count, "some priorities are equal")
            #expect(listed.map(\.id) == listed.sorted { $0.isListed(before: $1) }.map(\.id))
            for position in listed.indices {
                let cursor = CaseCursor(after: listed[position])
                let next = try await store.cases(statuses: [], limit: 10, after: cursor)
                #expect(next.map(\.id) == listed.filter { $0.isListed(after: cursor) }.map(\.id))
            }
        }
    }

    @Test("users: e-mail is unique and found case-insensitively", arguments: TestDatabase.all)
    func users(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let user = User(id: .generate(), email: "agent@example.nl", name: "Anna", role: .agent, createdAt: Fixtures.base)
            try await store.createUser(user, passwordHash: "$2b$12$hash")
            let found = try #require(try await store.userWithPasswordHash(email: "AGENT@example.nl"))
            #expect(found.0 == user)
            #expect(found.1 == "$2b$12$hash")
            #expect(try await store.user(id: user.id) == user)
            let twin = User(id: .generate(), email: "agent@example.nl", name: "Anna 2", role: .lead, createdAt: Fixtures.base)
            await #expect(throws: DomainError.self) { try await store.createUser(twin, passwordHash: "x") }
            #expect(try await store.userCount() == 1)
        }
    }

    @Test("tokens: found by hash until revoked", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let token = APIToken(id: .generate(), name: "crm", createdAt: Fixtures.base)
            try await store.createToken(token, secretHash: "abc123")
            #expect(try await store.token(secretHash: "abc123") == token)
            #expect(try await store.token(secretHash: "other") == nil)
            #expect(try await store.revokeToken(id: token.id, at: Fixtures.base.addingTimeInterval(5)))
            #expect(try await store.token(secretHash: "abc123")?.revokedAt == Fixtures.base.addingTimeInterval(5))
            #expect(try await !store.revokeToken(id: .generate(), at: Fixtures.base))
            #expect(try await store.tokens().count == 1)
        }
    }

    @Test("key-value: values expire, create refuses a live key", arguments: TestDatabase.all)
    func keyValue(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // "create refuses a live key" compares with the clock, so the key lives long enough for a test
            // held back on a loaded machine (over a minute has been seen).
            let now = Date()
            try await store.setValue(Data("een".utf8), forKey: "k", expiresAt: now.addingTimeInterval(3600))
            #expect(try await store.value(forKey: "k", now: now) == Data("een".utf8))
            #expect(try await store.value(forKey: "k", now: now.addingTimeInterval(3601)) == nil)
            await #expect(throws: DomainError.self) {
                try await store.createValue(Data("twee".utf8), forKey: "k", expiresAt: nil)
            }
            try await store.createValue(Data("drie".utf8), forKey: "nieuw", expiresAt: nil)
            #expect(try await store.value(forKey: "nieuw", now: now) == Data("drie".utf8))
            try await store.removeValue(forKey: "nieuw")
            #expect(try await store.value(forKey: "nieuw", now: now) == nil)
        }
    }
}

@Suite("Store contract: corrections")
struct LabelContractTests {
    @Test("corrections are kept with who and when; the latest per signal is what training sees", arguments: TestDatabase.all)
    func labels(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let agent = User(id: .generate(), email: "a@example.nl", name: "Anna", role: .agent, createdAt: Fixtures.base)
            try await store.createUser(agent, passwordHash: "x")
            let first = try await Fixtures.ingest(Fixtures.draft(externalID: "l-1", text: "Top service weer 🙄"), into: store)
            let second = try await Fixtures.ingest(Fixtures.draft(externalID: "l-2", handle: "ander", text: "Dank je wel!"), into: store)
            try await store.addLabel(
                SignalLabel(signalID: first.signal.id, sentiment: .positive, intent: .compliment, topics: nil, userID: agent.id, createdAt: Fixtures.base))
            try await store.addLabel(
                SignalLabel(signalID: first.signal.id, sentiment: .negative, intent: .complaint, topics: ["kwaliteit"], userID: agent.id,
                            createdAt: Fixtures.base.addingTimeInterval(60)))
            try await store.addLabel(
                SignalLabel(signalID: second.signal.id, sentiment: .positive, intent: .compliment, topics: [], userID: agent.id,
                            createdAt: Fixtures.base.addingTimeInterval(120)))
            #expect(try await store.labels(signalID: first.signal.id).map(\.sentiment) == [.positive, .negative])
            let latest = try await store.latestLabels(limit: 10)
            #expect(latest.count == 2)
            #expect(latest.first?.text == "Top service weer 🙄")
            #expect(latest.first?.label.sentiment == .negative)
            #expect(latest.first?.label.topics == ["kwaliteit"])
            await #expect(throws: DomainError.self) {
                try await store.addLabel(
                    SignalLabel(signalID: .generate(), sentiment: .neutral, intent: nil, topics: nil, userID: agent.id, createdAt: Fixtures.base))
            }
        }
    }

    @Test("a correction changes what the case is about: the inbox filters find it under the corrected topic, tone and kind", arguments: TestDatabase.all)
    func correctionReachesCase(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let agent = User(id: .generate(), email: "a@example.nl", name: "Anna", role: .agent, createdAt: Fixtures.base)
            try await store.createUser(agent, passwordHash: "x")
            // The analyser read a double debit as a delivery question, then the storm message right.
            let first = try await Fixtures.ingest(
                Fixtures.draft(externalID: "c-1", handle: "karin", text: "Waar blijft mijn geld? Twee keer afgeschreven."), into: store,
                analysis: Fixtures.analysis(.neutral, .question, topics: ["levering"]))
            let second = try await Fixtures.ingest(
                Fixtures.draft(externalID: "c-2", handle: "karin", text: "En nu ligt de app er ook nog uit."), into: store,
                now: Fixtures.base.addingTimeInterval(120), analysis: Fixtures.analysis(.negative, .complaint, topics: ["storing"]))
            let caseID = first.signal.caseID
            #expect(second.signal.caseID == caseID)
            let found = { (filter: CaseFilter) in try await store.cases(matching: filter, limit: 10, after: nil).map(\.id) }
            #expect(try await found(CaseFilter(topic: "levering")) == [caseID])

            // The topics of the first message corrected: the case is about payment and the outage, no longer delivery.
            try await store.addLabel(
                SignalLabel(signalID: first.signal.id, sentiment: .negative, intent: .complaint, topics: ["betaling"], userID: agent.id,
                            createdAt: Fixtures.base.addingTimeInterval(300)))
            #expect(try await found(CaseFilter(topic: "levering")).isEmpty)
            #expect(try await found(CaseFilter(topic: "betaling")) == [caseID])
            #expect(try await found(CaseFilter(topic: "storing")) == [caseID])
            // An older message's tone does not overrule the latest one's.
            #expect(try await store.case(id: caseID)?.intent == .complaint)

            // The latest message was no complaint but a question about the outage: the case's kind follows.
            try await store.addLabel(
                SignalLabel(signalID: second.signal.id, sentiment: .neutral, intent: .question, topics: nil, userID: agent.id,
                            createdAt: Fixtures.base.addingTimeInterval(360)))
            #expect(try await found(CaseFilter(intent: .question)) == [caseID])
            #expect(try await found(CaseFilter(sentiment: .negative)).isEmpty)
            #expect(try await found(CaseFilter(topic: "storing")) == [caseID], "a correction without topics leaves the analyser's")
            let corrected = try #require(try await store.case(id: caseID))
            #expect(corrected.topics == ["betaling", "storing"])
            #expect(corrected.sentiment == .neutral)

            // Unticking every topic is a correction too.
            try await store.addLabel(
                SignalLabel(signalID: second.signal.id, sentiment: .neutral, intent: .question, topics: [], userID: agent.id,
                            createdAt: Fixtures.base.addingTimeInterval(420)))
            #expect(try await store.case(id: caseID)?.topics == ["betaling"])
        }
    }

    @Test("a customer is found by a handle, address or number as an agent types it, and nobody by what is no one's", arguments: TestDatabase.all)
    func customerByIdentity(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let jeroen = try await Fixtures.ingest(
                Fixtures.draft(externalID: "j1", handle: "JDijkman", name: "Jeroen Dijkman", text: "Mijn pakket is kwijt"), into: store)
            let mail = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "<m1@example.nl>", handle: nil, name: "Jeroen Dijkman",
                               email: "jeroen.dijkman@example.nl", text: "Nog steeds geen pakket"), into: store)
            let call = try await Fixtures.ingest(
                Fixtures.draft(channel: .phone, externalID: "t1", handle: nil, name: "Petra", phone: "0612345678", text: "Belt over haar factuur"),
                into: store)
            let find = { (text: String) in try await store.customerIDs(having: Identity.candidates(inSearch: text)) }
            #expect(try await find("@jdijkman") == [jeroen.signal.customerID])
            #expect(try await find("Jeroen.Dijkman@example.NL") == [mail.signal.customerID])
            #expect(try await find("06-12345678") == [call.signal.customerID])
            #expect(try await find("+31 6 1234 5678") == [call.signal.customerID])
            #expect(try await find("onbekend").isEmpty)
            #expect(try await store.customerIDs(having: []).isEmpty)

            // By name: every word starts the name or a word in it, whatever the case.
            let named = { (text: String) in try await store.customerIDs(named: CustomerNameSearch.words(inSearch: text), limit: 20) }
            #expect(Set(try await named("dijkman")) == [jeroen.signal.customerID, mail.signal.customerID])
            #expect(Set(try await named("Jeroen Dijk")) == [jeroen.signal.customerID, mail.signal.customerID])
            #expect(try await named("petra") == [call.signal.customerID])
            #expect(try await named("kman").isEmpty, "inside a word is no match")
            #expect(try await named("jeroen petra").isEmpty, "every word must match")
            #expect(try await store.customerIDs(named: ["p_tra"], limit: 20).isEmpty, "a wildcard typed is a character")
            #expect(try await store.customerIDs(named: ["%"], limit: 20).isEmpty)
            #expect(CustomerNameSearch.words(inSearch: "06-12345678").isEmpty && CustomerNameSearch.words(inSearch: "@petra").isEmpty)

            // Accents either way: "danielle" finds Daniëlle, "chloé" finds Chloe, also a name learned later.
            let daniëlle = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "<d1@example.nl>", handle: nil, name: "Daniëlle Bruins",
                               email: "d.bruins@example.nl", text: "Mijn pas is geblokkeerd"), into: store)
            let chloe = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "<c1@example.nl>", handle: nil, name: nil, email: "chloe@example.nl", text: "Factuur klopt niet"),
                into: store)
            _ = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "<c2@example.nl>", handle: nil, name: "Chloe van Dam", email: "chloe@example.nl", text: "Nog een vraag"),
                into: store)
            #expect(try await named("danielle") == [daniëlle.signal.customerID])
            #expect(try await named("Daniëlle bru") == [daniëlle.signal.customerID])
            #expect(try await named("DANIELLE") == [daniëlle.signal.customerID])
            #expect(try await named("chloé") == [chloe.signal.customerID])
        }
    }
}
