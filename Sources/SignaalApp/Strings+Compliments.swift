extension Strings {
    static let complimentsNL: [String: String] = [:]
    static let complimentsEN: [String: String] = [:]
}
