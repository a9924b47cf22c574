import Foundation
import SignaalDomain

/// Which database a store runs on.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// Position after the last signal of a page, newest first.
public struct SignalCursor: Sendable, Hashable {
    public var receivedAt: Int64
    public var id: SignalID
    public init(receivedAt: Int64, id: SignalID) {
        self.receivedAt = receivedAt
        self.id = id
    }
    public init(after signal: Signal) {
        self.init(receivedAt: signal.receivedAt.millisecondsSince1970, id: signal.id)
    }
}

/// Position after the last case of a page, highest priority first.
public struct CaseCursor: Sendable, Hashable {
    public var priority: Double
    public var id: CaseID
    public init(priority: Double, id: CaseID) {
        self.priority = priority
        self.id = id
    }
    public init(after theCase: Case) {
        self.init(priority: theCase.priority, id: theCase.id)
    }
}

extension Case {
    /// The inbox's order, as the stores' queries sort (priority, then id, both descending), for
    /// cases already in memory.
    public func isListed(before other: Case) -> Bool {
        priority != other.priority ? priority > other.priority : id > other.id
    }

    /// Whether the case comes after `cursor` in the inbox's order: on the next page.
    public func isListed(after cursor: CaseCursor) -> Bool {
        priority != cursor.priority ? priority < cursor.priority : id < cursor.id
    }
}

/// Decides, inside the intake transaction, what to write; nil means the signal is a duplicate.
/// A store may call it again when it retries the transaction, so it must have no side effects.
public typealias IntakePlanning = @Sendable (SignalDraft, IntakeContext) -> IntakePlan?

/// Signals and the customers and cases they create.
public protocol SignalStore: Sendable {
    /// Stores `draft` atomically: customer, identities, case and signal, or nothing.
    /// Two deliveries of the same (channel, external id), even at once, give one signal.
    func ingest(_ draft: SignalDraft, planning: @escaping IntakePlanning) async throws -> IntakeOutcome
    func signal(id: SignalID) async throws -> Signal?
    /// Newest first.
    func signals(channel: Channel?, limit: Int, after cursor: SignalCursor?) async throws -> [Signal]
    /// Oldest first: a case's conversation.
    func signals(caseID: CaseID) async throws -> [Signal]
    /// The signals stored under `externalID` on any channel (at most one per channel): a complaint
    /// log imported again under another channel is the same complaints, not new ones.
    func signals(externalID: String) async throws -> [Signal]
    /// The signals on `channel` that answer one of `externalIDs` (their `inReplyTo`), oldest first:
    /// who replied to a customer's messages, such as an account posing as ours.
    func signals(answering externalIDs: [String], on channel: Channel) async throws -> [Signal]
    /// How many signals arrived in each of `windows` (index = `WindowCount.window`), in all (topic nil)
    /// and per topic of their analysis; compliments are left out. Windows without any give no row.
    func windowCounts(_ windows: [DateInterval]) async throws -> [WindowCount]
    /// How many signals arrived in each clock hour (UTC, so also each local hour) of `period`, keyed by
    /// the hour's start; hours without any are left out. Compliments count: they are answered too.
    /// Read from the received-at index alone, unlike `signalCounts`, which reads every row's analysis:
    /// the staffing forecast counts five weeks on every view.
    func hourlyCounts(in period: DateInterval) async throws -> [Date: Int]
    /// Per agent who owns unresolved cases or whose cases received messages since `since`: how many
    /// unresolved cases they own, and the customer messages (and the negative ones) in their cases.
    func agentLoads(since: Date) async throws -> [UserID: AgentLoad]
    /// The signals received in `period` per clock hour, sentiment and intent (nil when not analysed),
    /// how many distinct cases they went to, and how many distinct customers sent a complaint among
    /// them: the monthly report.
    func signalCounts(in period: DateInterval) async throws -> (counts: [SignalCount], cases: Int, complainants: Int)
    /// Signals the analysis read as `intent` received in `period`, newest first (compliments for the
    /// team, the monthly report's stories).
    func signals(intent: Analysis.Intent, in period: DateInterval, limit: Int) async throws -> [Signal]
    /// Oldest first: the customer's whole timeline across cases and channels.
    func signals(customerID: CustomerID) async throws -> [Signal]
    /// The customer edited a message on the platform: the new text and analysis replace the
    /// old, which is kept in `edits`. Nil when no such signal exists.
    func editSignal(channel: Channel, externalID: String, newText: String, analysis: Analysis?, at: Date) async throws -> Signal?
    /// The message was removed on the platform: marked, kept for the dossier. Nil when unknown.
    func markSignalRemoved(channel: Channel, externalID: String, at: Date) async throws -> Signal?
    /// Signals stored without their text (Instagram mentions), oldest first.
    func pendingTextSignals(limit: Int) async throws -> [Signal]
    /// Fills in the text of a pending signal; nil when it is not pending (any more).
    func completePendingText(id: SignalID, text: String, handle: String?, analysis: Analysis?) async throws -> Signal?
    /// The attachments of a signal with their content, in the order received.
    func attachments(signalID: SignalID) async throws -> [Attachment]
}

