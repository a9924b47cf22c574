import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// The counts the monthly report reads. SQLite and PostgreSQL.
@Suite("Store contract: figures of a period, for the monthly report")
struct ReportContractTests {
    @Test("signals per hour, sentiment and intent, and the distinct cases they went to; edges half-open", arguments: TestDatabase.all)
    func signalCounts(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let hour = Date(timeIntervalSince1970: (Fixtures.base.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
            let now = hour.addingTimeInterval(10 * 3600)
            func add(_ key: String, _ customer: String, at: Date, _ analysis: Analysis?) async throws {
                try await Fixtures.ingest(
                    Fixtures.draft(externalID: key, handle: customer, receivedAt: at), into: store, now: now, analysis: analysis)
            }
            // One angry customer writes three times (one case), another thanks once, a third is not analysed.
            try await add("a1", "boos", at: hour, Fixtures.analysis(.negative, .complaint))
            try await add("a2", "boos", at: hour.addingTimeInterval(600), Fixtures.analysis(.negative, .complaint))
            try await add("a3", "boos", at: hour.addingTimeInterval(3600 + 5), Fixtures.analysis(.negative, .complaint))
            try await add("b1", "blij", at: hour.addingTimeInterval(60), Fixtures.analysis(.positive, .compliment))
            try await add("c1", "stil", at: hour.addingTimeInterval(120), nil)
            try await add("d1", "later", at: hour.addingTimeInterval(2 * 3600), Fixtures.analysis(.negative, .complaint))  // the end
            // An account posing as the brand is no customer: its messages count nowhere, nor in a surge.
            let posing = IntakePlanner(now: now, analysis: Fixtures.analysis(.negative, .complaint, topics: ["privacy"]), impersonator: true)
            for index in 0..<3 {
                let fake = try Fixtures.draft(externalID: "nep-\(index)", handle: "NS_0nline", receivedAt: hour.addingTimeInterval(300)).validated()
                _ = try await store.ingest(fake) { posing.plan($0, context: $1) }
            }
            #expect(try await store.windowCounts([DateInterval(start: hour, end: hour.addingTimeInterval(3600))]).allSatisfy { $0.topic != "privacy" })

            let (counts, cases, complainants) = try await store.signalCounts(in: DateInterval(start: hour, end: hour.addingTimeInterval(2 * 3600)))
            #expect(Set(counts) == [
                SignalCount(hour: hour, sentiment: .negative, intent: .complaint, count: 2),
                SignalCount(hour: hour, sentiment: .positive, intent: .compliment, count: 1),
                SignalCount(hour: hour, sentiment: nil, intent: nil, count: 1),
                SignalCount(hour: hour.addingTimeInterval(3600), sentiment: .negative, intent: .complaint, count: 1),
            ])
            #expect(cases == 2, "the cases written to with more than praise: the thanks alone is no case handled as a failure")
            #expect(complainants == 1, "one angry customer, however often they wrote; the one after the end and the fake not counted")
            var figures = MonthFigures()
            figures.add(counts)
            figures.casesWrittenTo = cases
            #expect((figures.signals, figures.complaints, figures.compliments, figures.negative, figures.repeatContacts) == (5, 3, 1, 3, 2))
            let empty = try await store.signalCounts(in: DateInterval(start: hour.addingTimeInterval(-7200), end: hour))
            #expect(empty.counts.isEmpty && empty.cases == 0 && empty.complainants == 0)
        }
    }

    @Test("the counts follow a message's latest analysis: an edit and a text that came later change them", arguments: TestDatabase.all)
    func countsFollowTheAnalysis(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let hour = Date(timeIntervalSince1970: (Fixtures.base.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
            let now = hour.addingTimeInterval(3600)
            let period = DateInterval(start: hour, end: now)
            _ = try await Fixtures.ingest(
                Fixtures.draft(channel: .facebook, externalID: "e1", handle: "123", receivedAt: hour), into: store, now: now,
                analysis: Fixtures.analysis(.positive, .compliment, topics: ["levering"]))
            var pending = Fixtures.draft(channel: .instagram, externalID: "p1", handle: nil, name: "Instagram-gebruiker", text: "", receivedAt: hour)
            pending.textPending = true
            let late = try await Fixtures.ingest(pending, into: store, now: now)
            #expect(Set(try await store.signalCounts(in: period).counts) == [
                SignalCount(hour: hour, sentiment: .positive, intent: .compliment, count: 1),
                SignalCount(hour: hour, sentiment: nil, intent: nil, count: 1),
            ])

            _ = try await store.editSignal(
                channel: .facebook, externalID: "e1", newText: "Nee toch, pakket kapot aangekomen",
                analysis: Fixtures.analysis(.negative, .complaint, topics: ["levering", "retour"]), at: now)
            _ = try await store.completePendingText(
                id: late.signal.id, text: "@merk wanneer komt mijn geld terug?", handle: "lotte.k",
                analysis: Fixtures.analysis(.neutral, .question, topics: ["betaling"]))
            #expect(Set(try await store.signalCounts(in: period).counts) == [
                SignalCount(hour: hour, sentiment: .negative, intent: .complaint, count: 1),
                SignalCount(hour: hour, sentiment: .neutral, intent: .question, count: 1),
            ])
            #expect(Set(try await store.windowCounts([period])) == [
                WindowCount(window: 0, topic: nil, count: 2), WindowCount(window: 0, topic: "levering", count: 1),
                WindowCount(window: 0, topic: "retour", count: 1), WindowCount(window: 0, topic: "betaling", count: 1),
            ])
            #expect(try await store.signals(intent: .complaint, in: period, limit: 10).map(\.externalID) == ["e1"])
        }
    }

    @Test("satisfaction scores of the checks answered in a period; unanswered ones and other periods left out", arguments: TestDatabase.all)
    func satisfactionScores(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let start = Fixtures.base
            let theCase = try await Fixtures.ingest(Fixtures.draft(externalID: "s1"), into: store).signal.caseID
            for (token, answered, score) in [("t1", 10.0, 5), ("t2", 20.0, 2), ("t3", -10.0, 1), ("t4", 3600.0, 4), ("t5", nil as Double?, 0)] {
                try await store.createSatisfactionCheck(SatisfactionCheck(token: token, caseID: theCase, sentAt: start.addingTimeInterval(-60)))
                if let answered {
                    _ = try await store.answerSatisfactionCheck(token: token, score: score, solved: true, comment: nil, at: start.addingTimeInterval(answered))
                }
            }
            let scores = try await store.satisfactionScores(answeredIn: DateInterval(start: start, end: start.addingTimeInterval(3600)))
            #expect(scores.sorted() == [2, 5])
        }
    }

    @Test("signals of one intent within a period, newest first; both edges as half-open", arguments: TestDatabase.all)
    func signalsOfIntent(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let start = Fixtures.base
            let now = start.addingTimeInterval(7200)
            func add(_ key: String, at: TimeInterval, _ intent: Analysis.Intent) async throws {
                try await Fixtures.ingest(
                    Fixtures.draft(externalID: key, handle: "klant_\(key)", receivedAt: start.addingTimeInterval(at)), into: store, now: now,
                    analysis: Fixtures.analysis(intent == .compliment ? .positive : .negative, intent))
            }
            try await add("before", at: -1, .complaint)
            try await add("first", at: 0, .complaint)
            try await add("praise", at: 10, .compliment)
            try await add("last", at: 3599, .complaint)
            try await add("after", at: 3600, .complaint)
            let found = try await store.signals(intent: .complaint, in: DateInterval(start: start, duration: 3600), limit: 10)
            #expect(found.map(\.externalID) == ["last", "first"])
            #expect(try await store.signals(intent: .complaint, in: DateInterval(start: start, duration: 3600), limit: 1).map(\.externalID) == ["last"])
        }
    }

    @Test("the cases whose customer wrote again before our first reply, or twice without any", arguments: TestDatabase.all)
    func chasedBeforeFirstReply(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let start = Fixtures.base
            func write(_ key: String, _ handle: String, after minutes: Double) async throws -> CaseID {
                try await Fixtures.ingest(
                    Fixtures.draft(externalID: key, handle: handle, receivedAt: start.addingTimeInterval(minutes * 60)), into: store,
                    now: start.addingTimeInterval(3600)
                ).signal.caseID
            }
            let answered = try await write("a1", "eva", after: 0)
            _ = try await write("a2", "eva", after: 30)
            let chased = try await write("b1", "joost", after: 0)
            _ = try await write("b2", "joost", after: 20)
            let twice = try await write("c1", "sem", after: 0)
            _ = try await write("c2", "sem", after: 5)
            let once = try await write("d1", "noor", after: 0)
            for (caseID, minutes) in [(answered, 10.0), (chased, 25)] {
                _ = try await store.updateCase(id: caseID) { $0.respondedAt = start.addingTimeInterval(minutes * 60) }
            }
            #expect(try await store.casesChasedBeforeFirstReply([answered, chased, twice, once, chased]) == [chased, twice])
            #expect(try await store.casesChasedBeforeFirstReply([]).isEmpty)
        }
    }
}
