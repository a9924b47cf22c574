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

    /// The question as the customer reads it: a greeting by name when known, what we ask (two
    /// short questions and a comment on the page, not "one click"), the link, and the organisation
    /// as sender. On social and chat channels it stays one short line; on X it fits a post
    /// (`maximumPostLength`, the link counted as `linkLength`).
    public static func message(link: String, customerName: String?, organisation: String, channel: Channel, english: Bool) -> String {
        let name = customerName?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        let sender = organisation.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty ?? "Signaal"
        // Posts and chat messages (the channels answered on their platform) are one short line, not a letter.
        guard channel.repliesOnPlatform else {
            if english {
                return "\(name.map { "Dear \($0)," } ?? "Hello,")\n\n"
                    + "We hope everything has now been sorted out the way you wanted. Would you let us know how it went? "
                    + "It is two short questions, with room for a comment:\n\(link)\n\nKind regards,\n\(sender)"
            }
            return "Beste \(name ?? "klant"),\n\n"
                + "We hopen dat alles nu naar wens is opgelost. Wilt u ons laten weten hoe het ging? "
                + "Het zijn twee korte vragen, met ruimte voor een opmerking:\n\(link)\n\nMet vriendelijke groet,\n\(sender)"
        }
        func short(_ firstName: String?) -> String {
            english
                ? "Hi\(firstName.map { " \($0)" } ?? ""), is everything sorted the way you wanted? Let us know in two short questions: \(link) Best, \(sender)"
                : "Hoi\(firstName.map { " \($0)" } ?? ""), is alles naar wens opgelost? Laat het ons weten in twee korte vragen: \(link) Groet, \(sender)"
        }
        let text = short(name?.split(separator: " ").first.map(String.init))
        // A very long name (or organisation) must not push the post over X's limit: the name goes first.
        return postLength(text, link: link) <= maximumPostLength ? text : short(nil)
    }

    /// An X post's length limit, and what a link counts for in it whatever its length.
    public static let maximumPostLength = 280
    public static let linkLength = 23

    /// `text`'s length as X counts it, `link` counting as `linkLength`.
    public static func postLength(_ text: String, link: String) -> Int {
        text.count - (text.contains(link) ? link.count - linkLength : 0)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