/// The same reply form was sent again: `existing` is the reply its first sending stored.
public struct ReplyAlreadyWritten: Error, Sendable {
    public let existing: Reply
    public init(existing: Reply) { self.existing = existing }
}

/// The durable outbox of agents' replies.
public protocol ReplyStore: Sendable {
    /// Throws `ReplyAlreadyWritten` when a reply with the same `formKey` exists, also when it
    /// was stored at the same moment by another request (the database's unique index decides).
    func createReply(_ reply: Reply) async throws
    func reply(id: ReplyID) async throws -> Reply?
    /// The reply written from the form with this one-time key, if any.
    func reply(formKey: String) async throws -> Reply?
    /// The replies of these cases in one query, oldest first (the customer's data export).
    func replies(caseIDs: [CaseID]) async throws -> [Reply]
    /// Agents' replies written since `since`, oldest first: coaching material. A message to many
    /// (an incident's status update, an improvement's news) is left out: written once for everyone,
    /// not an answer to this customer.
    func replies(authoredSince since: Date) async throws -> [Reply]
    /// How many replies wait to go out (`queued`), are being sent (`sending`) or failed
    /// (`failed`), for the operator's dashboard; the other statuses are not counted.
    func replyBacklog() async throws -> [Reply.Status: Int]
    /// Moves queued replies that are due to `sending` and returns them. Several app instances
    /// may call this at once: each reply goes to one caller only.
    func claimDueReplies(now: Date, limit: Int) async throws -> [Reply]
    /// Replies still `sending` since before `cutoff` were interrupted (the app stopped mid-send).
    /// They may or may not have left, so they become `failed` for an agent to check, never resent.
    /// Returns the replies that were marked.
    func failInterruptedReplies(sendingSince cutoff: Date, reason: String, now: Date) async throws -> [ReplyID]
    /// Records the outcome of send attempt `attempt` (the reply's `attempts` as claimed). Nil, and
    /// nothing changed, when that attempt is no longer current: the reply was given up as
    /// interrupted, or resent and claimed again (`Reply.finish`).
    func finishReply(id: ReplyID, attempt: Int, outcome: ReplySendOutcome, now: Date) async throws -> Reply?
    /// An agent asks to send a failed reply again.
    func requeueReply(id: ReplyID, now: Date) async throws -> Reply
    /// A platform's delivery report for one of our sent messages; nil when we sent no such message.
    func recordDeliveryStatus(channel: Channel, externalID: String, status: Reply.Status, detail: String?, at: Date) async throws -> Reply?
}

/// Identities an agent linked to or unlinked from a customer, by hand.
public protocol IdentityStore: Sendable {
    /// Links `identity` to the customer, moving it from another customer if it had one.
    func linkIdentity(_ identity: Identity, to customerID: CustomerID, by userID: UserID?, at: Date) async throws
    /// Fails with `DomainError.notFound` when the customer does not have this identity.
    func unlinkIdentity(_ identity: Identity, from customerID: CustomerID, by userID: UserID?, at: Date) async throws
    /// Newest first.
    func identityEvents(customerID: CustomerID) async throws -> [IdentityEvent]
}

