import Foundation
import SignaalDomain
import SignaalStore

/// The demo's past: its complaints older than two weeks were handled by an agent (with the time
/// spent on each case page measured) and resolved with their topic as the root cause, so the improvement page has causes to show; and a team
/// lead started one improvement action, on the cause behind the H&M story (rembours on returns)
/// when it is among them, else on the most frequent. Recent messages — the storm, this morning's
/// outage, the stories of the last days — stay open for the demo's inbox.
public struct DemoHistory: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date

    /// Complaints whose customer last wrote longer ago than this count as handled.
    public static let handledAfter: TimeInterval = 14 * 86400

    static let titles: [String: (title: String, plan: String)] = [
        "levering": (
            "Geen rembourskosten meer bij retourzendingen",
            "Logistiek haalt de rembours van de retourlabels en zet de retourvoorwaarden op de bestelpagina."
        ),
        "bereikbaarheid": (
            "Terugbellen binnen één werkdag, zoals beloofd",
            "Elke terugbelafspraak wordt een taak met een tijd; wat niet lukt, gaat naar de teamleider."
        ),
        "betaling": ("Dubbele afschrijvingen binnen een dag teruggeboekt", "Financiën boekt terug zonder dat de klant het hoeft te vragen."),
    ]

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Resolves the old complaints as `agent` did and starts an action as `lead`; does nothing to a
    /// database that has improvement actions or resolved causes already. Returns the cases resolved.
    @discardableResult
    public func callAsFunction(agent: UserID, lead: UserID) async throws -> Int {
        let now = clock()
        guard try await store.improvements(limit: 1).isEmpty,
            try await store.rootCauseCounts(resolvedSince: now.addingTimeInterval(-365 * 86400)).isEmpty
        else { return 0 }
        let before = now.addingTimeInterval(-Self.handledAfter)
        var old: [Case] = []
        var cursor: CaseCursor?
        while true {
            let page = try await store.cases(statuses: CaseStatus.unresolved, limit: 200, after: cursor)
            old += page.filter { $0.lastInboundAt < before && $0.intent == .complaint && !$0.topics.isEmpty }
            guard page.count == 200, let last = page.last else { break }
            cursor = CaseCursor(after: last)
        }
        var causes: [String: Int] = [:]
        for (index, theCase) in old.enumerated() {
            guard let cause = theCase.topics.first else { continue }
            // Handled half a day after the customer's last message, as a busy team would.
            let at = theCase.lastInboundAt.addingTimeInterval(12 * 3600)
            // Four to fifteen minutes on the case page before resolving it: measured handling time
            // for the report and the staffing forecast (the page reports well within the gap).
            let minutes = 4 + (index * 7) % 12
            for second in stride(from: Double(minutes * 60), through: 0, by: -40) {
                try await store.recordWork(caseID: theCase.id, userID: agent, at: at.addingTimeInterval(-second))
            }
            _ = try await store.updateCase(id: theCase.id) { updated in
                updated.ownerID = updated.ownerID ?? agent
                try updated.transition(to: .resolved, at: at, actorID: agent, reason: StatusReason.resolved(outcome: "uitgezocht en met de klant afgestemd").dutch)
                updated.rootCause = cause
                // As ResolveCase does: nobody waits on a resolved case, and its priority drops.
                updated.waitingSince = nil
                updated.priority = CasePriority.compute(updated.priorityInputs, now: at).score
            }
            causes[cause, default: 0] += 1
        }
        let topics = Array(causes.keys)
        let chosen = causes["levering"] != nil ? "levering" : causes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        if let chosen {
            let text = Self.titles[chosen] ?? ("Minder klachten over \(chosen)", "")
            let action = try ImprovementAction.start(
                title: text.title, topic: chosen, plan: text.plan, topics: topics, by: lead, now: now.addingTimeInterval(-3 * 86400))
            try await store.createImprovement(action)
        }
        return old.count
    }
}
