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
        Self.breaches(of: theCase, clock: settings.clock(for: theCase, now: now), now: now)
    }

    static func breaches(of theCase: Case, clock: SLAClock, now: Date) -> [SLABreach] {
        [clock.firstResponse, clock.resolution].filter(\.state.isBreach).map {
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
            var found: [SLABreach] = []
            // One clock per case (opening hours and history make it dear) for both questions.
            for theCase in page where theCase.hasServiceLevel {
                let caseClock = settings.clock(for: theCase, now: now)
                found += Self.breaches(of: theCase, clock: caseClock, now: now)
                switch SLAView(theCase.currentSLA(caseClock).state) {
                case .atRisk: atRisk.append(theCase.withoutTransitions)
                case .breached: breached.append(theCase.withoutTransitions)
                case nil: break
                }
            }
            added += try await store.recordSLABreaches(found)
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
