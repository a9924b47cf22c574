extension Strings {
    static let compensationsNL: [String: String] = [:]
    static let compensationsEN: [String: String] = [:]
}
