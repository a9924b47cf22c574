import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
@testable import SignaalStorePostgres
import Testing

/// A connection that PostgreSQL ends during a call (a restart, a failover, `pg_terminate_backend`)
/// gave an unexplained 500, and a call that never got its answer hung the request for ever.
@Suite("PostgreSQL: a connection that drops or stops answering")
struct DroppedConnectionTests {
    /// What `call` ended in within `guardTime`: "answered", the error's type, or "still waiting".
    static func outcome(within guardTime: Duration, _ call: @escaping @Sendable () async throws -> Void) async -> String {
        do {
            try await answer(within: guardTime, call)
            return "answered"
        } catch let error as TestSetupError {
            return "still waiting after \(guardTime): \(error)"
        } catch {
            return String(describing: type(of: error))
        }
    }

    @Test(
        "a call whose connection the database ends mid-call fails at once with StoreUnavailable, nothing is written, and the store works again",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func endedMidCall(database: TestDatabase) async throws {
        let location = try await TestDatabaseLocation.make(database)
        let store = try await location.open()
        // setup: a write waits on a lock, as a request on a busy database does
        let lock = try await location.holdLock(on: "teams")
        let team = Team(id: .generate(now: Date()), name: "Nachtdienst")
        let call = Task { await Self.outcome(within: .seconds(25)) { try await store.createTeam(team, now: Date()) } }
        var started = ContinuousClock.now
        do {
            try await lock.waitForBlocked()
            started = ContinuousClock.now
            try await lock.terminateBlocked()
        } catch {
            await lock.release()
            throw error
        }
        let outcome = await call.value
        await lock.release()

        // check: "unavailable" (a 503 with Retry-After), at once; the team is not there; the store answers again
        #expect(outcome == "StoreUnavailable")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try await store.teams().contains { $0.id == team.id } == false)
        await store.shutdown()
        await location.destroy()
    }

    @Test(
        "a call that gets no answer within the call limit fails with StoreUnavailable within seconds, its connection closed",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func noAnswerWithinLimit(database: TestDatabase) async throws {
        let location = try await TestDatabaseLocation.make(database)
        let store = try await location.open(callLimit: .seconds(3))
        // setup: a write waits on a lock that is not let go within the limit
        let lock = try await location.holdLock(on: "teams")
        let team = Team(id: .generate(now: Date()), name: "Weekenddienst")

        let started = ContinuousClock.now
        let outcome = await Self.outcome(within: .seconds(25)) { try await store.createTeam(team, now: Date()) }
        let took = ContinuousClock.now - started
        // A backend waiting on a lock notices its client is gone only when it can go on: the lock is
        // let go, and its statement then finds nobody to commit it.
        await lock.release()
        try await Task.sleep(for: .milliseconds(500))

        // check
        #expect(outcome == "StoreUnavailable")
        #expect(took < .seconds(10))
        // A statement the server was still running may have finished when the lock went: PostgreSQL
        // notices a closed client only when it next talks to it (see README, Operations). The store
        // itself still answers afterwards.
        let fresh = try await location.open()
        _ = try await fresh.teams()
        await fresh.shutdown()
        await store.shutdown()
        await location.destroy()
    }

    @Test(
        "a call stuck where no answer ever comes (PostgresNIO's query on a connection that has just closed) still ends at the call limit, and the store answers afterwards",
        arguments: TestDatabase.all.filter { $0 == .postgres })
    func stuckCallEndsAtLimit(database: TestDatabase) async throws {
        let location = try await TestDatabaseLocation.make(database)
        let store = try #require(try await location.open(callLimit: .seconds(2)) as? PostgresStore)
        let started = ContinuousClock.now
        // A continuation nobody resumes stands for a query whose answer never comes; it ignores cancellation.
        let outcome = await Self.outcome(within: .seconds(20)) {
            _ = try await store.withConnection { _ in await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in } }
        }
        #expect(outcome == "StoreUnavailable")
        #expect(ContinuousClock.now - started < .seconds(10))
        _ = try await store.teams()
        // The stuck call still holds its lease, so the pool's shutdown may wait for it: not for long.
        _ = try? await answer(within: .seconds(5)) { await store.shutdown() }
        await location.destroy()
    }
}
