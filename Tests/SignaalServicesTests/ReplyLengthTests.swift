import Foundation
import SignaalDomain
import SignaalServices
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Replies: each platform's longest message, per route")
struct ReplyLengthTests {
    @Test("on X a direct message may be long and a public reply not; an Instagram DM is shorter than its comments", arguments: TestDatabase.all)
    func routes(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date()
            let ingest = IngestSignal(store: store, clock: { now }, analyzer: DutchTextAnalyzer())
            func post(_ channel: Channel, _ key: String, _ text: String) async throws -> CaseID {
                try await ingest(
                    SignalDraft(
                        channel: channel, externalID: key, author: Author(handle: "klant-\(key)", platformID: "id-\(key)"), text: text,
                        receivedAt: now.addingTimeInterval(-60))
                ).signal.caseID
            }
            let dm = try await post(.x, "dm:1001", "Mijn pas is geblokkeerd, kunnen jullie helpen?")
            let tweet = try await post(.x, "1002", "Mijn pas is geblokkeerd, kunnen jullie helpen?")
            let instagramDM = try await post(.instagram, "dm:1003", "Mijn pas is geblokkeerd")
            let comment = try await post(.instagram, "1004", "Mijn pas is geblokkeerd")
            let write = WriteReply(store: store, clock: { now })
            let text = String(repeating: "Ik zoek het voor je uit. ", count: 60).trimmingCharacters(in: .whitespaces)  // 1,499 characters

            #expect(try await write(caseID: dm, text: text, author: nil).channel == .x)
            #expect(try await write(caseID: comment, text: text, author: nil).channel == .instagram)
            for (caseID, problem) in [
                (tweet, "te lang voor een openbaar antwoord op X (Twitter): 1.499 tekens, de limiet is 280. Kort het antwoord in of stuur het als DM"),
                (instagramDM, "te lang voor een bericht via Instagram: 1.499 tekens, de limiet is 1.000. Kort het antwoord in of verdeel het over meer berichten"),
            ] {
                await #expect(throws: DomainError.invalidField("text", problem + "; er is nog niets verstuurd")) {
                    _ = try await write(caseID: caseID, text: text, author: nil)
                }
                #expect(try await store.replies(caseID: caseID).isEmpty)
            }
        }
    }
}
