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
}
