import Foundation
import SignaalStore
import SignaalStoreTesting
import Testing

/// While PostgreSQL is away (a restart, a failover) no connection can be had; PostgresNIO's pool
/// lets a request wait for one until its circuit breaker trips after a minute, so every request
/// hung that long and was then often stored after its caller had given up.
@Suite("PostgreSQL: waiting for a connection")
struct ConnectionWaitTests {
    @Test(
        "a request that gets no connection fails within the wait limit with StoreUnavailable instead of hanging",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func noConnection(database: TestDatabase) async throws {
        let location = try await TestDatabaseLocation.make(database)
        let store = try await location.open(maximumConnections: 1)
        // setup: the pool's only connection is taken (a watch holds it), as if none could be made
        let watch = Task { try await store.watchCaseChanges { _ in } }
        try await Task.sleep(for: .milliseconds(300))

        let started = ContinuousClock.now
        let outcome = await withTaskGroup(of: String.self) { group in
            group.addTask {
                do {
                    _ = try await store.appliedMigrations()
                    return "answered"
                } catch {
                    return String(describing: type(of: error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(25))
                return "still waiting after 25 s"
            }
            let first = await group.next() ?? ""
            group.cancelAll()
            return first
        }
        let waited = ContinuousClock.now - started
        watch.cancel()
        _ = await watch.result

        // check: the answer is "unavailable", within the limit, and the store works again after
        #expect(outcome == "StoreUnavailable")
        #expect(waited < .seconds(15))
        #expect(try await store.appliedMigrations().isEmpty == false)
        await store.shutdown()
        await location.destroy()
    }
}
