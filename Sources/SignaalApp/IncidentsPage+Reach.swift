import SignaalDomain
import SignaalServices

extension WebController {
    /// Before sending: to how many customers the update goes, on which channels, and how many
    /// cannot be reached and why ("Gaat naar 7 van de 11 klanten: 5 via X (Twitter), 2 via e-mail.
    /// Niet bereikbaar: 4 via Instagram zonder e-mailadres."). The sending skips by the same rule
    /// (`MessageToMany.reach`), so its "overgeslagen" is what this said.
    func reachText(_ cases: [Case], language: Language, format: DisplayFormat) async throws -> String {
        var reachable: [Channel: Int] = [:]
        var unreachable: [ReplyDestination.Unreachable: Int] = [:]
        for item in try await MessageToMany.reach(of: cases, store: store) {
            switch item.reach {
            case .reachable(let destination): reachable[destination.channel, default: 0] += 1
            case .unreachable(let why): unreachable[why, default: 0] += 1
            }
        }
        let channels = reachable.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .map { language.text("incidents_reach_channel", ["count": String($0.value), "channel": format.channel($0.key)]) }
            .joined(separator: ", ")
        guard !unreachable.isEmpty else {
            let key = cases.count == 1 ? "incidents_reach_one" : "incidents_reach"
            return language.text(key, ["count": String(cases.count), "channels": channels])
        }
        var reasonCounts: [(count: Int, text: String)] = []
        for (why, count) in unreachable {
            let number = String(count)
            let text: String
            switch why {
            case .noRoute(let channel?):
                text = language.text("incidents_unreachable_channel", ["count": number, "channel": format.channel(channel)])
            case .noRoute(nil), .noEmailAddress:
                text = language.text("incidents_unreachable_message", ["count": number])
            case .noAddress:
                text = language.text("incidents_unreachable_address", ["count": number])
            }
            reasonCounts.append((count, text))
        }
        reasonCounts.sort { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
        let reasons = reasonCounts.map(\.text).joined(separator: ", ")
        let reached = reachable.values.reduce(0, +)
        if reached == 0 {
            return language.text(cases.count == 1 ? "incidents_reach_none_one" : "incidents_reach_none", ["count": String(cases.count), "reasons": reasons])
        }
        return language.text(
            "incidents_reach_partly", ["reachable": String(reached), "count": String(cases.count), "channels": channels, "reasons": reasons])
    }
}
