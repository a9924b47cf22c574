import Foundation

/// Test fixtures beside the tests: the platforms' exact bytes (copied from ../shared/fixtures)
/// and e-mails the team wrote. Read by path so no resource bundle is needed.
enum FixtureFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relativePath))
    }
}