public protocol CaseStore: Sendable {
    func `case`(id: CaseID) async throws -> Case?
    /// Highest priority first; `statuses` empty means every status.
    /// Cases matching `filter`, highest priority first, one page after `cursor`.
    func cases(matching filter: CaseFilter, limit: Int, after cursor: CaseCursor?) async throws -> [Case]
    /// How many cases match `filter`, counted up to `cap` (a busy inbox says "99+", and counting
    /// stops there instead of reading every open case on each page view).
    func countCases(matching filter: CaseFilter, cap: Int) async throws -> Int
    func cases(customerID: CustomerID) async throws -> [Case]
    func customer(id: CustomerID) async throws -> Customer?
    /// The customers who have any of `identities` now (a search for a handle, address or number).
    func customerIDs(having identities: [Identity]) async throws -> [CustomerID]
    /// The customers whose name has a word starting with each of `words` (lower case; "yildiz",
    /// "fatma yil"), at most `limit`, by name: a search for a customer an agent knows by name.
    func customerIDs(named words: [String], limit: Int) async throws -> [CustomerID]
    /// Several customers in one query, for lists (the inbox shows fifty at once).
    func customers(ids: [CustomerID]) async throws -> [CustomerID: Customer]
    /// Several cases in one query, for lists; without their transitions.
    func cases(ids: [CaseID]) async throws -> [CaseID: Case]
    /// The transitions of several cases in one query, oldest first per case.
    func transitions(caseIDs: [CaseID]) async throws -> [CaseID: [CaseTransition]]
    /// Those of `caseIDs` whose customer wrote more than once before the first reply of the case's
    /// current episode (or more than once at all, never answered): they had to chase us, so they
    /// were not resolved in first contact.
    func casesChasedBeforeFirstReply(_ caseIDs: [CaseID]) async throws -> Set<CaseID>
    /// The cases opened in `period` (its start included, its end not), in any status, oldest first
    /// and those opened at the same moment in the inbox's order: a month's export, read by the
    /// opened-at index instead of every case.
    func cases(openedIn period: DateInterval) async throws -> [Case]
    /// Unresolved cases, for recomputing priorities as waiting time grows.
    func unresolvedCases(limit: Int, after cursor: CaseID?) async throws -> [Case]
    func updatePriorities(_ priorities: [(CaseID, Double)]) async throws
    /// Cases resolved (at least once) since `since`, in any status now, oldest id first: for
    /// first-contact resolution per agent.
    func resolvedCases(since: Date, limit: Int) async throws -> [Case]
    /// Cases matching `filter` (its statuses empty: any status) with a message containing every
    /// word of `query`, Dutch-stemmed ("pakketten" finds "pakket"), the case with the newest such
    /// message first. Words only: no search syntax.
    func searchCases(_ query: SearchQuery, matching filter: CaseFilter, limit: Int) async throws -> [Case]
    /// Applies `change` to the case inside a transaction (the domain validates the move) and
    /// stores the result with its new transitions; when it gets a new owner (taken from a team's
    /// queue, routed, reassigned), its open promises go to that owner in the same transaction.
    /// Throws `DomainError.notFound` for an unknown id.
    func updateCase(id: CaseID, _ change: @escaping @Sendable (inout Case) throws -> Void) async throws -> Case
    /// `updateCase`, but only while `owner` has fewer than `capacity` unresolved cases, counted in
    /// the same transaction; changes for one owner at once (on several instances) wait for each
    /// other, so routing cannot give anyone more than their capacity. Nil when `owner` is full.
    func updateCase(
        id: CaseID, ifOwnerBelow capacity: Int, owner: UserID, _ change: @escaping @Sendable (inout Case) throws -> Void
    ) async throws -> Case?
}

public protocol UserStore: Sendable {
    /// Fails with `DomainError.conflict` when the e-mail address is taken.
    func createUser(_ user: User, passwordHash: String) async throws
    func user(id: UserID) async throws -> User?
    func userWithPasswordHash(email: String) async throws -> (User, String)?
    /// The user with this id and their password hash, in one read (a web session is checked against it).
    func userWithPasswordHash(id: UserID) async throws -> (User, String)?
    func users() async throws -> [User]
    func userCount() async throws -> Int
    /// Changes a user's name, role and active flag (not the e-mail address, team or password) in
    /// one transaction: `change` gets the user as stored and the number of active admins, the user
    /// included, counted in that transaction, so a rule about the last admin holds when two admins
    /// change accounts at once. Returns the user as stored after; fails with `DomainError.notFound`
    /// for an unknown id.
    @discardableResult
    func updateUser(id: UserID, _ change: @escaping @Sendable (inout User, _ activeAdmins: Int) throws -> Void) async throws -> User
    /// Replaces the user's password hash; fails with `DomainError.notFound` for an unknown id.
    func setPasswordHash(userID: UserID, _ passwordHash: String) async throws
}

public protocol TokenStore: Sendable {
    func createToken(_ token: APIToken, secretHash: String) async throws
    /// The token with this hash, revoked or not.
    func token(secretHash: String) async throws -> APIToken?
    func tokens() async throws -> [APIToken]
    /// Returns false when no token has that id.
    func revokeToken(id: APITokenID, at: Date) async throws -> Bool
}

/// Key-value storage with expiry, for web sessions that survive restarts and span instances.
public protocol KeyValueStore: Sendable {
    func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws
    /// Fails with `DomainError.conflict` when the key exists and has not expired.
    func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws
    func value(forKey key: String, now: Date) async throws -> Data?
    func removeValue(forKey key: String) async throws
    /// Replaces the live value of `key` (nil when absent or expired at `now`) by what `change`
    /// makes of it, in one transaction: of two callers at once, the second sees the first's
    /// result. Returns the new value.
    func updateValue(
        forKey key: String, now: Date, _ change: @escaping @Sendable (Data?) -> (value: Data, expiresAt: Date?)
    ) async throws -> Data
}

