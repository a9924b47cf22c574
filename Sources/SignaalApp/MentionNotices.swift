import Foundation
import Hummingbird
import SignaalDomain

/// "@Bram" in an internal note reaches Bram's inbox, as one line beside the search, until he
/// opens the case or presses "Gezien".
extension WebController {
    /// How long an unseen mention stays on the inbox.
    static let mentionDays = 14

    func mentionNotice(for user: User, names: [UserID: String], now: Date, language: Language) async throws -> [String: Any]? {
        let mentions = try await store.unseenMentions(
            userID: user.id, since: now.addingTimeInterval(-Double(Self.mentionDays) * 86400), limit: 20)
        guard let newest = mentions.first, let theCase = try await store.case(id: newest.caseID) else { return nil }
        let author = names[newest.authorID] ?? "?"
        return [
            "title": mentions.count == 1
                ? language.text("mention_notice_one", ["author": author])
                : language.text("mention_notice_many", ["count": mentions.count >= 20 ? "20+" : String(mentions.count), "author": author]),
            "link": "/cases/\(theCase.id)#note-\(newest.id)", "subject": theCase.subject, "text": String(newest.text.prefix(300)),
        ]
    }

    /// "Gezien": every mention leaves the inbox (the notes stay on their cases).
    @Sendable func markMentionsSeen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        try await store.markMentionsSeen(userID: user.id, caseID: nil, at: clock())
        return .redirect(to: Self.inboxReturn(fields), type: .normal)
    }

    /// Opening the case is reading its notes: their mentions of the viewer leave their inbox. Only
    /// a case with notes can have any; a write only when one is unseen (or more than a page of
    /// them wait, so one of this case may be among the rest).
    func markMentionsRead(on caseID: CaseID, notes: [InternalNote], by user: User, now: Date) async throws {
        guard !notes.isEmpty else { return }
        let limit = 100
        let unseen = try await store.unseenMentions(
            userID: user.id, since: now.addingTimeInterval(-Double(Self.mentionDays) * 86400), limit: limit)
        if unseen.count == limit || unseen.contains(where: { $0.caseID == caseID }) {
            try await store.markMentionsSeen(userID: user.id, caseID: caseID, at: now)
        }
    }
}
