extension Strings {
    static let routingNL: [String: String] = [:]
    static let routingEN: [String: String] = [:]
}