/// Corrections of the analysis by agents.
public protocol LabelStore: Sendable {
    /// Keeps the correction and reads the signal's case again with it (`CaseReading`): its topics,
    /// sentiment and intent, which the inbox filters on. Fails with `DomainError.notFound` when
    /// the signal does not exist.
    func addLabel(_ label: SignalLabel) async throws
    func labels(signalID: SignalID) async throws -> [SignalLabel]
    /// Every correction of the messages of one customer, oldest first (their data export).
    func labels(customerID: CustomerID) async throws -> [SignalLabel]
    /// The latest correction of each corrected signal, with the signal's text, oldest first.
    func latestLabels(limit: Int) async throws -> [(text: String, label: SignalLabel)]
}

/// Notes on a case for colleagues only.
public protocol InternalNoteStore: Sendable {
    /// Keeps `note` (its case must exist) with the colleagues it mentions, in one transaction.
    func addInternalNote(_ note: InternalNote, mentioning: [UserID]) async throws
    /// Changes a note through `edit` (see `InternalNote.edit`), which returns whether it changed
    /// anything; if so, keeps the new text, its earlier version and the colleagues it now mentions
    /// (those mentioned before keep what they saw) in one transaction, with no other change of the
    /// note in between. Returns the note as stored afterwards.
    @discardableResult
    func editInternalNote(
        id: InternalNoteID, mentioning: [UserID], _ edit: @escaping @Sendable (inout InternalNote) throws -> Bool
    ) async throws -> InternalNote
    /// The notes of these cases in one query, oldest first, each with its earlier versions.
    func internalNotes(caseIDs: [CaseID]) async throws -> [InternalNote]
    /// The notes that mention `userID`, written or last changed since `since` (a colleague newly
    /// called on in an old note is told), which they have not marked seen; newest first, at most `limit`.
    func unseenMentions(userID: UserID, since: Date, limit: Int) async throws -> [InternalNote]
    /// Marks `userID`'s mentions seen: all of them, or those on one case.
    func markMentionsSeen(userID: UserID, caseID: CaseID?, at: Date) async throws
}

/// Warm handoffs: a case changes owner together with its briefing, or not at all.
public protocol HandoffStore: Sendable {
    /// Makes `handoff.toUserID` the owner, with the case's open promises (the new owner keeps
    /// them; a handoff to a team's queue leaves them with their owner, who is still reminded), and
    /// records the handoff, in one transaction. Fails with a conflict when the case's owner is no
    /// longer `handoff.fromUserID` (someone else was quicker), when the receiver already owns it,
    /// or when the case is closed.
    func recordHandoff(_ handoff: Handoff, now: Date) async throws -> Case
    /// The handoffs of these cases, oldest first.
    func handoffs(caseIDs: [CaseID]) async throws -> [Handoff]
    /// Every handoff since `since`, oldest first: transfers counted per agent.
    func handoffs(since: Date) async throws -> [Handoff]
}

// One case's rows are the many-case query for one: one SQL text per table and store.
extension ReplyStore {
    /// Oldest first.
    public func replies(caseID: CaseID) async throws -> [Reply] { try await replies(caseIDs: [caseID]) }
}

extension InternalNoteStore {
    /// The case's notes, oldest first, each with its earlier versions.
    public func internalNotes(caseID: CaseID) async throws -> [InternalNote] { try await internalNotes(caseIDs: [caseID]) }
}

extension PromiseStore {
    /// Oldest due first.
    public func promises(caseID: CaseID) async throws -> [CasePromise] { try await promises(caseIDs: [caseID]) }
}

extension SatisfactionStore {
    /// Oldest first.
    public func satisfactionChecks(caseID: CaseID) async throws -> [SatisfactionCheck] { try await satisfactionChecks(caseIDs: [caseID]) }
}

extension CompensationStore {
    /// Oldest first.
    public func compensations(caseID: CaseID) async throws -> [Compensation] { try await compensations(caseIDs: [caseID]) }
}

extension HandoffStore {
    /// The case's handoffs, oldest first.
    public func handoffs(caseID: CaseID) async throws -> [Handoff] {
        try await handoffs(caseIDs: [caseID])
    }
}

