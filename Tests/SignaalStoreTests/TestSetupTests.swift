import Foundation
import SignaalStoreTesting
import Testing

@Suite("Test setup")
struct TestSetupTests {
    @Test("scripts/test runs the storage tests on PostgreSQL too, never skipping it")
    func postgresIsNotSkipped() {
        if ProcessInfo.processInfo.environment["SIGNAAL_REQUIRE_POSTGRES"] == "1" {
            #expect(TestDatabase.all.contains(.postgres))
            #expect(!(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty)
        }
    }
}
