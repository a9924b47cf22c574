extension Strings {
    static let teamsNL: [String: String] = [:]
    static let teamsEN: [String: String] = [:]
}
