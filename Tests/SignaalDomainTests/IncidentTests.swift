import Foundation
import SignaalDomain
import Testing

@Suite("Incidents: which cases belong, and the update as each customer reads it")
struct IncidentTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let lead = UserID.generate()

    @Test("an incident starts an hour back, its title trimmed")
    func opens() throws {
        let incident = try Incident.open(title: "  Storing bank-app ", topic: "storing", by: lead, now: now)
        #expect(incident.title == "Storing bank-app")
        #expect(incident.startedAt == now.addingTimeInterval(-3600))
        #expect(incident.isOpen)
    }

    @Test("a title is required and short")
    func title() {
        #expect(throws: DomainError.self) { try Incident.open(title: " \n ", topic: nil, by: lead, now: now) }
        #expect(throws: DomainError.self) { try Incident.open(title: String(repeating: "a", count: 121), topic: nil, by: lead, now: now) }
        #expect((try? Incident.open(title: String(repeating: "a", count: 120), topic: nil, by: lead, now: now)) != nil)
    }

    @Test("{klant} becomes the first name, or leaves the greeting intact when no name is known")
    func personal() {
        let text = "Hoi {klant}, de storing is voorbij."
        #expect(PersonalText.filled(text, customerName: "Joost van den Berg") == "Hoi Joost, de storing is voorbij.")
        #expect(PersonalText.filled(text, customerName: nil) == "Hoi, de storing is voorbij.")
        #expect(PersonalText.filled(text, customerName: "") == "Hoi, de storing is voorbij.")
        #expect(PersonalText.filled("{klant}: het werkt weer.", customerName: nil) == "Het werkt weer.")
        #expect(PersonalText.filled("{klant}, het werkt weer.", customerName: "Sanne Bakker") == "Sanne, het werkt weer.")
        #expect(PersonalText.filled("Geen naam nodig.", customerName: "Sanne") == "Geen naam nodig.")
        // A display name's emoji is no name; an initial greets nobody by itself; only emoji is no name at all.
        #expect(PersonalText.filled(text, customerName: "🚆 Sanne de Vries 🚆") == "Hoi Sanne, de storing is voorbij.")
        #expect(PersonalText.filled(text, customerName: "J. de Vries") == "Hoi J. de Vries, de storing is voorbij.")
        #expect(PersonalText.filled(text, customerName: "🚆🚆") == "Hoi, de storing is voorbij.")
    }

    @Test("a template greets informally by first name and formally by the whole name, never with emoji")
    func templateGreeting() {
        let informal = ReplyTemplate(id: "a", title: "A", topic: nil, channels: [], language: "nl", text: "Hoi {klant}, sorry! Groet, {medewerker}")
        let formal = ReplyTemplate(id: "b", title: "B", topic: nil, channels: [], language: "nl", text: "Beste {klant}, excuses. Order {order}.")
        #expect(informal.filled(customerName: "Sanne de Vries 🚆", orderNumber: nil, agentFirstName: "Bram") == "Hoi Sanne, sorry! Groet, Bram")
        #expect(formal.filled(customerName: "Sanne de Vries 🚆", orderNumber: "4455", agentFirstName: nil) == "Beste Sanne de Vries, excuses. Order 4455.")
        #expect(formal.filled(customerName: nil, orderNumber: nil, agentFirstName: nil) == "Beste {klant}, excuses. Order {order}.", "unknown stays visible")
    }
}
