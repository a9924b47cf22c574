import DutchText
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