/// Incidents (a storm, an outage) and the status updates sent for them.
public protocol IncidentStore: Sendable {
    /// Fails with `DomainError.conflict` when an incident on the same topic is still open.
    func createIncident(_ incident: Incident) async throws
    func incident(id: IncidentID) async throws -> Incident?
    /// Open ones first, then the most recently opened; at most `limit`.
    func incidents(limit: Int) async throws -> [Incident]
    /// Closes an open incident; nil when it does not exist. Closing a closed one changes nothing.
    func closeIncident(id: IncidentID, by userID: UserID, at: Date) async throws -> Incident?
    /// Records the update and queues it for the cases of `recipients`, in one transaction; its
    /// reach grows as each recipient is settled. Fails with `DomainError.notFound` for an unknown
    /// incident.
    func addIncidentUpdate(_ update: IncidentUpdate, recipients: [CaseID]) async throws
    func incidentUpdate(id: IncidentUpdateID) async throws -> IncidentUpdate?
    /// Oldest first.
    func incidentUpdates(incidentID: IncidentID) async throws -> [IncidentUpdate]
    /// Queues the update for more cases; a case it was queued for already stays as it is.
    func addIncidentRecipients(updateID: IncidentUpdateID, caseIDs: [CaseID]) async throws
    /// The cases the update was queued for: sent, being sent or waiting.
    func incidentRecipients(updateID: IncidentUpdateID) async throws -> Set<CaseID>
    /// Takes one recipient of the update that nobody has taken yet, for this caller alone; nil when
    /// none is left. A recipient taken is never handed out again, so no customer hears it twice.
    func claimIncidentRecipient(updateID: IncidentUpdateID) async throws -> CaseID?
    /// Records what became of a taken recipient's copy — reached with the reply written for it, or
    /// skipped for `reason` when there is none — and counts it in the update's reach.
    func settleIncidentRecipient(updateID: IncidentUpdateID, caseID: CaseID, replyID: ReplyID?, reason: String?) async throws
    /// Every recipient of the incident's updates as far as it got, with the state of the reply
    /// written for it, per update that has any.
    func incidentRecipientOutcomes(incidentID: IncidentID) async throws -> [IncidentUpdateID: [RecipientOutcome]]
    /// Updates posted before `before` whose recipients are not all taken: the sending a stopped
    /// server left unfinished.
    func incidentUpdatesAwaitingDelivery(postedBefore before: Date) async throws -> [IncidentUpdateID]

    /// The open incident's cases, highest priority first, at most `limit` (with `only`, that case
    /// if it belongs): the unresolved cases with a customer message received since the start that
    /// names the incident's topic (any message when it has none) — a message without the topic
    /// brings no case in by its time alone, even when an earlier message of the case named the
    /// topic — and the unresolved cases a lead added by hand, less those a lead took out. None
    /// once it is closed.
    func incidentCases(_ incident: Incident, only caseID: CaseID?, limit: Int) async throws -> [Case]
    /// Records a lead's hand on the incident's cases; a later decision on the same case replaces
    /// the earlier. Fails with `DomainError.notFound` for an unknown incident or case.
    func decideIncidentCase(_ decision: IncidentCaseDecision) async throws
    /// The cases leads took out of or added to the incident by hand, the latest decision first.
    func incidentCaseDecisions(incidentID: IncidentID) async throws -> [IncidentCaseDecision]
}

extension IncidentStore {
    public func incidentCases(_ incident: Incident, limit: Int) async throws -> [Case] {
        try await incidentCases(incident, only: nil, limit: limit)
    }
}

/// Improvement actions on root causes, and the colleagues told when one is done.
public protocol ImprovementStore: Sendable {
    /// Fails with `DomainError.conflict` when an unfinished action on the same root cause exists.
    func createImprovement(_ action: ImprovementAction) async throws
    func improvement(id: ImprovementID) async throws -> ImprovementAction?
    /// Unfinished ones first, the newest first, then the most recently finished; at most `limit`.
    func improvements(limit: Int) async throws -> [ImprovementAction]
    /// Marks an unfinished action done with what changed, tells each colleague of `notices` (how
    /// many of its cases they handled), and queues the message for the customers of `recipients`
    /// (one case each), in one transaction. Nil when it does not exist; `DomainError.conflict`
    /// when it was finished already, so a message goes out once.
    func finishImprovement(
        id: ImprovementID, message: String, by userID: UserID, at: Date, notices: [UserID: Int], recipients: [CaseID]
    ) async throws -> ImprovementAction?
    /// Takes one recipient of the action's message that nobody has taken yet, for this caller
    /// alone (another instance, or a run after a restart, takes the others); nil when none is left.
    /// A recipient taken is never handed out again, so no customer hears it twice.
    func claimImprovementRecipient(id: ImprovementID) async throws -> CaseID?
    /// Every recipient of the action's message as far as it got (waiting ones are a stopped
    /// server's leftovers until the next round sends them), with the state of the reply written for it.
    func improvementRecipientOutcomes(id: ImprovementID) async throws -> [RecipientOutcome]
    /// Records what became of a taken recipient's message — reached with the reply written for it,
    /// or skipped for `reason` when there is none — and counts it in the action's reach.
    func settleImprovementRecipient(id: ImprovementID, caseID: CaseID, replyID: ReplyID?, reason: String?) async throws
    /// Finished actions whose message still waits for recipients nobody took, finished before
    /// `before`: the sending a stopped server left unfinished.
    func improvementsAwaitingDelivery(finishedBefore before: Date) async throws -> [ImprovementID]
    /// Actions finished since `since` that `userID` was told about and has not marked seen, the
    /// latest first.
    func improvementNotices(userID: UserID, since: Date) async throws -> [ImprovementNotice]
    /// Changes nothing when there is no such notice or it was seen already.
    func markImprovementNoticeSeen(actionID: ImprovementID, userID: UserID, at: Date) async throws
    /// Cases resolved (at least once) since `since` whose root cause is `topic`, in any status now,
    /// the most recently updated first; at most `limit`.
    func cases(rootCause topic: String, resolvedSince since: Date, limit: Int) async throws -> [Case]
    /// How many cases resolved since `since` have each root cause; causes without any are left out.
    func rootCauseCounts(resolvedSince since: Date) async throws -> [String: Int]
}

