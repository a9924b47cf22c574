import Foundation
import SignaalDomain
import SignaalServices
import Testing

@Suite("Reply troubles: a channel whose replies stopped getting out")
struct ReplyTroublesTests {
    let start = Date(timeIntervalSince1970: 1_796_000_000)
    let refused = ReplySendOutcome.failed(error: "X: 401 Unauthorized")

    @Test("three failures in an hour make a trouble with the latest error; two do not")
    func threeFailures() async {
        let troubles = ReplyTroubles()
        await troubles.record(.x, outcome: refused, at: start)
        await troubles.record(.x, outcome: .retry(error: "X: 503", at: start.addingTimeInterval(300)), at: start.addingTimeInterval(60))
        #expect(await troubles.current(now: start.addingTimeInterval(120)).isEmpty)
        await troubles.record(.x, outcome: refused, at: start.addingTimeInterval(600))
        await troubles.record(.email, outcome: .sent(externalID: nil), at: start.addingTimeInterval(610))
        let found = await troubles.current(now: start.addingTimeInterval(700))
        #expect(found == [ChannelTrouble(channel: .x, failed: 3, attempts: 3, lastError: "X: 401 Unauthorized", lastFailedAt: start.addingTimeInterval(600))])
        #expect(await troubles.current(now: start.addingTimeInterval(600 + 3601)).isEmpty, "an hour without attempts: no longer said")
    }

    @Test("a channel whose last reply went out works again; failures older than an hour are forgotten")
    func recovery() async {
        let troubles = ReplyTroubles()
        for minute in 0..<4 { await troubles.record(.facebook, outcome: refused, at: start.addingTimeInterval(Double(minute) * 60)) }
        #expect(await troubles.current(now: start.addingTimeInterval(300)).count == 1)
        await troubles.record(.facebook, outcome: .sent(externalID: "m_1"), at: start.addingTimeInterval(360))
        #expect(await troubles.current(now: start.addingTimeInterval(400)).isEmpty, "the token was renewed")
        // Failing again, but the hour's earlier failures have gone: two in the window are no trouble.
        await troubles.record(.facebook, outcome: refused, at: start.addingTimeInterval(3800))
        await troubles.record(.facebook, outcome: refused, at: start.addingTimeInterval(3810))
        #expect(await troubles.current(now: start.addingTimeInterval(3820)).isEmpty)
        #expect(await troubles.current(now: start.addingTimeInterval(7400)).isEmpty)
    }

    @Test("more replies going out than failing is single customers, not the channel")
    func mostlyWorking() async {
        let troubles = ReplyTroubles()
        for second in 0..<4 { await troubles.record(.email, outcome: .sent(externalID: nil), at: start.addingTimeInterval(Double(second))) }
        for second in 10..<13 { await troubles.record(.email, outcome: refused, at: start.addingTimeInterval(Double(second))) }
        #expect(await troubles.current(now: start.addingTimeInterval(20)).isEmpty)
        await troubles.record(.email, outcome: refused, at: start.addingTimeInterval(30))
        #expect(await troubles.current(now: start.addingTimeInterval(40)).map(\.failed) == [4])
    }
}
