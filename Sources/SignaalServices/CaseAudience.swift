import Foundation
import SignaalDomain
import SignaalStore

extension BrandAccounts {
    /// `cases` without those of accounts posing as ours (S3's fake "Klantenservice"): no customers
    /// to send a status update or an improvement's news to.
    func withoutImpersonators(_ cases: [Case], store: any SignaalStore) async throws -> [Case] {
        guard !handles.isEmpty else { return cases }
        let customers = try await store.customers(ids: cases.map(\.customerID))
        return cases.filter { impersonated(customers[$0.customerID], on: $0.channel) == nil }
    }
}
