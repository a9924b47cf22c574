extension Strings {
    static let webformNL: [String: String] = [:]
    static let webformEN: [String: String] = [:]
}