public protocol PromiseStore: Sendable {
    func createPromise(_ promise: CasePromise) async throws
    /// The promises of these cases in one query, oldest due first.
    func promises(caseIDs: [CaseID]) async throws -> [CasePromise]
    /// Open promises due before `before`, of `ownerID` (everyone's when nil), the latest due first,
    /// at most `limit`: reminders and escalation. Latest first, so promises long overdue can never
    /// crowd out one that is about to break.
    func openPromises(dueBefore before: Date, ownerID: UserID?, limit: Int) async throws -> [CasePromise]
    /// Promises settled or due since `since`, for counting per agent.
    func promises(dueSince since: Date) async throws -> [CasePromise]
    /// Marks an open promise kept or broken; a promise is settled once (a conflict otherwise).
    func settlePromise(id: PromiseID, as status: CasePromise.Status, by userID: UserID, at: Date) async throws -> CasePromise
}

/// Satisfaction checks after resolving.
public protocol SatisfactionStore: Sendable {
    func createSatisfactionCheck(_ check: SatisfactionCheck) async throws
    func satisfactionCheck(token: String) async throws -> SatisfactionCheck?
    /// The checks of these cases in one query, oldest first.
    func satisfactionChecks(caseIDs: [CaseID]) async throws -> [SatisfactionCheck]
    /// The scores (1–5) of the checks answered in `period`.
    func satisfactionScores(answeredIn period: DateInterval) async throws -> [Int]
    /// Records the answer once; a second answer is a conflict.
    func answerSatisfactionCheck(token: String, score: Int, solved: Bool?, comment: String?, at: Date) async throws -> SatisfactionCheck
}

/// The compensation ledger: what customers were given, within mandate or approved by a lead.
public protocol CompensationStore: Sendable {
    /// Stores a new compensation whose status `decide` sets from the case's earlier
    /// compensations, read inside the same transaction: two grants at once cannot both slip
    /// under the case's limit. Fails with `DomainError.notFound` for an unknown case.
    func recordCompensation(
        _ compensation: Compensation, decide: @escaping @Sendable ([Compensation]) throws -> Compensation.Status
    ) async throws -> Compensation
    func compensation(id: CompensationID) async throws -> Compensation?
    /// The compensations of these cases in one query, oldest first.
    func compensations(caseIDs: [CaseID]) async throws -> [Compensation]
    /// Oldest first, over all the customer's cases.
    func compensations(customerID: CustomerID) async throws -> [Compensation]
    /// Requests waiting for a lead, oldest first.
    func pendingCompensations(limit: Int) async throws -> [Compensation]
    /// Grants since `since`, oldest first: for spotting customers with many.
    func grantedCompensations(since: Date) async throws -> [Compensation]
    /// A lead approves (`granted`) or rejects a pending request. `check` sees the request and the
    /// case's other compensations inside the transaction and throws to refuse.
    func decideCompensation(
        id: CompensationID, status: Compensation.Status, by userID: UserID, note: String?, at: Date,
        check: @escaping @Sendable (Compensation, [Compensation]) throws -> Void
    ) async throws -> Compensation
}

/// Missed service levels, recorded once per case, target and episode.
public protocol SLABreachStore: Sendable {
    /// Stores the breaches not yet recorded; returns how many were new. A breach of a case and
    /// kind that already has one due at or after the case's `slaStartedAt` is the same missed
    /// target (its due time moved with the band), and is not stored again.
    func recordSLABreaches(_ breaches: [SLABreach]) async throws -> Int
    /// Oldest due first.
    func slaBreaches(caseID: CaseID) async throws -> [SLABreach]
    /// Recorded since `since`, oldest first.
    func slaBreaches(recordedSince since: Date) async throws -> [SLABreach]
}

