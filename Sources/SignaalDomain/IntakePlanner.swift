import Foundation

/// What the store found for a new signal, inside the intake transaction.
public struct IntakeContext: Sendable {
    /// A signal with the same (channel, external id): the new one is a duplicate.
    public var existingSignal: Signal?
    /// The customer one of the signal's identities belongs to.
    public var customer: Customer?
    /// The case of the message this one answers (`inReplyTo`).
    public var threadCase: Case?
    /// The customer's most recent unresolved case.
    public var unresolvedCase: Case?
    /// The customer's most recent resolved (not closed) case.
    public var resolvedCase: Case?

    public init(
        existingSignal: Signal? = nil, customer: Customer? = nil, threadCase: Case? = nil,
        unresolvedCase: Case? = nil, resolvedCase: Case? = nil
    ) {
        self.existingSignal = existingSignal
        self.customer = customer
        self.threadCase = threadCase
        self.unresolvedCase = unresolvedCase
        self.resolvedCase = resolvedCase
    }
}

extension IntakeContext {
    /// The known customer a signal belongs to, from the owners of its identities in the order the
    /// author carries them (nil: nobody's yet). A vouched-for identity decides on its own, so the
    /// store may stop at the first owner it finds. Typed contact details reach a known customer
    /// only when every one of them is that customer's: otherwise typing someone's phone number
    /// beside one's own address would add that address to their file and send them our replies.
    /// A new customer then gets the details nobody owns; linking is a decision for an agent.
    public static func customer(owning owners: [Customer?], channel: Channel) -> Customer? {
        guard channel.identitiesAreClaims else { return owners.lazy.compactMap { $0 }.first }
        guard let first = owners.first ?? nil, owners.allSatisfy({ $0?.id == first.id }) else { return nil }
        return first
    }
}

/// What the store must write for a new signal. Made by `IntakePlanner`, a pure function.
public struct IntakePlan: Sendable {
    public var customer: Customer
    public var isNewCustomer: Bool
    /// An existing customer without a name gets the one this signal carries.
    public var learnedName: Bool
    /// Identities of the author not yet linked to the customer.
    public var newIdentities: [Identity]
    public var theCase: Case
    public var isNewCase: Bool
    public var signal: Signal
    /// The draft's attachments with their content, stored beside the signal.
    public var attachments: [Attachment] = []
    /// `signal.analysis` as compact JSON, encoded when the planner was made: on the request's
    /// task, not on SQLite's single writer, where the plan is made.
    public var analysisJSON: String?
}

/// The result of intake as the caller sees it.
public enum IntakeOutcome: Sendable {
    case created(Signal, Case)
    case duplicate(Signal)

    public var signal: Signal {
        switch self {
        case .created(let signal, _), .duplicate(let signal): signal
        }
    }
}

/// A delivery that is no message of a customer's and is kept nowhere, such as an automatic reply
/// (out of office) that belongs to no case. Not the sender's error: report it as ignored.
public struct IntakeIgnored: Error, Sendable, Hashable {
    /// For metrics and logs: "automatic_reply", "own_mail".
    public var kind: String
    /// Dutch, for the person reading the log or the command's output.
    public var reason: String

    public init(kind: String, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// What a store throws when the planner keeps nothing of a draft that is no duplicate.
    public static let automaticReplyWithoutCase = IntakeIgnored(
        kind: "automatic_reply", reason: "automatisch antwoord (afwezigheidsbericht) bij geen enkele lopende zaak")
}

/// Decides where a new signal belongs: which customer, which case, what status and priority.
public struct IntakePlanner: Sendable {
    public var now: Date
    public let analysis: Analysis?
    public var textPriority: PriorityInputs.TextPriority?
    /// The analysis as compact JSON, for the plan (see `IntakePlan.analysisJSON`).
    public let analysisJSON: String?
    /// The author poses as the brand's own care account (`BrandAccounts`): nobody waits for our
    /// answer to it, so its messages are kept and shown but give its case no waiting time, reach or
    /// text weight, and never reopen it. Otherwise a rude fake outranks the customers it snaps at.
    public let impersonator: Bool
    /// Set for a complaint from an earlier log (`signaal import csv`); nil for live intake.
    public let logged: LogStatus?

