/// Random strings from the system's secure generator: session and form tokens, link keys,
/// reference numbers. One place, so every secret is made the same careful way.
public enum RandomText {
    public static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// `count` characters drawn uniformly from `alphabet` (32 alphanumerics: about 190 bits).
    public static func make(count: Int, alphabet: [Character] = alphanumeric) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
