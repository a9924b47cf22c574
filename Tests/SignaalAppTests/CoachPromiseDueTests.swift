import DutchText
import Foundation
import SignaalStoreTesting
import Testing

@Suite("Reply coach: a promise in the draft comes with its due time")
struct CoachPromiseDueTests {
    @Test("'morgen voor 12:00' on Friday evening is due Saturday 12:00 Amsterdam, sent as UTC; a promise without a time has no due", arguments: TestDatabase.all)
    func promiseDue(database: TestDatabase) async throws {
        // Friday 28 March 2025, 19:00 in Amsterdam (18:00 UTC); the clocks go forward on Sunday.
        let now = Date(timeIntervalSince1970: 1_743_184_800)
        try await withApp(database, clock: { now }) { client, store, token in
            let caseID = try await createCase(
                client, token: token,
                ["channel": "email", "author": ["email": "jan@example.nl", "name": "Jan Smit"], "text": "Niemand belt me terug over mijn storing."])
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            func coach(_ draft: String) async throws -> (json: String, review: CoachReview) {
                let response = try await CoachWebTests.coach(client, caseID: caseID, cookie: cookie, csrf: csrf, json: CoachWebTests.draftJSON(draft))
                #expect(response.status == .ok)
                return (response.text, try CoachWebTests.review(response))
            }

            let tomorrow = try await coach("Beste Jan, wat vervelend van de storing. Ik bel u morgen voor 12:00 terug.")
            #expect(tomorrow.review.promises.count == 1)
            #expect(tomorrow.json.contains("\"due\":\"2025-03-29T11:00:00Z\""), "\(tomorrow.json)")
            let workdays = try await coach("Beste Jan, wat vervelend van de storing. U hoort binnen twee werkdagen van ons.")
            // Tuesday 17:00, summer time.
            #expect(workdays.review.promises.map(\.due) == [Date(timeIntervalSince1970: 1_743_519_600)], "\(workdays.json)")

            // "straks" is a promise, but names no time to hold it to: the agent chooses one.
            let later = try await coach("Beste Jan, wat vervelend van de storing. Ik bel u straks terug.")
            #expect(later.review.promises.count == 1 && later.review.promises.first?.due == nil, "\(later.json)")
            #expect(!later.json.contains("\"due\""))
            // Without any time at all it is still a promise: tracked, and the agent is asked when.
            let undated = try await coach("Beste Jan, wat vervelend van de storing. Ik bel u terug.")
            #expect(undated.review.promises.map(\.text) == ["Ik bel u terug."] && undated.review.promises.first?.due == nil, "\(undated.json)")
        }
    }
}
