import Foundation
import Hummingbird
import SignaalChannels
import SignaalDomain
import SignaalStore

/// Teams on `/teams`, for admins: who is in which team, and the rules that send new work to a
/// team's queue (by topic, channel, language or the brand a message names).
struct TeamsController: Sendable {
    let store: any SignaalStore
    let pages: PageRenderer
    let topicNames: [String]
    let clock: @Sendable () -> Date

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/teams", use: teamsPage)
        signedIn.post("/teams", use: createTeam)
        signedIn.post("/teams/:id/naam", use: renameTeam)
        signedIn.post("/teams/leden/:id", use: setMembership)
        signedIn.post("/teams/regels", use: addRule)
        signedIn.post("/teams/regels/:id/verwijderen", use: removeRule)
    }

    static func requireAdmin(_ context: AppRequestContext, _ language: Language) throws -> User {
        try context.user(atLeast: .admin, language, forbiddenKey: "teams_forbidden")
    }

    /// A rule's field as the reader says it: "Onderwerp", "Topic".
    static func fieldName(_ field: TeamRule.Field, in language: Language) -> String {
        language.text("teams_field_\(field.rawValue)")
    }

    @Sendable func teamsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.requireAdmin(context, Language.of(request))
        let language = Language.of(request)
        let teams = try await store.teams()
        let users = try await store.users().filter(\.isActive).sorted { $0.name < $1.name }
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        let teamRows = teams.map { team -> [String: Any] in
            let members = users.filter { $0.teamID == team.id }.map(\.name)
            return ["id": team.id.description, "name": team.name, "members": members.joined(separator: ", "), "empty": members.isEmpty]
        }
        let colleagueRows = users.map { colleague -> [String: Any] in
            [
                "id": colleague.id.description, "name": colleague.name, "role": language.roleName(colleague.role),
                "noTeam": colleague.teamID == nil,
                "teams": teams.map { ["id": $0.id.description, "name": $0.name, "selected": $0.id == colleague.teamID] as [String: Any] },
            ]
        }
        let format = DisplayFormat(language: language, now: clock())
        let staffed = Set(users.compactMap(\.teamID))
        let rules = try await store.teamRules().map { rule -> [String: Any] in
            var row: [String: Any] = [
                "id": rule.id.description, "field": Self.fieldName(rule.field, in: language),
                "value": rule.field == .channel ? Channel(rawValue: rule.value).map(format.channel) ?? rule.value : rule.value,
                "team": teamNames[rule.teamID] ?? "?",
            ]
            // Routing only picks a member of the team: with none, these cases wait for no one.
            if !staffed.contains(rule.teamID) { row["unstaffed"] = true }
            return row
        }
        let values: [String: Any] = [
            "teams": teamRows, "hasTeams": !teams.isEmpty, "colleagues": colleagueRows, "rules": rules, "hasRules": !rules.isEmpty,
            "fields": TeamRule.Field.allCases.map { ["value": $0.rawValue, "name": Self.fieldName($0, in: language)] },
            "topics": topicNames.joined(separator: ", "), "channels": Channel.allCases.map(format.channel).joined(separator: ", "),
        ]
        return pages.render("teams", titleKey: "teams_title", values: values, request: request, context: context)
    }

    @Sendable func createTeam(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        _ = try Self.requireAdmin(context, Language.of(request))
        let name = try await availableName(fields, for: nil)
        let now = clock()
        try await store.createTeam(Team(id: .generate(now: now), name: name), now: now)
        return .redirect(to: "/teams", type: .normal)
    }

    @Sendable func renameTeam(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        _ = try Self.requireAdmin(context, Language.of(request))
        guard let id = TeamID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("team") }
        try await store.renameTeam(id: id, to: try await availableName(fields, for: id))
        return .redirect(to: "/teams#team-\(id)", type: .normal)
    }

    /// The form's team name, when no other team has it: "webcare" beside "Webcare" is the same
    /// team twice in every list a colleague picks from. A team may change its own name's case.
    func availableName(_ fields: [String: [String]], for team: TeamID?) async throws -> String {
        let name = (fields["name"]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...60).contains(name.count) else { throw DomainError.invalidField("name", "geef het team een naam van 2 tot 60 tekens") }
        let folded = CustomerNameSearch.folded(name)
        if let existing = try await store.teams().first(where: { $0.id != team && CustomerNameSearch.folded($0.name) == folded }) {
            throw DomainError.conflict("Er is al een team met de naam \(existing.name).")
        }
        return name
    }

    @Sendable func setMembership(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        _ = try Self.requireAdmin(context, Language.of(request))
        guard let userID = UserID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("medewerker") }
        let choice = fields["team"]?.first ?? ""
        var teamID: TeamID?
        if !choice.isEmpty {
            guard let team = TeamID(choice) else { throw DomainError.invalidField("team", "kies een bestaand team of geen") }
            teamID = team
        }
        try await store.setTeam(userID: userID, teamID: teamID)
        return .redirect(to: "/teams#user-\(userID)", type: .normal)
    }

    @Sendable func addRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        _ = try Self.requireAdmin(context, Language.of(request))
        guard let field = fields["field"]?.first.flatMap(TeamRule.Field.init(rawValue:)) else {
            throw DomainError.invalidField("field", "kies onderwerp, kanaal, taal of merk")
        }
        guard let teamID = fields["team"]?.first.flatMap(TeamID.init) else { throw DomainError.invalidField("team", "kies een team") }
        let position = (try await store.teamRules().map(\.position).max() ?? 0) + 1
        var value = fields["value"]?.first ?? ""
        // "Telefoon", "e-mail", "Twitter": a channel as people say it.
        if field == .channel, let channel = CSVChannelNames.channel(for: value) { value = channel.rawValue }
        let rule = try TeamRule.validated(
            id: .generate(now: clock()), position: position, field: field, value: value, teamID: teamID,
            topics: topicNames)
        try await store.addTeamRule(rule)
        return .redirect(to: "/teams#regels", type: .normal)
    }

    @Sendable func removeRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await CaseActionsController.checkedForm(request, context: context)
        _ = try Self.requireAdmin(context, Language.of(request))
        guard let id = TeamRuleID(context.parameters.get("id") ?? ""), try await store.removeTeamRule(id: id) else {
            throw DomainError.notFound("teamregel")
        }
        return .redirect(to: "/teams#regels", type: .normal)
    }
}
