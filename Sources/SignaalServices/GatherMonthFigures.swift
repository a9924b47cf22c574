import Foundation
import SignaalDomain
import SignaalStore

/// Reads what the monthly report needs for one period from the store: messages, resolutions,
/// transfers, promises, satisfaction and compensation. The report computes from the result.
public struct GatherMonthFigures: Sendable {
    let store: any SignaalStore

    /// Resolved cases read per period; a desk resolving more in a month sees the first ones counted.
    public static let caseLimit = 20_000

    public init(store: any SignaalStore) {
        self.store = store
    }

    /// `now` decides which open promises already broke: one past its due time that nobody marked kept.
    public func callAsFunction(_ period: DateInterval, now: Date) async throws -> (figures: MonthFigures, counts: [SignalCount]) {
        var figures = MonthFigures()
        // The two reads of every message of the month are the slow part (PostgreSQL parses each
        // stored analysis; SQLite reads its counted columns): side by side, on two connections.
        async let signalCounts = store.signalCounts(in: period)
        async let windowCounts = store.windowCounts([period])
        let (counts, cases, complainants) = try await signalCounts
        figures.add(counts)
        figures.casesWrittenTo = cases
        figures.complainants = complainants
        for count in try await windowCounts {
            if let topic = count.topic { figures.topics[topic, default: 0] += count.count }
        }
        // Resolved in the period: a move to resolved inside it (a case may have been resolved before
        // and reopened; its resolution counts in the month it happened).
        let candidates = try await store.resolvedCases(since: period.start, limit: Self.caseLimit)
        let transitions = try await store.transitions(caseIDs: candidates.map(\.id))
        // An account posing as the brand that was dealt with is no complaint resolved.
        let resolved = candidates.filter { theCase in
            !theCase.posesAsBrand && (transitions[theCase.id] ?? []).contains { $0.to == .resolved && $0.at >= period.start && $0.at < period.end }
        }
        let handoffs = Dictionary(grouping: try await store.handoffs(caseIDs: resolved.map(\.id)), by: \.caseID)
        figures.resolved = resolved.count
        let chased = try await store.casesChasedBeforeFirstReply(resolved.map(\.id))
        figures.firstContact = resolved.filter {
            ResolutionStats.isFirstContact($0, handoffs: handoffs[$0.id] ?? [], chased: chased.contains($0.id))
        }.count
        figures.unanswered = resolved.filter(ResolutionStats.isUnanswered).count
        figures.transfers = try await store.handoffs(since: period.start).filter { $0.at < period.end && $0.isTransfer }.count
        let promises = try await store.promises(dueSince: period.start).filter { $0.dueAt < period.end }
        figures.promisesKept = promises.filter { $0.outcome(now: now) == .keptOnTime }.count
        // Not kept by its time is not kept: a promise nobody settles, or one marked kept afterwards.
        figures.promisesBroken = promises.filter { $0.outcome(now: now).isNotKept }.count
        figures.satisfactionScores = try await store.satisfactionScores(answeredIn: period)
        figures.compensationCents = try await store.grantedCompensations(since: period.start)
            .filter { ($0.decidedAt ?? $0.requestedAt) < period.end }.reduce(0) { $0 + $1.amountCents }
        return (figures, counts)
    }
}
