import Foundation
import PostgresNIO
import SignaalDomain
import SignaalStore

extension PostgresStore {
    public func watchCaseChanges(_ onChange: @escaping @Sendable (CaseID?) -> Void) async throws {
        // One pooled connection listens for as long as the watch runs: no overall limit.
        try await withConnection(limit: .some(nil)) { connection in
            let schema = try await self.rows("SELECT current_schema() AS schema", on: connection).first?["schema"].decode(String.self) ?? "public"
            try await connection.listen(on: "signaal_cases_\(schema)") { notifications in
                onChange(nil)  // listening (again): see the protocol
                for try await notification in notifications {
                    onChange(UUID(uuidString: notification.payload).map(CaseID.init))
                }
            }
        }
    }
}
