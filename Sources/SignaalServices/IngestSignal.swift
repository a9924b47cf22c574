import Foundation
import SignaalDomain
import SignaalStore

/// Reads a text and says what it means; the DutchText analyser plugs in here.
public protocol SignalAnalyzer: Sendable {
    func analyse(_ text: String) -> Analysis
}

/// The intake use case: every channel's signals enter Signaal through here.
public struct IngestSignal: Sendable {
    let store: any SignalStore
    let clock: @Sendable () -> Date
    let analyzer: (any SignalAnalyzer)?
    let routing: RouteCase?
    /// The brand's own accounts, to know the accounts that pose as them.
    let brand: BrandAccounts

    public init(
        store: any SignalStore, clock: @escaping @Sendable () -> Date = Date.init, analyzer: (any SignalAnalyzer)? = nil,
        routing: RouteCase? = nil, brand: BrandAccounts = BrandAccounts(handles: [])
    ) {
        self.store = store
        self.clock = clock
        self.analyzer = analyzer
        self.routing = routing
        self.brand = brand
    }

    /// Validates, analyses and stores `draft`; a repeated (channel, external id) gives the first signal back.
    /// Throws `IntakeIgnored` for an automatic reply that belongs to no case. `logged` is set for a
    /// complaint from an earlier log, with what the log says of it (see `IntakePlanner.logged`).
    public func callAsFunction(_ draft: SignalDraft, logged: LogStatus? = nil) async throws -> IntakeOutcome {
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        let valid = try draft.validated().withPlausibleTime(now: now)
        let analysis = analyzer?.analyse(valid.text)
        let planner = IntakePlanner(
            now: now, analysis: analysis, textPriority: analysis.map(Self.textPriority),
            impersonator: brand.impersonated(by: valid.author, on: valid.channel) != nil, logged: logged)
        var outcome = try await store.ingest(valid) { draft, context in
            planner.plan(draft, context: context)
        }
        // Another message under an id already used: not a second delivery of the first, so it is
        // kept under the id with its own fingerprint (again idempotent), instead of being lost.
        // An erased message's placeholder has neither sender nor text to compare with: the store
        // kept a digest of the id with this fingerprint too (`ErasedMessages`), so the same mail
        // again finds the placeholder there, and only another mail is stored.
        if case .duplicate(let first) = outcome, valid.channel.externalIDsMayCollide, let externalID = valid.externalID,
            !externalID.contains("#"), first.text != valid.text || first.author.email != valid.author.email
        {
            var distinct = valid
            distinct.externalID = Channel.distinctExternalID(externalID, senderEmail: valid.author.email, text: valid.text)
            outcome = try await store.ingest(distinct) { draft, context in planner.plan(draft, context: context) }
        }
        // Only a case this signal opened is routed (not every message joining an unowned one). The
        // signal is stored either way: a routing failure leaves the case unassigned, in view of all.
        // An account posing as the brand is reported, not answered: nobody is assigned to it, nor
        // to a complaint that was already handled when it came in (from an earlier log).
        if let routing, !valid.automatic, case .created(_, let theCase) = outcome, theCase.signalCount == 1, theCase.ownerID == nil,
            !theCase.posesAsBrand, theCase.status.isUnresolved
        {
            _ = try? await routing(theCase, text: valid.text)
        }
        return outcome
    }

    /// What the analysis adds to priority: urgency, how strongly the customer feels, and intent.
    static func textPriority(_ analysis: Analysis) -> PriorityInputs.TextPriority {
        let emotion = analysis.sentiment == .negative ? (analysis.emotion ?? min(1, abs(analysis.score))) : 0
        return .init(
            urgency: analysis.urgency, emotion: emotion, intent: analysis.intent, vulnerable: analysis.cues.contains("vulnerability"),
            escalation: analysis.cues.contains("escalation"))
    }
}
