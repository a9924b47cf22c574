import Foundation

public typealias IncidentID = Identifier<Incident>
public typealias IncidentUpdateID = Identifier<IncidentUpdate>

/// One cause behind many messages — a storm, an outage (S3) — handled once: the cases of the
/// customers who wrote about it belong to it, and a team lead sends them one status update
/// instead of the team answering the same question a hundred times.
///
/// Which cases belong to it is not stored but read: the unresolved cases whose customer wrote
/// about the incident's topic (any topic when nil) since `startedAt`, so a customer who writes
/// later joins it by themselves.
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

    /// Whether `theCase` belongs to this open incident: unresolved, its customer wrote since the
    /// start, and (with a topic) about the topic.
    public func includes(_ theCase: Case) -> Bool {
        isOpen && theCase.status.isUnresolved && theCase.lastInboundAt >= startedAt
            && (topic.map { theCase.topics.contains($0) } ?? true)
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
