import SignaalDomain
import Testing

@Suite("Message length: what each platform counts and takes")
struct MessageLengthTests {
    @Test("X counts a link as 23, an emoji and a CJK character as 2; other platforms count code points")
    func xCount() {
        let link = "https://www.example.nl/" + String(repeating: "lang/", count: 40)
        #expect(MessageLength.length(of: "Kijk op \(link) voor meer", on: .x) == 8 + 23 + 10)
        #expect(MessageLength.length(of: "Bedankt 👍", on: .x) == 10)
        #expect(MessageLength.length(of: "東京", on: .x) == 4)
        #expect(MessageLength.length(of: "café – “goed”", on: .x) == 13)
        #expect(MessageLength.length(of: "Kijk op \(link)", on: .messenger) == 8 + link.count)
    }

    @Test("the limit per channel and route; e-mail and notes have none")
    func limits() {
        #expect(MessageLength.limit(on: .x, inPublic: true) == 280)
        #expect(MessageLength.limit(on: .x, inPublic: false) == 10_000)
        #expect(MessageLength.limit(on: .whatsapp, inPublic: false) == 4_096)
        #expect(MessageLength.limit(on: .messenger, inPublic: false) == 2_000)
        #expect(MessageLength.limit(on: .instagram, inPublic: false) == 1_000)
        #expect(MessageLength.limit(on: .instagram, inPublic: true) == 2_200)
        #expect(MessageLength.limit(on: .facebook, inPublic: true) == 8_000)
        for channel in [Channel.email, .phone, .letter, .counter, .webform] { #expect(MessageLength.limit(on: channel, inPublic: false) == nil) }
        #expect(MessageLength.problem(String(repeating: "a", count: 280), on: .x, inPublic: true) == nil)
        #expect(MessageLength.problem(String(repeating: "a", count: 20_000), on: .x, inPublic: true)
            == "te lang voor een openbaar antwoord op X (Twitter): 20.000 tekens, de limiet is 280. Kort het antwoord in of stuur het als DM; er is nog niets verstuurd")
    }
}
