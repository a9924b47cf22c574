import Crypto
import DutchText
import Foundation
import SignaalDomain
import SignaalStore

/// The cases of an incident and its status updates: one text from a team lead, sent as a reply
/// on each case (S3: "één statusupdate voor iedereen"), with the customer's first name for
/// `{klant}`. Each reply goes through the outbox like any other, so it reaches the customer on
/// the channel they wrote on, and their case shows it.
public struct IncidentUpdates: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date
    let brand: BrandAccounts

    /// An update reaches at most this many cases, those with the highest priority; the page says
    /// how many it reached.
    public static let maximumCases = 1000
    /// The same text again for the same incident within this many seconds is a double click.
    public static let repeatWindow: TimeInterval = 60

    public init(store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init, brand: BrandAccounts = BrandAccounts(handles: [])) {
        self.store = store
        self.clock = clock
        self.brand = brand
    }

    /// The incident's cases (see `IncidentStore.incidentCases`: a message since the start that names
    /// its topic, or a lead's hand), highest priority first. Accounts posing as ours are no
    /// customers to update.
    /// An update reaches the first `maximumCases` of them; `limit` nil reads them all, so the page
    /// can say how many there really are and how many an update leaves out.
    public func cases(of incident: Incident, limit: Int? = Self.maximumCases) async throws -> [Case] {
        guard incident.isOpen else { return [] }
        let candidates = try await store.incidentCases(incident, limit: limit ?? Int(Int32.max))
        return try await brand.withoutImpersonators(candidates, store: store)
    }

    /// The open incident `theCase` belongs to, if any (the case page says so).
    public func openIncident(of theCase: Case) async throws -> Incident? {
        guard theCase.status.isUnresolved else { return nil }
        for incident in try await store.incidents(limit: 30) where incident.isOpen {
            if try await !store.incidentCases(incident, only: theCase.id, limit: 1).isEmpty { return incident }
        }
        return nil
    }

    /// What happened to one case's copy of the update.
    public typealias Delivery = CaseDelivery

    /// Sends `text` to every case of the open incident and records the update.
    public func send(_ text: String, incidentID: IncidentID, by user: UserID) async throws -> (IncidentUpdate, [Delivery]) {
        // A closed incident first: its page has no form left to show a problem with the text beside.
        guard let incident = try await store.incident(id: incidentID) else { throw DomainError.notFound("incident") }
        guard incident.isOpen else { throw DomainError.conflict("Dit incident is gesloten; open een nieuw als het opnieuw misgaat.") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.emptyText }
        guard trimmed.utf8.count <= Reply.maximumTextBytes else { throw DomainError.textTooLong(limit: Reply.maximumTextBytes) }
        if let problem = MessageToMany.placeholderProblem(trimmed) { throw DomainError.invalidField("tekst", problem) }
        let cases = try await cases(of: incident)
        // Too long for some platform: refused as a whole before anyone gets it (and before the
        // double-click guard claims the text), not sent to some and cut off for others.
        if let problem = MessageToMany.lengthProblem(trimmed, reaching: try await MessageToMany.reach(of: cases, store: store)) {
            throw DomainError.invalidField("tekst", problem)
        }
        // A second click (or a second tab) must not send everyone the same update twice: the first
        // claims the text for a minute, in the database, so also across app instances.
        let fingerprint = Hex.lowercase(SHA256.hash(data: Data(trimmed.utf8)))
        do {
            try await store.createValue(
                Data(), forKey: "incident-update:\(incident.id):\(fingerprint)", expiresAt: clock().addingTimeInterval(Self.repeatWindow))
        } catch DomainError.conflict {
            throw DomainError.conflict("Deze statusupdate is zojuist al verstuurd; wacht een minuut om dezelfde tekst nog eens te sturen.")
        }
        // Whole milliseconds, as stored: the update returned equals the one read back.
        let now = Date(millisecondsSince1970: clock().millisecondsSince1970)
        let update = IncidentUpdate(
            id: .generate(now: now), incidentID: incident.id, text: trimmed, postedBy: user, postedAt: now, reached: 0, skipped: 0)
        // Stored with its recipients before anyone is written to: if the server stops while
        // sending, `resumeDeliveries` sends the rest after the restart.
        try await store.addIncidentUpdate(update, recipients: cases.map(\.id))
        let deliveries = try await deliver(update.id)
        return (try await store.incidentUpdate(id: update.id) ?? update, deliveries)
    }

    /// Of `cases` (the incident's), those its latest update was not sent to: customers who wrote
    /// about it since (S3: the storm goes on, and so do the messages).
    public func withoutLatestUpdate(_ cases: [Case], latest: IncidentUpdate) async throws -> [Case] {
        let recipients = try await store.incidentRecipients(updateID: latest.id)
        return cases.filter { !recipients.contains($0.id) }
    }

    /// Sends the open incident's latest update also to its cases that did not get it yet, in the
    /// name of `user`, who decided so. Twice is harmless: the second finds nobody new.
    public func sendLatestToNewcomers(incidentID: IncidentID, by user: UserID) async throws -> (IncidentUpdate, [Delivery]) {
        guard let incident = try await store.incident(id: incidentID) else { throw DomainError.notFound("incident") }
        guard incident.isOpen else { throw DomainError.conflict("Dit incident is gesloten; open een nieuw als het opnieuw misgaat.") }
        guard let latest = try await store.incidentUpdates(incidentID: incident.id).last else {
            throw DomainError.conflict("Er is nog geen statusupdate; schrijf er eerst een.")
        }
        let newcomers = try await withoutLatestUpdate(try await cases(of: incident), latest: latest)
        try await store.addIncidentRecipients(updateID: latest.id, caseIDs: newcomers.map(\.id))
        let deliveries = try await deliver(latest.id, as: user)
        return (try await store.incidentUpdate(id: latest.id) ?? latest, deliveries)
    }

    /// Sends an update to each recipient nobody has taken yet, each at most once; returns what
    /// became of those it took; the replies are in the name of `author`, else of who posted the
    /// update. Once the incident is closed, what is left is not sent: "we are
    /// working on it" after the all-clear would only confuse (a send that a server stop
    /// interrupted, resumed after the lead closed the incident).
    @discardableResult
    public func deliver(_ id: IncidentUpdateID, as author: UserID? = nil) async throws -> [Delivery] {
        guard let update = try await store.incidentUpdate(id: id) else { return [] }
        // A case a lead took out meanwhile gets nothing more, also of an update still being sent.
        let takenOut = Set(try await store.incidentCaseDecisions(incidentID: update.incidentID).filter { !$0.included }.map(\.caseID))
        let queue = RecipientQueue(
            store: store, clock: clock,
            claim: { [store] in
                while let caseID = try await store.claimIncidentRecipient(updateID: id) {
                    guard takenOut.contains(caseID) else { return caseID }
                    try await store.settleIncidentRecipient(updateID: id, caseID: caseID, replyID: nil, reason: Self.takenOutReason)
                }
                return nil
            },
            settle: { [store] caseID, reply, reason in
                try await store.settleIncidentRecipient(updateID: id, caseID: caseID, replyID: reply, reason: reason)
            })
        if let incident = try await store.incident(id: update.incidentID), !incident.isOpen {
            return try await queue.withhold(reason: Self.closedMeanwhile)
        }
        return try await queue.send(update.text, author: author ?? update.postedBy, followUp: false)
    }

    /// Takes `caseID` out of the open incident (`included` false: linked by mistake; it gets no
    /// further status updates) or adds it by hand (true), in the name of `user`.
    public func decide(_ caseID: CaseID, included: Bool, incidentID: IncidentID, by user: UserID) async throws {
        guard let incident = try await store.incident(id: incidentID) else { throw DomainError.notFound("incident") }
        guard incident.isOpen else { throw DomainError.conflict("Dit incident is gesloten; de zaken horen er niet meer bij.") }
        guard let theCase = try await store.case(id: caseID) else { throw DomainError.notFound("zaak") }
        if included, !theCase.status.isUnresolved {
            throw DomainError.conflict("Deze zaak is afgehandeld; heropen hem eerst als de klant de updates moet krijgen.")
        }
        try await store.decideIncidentCase(
            IncidentCaseDecision(incidentID: incidentID, caseID: caseID, included: included, decidedBy: user, decidedAt: clock()))
    }

    /// Why a recipient did not get an update: a lead took its case out of the incident.
    public static let takenOutReason = "de zaak is uit het incident gehaald"

    /// Why a recipient did not get an update whose incident was closed before it was sent.
    public static let closedMeanwhile = "het incident is intussen gesloten; deze update is niet meer verstuurd"

    /// After a restart: sends what a stopped server left unsent, for updates posted longer than
    /// `grace` ago (a request still sending has its own recipients meanwhile). Returns how many
    /// customers it wrote to.
    @discardableResult
    public func resumeDeliveries(grace: TimeInterval = 120) async throws -> Int {
        var sent = 0
        for id in try await store.incidentUpdatesAwaitingDelivery(postedBefore: clock().addingTimeInterval(-grace)) {
            sent += try await deliver(id).count { if case .queued = $0 { true } else { false } }
        }
        return sent
    }
}