/// The audit log, and the customer's right to be forgotten.
public protocol PrivacyStore: Sendable {
    func recordAudit(_ entry: AuditEntry) async throws
    /// Newest first; with `before`, only entries older than that entry (by its id), for paging.
    func auditEntries(_ filter: AuditFilter, before: Int64?, limit: Int) async throws -> [AuditEntry]
    /// Anonymises everything that identifies the customer, in one transaction: message texts,
    /// authors, attachments, replies, briefings, promises, reasons and comments become
    /// `Erasure.placeholder` or empty; identities are removed. Cases, counts, statuses, root
    /// causes, service levels and amounts stay, so the aggregates keep counting. What
    /// `personalData(customerID:)` finds on other records goes the same way: their messages
    /// there, the cases and records that are theirs alone.
    func eraseCustomer(id: CustomerID, at: Date) async throws
    /// The customer's data on other customer records: what came in under an identity that is
    /// theirs now, found on the records the identity history names (`PersonalData`).
    func personalData(customerID: CustomerID) async throws -> PersonalData
    /// When the customer was erased; nil when not (or unknown).
    func erasedAt(customerID: CustomerID) async throws -> Date?
}

/// Who has which case open, for collision warnings; shared by every instance.
public protocol PresenceStore: Sendable {
    /// Records that `presence.userID` has the case open (typing or not), and forgets reports
    /// older than `CasePresence.retention`.
    func markPresent(_ presence: CasePresence) async throws
    /// Everyone seen on the case since `since`, latest first.
    func presence(caseID: CaseID, since: Date) async throws -> [CasePresence]
    /// `userID` closed the case's page: colleagues stop seeing them at once, not a window later.
    func leaveCase(caseID: CaseID, userID: UserID) async throws
    /// `userID` works on the case at `at` (its page is in view and in use): extends their spell
    /// on it when their last such report is at most `WorkTime.gap` earlier, else starts one.
    func recordWork(caseID: CaseID, userID: UserID, at: Date) async throws
    /// The spells of work that started in `interval`: their time, on how many cases, and those
    /// cases' messages received before the interval's end.
    func workTotals(in interval: DateInterval) async throws -> WorkTotals
    /// The time everyone worked on the case, from its spells.
    func workSeconds(caseID: CaseID) async throws -> TimeInterval
}

/// Rows planned elsewhere, loaded in one transaction without the per-signal lookups of intake:
/// for benchmarks at scale and large imports of history. Ids and links must already be right.
public protocol BulkLoadStore: Sendable {
    func bulkLoad(customers: [Customer], cases: [Case], signals: [Signal]) async throws
    /// One round trip that reads no table: the floor under every query's latency.
    func ping() async throws
    /// Refreshes the query planner's statistics, as after any large load.
    func analyze() async throws
}

/// Teams, who is in them, and the admin's rules that send new work to them.
public protocol TeamStore: Sendable {
    func teams() async throws -> [Team]
    /// Fails with `DomainError.conflict` when the name is taken.
    func createTeam(_ team: Team, now: Date) async throws
    /// Gives a team another name; its members, rules, cases and history stay with it. Fails with
    /// `DomainError.notFound` for an unknown team and `DomainError.conflict` when the name is taken.
    func renameTeam(id: TeamID, to name: String) async throws
    /// Puts a colleague in a team, or in none.
    func setTeam(userID: UserID, teamID: TeamID?) async throws
    /// The rules in the order they are tried.
    func teamRules() async throws -> [TeamRule]
    func addTeamRule(_ rule: TeamRule) async throws
    /// Returns false when no rule has that id.
    func removeTeamRule(id: TeamRuleID) async throws -> Bool
}

/// Who takes part in routing, with their capacity and skills.
public protocol RoutingStore: Sendable {
    func routingProfiles() async throws -> [RoutingProfile]
    /// Creates or replaces the user's profile; fails with `DomainError.notFound` for an unknown user.
    func saveRoutingProfile(_ profile: RoutingProfile) async throws
    func removeRoutingProfile(userID: UserID) async throws
    /// Unresolved cases per owner.
    func openCaseCounts() async throws -> [UserID: Int]
}

/// Live updates: which cases changed, also when another app instance (or the CLI) changed
/// them on the same PostgreSQL database.
public protocol CaseChangeFeed: Sendable {
    /// Calls `onChange` after each commit that opened a case or changed its status, owner,
    /// subject or messages (not its priority alone), until the task is cancelled, once per case. The
    /// id is nil when the store cannot tell which cases (a bulk load of many at once). The first call
    /// is nil, as soon as the watch sees changes: when a watch starts again after a dropped
    /// connection, what changed meanwhile was missed, and every open page must read anew.
    func watchCaseChanges(_ onChange: @escaping @Sendable (CaseID?) -> Void) async throws
}

/// Everything Signaal keeps, on one database.
public protocol SignaalStore: SignalStore, CaseStore, UserStore, TokenStore, KeyValueStore, LabelStore, ReplyStore, IdentityStore, HandoffStore,
    PromiseStore, SatisfactionStore, CompensationStore, SLABreachStore, PrivacyStore, CaseChangeFeed, RoutingStore, TeamStore, PresenceStore, BulkLoadStore,
    IncidentStore, ImprovementStore, InternalNoteStore
{
    var kind: DatabaseKind { get }
    /// Applies the migrations not yet recorded in the database.
    func migrate() async throws
    /// The migration versions recorded in the database.
    func appliedMigrations() async throws -> [Int]
    /// Releases connections; the store is unusable afterwards.
    func shutdown() async
}

