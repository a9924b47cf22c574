import Foundation
import SignaalDomain
import SignaalStore

/// Promises to customers as tasks: made (often straight from the reply that says it), then
/// kept or broken — never silently forgotten.
public struct KeepPromises: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Checks a promise before anything is stored, so a reply and its promise fail together.
    public func validate(text: String, dueAt: Date) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalidField("promise_text", "schrijf op wat u belooft") }
        guard trimmed.count <= CasePromise.maximumTextCharacters else {
            throw DomainError.invalidField("promise_text", "houd de toezegging korter dan \(CasePromise.maximumTextCharacters) tekens")
        }
        let now = clock()
        guard dueAt > now.addingTimeInterval(-300) else {
            throw DomainError.invalidField("promise_due", "een toezegging moet in de toekomst liggen")
        }
        guard dueAt < now.addingTimeInterval(366 * 86400) else {
            throw DomainError.invalidField("promise_due", "een toezegging voor over meer dan een jaar is geen toezegging")
        }
        return trimmed
    }

    /// The one who promises keeps it.
    public func make(caseID: CaseID, text: String, dueAt: Date, by user: User) async throws -> CasePromise {
        let checked = try validate(text: text, dueAt: dueAt)
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        guard theCase.status != .closed else { throw DomainError.conflict("Deze zaak is gesloten.") }
        let now = clock()
        let promise = CasePromise(
            id: .generate(now: now), caseID: caseID, ownerID: user.id, text: checked, dueAt: dueAt, createdAt: now, createdBy: user.id)
        try await store.createPromise(promise)
        return promise
    }

    public func settle(id: PromiseID, as status: CasePromise.Status, by user: User) async throws -> CasePromise {
        try await store.settlePromise(id: id, as: status, by: user.id, at: clock())
    }
}
