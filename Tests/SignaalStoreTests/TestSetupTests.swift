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

    @Test("PostgreSQL test databases wait their turn, so a slow machine does not run out of server connections")
    func slotsLimitConcurrency() async throws {
        let slots = PostgresTestSlots(count: 2)
        let first = await slots.acquire()
        var second: PostgresTestSlots.Slot? = await slots.acquire()
        #expect(slots.free == 0)
        let third = Task { await slots.acquire() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(slots.free == 0)
        // A test that ended without destroy still gives its slot back when its location is gone.
        second = nil
        let got = await third.value
        #expect(second == nil)
        first.release()
        first.release()
        #expect(slots.free == 1, "a slot is given back once, however often it is released")
        got.release()
        #expect(slots.free == 2)
    }
}
