import Foundation
import SignaalDomain
import Testing

@Suite("Monthly report: months, failure costs, trends, the iceberg and five stories")
struct MonthlyReportTests {
    let calendar = BusinessCalendar.standard

    @Test("a month runs from local midnight on the first to the next first, also across the year and the clock change")
    func months() throws {
        let october = try #require(ReportMonth(isoString: "2026-10"))
        let period = october.period(in: calendar)
        #expect(period.start == calendar.date(on: CalendarDay(year: 2026, month: 10, day: 1), minute: 0))
        #expect(period.end == calendar.date(on: CalendarDay(year: 2026, month: 11, day: 1), minute: 0))
        // 31 days and the extra hour of 25 October.
        #expect(period.duration == 31 * 86_400 + 3600)
        #expect(october.days.count == 31 && october.previous.isoString == "2026-09")
        #expect(ReportMonth(isoString: "2026-01")?.previous.isoString == "2025-12")
        #expect(ReportMonth(isoString: "2026-12")?.next.isoString == "2027-01")
        #expect(ReportMonth(isoString: "2024-02")?.days.count == 29)
        for bad in ["2026-13", "2026-1", "26-11", "november", "2026-00", ""] { #expect(ReportMonth(isoString: bad) == nil, "\(bad)") }
    }

    @Test("failure costs: every message's handling but praise, the repeat contacts within it, and compensation, in cents")
    func failureCosts() {
        var figures = MonthFigures()
        figures.signals = 380
        figures.compliments = 30
        figures.casesWrittenTo = 300
        figures.compensationCents = 12_995
        let costs = FailureCosts(figures, handleMinutes: 6, hourlyRateCents: 4500)
        #expect(costs.handlingCents == 157_500)  // (380 − 30 compliments) × 0.1 h × € 45
        #expect(costs.repeatContactCents == 22_500)  // 50 repeats
        #expect(costs.totalCents == 170_495)
        #expect(costs.perCaseCents(figures) == 568)
        #expect(FailureCosts(MonthFigures(), handleMinutes: 6, hourlyRateCents: 4500).perCaseCents(MonthFigures()) == nil)
    }

    @Test("figures add up from the store's counts; rates are nil without anything to divide")
    func figures() {
        let hour = Date(timeIntervalSince1970: 1_795_000_000)
        var figures = MonthFigures()
        #expect(figures.negativeShare == nil && figures.firstContactRate == nil && figures.satisfaction == nil && figures.promisesKeptRate == nil)
        figures.add([
            SignalCount(hour: hour, sentiment: .negative, intent: .complaint, count: 6),
            SignalCount(hour: hour, sentiment: .positive, intent: .compliment, count: 2),
            SignalCount(hour: hour, sentiment: nil, intent: nil, count: 2),
        ])
        figures.satisfactionScores = [5, 4, 2]
        figures.promisesKept = 3
        figures.promisesBroken = 1
        #expect(figures.signals == 10 && figures.complaints == 6 && figures.compliments == 2 && figures.negativeShare == 0.6)
        #expect(figures.satisfaction.map { abs($0 - 11.0 / 3) < 0.0001 } == true)
        #expect(figures.promisesKeptRate == 0.75)
    }

    @Test("the iceberg: one in 26 unhappy customers complains, each tells 15")
    func iceberg() {
        let iceberg = Iceberg(complainants: 350)
        #expect(iceberg.unhappy == 9100 && iceberg.told == 136_500)
    }

    @Test("topics against the month before: busiest first, a topic gone quiet still listed with its drop")
    func trends() {
        let trends = TopicTrend.trends(current: ["storing": 62, "levering": 15, "nieuw": 3], previous: ["storing": 37, "levering": 40, "prijs": 9])
        #expect(trends.map(\.topic) == ["storing", "levering", "nieuw", "prijs"])
        #expect(trends[1].change == -25.0 / 40)
        #expect(trends[2].change == nil)
        #expect(trends[3].count == 0 && trends[3].change == -1)
    }

    @Test("messages per local day, the negative ones apart; a message at 00:30 local belongs to that day")
    func days() throws {
        let november = try #require(ReportMonth(isoString: "2026-11"))
        let second = CalendarDay(year: 2026, month: 11, day: 2)
        // 00:30 in Amsterdam is 23:30 UTC the day before.
        let lateNight = calendar.date(on: second, hour: 0, minute: 30)
        let counts = [
            SignalCount(hour: lateNight, sentiment: .negative, intent: .complaint, count: 3),
            SignalCount(hour: lateNight, sentiment: .neutral, intent: .question, count: 2),
        ]
        let days = DayVolume.days(counts, month: november, calendar: calendar)
        #expect(days.count == 30)
        #expect(days[1] == DayVolume(day: second, total: 5, negative: 3))
        #expect(days[0].total == 0)
    }

    @Test("five stories: per busiest topic the most negative readable complaint, one per case, then the strongest of the rest")
    func stories() {
        func complaint(
            _ text: String, score: Double, topics: [String], caseID: CaseID = .generate(), intent: Analysis.Intent = .complaint,
            recordedBy: UserID? = nil, channel: Channel? = nil
        ) -> Signal {
            Signal(
                id: .generate(), caseID: caseID, customerID: .generate(),
                draft: SignalDraft(
                    channel: channel ?? (recordedBy == nil ? .x : .phone), author: Author(handle: "k"), text: text,
                    receivedAt: Date(timeIntervalSince1970: 1_795_000_000), recordedBy: recordedBy),
                analysis: Analysis(language: "nl", sentiment: .negative, score: score, intent: intent, topics: topics, urgency: 0, cues: [], evidence: []),
                createdAt: Date(timeIntervalSince1970: 1_795_000_000))
        }
        let long = String(repeating: "Al drie weken wacht ik op mijn geld en niemand reageert. ", count: 2)
        let sameCase = CaseID.generate()
        let outage = complaint("Storing! " + long, score: -0.9, topics: ["storing"], caseID: sameCase)
        let outageMilder = complaint("Storing. " + long, score: -0.4, topics: ["storing"])
        let outageSameCase = complaint("Nog steeds storing. " + long, score: -0.8, topics: ["storing", "levering"], caseID: sameCase)
        let delivery = complaint("Pakket kwijt. " + long, score: -0.5, topics: ["levering"])
        let short = complaint("Boos!", score: -1, topics: ["levering"])
        let question = complaint("Vraag over levering. " + long, score: -0.95, topics: ["levering"], intent: .question)
        let other = complaint("Prijs omhoog. " + long, score: -0.7, topics: ["prijs"])
        // An agent's note of a call is their words about it, not the customer's own.
        let call = complaint("Klant belt: pakket al drie weken onderweg. " + long, score: -0.99, topics: ["levering"], recordedBy: .generate())
        // A letter an agent typed in is still the customer's own words.
        let letter = complaint("Geachte heer/mevrouw, de prijs is weer omhoog. " + long, score: -0.2, topics: ["prijs"], recordedBy: .generate(), channel: .letter)
        let picked = Stories.pick([outageMilder, delivery, outage, short, question, outageSameCase, other, call, letter], topicsByVolume: ["storing", "levering"])
        #expect(picked.map(\.signal.id) == [outage.id, delivery.id, other.id, outageMilder.id, letter.id])
        #expect(picked.map(\.topic) == ["storing", "levering", nil, nil, nil])
    }
}
