import Foundation
import SignaalDomain
import SignaalStore

/// Records every missed service level once, so breaches still count after the case moves on.
/// Runs with the priority refresh, every minute or so; several instances may run it at once.
public struct WatchSLA: Sendable {
    let store: any SignaalStore
    let settings: SLASettings
    let clock: @Sendable () -> Date
    /// Told, after each full pass, which cases are at risk or breached now.
    let standings: SLAStandings?

    public init(
        store: any SignaalStore, settings: SLASettings = .standard, clock: @escaping @Sendable () -> Date = Date.init,
        standings: SLAStandings? = nil
    ) {
        self.store = store
        self.settings = settings
        self.clock = clock
        self.standings = standings
    }

    /// The breaches of one case at `now`: a running target past due, or one met late.
    public func breaches(of theCase: Case, now: Date) -> [SLABreach] {
        let clock = settings.clock(for: theCase, now: now)
        return [clock.firstResponse, clock.resolution].filter(\.state.isBreach).map {
            SLABreach(caseID: theCase.id, kind: $0.kind, dueAt: $0.due, recordedAt: now)
        }
    }

    /// Checks every unresolved case; returns how many breaches were new.
    @discardableResult
    public func callAsFunction(batchSize: Int = 500) async throws -> Int {
        let now = clock()
        var cursor: CaseID?
        var added = 0
        var atRisk: [Case] = []
        var breached: [Case] = []
        while true {
            let page = try await store.withSLATransitions(
                try await store.unresolvedCases(limit: batchSize, after: cursor), settings: settings)
            guard let last = page.last else { break }
            cursor = last.id
            added += try await store.recordSLABreaches(page.flatMap { breaches(of: $0, now: now) })
            for theCase in page {
                // The timer the inbox shows (first response until answered, then resolution).
                switch theCase.currentSLA(settings.clock(for: theCase, now: now)).state {
                case .atRisk: atRisk.append(theCase.withoutTransitions)
                case .breached: breached.append(theCase.withoutTransitions)
                default: break
                }
            }
            if page.count < batchSize { break }
        }
        await standings?.record(.init(at: now, atRisk: atRisk, breached: breached))
        return added
    }
}

extension Case {
    fileprivate var withoutTransitions: Case {
        var theCase = self
        theCase.transitions = []
        return theCase
    }
}
