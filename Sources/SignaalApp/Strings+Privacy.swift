extension Strings {
    static let privacyNL: [String: String] = [:]
    static let privacyEN: [String: String] = [:]
}
