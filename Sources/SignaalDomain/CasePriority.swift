import Foundation

/// The facts that decide how urgent a case is. Pure data, so the score is a pure function.
public struct PriorityInputs: Sendable, Hashable {
    /// Since when the customer waits for an answer; nil when nobody waits.
    public var waitingSince: Date?
    /// Inbound messages on this case that count as contacts (the customer writing again is a
    /// repeat contact; a closing thank-you is not, see `Case.priorityInputs`).
    public var inboundCount: Int
    /// Times the case came back after it was resolved.
    public var reopenCount: Int
    /// The largest follower count among the case's authors.
    public var followers: Int
    /// 0...1, what the text analysis of the latest signal adds (the DutchText seam); see `TextPriority`.
    public var textScore: Double
    /// The case is one message of praise: it waits for a thank-you, never before a complaint.
    public var praiseOnly: Bool

    public struct TextPriority: Sendable, Hashable {
        /// 0...1, from urgency cues.
        public var urgency: Double
        /// 0...1, how strongly the customer feels.
        public var emotion: Double
        public var intent: Analysis.Intent
        /// The customer (or someone they write for) is vulnerable: old, ill, disabled, in danger.
        public var vulnerable: Bool
        /// The customer threatens to go further: a lawyer, the Consumentenbond, the press, a court.
        public var escalation: Bool
        public init(urgency: Double, emotion: Double, intent: Analysis.Intent, vulnerable: Bool = false, escalation: Bool = false) {
            self.urgency = urgency
            self.emotion = emotion
            self.intent = intent
            self.vulnerable = vulnerable
            self.escalation = escalation
        }

        /// 0...1: urgent, emotional complaints first; compliments and other messages add little. A
        /// vulnerable customer who complains or asks for help is pressing however calmly they write
        /// ("Mijn oma van 84 staat op het perron, ze is slecht ter been"), and so is one who
        /// threatens a lawyer, the Consumentenbond or the press (a case that may leave our hands);
        /// praise that mentions someone's age is not.
        public var score: Double {
            let intentFactor: Double =
                switch intent {
                case .complaint: 1
                case .question: 0.6
                case .compliment, .other: 0.2
                }
            let score = min(1, max(0, (0.6 * urgency + 0.4 * emotion) * intentFactor))
            return (vulnerable || escalation) && (intent == .complaint || intent == .question) ? max(score, PriorityInputs.pressingText) : score
        }
    }

    /// From this text part a case is pressing: it is put in the urgent band (see `CasePriority.compute`).
    public static let pressingText = 0.9

    public init(waitingSince: Date?, inboundCount: Int, reopenCount: Int, followers: Int, textScore: Double = 0, praiseOnly: Bool = false) {
        self.waitingSince = waitingSince
        self.inboundCount = inboundCount
        self.reopenCount = reopenCount
        self.followers = followers
        self.textScore = textScore
        self.praiseOnly = praiseOnly
    }
}

/// A priority score 0...100 with the parts it was made of, so the UI can say why.
public struct CasePriority: Sendable, Hashable {
    public var score: Double
    public var waiting: Double
    public var repeatContact: Double
    public var reach: Double
    public var text: Double
    /// What waiting, repeats and reach count for (1, or `praiseFactor` for one message of praise).
    public var factor: Double = 1
    /// The text put the case in the urgent band (a vulnerable customer, a threat to go further).
    public var pressing = false

    /// The points each part added, in the order the case page says them.
    public var points: (waiting: Double, repeatContact: Double, reach: Double, text: Double) {
        (waiting * Self.waitingWeight * factor, repeatContact * Self.repeatWeight * factor, reach * Self.reachWeight * factor,
         text * Self.textWeight)
    }

    /// Weights of the parts; they add up to 100.
    static let waitingWeight = 30.0
    static let repeatWeight = 25.0
    static let reachWeight = 25.0
    static let textWeight = 20.0
    /// What waiting, repeats and reach count for a case of one message of praise: a day-old thank-you
    /// from a large account is no reason to keep a fresh complaint waiting.
    static let praiseFactor = 0.1
    /// Where the standard urgent band starts (`PriorityThresholds`).
    static let urgentBand = PriorityThresholds.standard.urgent

    /// Computes the priority at `now`.
    ///
    /// Waiting counts up to a full day; repeat contact saturates at five messages or two reopens;
    /// reach is logarithmic (10 followers ≈ 0.17, 10k ≈ 0.67, 1M = 1), because one tweet from
    /// a large account reaches more people than a hundred from small ones (S2).
    public static func compute(_ inputs: PriorityInputs, now: Date) -> CasePriority {
        let waitingHours = inputs.waitingSince.map { max(0, now.timeIntervalSince($0)) / 3600 } ?? 0
        let waiting = min(1, waitingHours / 24)
        let repeats = Double(max(0, inputs.inboundCount - 1)) / 4 + Double(inputs.reopenCount) / 2
        let repeatContact = min(1, repeats)
        let reach = min(1, log10(Double(max(0, inputs.followers)) + 1) / 6)
        let text = min(1, max(0, inputs.textScore))
        var score =
            (waiting * waitingWeight + repeatContact * repeatWeight + reach * reachWeight) * (inputs.praiseOnly ? praiseFactor : 1)
            + text * textWeight
        // The text part can add at most 20 points, so a vulnerable customer who just wrote would wait
        // behind every case that has waited a day: a pressing text goes to the urgent band at once.
        let pressing = text >= PriorityInputs.pressingText && score < urgentBand
        if pressing { score = urgentBand }
        return CasePriority(
            score: (score * 100).rounded() / 100,
            waiting: waiting, repeatContact: repeatContact, reach: reach, text: text, factor: inputs.praiseOnly ? praiseFactor : 1,
            pressing: pressing)
    }
}
