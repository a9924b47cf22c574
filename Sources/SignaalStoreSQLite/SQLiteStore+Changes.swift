import Foundation
import GRDB
import SignaalDomain
import SignaalStore

extension SQLiteStore {
    public func watchCaseChanges(_ onChange: @escaping @Sendable (CaseID?) -> Void) async throws {
        // SQLite serves one app instance: watching this process's commits sees every change.
        let observation = DatabaseRegionObservation(
            tracking: Table("cases").select(Column("status"), Column("owner_id"), Column("subject"), Column("signal_count")))
        let failure = AsyncStream<any Error>.makeStream()
        let cancellable = observation.start(in: writer, onError: { failure.continuation.yield($0) }, onChange: { _ in onChange(nil) })
        defer { cancellable.cancel() }
        onChange(nil)  // watching (again): see the protocol
        try await withTaskCancellationHandler {
            for await error in failure.stream { throw error }
        } onCancel: {
            failure.continuation.finish()
        }
    }
}
