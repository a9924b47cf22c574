import Foundation

/// The reply coach's vocabulary: what it is given, what it says. The review itself is
/// `ReplyCoach.review(_:)`; everything here is plain data, Codable as the CLI and API print it.

/// Where the reply goes; decides length limits and whether it is public.
public enum CoachChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case x, facebook, messenger, instagram, whatsapp, email, webform, phone, counter, letter, api, other

    /// Anyone can read a reply here: no personal data in it.
    public var isPublic: Bool {
        switch self {
        case .x, .facebook, .instagram: true
        default: false
        }
    }

    /// The name users read of a platform the coach knows a limit of ("X (Twitter)", "Instagram").
    public var displayName: String {
        switch self {
        case .x: "X (Twitter)"
        case .whatsapp: "WhatsApp"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// The most characters one public message may have, where the platform sets a limit: for a
    /// review without a `CoachLengthLimit` (the command line). The app passes the domain's rule
    /// (`MessageLength`) for the reply's very route.
    public var characterLimit: Int? {
        switch self {
        case .x: 280
        case .instagram: 2200
        case .facebook: 8000
        case .messenger: 2000
        case .whatsapp: 4096
        default: nil
        }
    }
}

/// What the coach reviews.
public struct CoachContext: Sendable, Hashable, Codable {
    /// The customer's message(s) the draft answers; nil when not available (the checks that
    /// need it then say so instead of guessing).
    public var complaint: String?
    public var draft: String
    /// The customer's name as known to the team ("Jan de Vries"), if any.
    public var customerName: String?
    public var channel: CoachChannel?
    /// The team's reply templates as texts (placeholders may still be in them): a draft that
    /// is a near-copy of one is flagged.
    public var templates: [String]
    /// The platform's limit for the reply's route, when the caller knows it; else the coach uses
    /// `CoachChannel.characterLimit`.
    public var lengthLimit: CoachLengthLimit?

    public init(
        complaint: String?, draft: String, customerName: String? = nil, channel: CoachChannel? = nil, templates: [String] = [],
        lengthLimit: CoachLengthLimit? = nil
    ) {
        self.complaint = complaint
        self.draft = draft
        self.customerName = customerName
        self.channel = channel
        self.templates = templates
        self.lengthLimit = lengthLimit
    }
}

/// How long a reply may be where it goes, and how long the draft is as that platform counts it
/// (X counts a link as 23): the app's one rule per channel and route, given to the coach.
public struct CoachLengthLimit: Sendable, Hashable, Codable {
    /// The channel as users read it: "X (Twitter)".
    public var channelName: String
    /// A post or comment anyone reads, rather than a direct message.
    public var inPublic: Bool
    public var characters: Int
    public var draftLength: Int

    public init(channelName: String, inPublic: Bool, characters: Int, draftLength: Int) {
        self.channelName = channelName
        self.inPublic = inPublic
        self.characters = characters
        self.draftLength = draftLength
    }
}

/// The finding codes of INTERFACES.md; raw values are the documented strings.
public enum CoachCode: String, Sendable, Hashable, Codable, CaseIterable {
    case noAcknowledgement = "no_acknowledgement"
    case noApology = "no_apology"
    case conditionalApology = "conditional_apology"
    case apologyWithBut = "apology_with_but"
    case defensiveOpener = "defensive_opener"
    case blame
    case noSolution = "no_solution"
    case vaguePromise = "vague_promise"
    case noCheck = "no_check"
    case referral
    case template
    case noName = "no_name"
    case wrongRegister = "wrong_register"
    case tooLong = "too_long"
    case publicPersonalData = "public_personal_data"
    case tone
}

public enum CoachSeverity: String, Sendable, Hashable, Codable, Comparable {
    /// Worth a look; costs the score little.
    case low
    /// Weakens the reply.
    case medium
    /// The customer will notice: fix before sending.
    case high

    var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One thing the coach noticed. `start`/`end` are offsets in the draft counted in Unicode
/// scalars (code points: what JavaScript's `Array.from(text)` and Python's `str` count), end
/// exclusive; absent when the finding is about something missing.
public struct CoachFinding: Sendable, Hashable, Codable {
    public var code: CoachCode
    public var severity: CoachSeverity
    /// Dutch (or English for an English draft), addressed to the agent.
    public var message: String
    public var start: Int?
    public var end: Int?
    /// A concrete way to fix it ("Noem het gemiste treintraject").
    public var suggestion: String?

    public init(code: CoachCode, severity: CoachSeverity, message: String, start: Int? = nil, end: Int? = nil, suggestion: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.start = start
        self.end = end
        self.suggestion = suggestion
    }
}

/// A commitment in the draft ("ik bel u morgen voor 12 uur terug") that the workspace can track.
public struct CoachPromise: Sendable, Hashable, Codable {
    public var text: String
    public var start: Int
    public var end: Int
    /// When it falls due, where the text names a time and the caller knows the clock (the coach
    /// itself reads no clock: the case's review fills it in).
    public var due: Date?

    public init(text: String, start: Int, end: Int, due: Date? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.due = due
    }
}

public struct CoachReview: Sendable, Hashable, Codable {
    /// 0 (send this and lose the customer) to 100 (nothing to improve).
    public var score: Int
    /// The draft's language, "nl" or "en".
    public var language: String
    /// False when the draft could not be reviewed (empty, or a language the coach does not
    /// read); `notes` says why.
    public var reviewed: Bool
    public var findings: [CoachFinding]
    /// The findings' suggestions, most important first, without repeats.
    public var suggestions: [String]
    public var promises: [CoachPromise]
    /// What the coach could not check and why ("Geen klachttekst: erkenning niet gecontroleerd").
    public var notes: [String]

    public init(score: Int, language: String, reviewed: Bool, findings: [CoachFinding], suggestions: [String], promises: [CoachPromise], notes: [String]) {
        self.score = score
        self.language = language
        self.reviewed = reviewed
        self.findings = findings
        self.suggestions = suggestions
        self.promises = promises
        self.notes = notes
    }
}

/// One labelled line of a coach data set (`coach-eval --dataset`).
public struct CoachExample: Sendable, Hashable, Codable {
    public enum Label: String, Sendable, Hashable, Codable { case good, poor }

    public var complaint: String
    public var draft: String
    public var label: Label
    /// The flaws a reviewer expects named; empty for good drafts.
    public var flaws: [CoachCode]
    public var customerName: String?
    public var channel: CoachChannel?

    public init(complaint: String, draft: String, label: Label, flaws: [CoachCode], customerName: String? = nil, channel: CoachChannel? = nil) {
        self.complaint = complaint
        self.draft = draft
        self.label = label
        self.flaws = flaws
        self.customerName = customerName
        self.channel = channel
    }
}