    public init(
        now: Date, analysis: Analysis? = nil, textPriority: PriorityInputs.TextPriority? = nil, impersonator: Bool = false,
        logged: LogStatus? = nil
    ) {
        self.now = now
        self.logged = logged
        self.analysis = analysis
        self.textPriority = textPriority
        self.impersonator = impersonator
        self.analysisJSON = analysis?.compactJSON
    }

    /// Joins the thread's case, else the customer's unresolved case, else reopens the
    /// customer's resolved case, else opens a new case. Nil means: write nothing, either a
    /// duplicate or an automatic reply without a case (the store throws `IntakeIgnored`).
    /// An automatic reply joins a case without touching it: no reopening, no new waiting time,
    /// no weight in its priority.
    public func plan(_ draft: SignalDraft, context: IntakeContext) -> IntakePlan? {
        if context.existingSignal != nil { return nil }
        let identities = draft.author.identities(on: draft.channel)

        var isNewCustomer = false
        let customer: Customer
        if let existing = context.customer {
            customer = existing
        } else if draft.recordedBy != nil, let noted = context.threadCase {
            // An agent's note of a call or visit on a case belongs to that case's customer,
            // also when the note carries no identity of theirs.
            customer = Customer(id: noted.customerID, name: nil, identities: [], createdAt: now)
        } else {
            isNewCustomer = true
            customer = Customer(id: .generate(now: now), name: draft.author.name, identities: [], createdAt: now)
        }
        let known = Set(customer.identities)
        let newIdentities = identities.filter { !known.contains($0) }
        var linkedCustomer = customer
        linkedCustomer.identities += newIdentities
        var learnedName = false
        if linkedCustomer.name == nil, let name = draft.author.name, !name.isEmpty {
            linkedCustomer.name = name
            learnedName = !isNewCustomer
        }

        // A verified account's words travel as far as a large following's, whatever its count.
        let followers = max(draft.author.followers ?? 0, draft.author.verified == true ? Self.verifiedReach : 0)
        var theCase: Case
        var isNewCase = false
        // A thread only counts when it is this customer's: someone else answering a tweet
        // has a problem of their own.
        let threadCase = context.threadCase.flatMap { $0.status != .closed && $0.customerID == customer.id ? $0 : nil }
        // A complaint the log says was handled is history: its own case, never joined to the
        // customer's live work (it would make them wait again) nor reopening a resolved one.
        let handledInLog: String? = if case .handled(let note) = logged { note } else { nil }
        let candidate = handledInLog != nil ? nil : threadCase ?? context.unresolvedCase ?? context.resolvedCase
        if draft.automatic && candidate == nil { return nil }
        if let existing = candidate, draft.automatic {
            theCase = existing
        } else if var existing = candidate, impersonator || existing.status == .resolved && Self.isClosingThanks(draft, analysis) {
            // Kept on the case without reopening it or making anyone wait: an impersonator's
            // message, or "Top, dank jullie wel!" after the solution, which closes the conversation
            // (reopening would make someone resolve the case twice; anything more than thanks reopens).
            existing.signalCount += 1
            existing.lastInboundAt = max(existing.lastInboundAt, draft.receivedAt)
            existing.updatedAt = now
            theCase = existing
        } else if var existing = candidate {
            // The customer writes again: the ball is in our court.
            let newEpisode = existing.status == .resolved
            if newEpisode {
                try? existing.transition(to: .open, at: now, reason: StatusReason.customerWroteAfterResolution.dutch)
            } else if existing.status == .waitingOnCustomer {
                try? existing.transition(to: .open, at: now, reason: StatusReason.customerReplied.dutch)
            }
            existing.signalCount += 1
            existing.lastInboundAt = max(existing.lastInboundAt, draft.receivedAt)
            existing.waitingSince = existing.waitingSince ?? draft.receivedAt
            existing.maxFollowers = max(existing.maxFollowers, followers)
            existing.updatedAt = now
            // Writing again never makes a case less pressing while it is unresolved: a calm or
            // misread follow-up ("Update: nu is ook mijn aansluiting weg. Top.") keeps what the
            // earlier messages said. After a resolution the new episode starts from its own words.
            if let textPriority { existing.textScore = newEpisode ? textPriority.score : max(existing.textScore, textPriority.score) }
            theCase = existing
        } else {
            isNewCase = true
            // A logged complaint was opened when the customer made it, as the log says.
            let openedAt = logged == nil ? now : draft.receivedAt
            theCase = Case(
                id: .generate(now: now), customerID: customer.id, status: .new, priority: 0,
                // A web form's subject line is its order number, no summary of the complaint.
                subject: (draft.channel == .webform ? nil : draft.subject).map { Case.subject(from: $0) }
                    ?? (draft.textPending ? "Vermelding via \(draft.channel.dutchName)" : Case.subject(from: draft.text)), channel: draft.channel, openedAt: openedAt, updatedAt: now,
                lastInboundAt: draft.receivedAt, waitingSince: impersonator ? nil : draft.receivedAt, signalCount: 1, reopenCount: 0,
                maxFollowers: impersonator ? 0 : followers, textScore: impersonator ? 0 : textPriority?.score ?? 0,
                transitions: [CaseTransition(from: nil, to: .new, at: openedAt, reason: StatusReason.firstMessage(via: draft.channel).dutch)])
            theCase.posesAsBrand = impersonator
            if let handledInLog {
                // Closed, not resolved: the team did not solve it in Signaal, so it counts in no
                // resolution figure, asks the customer nothing and is never reopened; a new message
                // opens a new case. Dated at the log's date, not the import: the log does not say
                // when it was handled, and an import-time closing would show weeks of handling that
                // never happened and put hundreds of old cases on top of "recently closed".
                theCase.waitingSince = nil
                try? theCase.transition(to: .closed, at: draft.receivedAt, reason: StatusReason.handledInLog(note: handledInLog).dutch)
            } else if logged != nil {
                // The team learns of an open logged complaint only now: its first answer is due
                // from the import, while the customer's wait still shows from the log's date.
                theCase.slaStartedAt = now
            }
        }
        if !draft.automatic {
            if let analysis { theCase.absorb(analysis) }
            theCase.priority = CasePriority.compute(theCase.priorityInputs, now: now).score
        }

        var signal = Signal(
            id: .generate(now: now), caseID: theCase.id, customerID: customer.id, draft: draft,
            analysis: analysis, createdAt: now)
        // An agent's note joined a customer by a number or address, under another name: said on the
        // note, so the agent sees it did not go to someone else's file by mistake (a shared phone).
        if draft.recordedBy != nil, !isNewCustomer, let noted = draft.author.name, let known = customer.name,
            Self.namesDiffer(noted, known)
        {
            signal.warnings.append(
                "Dit nummer of adres hoort bij ‘\(known)’; u noteerde ‘\(noted)’. Controleer of het dezelfde persoon is.")
        }
        return IntakePlan(
            customer: linkedCustomer, isNewCustomer: isNewCustomer, learnedName: learnedName, newIdentities: newIdentities,
            theCase: theCase, isNewCase: isNewCase, signal: signal, attachments: draft.attachments, analysisJSON: analysisJSON)
    }

