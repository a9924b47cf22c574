import Foundation
import SignaalDomain
import Testing

@Suite("The satisfaction question as the customer reads it")
struct SatisfactionMessageTests {
    let link = "https://webcare.example.nl/tevredenheid/" + String(repeating: "a", count: 32)

    @Test("by e-mail: a greeting by name, two short questions (no 'one click'), the link and the organisation as sender")
    func letter() {
        let text = SatisfactionCheck.message(
            link: link, customerName: "Joost de Vries", organisation: "NS Klantenservice", channel: .email, english: false)
        #expect(text.hasPrefix("Beste Joost de Vries,\n"))
        #expect(text.contains("twee korte vragen") && text.contains(link))
        #expect(text.hasSuffix("Met vriendelijke groet,\nNS Klantenservice"))
        #expect(!text.contains("één klik") && !text.contains("Eén vraag"))
        let nameless = SatisfactionCheck.message(link: link, customerName: nil, organisation: "NS Klantenservice", channel: .webform, english: false)
        #expect(nameless.hasPrefix("Beste klant,\n"))
        let english = SatisfactionCheck.message(link: link, customerName: "Joost de Vries", organisation: "NS", channel: .email, english: true)
        #expect(english.hasPrefix("Dear Joost de Vries,\n") && english.contains("two short questions") && english.hasSuffix("Kind regards,\nNS"))
    }

    @Test("on X, Instagram and WhatsApp: one short line with the first name, within a post's 280 (a link counts 23)")
    func short() {
        for channel in [Channel.x, .instagram, .whatsapp] {
            let text = SatisfactionCheck.message(link: link, customerName: "Joost de Vries", organisation: "NS", channel: channel, english: false)
            #expect(text == "Hoi Joost, is alles naar wens opgelost? Laat het ons weten in twee korte vragen: \(link) Groet, NS")
        }
        let english = SatisfactionCheck.message(link: link, customerName: "Joost", organisation: "NS", channel: .x, english: true)
        #expect(english == "Hi Joost, is everything sorted the way you wanted? Let us know in two short questions: \(link) Best, NS")
        // The longest organisation allowed and a very long name still fit: the name gives way.
        let organisation = String(repeating: "O", count: 80)
        let long = SatisfactionCheck.message(
            link: link, customerName: String(repeating: "J", count: 200), organisation: organisation, channel: .x, english: false)
        #expect(SatisfactionCheck.postLength(long, link: link) <= 280)
        #expect(long.hasPrefix("Hoi, is alles") && long.hasSuffix("Groet, \(organisation)"))
    }
}
