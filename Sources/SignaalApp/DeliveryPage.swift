import Foundation
import SignaalDomain

/// What became of a message a team lead sent to many (an incident's status update, an
/// improvement's news), shown the same way on both pages: queued is not arrived, so the lead sees
/// how many arrived, failed (each case linked, to act on), are on their way, were skipped and why.
extension WebController {
    /// Failed cases listed by name; more are counted, not listed.
    static let failedCasesListed = 200

    /// The values of the `delivery` partial for `tally`.
    func deliveryValues(_ tally: DeliveryTally, format: DisplayFormat) async throws -> [String: Any] {
        let language = format.language
        var parts = [
            language.text("delivery_queued", ["count": format.count(tally.queued)]),
            language.text("delivery_arrived", ["count": format.count(tally.arrived)]),
            language.text("delivery_failed", ["count": format.count(tally.failed)]),
            language.text("delivery_underway", ["count": format.count(tally.underway)]),
        ]
        // Written before Signaal kept which reply was for whom (SQLite migration 35, PostgreSQL 37).
        if tally.unknown > 0 { parts.append(language.text("delivery_unknown", ["count": format.count(tally.unknown)])) }
        parts.append(language.text("delivery_skipped", ["count": format.count(tally.skipped)]))
        let listed = Array(tally.failedCases.prefix(Self.failedCasesListed))
        let cases = try await store.cases(ids: listed)
        let customers = try await store.customers(ids: cases.values.map(\.customerID))
        let failed = listed.map { id -> [String: Any] in
            let theCase = cases[id]
            let name = theCase.flatMap { customers[$0.customerID]?.name } ?? language.text("delivery_unknown_customer")
            return ["id": id.description, "label": theCase.map { "\(name) · \($0.subject)" } ?? name]
        }
        return [
            "summary": parts.joined(separator: " · "),
            "waiting": tally.waiting > 0 ? language.text("delivery_waiting", ["count": format.count(tally.waiting)]) : false,
            "skippedReasons": tally.skippedReasons.map {
                language.text("delivery_skipped_reason", ["count": format.count($0.count), "reason": $0.reason])
            },
            "hasSkipped": tally.skipped > 0,
            "failedCases": failed, "hasFailed": tally.failed > 0,
            "failedTitle": language.text("delivery_failed_title", ["count": format.count(tally.failed)]),
            "failedMore": tally.failed > listed.count
                ? language.text("delivery_failed_more", ["count": format.count(tally.failed - listed.count)]) : false,
        ]
    }
}
