import SignaalStore

/// Whether the database answers now. A probe must not wait the 10 s a request may wait for a
/// connection: a load balancer gives up after a second or two, and should learn "not ready".
enum Readiness {
    /// Throws `StoreUnavailable` (a 503 with `Retry-After`) when the store gives no answer within
    /// `limit`, or fails.
    static func check(_ store: any SignaalStore, within limit: Duration) async throws {
        do {
            _ = try await FirstResult.within(limit, otherwise: { StoreUnavailable(waited: limit) }) {
                try await store.appliedMigrations()
            }
        } catch {
            throw StoreUnavailable(waited: limit)
        }
    }
}
