import Crypto
import Foundation
import SignaalDomain

/// The reference number `/melden` gives a customer ("SG-7KQ2-M9XD"): short enough to read out
/// on the phone, no 0/O or 1/I to confuse. It is the web-form signal's external id, so it is
/// what an agent searches for and what makes a second post of the same form one signal.
struct WebformReference: Sendable, Hashable, CustomStringConvertible {
    /// The eight characters after "SG-", without the dash.
    let code: String

    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    var description: String { "SG-" + code.prefix(4) + "-" + code.suffix(4) }

    private init(code: String) { self.code = code }

    /// A new reference, for a submission with no form token of its own.
    static func random() -> WebformReference {
        WebformReference(code: RandomText.make(count: 8, alphabet: alphabet))
    }

    /// The reference of the submission made with the form's one-time token: the same token posted
    /// again (a refresh, a double click) names the same reference, so intake sees a duplicate.
    /// Taken from a hash, so nobody chooses a reference by choosing a token.
    static func forFormToken(_ token: String) -> WebformReference {
        let digest = Array(SHA256.hash(data: Data(("signaal-webform-reference\n" + token).utf8)))
        // 40 bits, five per character.
        var bits = digest.prefix(5).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var code: [Character] = []
        for _ in 0..<8 {
            code.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return WebformReference(code: String(code))
    }

    /// The reference an agent typed, as the customer read it out: "SG-2F83-TNYN", in lower case,
    /// with spaces, or without "SG-" ("2f83-tnyn", "2F83TNYN"). Nil for anything else.
    init?(typed text: String) {
        var characters = text.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "‐" && $0 != "–" }
        if characters.count == 10, characters.hasPrefix("SG") { characters.removeFirst(2) }
        guard characters.count == 8, characters.allSatisfy(Self.alphabet.contains) else { return nil }
        self.init(code: characters)
    }

    /// Only the form "SG-XXXX-XXXX", as this type writes it: the thank-you page's address.
    init?(canonical text: String) {
        guard text.count == 12, text.hasPrefix("SG-"), let reference = WebformReference(typed: text), reference.description == text else {
            return nil
        }
        self = reference
    }
}
