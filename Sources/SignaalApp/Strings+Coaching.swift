extension Strings {
    static let coachingNL: [String: String] = [:]
    static let coachingEN: [String: String] = [:]
}
