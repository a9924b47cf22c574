import Foundation

public typealias IncidentID = Identifier<Incident>
public typealias IncidentUpdateID = Identifier<IncidentUpdate>

/// One cause behind many messages — a storm, an outage (S3) — handled once: the cases of the
/// customers who wrote about it belong to it, and a team lead sends them one status update
/// instead of the team answering the same question a hundred times.
///
/// Which cases belong to it is not stored but read: the unresolved cases with a customer message
/// since `startedAt` that names the incident's topic (any message when nil), so a customer who
/// writes about it later joins by themselves. A message about something else, or about nothing
/// in particular ("Het geld is er nog steeds niet!"), brings no case in, even one that named the
/// topic before the start. A lead may take a case out or add one by hand (`IncidentCaseDecision`).
public struct Incident: Sendable, Hashable {
    public var id: IncidentID
    /// What the team calls it: "Storing internetbankieren".
    public var title: String
    /// The taxonomy's topic; nil for a spike in all messages.
    public var topic: String?
    /// Messages from this moment on belong to it.
    public var startedAt: Date
    public var openedBy: UserID
    public var openedAt: Date
    public var closedAt: Date?
    public var closedBy: UserID?

    public init(
        id: IncidentID, title: String, topic: String?, startedAt: Date, openedBy: UserID, openedAt: Date, closedAt: Date? = nil,
        closedBy: UserID? = nil
    ) {
        self.id = id
        self.title = title
        self.topic = topic
        self.startedAt = startedAt
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.closedBy = closedBy
    }

    public var isOpen: Bool { closedAt == nil }

    public static let maximumTitleCharacters = 120
    /// A surge is seen over the last hour, so an incident opened from one starts an hour back.
    public static let lookBack: TimeInterval = SurgeDetector.window

    /// A new incident about `topic`, its title checked; the messages of the last hour belong to it.
    public static func open(title: String, topic: String?, by user: UserID, now: Date) throws(DomainError) -> Incident {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField("titel", "geef het incident een naam, bijvoorbeeld ‘Storing internetbankieren’") }
        guard trimmed.count <= maximumTitleCharacters else {
            throw .invalidField("titel", "een naam van hoogstens \(maximumTitleCharacters) tekens")
        }
        return Incident(
            id: .generate(now: now), title: trimmed, topic: topic, startedAt: now.addingTimeInterval(-lookBack), openedBy: user, openedAt: now)
    }

    /// The placeholder a status update fills in: the customer's first name (`PersonalText`).
    public static let customerPlaceholder = "{klant}"
}

/// A team lead's hand on which cases belong to an incident, beside the rule: a case taken out
/// (written about something else, linked by mistake) gets no further status updates whatever it
/// writes; a case added belongs whatever its messages say. The latest decision on a case holds.
public struct IncidentCaseDecision: Sendable, Hashable {
    public var incidentID: IncidentID
    public var caseID: CaseID
    /// True: added by hand; false: taken out.
    public var included: Bool
    public var decidedBy: UserID
    public var decidedAt: Date

    public init(incidentID: IncidentID, caseID: CaseID, included: Bool, decidedBy: UserID, decidedAt: Date) {
        self.incidentID = incidentID
        self.caseID = caseID
        self.included = included
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// One status update of an incident, sent as a reply on each of its cases.
public struct IncidentUpdate: Sendable, Hashable {
    public var id: IncidentUpdateID
    public var incidentID: IncidentID
    public var text: String
    public var postedBy: UserID
    public var postedAt: Date
    /// Cases it was sent to.
    public var reached: Int
    /// Cases it could not be sent to (no message to answer and no e-mail address, closed meanwhile).
    public var skipped: Int

    public init(
        id: IncidentUpdateID, incidentID: IncidentID, text: String, postedBy: UserID, postedAt: Date, reached: Int, skipped: Int
    ) {
        self.id = id
        self.incidentID = incidentID
        self.text = text
        self.postedBy = postedBy
        self.postedAt = postedAt
        self.reached = reached
        self.skipped = skipped
    }
}
