import Foundation
import Metrics
import OpenAPIRuntime
import SignaalDomain
import SignaalServices
import SignaalStore

/// `/api/v1`, generated from openapi.yaml: these handlers only translate between the
/// document's types and the use cases.
struct APIHandlers: APIProtocol {
    let store: any SignaalStore
    /// The taxonomy's topics, for checking a `topic` filter.
    let topicNames: [String]
    let ingest: IngestSignal
    let clock: @Sendable () -> Date

    func createSignal(_ input: Operations.CreateSignal.Input) async throws -> Operations.CreateSignal.Output {
        guard case .json(let body) = input.body else { throw Problem.notJSON }
        let draft = try SignalDraft(body, now: clock())
        let outcome = try await ingest(draft)
        switch outcome {
        case .created(let signal, _):
            IntakeMetrics.ingested[signal.channel]?.increment()
            return .created(.init(body: .json(.init(signal, duplicate: false))))
        case .duplicate(let signal):
            IntakeMetrics.duplicates[signal.channel]?.increment()
            return .ok(.init(body: .json(.init(signal, duplicate: true))))
        }
    }

    func listSignals(_ input: Operations.ListSignals.Input) async throws -> Operations.ListSignals.Output {
        let limit = try Self.limit(input.query.limit)
        let channel = try CaseFilterParameters.given(input.query.channel, "channel").map(CaseFilterParameters.channel)
        let cursor = try input.query.cursor.map(PageCursor.signalCursor)
        let signals = try await store.signals(channel: channel, limit: limit + 1, after: cursor)
        let page = Array(signals.prefix(limit))
        let next = signals.count > limit ? page.last.map { PageCursor.encode(SignalCursor(after: $0)) } : nil
        return .ok(.init(body: .json(.init(items: page.map(Components.Schemas.Signal.init), nextCursor: next))))
    }

    func getSignal(_ input: Operations.GetSignal.Input) async throws -> Operations.GetSignal.Output {
        guard let id = SignalID(input.path.id), let signal = try await store.signal(id: id) else {
            throw DomainError.notFound("Signaal \(input.path.id)")
        }
        return .ok(.init(body: .json(.init(signal))))
    }

    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        let limit = try Self.limit(input.query.limit)
        let query = input.query
        let statuses = try Self.statuses(CaseFilterParameters.given(query.status, "status"))
        let cursor = try query.cursor.map(PageCursor.caseCursor)
        let filter = try CaseFilterParameters.filter(
            statuses: statuses, channel: CaseFilterParameters.given(query.channel, "channel"),
            topic: CaseFilterParameters.given(query.topic, "topic"), sentiment: query.sentiment?.rawValue,
            intent: query.intent?.rawValue, topics: topicNames)
        let cases = try await store.cases(matching: filter, limit: limit + 1, after: cursor)
        let page = Array(cases.prefix(limit))
        let next = cases.count > limit ? page.last.map { PageCursor.encode(CaseCursor(after: $0)) } : nil
        return .ok(.init(body: .json(.init(items: page.map(Components.Schemas.CaseSummary.init), nextCursor: next))))
    }

    func getCase(_ input: Operations.GetCase.Input) async throws -> Operations.GetCase.Output {
        guard let id = CaseID(input.path.id), let theCase = try await store.case(id: id) else {
            throw DomainError.notFound("Zaak \(input.path.id)")
        }
        async let signals = store.signals(caseID: id)
        async let customer = store.customer(id: theCase.customerID)
        async let replies = store.replies(caseID: id)
        async let handoffs = store.handoffs(caseID: id)
        async let internalNotes = store.internalNotes(caseID: id)
        async let promises = store.promises(caseID: id)
        async let compensations = store.compensations(caseID: id)
        let owner = try await theCase.ownerID.asyncMap { try await store.user(id: $0) } ?? nil
        guard let customer = try await customer else { throw DomainError.notFound("Klant \(theCase.customerID)") }
        let detail = Components.Schemas.CaseDetail(
            _case: .init(theCase), customer: .init(customer), owner: owner.map(Components.Schemas.UserSummary.init),
            signals: try await signals.map(Components.Schemas.Signal.init),
            transitions: theCase.transitions.map(Components.Schemas.Transition.init),
            replies: try await replies.map(Components.Schemas.Reply.init),
            handoffs: try await handoffs.map(Components.Schemas.Handoff.init),
            internalNotes: try await internalNotes.map(Components.Schemas.InternalNote.init),
            promises: try await promises.map(Components.Schemas.Promise.init),
            compensations: try await compensations.map(Components.Schemas.Compensation.init))
        return .ok(.init(body: .json(detail)))
    }

    static func limit(_ value: Int?) throws -> Int {
        guard let value else { return 50 }
        guard (1...200).contains(value) else { throw DomainError.invalidField("limit", "moet tussen 1 en 200 liggen") }
        return value
    }

    static func statuses(_ value: String?) throws -> [CaseStatus] {
        guard let value else { return [] }
        var result: [CaseStatus] = []
        // An empty part ("open,") is a list the client did not finish, not a smaller one.
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name == "unresolved" {
                result += CaseStatus.unresolved
            } else if let status = CaseStatus(rawValue: name) {
                result.append(status)
            } else {
                throw DomainError.invalidField(
                    "status", "onbekende status '\(name)'; kies uit new, open, waiting_on_customer, resolved, closed, unresolved")
            }
        }
        return Array(Set(result)).sorted { $0.rawValue < $1.rawValue }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// Intake counters per channel, made once: a registry lookup per request is measurable.
/// The registry is bootstrapped first: a counter made before it would count into nothing, for
/// good (intake used before any router was built, as in tools and tests).
enum IntakeMetrics {
    static let ingested: [Channel: Counter] = counters("signaal_signals_ingested_total")
    static let duplicates: [Channel: Counter] = counters("signaal_signals_duplicate_total")

    private static func counters(_ label: String) -> [Channel: Counter] {
        _ = AppMetrics.registry
        return Dictionary(uniqueKeysWithValues: Channel.allCases.map { ($0, Counter(label: label, dimensions: [("channel", $0.rawValue)])) })
    }
}
