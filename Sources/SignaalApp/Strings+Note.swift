extension Strings {
    static let noteNL: [String: String] = [:]
    static let noteEN: [String: String] = [:]
}
