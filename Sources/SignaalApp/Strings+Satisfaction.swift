extension Strings {
    static let satisfactionNL: [String: String] = [:]
    static let satisfactionEN: [String: String] = [:]
}
