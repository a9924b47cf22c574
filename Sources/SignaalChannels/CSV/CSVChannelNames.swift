import Foundation
import SignaalDomain

/// The channel names people type into a complaint log, Dutch and English.
public enum CSVChannelNames {
    /// The channel `raw` names, or nil when it names none.
    public static func channel(for raw: String) -> Channel? {
        let key = CSVNormalise.key(raw)
        if key.isEmpty { return nil }
        if let channel = names[key] { return channel }
        // Signaal's own names, as its exports write them ("webformulier", "overig", "api").
        return Channel.allCases.first { $0.rawValue == key || CSVNormalise.key($0.dutchName) == key }
    }

    /// Keys are normalised: lowercase, no accents, letters and digits only ("E-mail" → "email").
    private static let names: [String: Channel] = [
        "telefoon": .phone, "telefonisch": .phone, "tel": .phone, "phone": .phone, "bellen": .phone,
        "gebeld": .phone, "telefoongesprek": .phone, "call": .phone,
        "balie": .counter, "loket": .counter, "counter": .counter, "baliebezoek": .counter,
        "brief": .letter, "post": .letter, "letter": .letter,
        "mail": .email, "email": .email, "emailbericht": .email,
        "twitter": .x, "x": .x, "xtwitter": .x, "tweet": .x,
        "facebook": .facebook, "fb": .facebook,
        "messenger": .messenger, "facebookmessenger": .messenger,
        "instagram": .instagram, "insta": .instagram, "ig": .instagram,
        "whatsapp": .whatsapp, "wa": .whatsapp,
        "webformulier": .webform, "formulier": .webform, "website": .webform, "webform": .webform,
        "contactformulier": .webform, "klachtenformulier": .webform, "web": .webform,
    ]
}
