import SignaalStore

/// Whether the database answers now. A probe must not wait the 10 s a request may wait for a
/// connection: a load balancer gives up after a second or two, and should learn "not ready".
enum Readiness {
    /// Throws `StoreUnavailable` (a 503 with `Retry-After`) when the store gives no answer within
    /// `limit`, or fails.
    static func check(_ store: any SignaalStore, within limit: Duration) async throws {
        let answered = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await store.appliedMigrations()) != nil }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard answered else { throw StoreUnavailable(waited: limit) }
    }
}
