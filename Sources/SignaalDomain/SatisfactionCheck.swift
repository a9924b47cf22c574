import Foundation

/// One question to the customer after resolving, through the channel they used: a score 1–5,
/// "is it solved?" and a comment. Works where platforms have no in-app surveys (X, Facebook):
/// it is a short message with a link to a one-question page.
public struct SatisfactionCheck: Sendable, Hashable, Codable {
    /// Unguessable; the link's only key, so the page needs no sign-in.
    public var token: String
    public var caseID: CaseID
    public var sentAt: Date
    public var answeredAt: Date?
    public var score: Int?
    public var solved: Bool?
    public var comment: String?

    public init(
        token: String, caseID: CaseID, sentAt: Date, answeredAt: Date? = nil, score: Int? = nil, solved: Bool? = nil, comment: String? = nil
    ) {
        self.token = token
        self.caseID = caseID
        self.sentAt = sentAt
        self.answeredAt = answeredAt
        self.score = score
        self.solved = solved
        self.comment = comment
    }

    public static let scores = 1...5
    public static let maximumCommentCharacters = 2000

    /// A low score or "not solved" sends the case back to its owner.
    public var asksToReopen: Bool { solved == false || (score ?? 5) <= 2 }

    /// Channels a message with a link can go out on.
    public static func canReach(_ channel: Channel) -> Bool {
        switch channel {
        case .x, .facebook, .messenger, .instagram, .whatsapp, .email, .webform: true
        case .phone, .counter, .letter, .api, .other: false
        }
    }
}
