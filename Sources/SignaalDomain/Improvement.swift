import Foundation

public typealias ImprovementID = Identifier<ImprovementAction>

/// What the organisation changes about a root cause (S2 tip 3, capability 9): "no more cash on
/// delivery costs on returns". Its cases are those resolved with that root cause since
/// `casesSince`; when it is done, the customers of those cases hear what changed, in their own
/// case, and the colleagues who handled them are told.
public struct ImprovementAction: Sendable, Hashable {
    public var id: ImprovementID
    /// What changes, in a line: "Geen rembourskosten meer bij retourzendingen".
    public var title: String
    /// The root cause it removes: a topic of the taxonomy.
    public var topic: String
    /// What will be done and by whom; may be empty.
    public var plan: String
    /// Cases resolved with this root cause from this moment on belong to it.
    public var casesSince: Date
    public var startedBy: UserID
    public var startedAt: Date
    public var doneAt: Date?
    public var doneBy: UserID?
    /// What changed, as the customers and colleagues were told ({klant} not yet filled in).
    public var doneMessage: String?
    /// Customers the message was sent to, and those it could not reach; both 0 when the lead
    /// chose not to write to customers.
    public var reached: Int
    public var skipped: Int

    public init(
        id: ImprovementID, title: String, topic: String, plan: String, casesSince: Date, startedBy: UserID, startedAt: Date,
        doneAt: Date? = nil, doneBy: UserID? = nil, doneMessage: String? = nil, reached: Int = 0, skipped: Int = 0
    ) {
        self.id = id
        self.title = title
        self.topic = topic
        self.plan = plan
        self.casesSince = casesSince
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.doneAt = doneAt
        self.doneBy = doneBy
        self.doneMessage = doneMessage
        self.reached = reached
        self.skipped = skipped
    }

    public var isDone: Bool { doneAt != nil }

    public static let maximumTitleCharacters = 120
    public static let maximumPlanCharacters = 2000
    /// The complaints of the last three months are what an improvement answers: their customers
    /// are the ones to tell.
    public static let lookBack: TimeInterval = 90 * 86400

    /// A new action on `topic` (checked against `topics`), its texts checked.
    public static func start(
        title: String, topic: String, plan: String, topics: [String], by user: UserID, now: Date
    ) throws(DomainError) -> ImprovementAction {
        let trimmedTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedTitle.isEmpty else {
            throw .invalidField("titel", "zeg in één regel wat er verandert, bijvoorbeeld ‘Geen rembourskosten meer bij retour’")
        }
        guard trimmedTitle.count <= maximumTitleCharacters else {
            throw .invalidField("titel", "een titel van hoogstens \(maximumTitleCharacters) tekens")
        }
        guard topics.contains(topic) else {
            throw .invalidField("oorzaak", "kies de oorzaak uit de onderwerpen: \(topics.joined(separator: ", "))")
        }
        let trimmedPlan = plan.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmedPlan.count <= maximumPlanCharacters else {
            throw .invalidField("plan", "een plan van hoogstens \(maximumPlanCharacters) tekens")
        }
        return ImprovementAction(
            id: .generate(now: now), title: trimmedTitle, topic: topic, plan: trimmedPlan, casesSince: now.addingTimeInterval(-lookBack),
            startedBy: user, startedAt: now)
    }

    /// The message of a finished action, checked: what changed, for customers and colleagues.
    public static func checkedMessage(_ message: String) throws(DomainError) -> String {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .invalidField("bericht", "schrijf wat er veranderd is: dat lezen de klanten en de collega's")
        }
        guard trimmed.utf8.count <= Reply.maximumTextBytes else { throw .textTooLong(limit: Reply.maximumTextBytes) }
        return trimmed
    }

    /// One case per customer, their most recently updated: a customer who complained twice about
    /// the same cause hears once what changed.
    public static func oneCasePerCustomer(_ cases: [Case]) -> [Case] {
        var newest: [CustomerID: Case] = [:]
        for theCase in cases where (newest[theCase.customerID].map { $0.updatedAt < theCase.updatedAt } ?? true) {
            newest[theCase.customerID] = theCase
        }
        return cases.filter { newest[$0.customerID]?.id == $0.id }
    }

    /// The colleagues who handled `cases`, with how many each (once per case): everyone who owned
    /// it — its owner now, and whoever it was handed over from or to, so a colleague who answered
    /// the customer and then handed the case on is counted too — and whoever resolved it. A team
    /// lead who only reassigned it, or wrote to everyone at once, did not handle it.
    public static func handlers(of cases: [Case], transitions: [CaseID: [CaseTransition]], handoffs: [Handoff]) -> [UserID: Int] {
        let handoffsByCase = Dictionary(grouping: handoffs, by: \.caseID)
        var counts: [UserID: Int] = [:]
        for theCase in cases {
            var people = Set([theCase.ownerID].compactMap { $0 })
            for handoff in handoffsByCase[theCase.id] ?? [] {
                people.formUnion([handoff.fromUserID, handoff.toUserID].compactMap { $0 })
            }
            for transition in transitions[theCase.id] ?? [] where transition.to == .resolved {
                if let actor = transition.actorID { people.insert(actor) }
            }
            for person in people { counts[person, default: 0] += 1 }
        }
        return counts
    }
}

/// A colleague told that an improvement they contributed to is done: the cases of its root cause
/// that they handled.
public struct ImprovementNotice: Sendable, Hashable {
    public var action: ImprovementAction
    public var userID: UserID
    /// How many of the action's cases this colleague handled.
    public var cases: Int
    public var seenAt: Date?

    public init(action: ImprovementAction, userID: UserID, cases: Int, seenAt: Date? = nil) {
        self.action = action
        self.userID = userID
        self.cases = cases
        self.seenAt = seenAt
    }
}

/// A text written once for many customers, as one customer reads it.
public enum PersonalText {
    /// A display name as a greeting can use it: without emoji or symbols ("Sanne de Vries 🚆" is
    /// "Sanne de Vries"); nil when nothing of a name is left.
    public static func cleanName(_ name: String?) -> String? {
        guard let name else { return nil }
        let words = name.split(whereSeparator: \.isWhitespace)
            .map { word in String(word.filter { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." }) }
            .filter { $0.contains(where: \.isLetter) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The first name to greet by ("Hoi Sanne"); the whole clean name when it starts with an
    /// initial ("J. de Vries"), which greets no one by itself.
    public static func firstName(_ name: String?) -> String? {
        guard let clean = cleanName(name), let first = clean.split(separator: " ").first.map(String.init) else { return nil }
        return first.hasSuffix(".") && first.count <= 3 ? clean : first
    }

    /// `{klant}` becomes the customer's first name. Without a name it goes with the space before it,
    /// so "Hoi {klant}, …" stays a greeting ("Hoi, …"), and a text that opened with it starts at its
    /// next word ("{klant}: het werkt weer" → "Het werkt weer").
    public static func filled(_ text: String, customerName: String?) -> String {
        let name = firstName(customerName)
        if let name, !name.isEmpty { return text.replacingOccurrences(of: "{klant}", with: name) }
        let removed = text.replacingOccurrences(of: " {klant}", with: "").replacingOccurrences(of: "{klant}", with: "")
        let rest = removed.drop { $0 == " " || $0 == "," || $0 == ":" || $0 == ";" }
        guard rest.count < removed.count, let first = rest.first else { return removed }
        return first.uppercased() + rest.dropFirst()
    }
}