    /// A message that only thanks: read as praise, positive, asking nothing ("?") and short. A longer
    /// message may carry a new problem the analyser read past, so it reopens as before.
    static func isClosingThanks(_ draft: SignalDraft, _ analysis: Analysis?) -> Bool {
        guard let analysis, analysis.intent == .compliment, analysis.sentiment == .positive,
            !draft.text.contains("?"), !draft.text.contains("？"), draft.attachments.isEmpty
        else { return false }
        return draft.text.split(whereSeparator: { $0.isWhitespace }).count <= closingThanksWords
    }

    /// The most words a thank-you keeps a resolved case resolved with.
    public static let closingThanksWords = 30

    /// Two names that share no word ("Gerrit Jansen", "Mohammed Yilmaz"); "M. Yilmaz" and
    /// "Mohammed Yilmaz" share one, and so do names that differ only in case or accents.
    static func namesDiffer(_ a: String, _ b: String) -> Bool {
        func words(_ name: String) -> Set<String> {
            Set(name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !$0.isLetter }.map(String.init).filter { $0.count >= 2 })
        }
        let (first, second) = (words(a), words(b))
        return !first.isEmpty && !second.isEmpty && first.isDisjoint(with: second)
    }

    /// The follower count a verified account counts as, at least.
    public static let verifiedReach = 10_000
}
