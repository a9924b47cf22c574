import Foundation
import SignaalDomain
import Testing

@Suite("A message to many, counted")
struct BulkDeliveryTests {
    @Test("queued is not arrived: each recipient counts by its reply's state in the outbox")
    func tally() {
        let ids = (0..<9).map { _ in CaseID.generate() }
        let outcomes = [
            RecipientOutcome(caseID: ids[0], stage: .reached, replyID: .generate(), replyStatus: .sent),
            RecipientOutcome(caseID: ids[1], stage: .reached, replyID: .generate(), replyStatus: .delivered),
            RecipientOutcome(caseID: ids[2], stage: .reached, replyID: .generate(), replyStatus: .read),
            RecipientOutcome(caseID: ids[3], stage: .reached, replyID: .generate(), replyStatus: .failed),
            RecipientOutcome(caseID: ids[4], stage: .reached, replyID: .generate(), replyStatus: .queued),
            // Written before Signaal kept the link: not counted as arrived.
            RecipientOutcome(caseID: ids[5], stage: .reached),
            RecipientOutcome(caseID: ids[6], stage: .skipped, reason: "geen e-mailadres"),
            RecipientOutcome(caseID: ids[7], stage: .skipped, reason: "geen e-mailadres"),
            RecipientOutcome(caseID: ids[8], stage: .pending),
            // Taken, not settled: whether its reply was written is not known, so it counts nowhere.
            RecipientOutcome(caseID: .generate(), stage: .sending),
        ]
        let tally = DeliveryTally(outcomes)
        #expect(tally.queued == 6 && tally.arrived == 3 && tally.failed == 1 && tally.underway == 1 && tally.unknown == 1)
        #expect(tally.skipped == 2 && tally.skippedReasons == [.init(reason: "geen e-mailadres", count: 2)])
        #expect(tally.waiting == 1)
        #expect(tally.failedCases == [ids[3]])
        #expect(DeliveryTally([]).queued == 0 && DeliveryTally([]).skipped == 0)
    }

    @Test("a reply goes on the message's platform, else by e-mail; nowhere without an address")
    func route() {
        let tweet = Signal.fixture(channel: .x, email: nil)
        let call = Signal.fixture(channel: .phone, email: nil)
        let form = Signal.fixture(channel: .webform, email: "joost@example.nl")
        let any: (Signal) -> Bool = { _ in true }
        #expect(ReplyRoute.of(channel: .x, answering: tweet, customerEmail: nil, reachable: any) == .platform)
        #expect(ReplyRoute.of(channel: .email, answering: tweet, customerEmail: "j@example.nl", reachable: any) == .email(address: "j@example.nl"))
        #expect(ReplyRoute.of(channel: .phone, answering: call, customerEmail: nil, reachable: any) == nil)
        #expect(ReplyRoute.of(channel: .phone, answering: call, customerEmail: "j@example.nl", reachable: any) == .email(address: "j@example.nl"))
        #expect(ReplyRoute.of(channel: .webform, answering: form, customerEmail: nil, reachable: any) == .email(address: "joost@example.nl"))
        #expect(ReplyRoute.of(channel: .email, answering: nil, customerEmail: nil, reachable: any) == nil)
        // A message the platform takes no reply to goes by e-mail when an address is known, else nowhere.
        let none: (Signal) -> Bool = { _ in false }
        #expect(ReplyRoute.of(channel: .x, answering: tweet, customerEmail: "j@example.nl", reachable: none) == .email(address: "j@example.nl"))
        #expect(ReplyRoute.of(channel: .x, answering: tweet, customerEmail: nil, reachable: none) == nil)
    }
}

extension Signal {
    fileprivate static func fixture(channel: Channel, email: String?) -> Signal {
        let now = Date(millisecondsSince1970: 1_795_000_000_000)
        let draft = SignalDraft(
            channel: channel, author: Author(handle: nil, name: "Joost", email: email, phone: "0612345678", followers: nil),
            text: "Het werkt niet", receivedAt: now)
        return Signal(id: .generate(now: now), caseID: .generate(now: now), customerID: .generate(now: now), draft: draft, analysis: nil, createdAt: now)
    }
}
