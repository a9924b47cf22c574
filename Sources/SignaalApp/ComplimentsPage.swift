import Foundation
import Hummingbird
import SignaalDomain
import SignaalServices
import SignaalStore

extension WebController {
    /// Compliments from customers, with the colleague each is about: a reason to tell the team.
    /// Praise naming nobody is for who handled the case when it came (`ComplimentHandlers`).
    /// `?voor=mij` shows the viewer's own, `?team=<id>` a team's; `?dagen=N` the period. A
    /// compliment counts for the teams of the colleagues it reaches, or, when it names nobody
    /// and the case has no owner, for the team whose queue the case is in.
    @Sendable func complimentsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = clock()
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: now)
        let days = try Self.coachingDays(request.uri.queryParameters.get("dagen"))
        let onlyMine = request.uri.queryParameters.get("voor") == "mij"
        let teams = try await store.teams()
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        var onlyTeam: TeamID?
        if let teamText = request.uri.queryParameters.get("team"), !teamText.isEmpty {
            guard let team = TeamID(teamText), teamNames[team] != nil else { throw DomainError.notFound("team \(teamText)") }
            onlyTeam = team
        }
        let users = try await store.users()
        let byID = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
        let signals = try await store.signals(
            intent: .compliment, in: DateInterval(start: now.addingTimeInterval(-Double(days) * 86400), end: .distantFuture), limit: 500)
        let cases = try await store.cases(ids: signals.map(\.caseID))
        let handlers = try await ComplimentHandlers.handlers(of: signals, cases: cases, store: store)
        var items: [[String: Any]] = []
        var perColleague: [UserID: Int] = [:]
        var perTeam: [TeamID: Int] = [:]
        for signal in signals {
            let theCase = cases[signal.caseID]
            let recipients = ComplimentRecipients.recipients(of: signal.text, caseOwner: handlers[signal.id], among: users)
            let recipientTeams = recipients.isEmpty
                ? Set([theCase?.teamID].compactMap { $0 }) : Set(recipients.compactMap { byID[$0]?.teamID })
            for recipient in recipients { perColleague[recipient, default: 0] += 1 }
            for team in recipientTeams { perTeam[team, default: 0] += 1 }
            if onlyMine, let viewer = context.user, !recipients.contains(viewer.id) { continue }
            if let onlyTeam, !recipientTeams.contains(onlyTeam) { continue }
            let teamText = recipientTeams.compactMap { teamNames[$0] }.sorted().joined(separator: ", ")
            items.append([
                "text": signal.text, "at": format.dateTime(signal.receivedAt), "channel": format.channel(signal.channel),
                "author": signal.author.displayName, "caseID": signal.caseID.description,
                "for": recipients.isEmpty
                    ? (teamText.isEmpty
                        ? language.text("compliments_whole_team") : language.text("compliments_recipient_team", ["team": teamText]))
                    : recipients.compactMap { byID[$0]?.name }.joined(separator: ", "),
                "forMe": context.user.map { recipients.contains($0.id) } ?? false,
            ])
        }
        let board = perColleague.sorted { ($0.value, byID[$1.key]?.name ?? "") > ($1.value, byID[$0.key]?.name ?? "") }.map {
            ["name": byID[$0.key]?.name ?? "?", "count": $0.value] as [String: Any]
        }
        let teamBoard = teams.map { team -> [String: Any] in
            ["id": team.id.description, "name": team.name, "count": perTeam[team.id, default: 0], "current": team.id == onlyTeam]
        }
        var values: [String: Any] = [
            "compliments": items, "hasCompliments": !items.isEmpty, "days": days, "onlyMine": onlyMine, "board": board,
            "intro": language.text("compliments_intro", ["days": String(days)]),
            "hasBoard": !board.isEmpty, "teams": teamBoard, "hasTeams": !teams.isEmpty, "everyone": !onlyMine && onlyTeam == nil,
        ]
        if let name = onlyTeam.flatMap({ teamNames[$0] }) { values["teamName"] = name }
        return pages.render("complimenten", titleKey: "compliments_title", values: values, request: request, context: context)
    }

    /// A compliment reaches the colleague it is about on their inbox (capability 9, S2 tip 3): those
    /// of the last week (`RecentCompliments`) not yet marked seen.
    static func complimentsSeenKey(_ user: UserID) -> String { "compliments-seen:\(user)" }

    /// How many compliments for `user` arrived since they last pressed "Gezien" (within a week), and
    /// who wrote the newest.
    func complimentNotices(for user: User, now: Date) async throws -> (count: Int, from: String) {
        let seen = try await store.value(forKey: Self.complimentsSeenKey(user.id), now: now)
            .flatMap { Int64(String(decoding: $0, as: UTF8.self)) }.map { Date(millisecondsSince1970: $0) } ?? .distantPast
        let mine = try await recentCompliments().filter { $0.receivedAt > seen && $0.recipients.contains(user.id) }
        return (mine.count, mine.first?.author ?? "")
    }

    /// "Gezien": the compliments up to now leave the inbox (they stay on the compliments page).
    @Sendable func markComplimentsSeen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let now = clock()
        try await store.setValue(
            Data(String(now.millisecondsSince1970).utf8), forKey: Self.complimentsSeenKey(user.id),
            expiresAt: now.addingTimeInterval(RecentCompliments.period))
        return .redirect(to: Self.inboxReturn(fields), type: .normal)
    }
}
