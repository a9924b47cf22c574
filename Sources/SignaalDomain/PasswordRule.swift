import Foundation

/// Why a password long enough is still refused: it would be among an attacker's first guesses.
/// Every place that sets a password (a new account on the web or with `signaal user create`, a new
/// password on the web or with `signaal user password`) goes through `User.validatedPassword`,
/// which asks this.
public enum PasswordWeakness: String, Sendable, CaseIterable {
    /// On `common-passwords.txt`, the list of the most used passwords (Dutch and English).
    case common
    /// One character, or a few, over and over ("aaaaaaaa", "abababab").
    case repeated
    /// A run of the alphabet, the digits or a keyboard row ("abcdefgh", "87654321", "qwertyui").
    case sequence
    /// The person's own name or the first part of their e-mail address.
    case personal

    /// Said after "het wachtwoord" (or "Veld 'password':").
    public var dutchReason: String {
        switch self {
        case .common: "staat op de lijst van veelgebruikte wachtwoorden (ook met cijfers of leestekens erachter); kies iets wat niet te raden is, bv. een paar losse woorden"
        case .repeated: "is steeds hetzelfde teken herhaald; kies iets wat niet te raden is, bv. een paar losse woorden"
        case .sequence: "is een eenvoudige reeks (zoals 12345678, abcdefgh of qwerty); kies iets wat niet te raden is, bv. een paar losse woorden"
        case .personal: "bevat de naam of het e-mailadres van de gebruiker; kies iets wat niet te raden is, bv. een paar losse woorden"
        }
    }

    /// What makes `password` easy to guess, or nil. Compared without case and accents, and also
    /// without the digits and punctuation at its end, which people add to meet a rule
    /// ("Welkom01!" is "welkom"). `email` and `name` are the account's.
    public static func of(_ password: String, email: String, name: String) -> PasswordWeakness? {
        let full = folded(password)
        func trimmingEnd(_ unwanted: (Character) -> Bool) -> String { String(full.reversed().drop(while: unwanted).reversed()) }
        // "12345678!" is "12345678", "Welkom01!" is "welkom01" and "welkom".
        let trimmed = [trimmingEnd({ !$0.isLetter && !$0.isNumber }), trimmingEnd({ !$0.isLetter })]
        var candidates = [full]
        for text in trimmed where !text.isEmpty && !candidates.contains(text) {
            candidates.append(text)
        }
        if candidates.contains(where: { CommonPasswords.all.contains($0) }) { return .common }
        // A base of one or two letters before the digits is judged by the list only ("ab" is no sequence to refuse).
        let judged = candidates.filter { $0.count >= 3 }
        if judged.contains(where: isRepeated) { return .repeated }
        if judged.contains(where: isSequence) { return .sequence }
        if personalWords(email: email, name: name).contains(where: { full.contains($0) }) { return .personal }
        return nil
    }

    private static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// One to three characters repeated to the end: "aaaaaaaa", "abababab", "123123123".
    private static func isRepeated(_ text: String) -> Bool {
        let characters = Array(text)
        return (1...3).contains { unit in
            characters.count >= 2 * unit && characters.indices.allSatisfy { characters[$0] == characters[$0 % unit] }
        }
    }

    private static let keyboardRows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertzuiop", "yxcvbnm"]

    /// Each character the next (or the previous) of the one before, in the alphabet, the digits or
    /// along a keyboard row.
    private static func isSequence(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        let steps = Set(zip(scalars, scalars.dropFirst()).map { Int($1) - Int($0) })
        if steps == [1] || steps == [-1] { return true }
        return keyboardRows.contains { row in row.contains(text) || String(row.reversed()).contains(text) }
    }

    /// The parts of the e-mail address before the @ and of the name, of three letters or more.
    private static func personalWords(email: String, name: String) -> [String] {
        let local = folded(String(email.prefix { $0 != "@" }))
        let nameText = folded(name)
        let parts = [local, nameText.filter { !$0.isWhitespace }]
            + (local + " " + nameText).split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return Set(parts).filter { $0.count >= 3 }.sorted()
    }
}

/// The list of `common-passwords.txt`, read once.
enum CommonPasswords {
    static let all: Set<String> = {
        // Shipped with the module: without it the rule would quietly let every common password through.
        // Foundation on Linux and on macOS disagree on `resourceURL`; the bundle's own folder holds it on both.
        let direct = Bundle.module.bundleURL.appendingPathComponent("common-passwords.txt")
        guard let text = (try? String(contentsOf: direct, encoding: .utf8))
            ?? Bundle.module.url(forResource: "common-passwords", withExtension: "txt").flatMap({ try? String(contentsOf: $0, encoding: .utf8) })
        else { preconditionFailure("common-passwords.txt is missing from SignaalDomain's resources") }
        return Set(
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                .map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) })
    }()
}
