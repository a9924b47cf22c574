import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Full-text search with Dutch stemming: the same answers from SQLite (FTS5 with our stemmer)
/// and PostgreSQL (`to_tsvector('signaal_dutch', …)`: the Dutch stemmer, every word kept).
@Suite("Store contract: Dutch full-text search")
struct SearchContractTests {
    @Test("inflected words find each other, every word must match, edits are found, syntax is only words", arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let parcels = try await Fixtures.ingest(
                Fixtures.draft(channel: .x, externalID: "s1", handle: "a", text: "Al drie pakketten niet bezorgd, waar blijven ze?"), into: store)
            let train = try await Fixtures.ingest(
                Fixtures.draft(channel: .x, externalID: "s2", handle: "b", text: "De trein naar Zwolle is weer uitgevallen"), into: store)
            let invoice = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "s3", handle: nil, email: "c@example.nl", text: "Mijn klacht over de factuur is nog niet behandeld"),
                into: store)

            func found(_ text: String) async throws -> [CaseID] {
                try await store.searchCases(try #require(SearchQuery(text)), limit: 10).map(\.id)
            }
            #expect(try await found("pakket") == [parcels.signal.caseID])
            #expect(try await found("treinen") == [train.signal.caseID])
            #expect(try await found("klachten factuur") == [invoice.signal.caseID])
            #expect(try await found("klachten trein").isEmpty, "every word must match")
            #expect(try await found("Zwolle").contains(train.signal.caseID))
            #expect(try await found("\"pakket*\" NEAR(") .isEmpty, "operators are read as words, all of which must match")
            #expect(try await found("\"pakketten*\"") == [parcels.signal.caseID], "quotes and stars are not syntax")
            #expect(SearchQuery("  ?!* ") == nil)

            // An edited message is found by its new words, no longer by its old ones.
            _ = try await store.editSignal(
                channel: .x, externalID: "s2", newText: "De bus naar Zwolle reed niet", analysis: nil, at: Fixtures.base.addingTimeInterval(60))
            #expect(try await found("bus") == [train.signal.caseID])
            #expect(try await found("trein").isEmpty)

            // The case with the newest matching message comes first.
            let later = try await Fixtures.ingest(
                Fixtures.draft(channel: .x, externalID: "s4", handle: "d", text: "Mijn pakket is beschadigd aangekomen",
                               receivedAt: Fixtures.base.addingTimeInterval(3600)), into: store)
            #expect(try await found("pakket") == [later.signal.caseID, parcels.signal.caseID])

            // A filter narrows the search: by channel, by status, by owner.
            let query = try #require(SearchQuery("klacht"))
            #expect(try await store.searchCases(query, matching: CaseFilter(statuses: [], channel: .email), limit: 10).map(\.id) == [invoice.signal.caseID])
            #expect(try await store.searchCases(query, matching: CaseFilter(statuses: [], channel: .x), limit: 10).isEmpty)
            #expect(try await store.searchCases(query, matching: CaseFilter(statuses: CaseStatus.unresolved), limit: 10).map(\.id) == [invoice.signal.caseID])
            #expect(try await store.searchCases(query, matching: CaseFilter(statuses: [.resolved]), limit: 10).isEmpty)
            #expect(try await store.searchCases(query, matching: CaseFilter(statuses: [], owner: .unassigned), limit: 10).count == 1)
            #expect(try await store.searchCases(query, matching: CaseFilter(statuses: [], owner: .user(UserID.generate())), limit: 10).isEmpty)
        }
    }

    @Test("common words, amounts, addresses and phone numbers are found alike on both databases", arguments: TestDatabase.all)
    func commonWordsAndNumbers(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            var cases: [CaseID] = []
            for (index, text) in [
                "Ik heb mijn bestelling nog steeds niet ontvangen", "Geen reactie op mijn mail, wel een factuur",
                "Ik betaalde €2.500 aan info@verhuis-bv.nl, bel mij op 06-12345678",
            ].enumerated() {
                cases.append(try await Fixtures.ingest(Fixtures.draft(externalID: "w\(index)", handle: "klant\(index)", text: text), into: store).signal.caseID)
            }
            let (notReceived, noAnswer, payment) = (cases[0], cases[1], cases[2])
            let found = { (text: String) in Set(try await store.searchCases(try #require(SearchQuery(text)), limit: 10).map(\.id)) }
            // PostgreSQL's own Dutch configuration drops these words: nothing, or too much, was found.
            #expect(try await found("niet") == [notReceived])
            #expect(try await found("nog steeds niet") == [notReceived])
            #expect(try await found("geen reactie") == [noAnswer])
            #expect(try await found("geen ontvangen").isEmpty, "every word must match, common ones too")
            // Parts of an amount, an address and a phone number, as a search splits them.
            #expect(try await found("2.500") == [payment])
            #expect(try await found("verhuis") == [payment])
            #expect(try await found("12345678") == [payment])
        }
    }

    @Test("accents are ignored both ways, on both databases: 'enquete' finds 'enquête', 'één' finds 'een'", arguments: TestDatabase.all)
    func accents(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            var cases: [CaseID] = []
            for (index, text) in [
                "De enquête na mijn klacht werkte niet", "Mijn carrière bij jullie als klant is voorbij",
                "De façade van de winkel is beschadigd", "Ik wacht al één week op antwoord", "Geen crème brûlée in het pakket",
                "Mijn coordinator belt nooit terug",
            ].enumerated() {
                cases.append(try await Fixtures.ingest(Fixtures.draft(externalID: "a\(index)", handle: "accent\(index)", text: text), into: store).signal.caseID)
            }
            let found = { (text: String) in Set(try await store.searchCases(try #require(SearchQuery(text)), limit: 10).map(\.id)) }
            #expect(try await found("enquete") == [cases[0]])
            #expect(try await found("ENQUÊTE") == [cases[0]])
            #expect(try await found("carriere") == [cases[1]])
            #expect(try await found("facade") == [cases[2]])
            #expect(try await found("een week") == [cases[3]])
            #expect(try await found("creme brulee") == [cases[4]])
            #expect(try await found("coördinator") == [cases[5]], "an accent typed where the message has none")
            #expect(try await found("crème enquête").isEmpty, "every word must still match")
        }
    }

    @Test("a filter looks past newer matches of other cases: an old e-mail is found under newer posts that share its words", arguments: TestDatabase.all)
    func filterBeforeWindow(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let mail = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "w-mail", handle: nil, email: "e@example.nl", text: "Mijn pakket is nooit aangekomen"),
                into: store)
            for index in 1...4 {
                _ = try await Fixtures.ingest(
                    Fixtures.draft(channel: .x, externalID: "w-\(index)", handle: "x\(index)", text: "Waar blijft mijn pakket?",
                                   receivedAt: Fixtures.base.addingTimeInterval(Double(index) * 60)), into: store)
            }
            // A window of three matches, where the newest three are posts on X.
            let query = try #require(SearchQuery("pakket", scanLimit: 3))
            #expect(try await store.searchCases(query, limit: 10).count == 3, "without a filter: the cases of the newest three matches")
            #expect(
                try await store.searchCases(query, matching: CaseFilter(statuses: [], channel: .email), limit: 10).map(\.id) == [mail.signal.caseID])
            #expect(
                try await store.searchCases(query, matching: CaseFilter(statuses: CaseStatus.unresolved, channel: .email), limit: 10).map(\.id)
                    == [mail.signal.caseID])
        }
    }
}
