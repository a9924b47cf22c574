import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore

extension WebController {
    /// Compliments from customers, with the colleague each is about: a reason to tell the team.
    /// `?voor=mij` shows the viewer's own; `?dagen=N` the period.
    @Sendable func complimentsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = clock()
        let format = DisplayFormat(language: Language.of(request), now: now)
        let days = try Self.coachingDays(request.uri.queryParameters.get("dagen"))
        let onlyMine = request.uri.queryParameters.get("voor") == "mij"
        let users = try await store.users()
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.name) })
        let signals = try await store.signals(intent: .compliment, since: now.addingTimeInterval(-Double(days) * 86400), limit: 500)
        var owners: [CaseID: UserID?] = [:]
        var items: [[String: Any]] = []
        var perColleague: [UserID: Int] = [:]
        for signal in signals {
            if owners[signal.caseID] == nil { owners[signal.caseID] = try await store.case(id: signal.caseID)?.ownerID }
            let recipients = ComplimentRecipients.recipients(of: signal.text, caseOwner: owners[signal.caseID] ?? nil, among: users)
            for recipient in recipients { perColleague[recipient, default: 0] += 1 }
            if onlyMine, let viewer = context.user, !recipients.contains(viewer.id) { continue }
            items.append([
                "text": signal.text, "at": format.dateTime(signal.receivedAt), "channel": format.channel(signal.channel),
                "author": signal.author.displayName, "caseID": signal.caseID.description,
                "for": recipients.isEmpty ? "het hele team" : recipients.compactMap { names[$0] }.joined(separator: ", "),
                "forMe": context.user.map { recipients.contains($0.id) } ?? false,
            ])
        }
        let board = perColleague.sorted { ($0.value, names[$1.key] ?? "") > ($1.value, names[$0.key] ?? "") }.map {
            ["name": names[$0.key] ?? "?", "count": $0.value] as [String: Any]
        }
        return pages.render(
            "complimenten", title: "Complimenten",
            values: [
                "compliments": items, "hasCompliments": !items.isEmpty, "days": days, "onlyMine": onlyMine, "board": board,
                "hasBoard": !board.isEmpty,
            ], request: request, context: context)
    }
}