/// Whose cases an inbox shows.
public enum OwnerFilter: Sendable, Hashable {
    case any
    case user(UserID)
    case unassigned
}

/// Which cases an inbox view shows. Every part left nil (or `.any`) lets everything through.
public struct CaseFilter: Sendable, Hashable {
    public var statuses: [CaseStatus]
    public var owner: OwnerFilter
    public var teamID: TeamID?
    public var channel: Channel?
    public var topic: String?
    public var sentiment: Analysis.Sentiment?
    public var intent: Analysis.Intent?
    /// Only cases whose customer wrote at or after this moment (the cases of a surge).
    public var lastInboundSince: Date?

    public init(
        statuses: [CaseStatus] = CaseStatus.unresolved, owner: OwnerFilter = .any, teamID: TeamID? = nil, channel: Channel? = nil,
        topic: String? = nil, sentiment: Analysis.Sentiment? = nil, intent: Analysis.Intent? = nil, lastInboundSince: Date? = nil
    ) {
        self.statuses = statuses
        self.owner = owner
        self.teamID = teamID
        self.channel = channel
        self.topic = topic
        self.sentiment = sentiment
        self.intent = intent
        self.lastInboundSince = lastInboundSince
    }

    /// The same test as the stores' queries, for cases already in memory (the service-level
    /// standing counts its cases per view this way). The store contract tests hold the two equal.
    public func matches(_ theCase: Case) -> Bool {
        if !statuses.isEmpty && !statuses.contains(theCase.status) { return false }
        switch owner {
        case .any: break
        case .unassigned: if theCase.ownerID != nil { return false }
        case .user(let id): if theCase.ownerID != id { return false }
        }
        if let teamID, theCase.teamID != teamID { return false }
        if let channel, theCase.channel != channel { return false }
        if let sentiment, theCase.sentiment != sentiment { return false }
        if let intent, theCase.intent != intent { return false }
        if let topic, !theCase.topics.contains(topic) { return false }
        if let lastInboundSince, theCase.lastInboundAt < lastInboundSince { return false }
        return true
    }

    /// The parts that are one text column equal to one text, for the stores' queries (the team
    /// is an id, which each store binds in its own type).
    public var equalities: [(column: String, value: String)] {
        [("channel", channel?.rawValue), ("sentiment", sentiment?.rawValue), ("intent", intent?.rawValue)].compactMap { column, value in value.map { (column, $0) } }
    }
}

extension CaseStore {
    /// The cases as the service-level clocks need them: with their transitions (which lists
    /// leave out) when the policy pauses a clock while a case waits on the customer.
    public func withSLATransitions(_ cases: [Case], settings: SLASettings) async throws -> [Case] {
        guard settings.policy.pauseWhileWaitingOnCustomer else { return cases }
        let transitions = try await transitions(caseIDs: cases.map(\.id))
        return cases.map { theCase in
            var theCase = theCase
            theCase.transitions = transitions[theCase.id] ?? []
            return theCase
        }
    }

    /// Cases of any status, with or without an owner, that match `query`.
    public func searchCases(_ query: SearchQuery, limit: Int) async throws -> [Case] {
        try await searchCases(query, matching: CaseFilter(statuses: []), limit: limit)
    }

    public func cases(statuses: [CaseStatus], owner: OwnerFilter, limit: Int, after cursor: CaseCursor?) async throws -> [Case] {
        try await cases(matching: CaseFilter(statuses: statuses, owner: owner), limit: limit, after: cursor)
    }

    public func cases(statuses: [CaseStatus], limit: Int, after cursor: CaseCursor?) async throws -> [Case] {
        try await cases(statuses: statuses, owner: .any, limit: limit, after: cursor)
    }
}

/// The words of a search, cleaned of anything a search engine could read as syntax.
public struct SearchQuery: Sendable, Hashable {
    public let words: [String]
    /// A search lists the cases of the newest this many matching messages, newest first; with a
    /// filter, of the newest this many in cases that pass it (so an old e-mail is still found
    /// when thousands of newer posts on X share its words).
    public let scanLimit: Int

    /// Nil when `text` holds no words.
    public init?(_ text: String, scanLimit: Int = 2000) {
        self.scanLimit = scanLimit
        // Typed decomposed (as stored texts never are, see `SignalDraft.validated`), a word would not match.
        let words = text.canonicallyComposed().lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .prefix(Self.maximumWords)
        guard !words.isEmpty else { return nil }
        self.words = Array(words)
    }

    public static let maximumWords = 12
}
