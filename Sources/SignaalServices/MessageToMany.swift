import DutchText
import SignaalStore
import SignaalDomain

/// A text written once for many customers (an incident's status update, an improvement's news).
public enum MessageToMany {
    /// Why such a text is refused before anyone gets it: a placeholder other than `{klant}` ("Hoi
    /// {naam}"), or a template's bracket ("[datum]"), would reach every customer as typed. Nil
    /// when the text is fine. A reason for `DomainError.invalidField`: without its full stop.
    public static func placeholderProblem(_ text: String) -> String? {
        guard let found = Placeholders.unfilled(in: text, except: [Incident.customerPlaceholder]).first else { return nil }
        let kind = found.hasPrefix("{")
            ? "Signaal vult alleen \(Incident.customerPlaceholder) in (de voornaam van de klant)"
            : "dat lijkt een stukje standaardtekst dat nog ingevuld moet worden"
        return "‘\(found)’ zou letterlijk bij elke klant aankomen: \(kind). Verbeter of verwijder het; er is nog niets verstuurd"
    }
}

extension MessageToMany {
    /// Where one case's copy of a message to many goes, or why it cannot go.
    public enum Reach: Sendable, Hashable {
        case reachable(ReplyDestination)
        case unreachable(ReplyDestination.Unreachable)
    }

    /// Where a copy for `theCase`'s customer goes: the rule the preview tells the lead and the
    /// sending skips by, so what the page said before sending adds up after it. An erased
    /// customer has no identities left: nothing to write to, nor should there be.
    public static func reach(signals: [Signal], customer: Customer?) -> Reach {
        guard let customer, !customer.identities.isEmpty else { return .unreachable(.noAddress) }
        do {
            return .reachable(try ReplyDestination.of(signals: signals, customer: customer))
        } catch {
            return .unreachable(error)
        }
    }

    /// The reach of each of `cases`, with the customer each copy is written for.
    public static func reach(of cases: [Case], store: any SignaalStore) async throws -> [(theCase: Case, customer: Customer?, reach: Reach)] {
        let customers = try await store.customers(ids: cases.map(\.customerID))
        var reaches: [(theCase: Case, customer: Customer?, reach: Reach)] = []
        for theCase in cases {
            let customer = customers[theCase.customerID]
            reaches.append((theCase, customer, reach(signals: try await store.signals(caseID: theCase.id), customer: customer)))
        }
        return reaches
    }

    /// Why `text` is too long for some of the customers it would reach (each copy with their own
    /// first name for `{klant}`), naming per channel how many and the limit: the lead shortens it
    /// before anyone gets it, rather than some customers getting it and others not. Nil when it
    /// fits everyone. A reason for `DomainError.invalidField`: without its full stop.
    public static func lengthProblem(_ text: String, reaching reaches: [(theCase: Case, customer: Customer?, reach: Reach)]) -> String? {
        struct Route: Hashable { var channel: Channel, inPublic: Bool }
        var tooLong: [Route: (customers: Int, longest: Int, limit: Int)] = [:]
        for item in reaches {
            guard case .reachable(let destination) = item.reach,
                let limit = MessageLength.limit(on: destination.channel, inPublic: destination.inPublic)
            else { continue }
            let copy = PersonalText.filled(text, customerName: item.customer?.name)
            let length = MessageLength.length(of: copy, on: destination.channel)
            guard length > limit else { continue }
            let route = Route(channel: destination.channel, inPublic: destination.inPublic)
            let seen = tooLong[route]
            tooLong[route] = ((seen?.customers ?? 0) + 1, max(seen?.longest ?? 0, length), limit)
        }
        guard !tooLong.isEmpty else { return nil }
        let parts = tooLong.sorted {
            ($0.value.customers, $1.key.channel.rawValue, $0.key.inPublic ? 1 : 0) > ($1.value.customers, $0.key.channel.rawValue, $1.key.inPublic ? 1 : 0)
        }
            .map { route, found in
                let who = found.customers == 1 ? "1 klant" : "\(found.customers) klanten"
                // Where a channel carries both, which of the two routes.
                let kind = route.inPublic ? "openbaar antwoord: " : [Channel.x, .instagram].contains(route.channel) ? "DM: " : ""
                return "\(who) via \(route.channel.dutchName) "
                    + "(\(kind)\(MessageLength.grouped(found.longest)) tekens, de limiet is \(MessageLength.grouped(found.limit)))"
            }
        let listed = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " en " + parts[parts.count - 1]
        return "te lang voor " + listed
            + ". Kort het bericht in tot binnen de limiet; er is nog niets verstuurd"
    }
}
