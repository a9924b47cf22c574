import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore

/// Routing settings: each colleague pauses and resumes routing for themselves; leads and admins
/// set who takes part, with capacity and skills, on `/routering`.
struct RoutingController: Sendable {
    let store: any SignaalStore
    let pages: PageRenderer
    let topics: TopicCatalogue

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.post("/routering/pauze", use: togglePause)
        signedIn.get("/routering", use: settingsPage)
        signedIn.post("/routering/:id", use: save)
    }

    @Sendable func togglePause(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        guard var profile = try await store.routingProfiles().first(where: { $0.userID == user.id }) else {
            throw DomainError.conflict("U doet nog niet mee met de routering; een teamleider zet u aan op /routering.")
        }
        switch fields["pauze"]?.first {
        case "aan": profile.paused = true
        case "uit": profile.paused = false
        default: throw DomainError.invalidField("pauze", "kies aan of uit")
        }
        try await store.saveRoutingProfile(profile)
        return .redirect(to: "/", type: .normal)
    }

    @Sendable func settingsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await settingsPage(request, context: context, refused: nil)
    }

    /// A colleague's form that was refused: whose, why, and every value typed in it (the boxes of
    /// channels, topics and languages are several values of one field).
    struct RefusedForm {
        var userID: UserID
        var fields: [String: [String]]
        var problem: Problem
    }

    func settingsPage(_ request: Request, context: AppRequestContext, refused: RefusedForm?) async throws -> Response {
        guard let user = context.user, user.role >= .lead else {
            throw Problem.notAllowed("Alleen teamleiders en beheerders stellen de routering in.")
        }
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: Date())
        let profiles = Dictionary(uniqueKeysWithValues: try await store.routingProfiles().map { ($0.userID, $0) })
        let counts = try await store.openCaseCounts()
        let rows = try await store.users().filter(\.isActive).sorted { $0.name < $1.name }.map { colleague -> [String: Any] in
            let profile = profiles[colleague.id]
            // The refused form shows what was typed in it, not what is stored.
            let typed = refused?.userID == colleague.id ? refused?.fields : nil
            func checked(_ field: String, _ value: String, stored: Bool) -> Bool { typed.map { $0[field]?.contains(value) ?? false } ?? stored }
            var row: [String: Any] = [
                "id": colleague.id.description, "name": colleague.name, "role": language.roleName(colleague.role),
                "member": typed.map { $0["member"]?.first == "1" } ?? (profile != nil),
                "paused": typed.map { $0["paused"]?.first == "1" } ?? (profile?.paused ?? false),
                "capacity": typed?["capacity"]?.first ?? "\(profile?.capacity ?? RoutingProfile.defaultCapacity)",
                "open": counts[colleague.id, default: 0],
                "openLabel": language.text(counts[colleague.id, default: 0] == 1 ? "routing_open_case" : "routing_open_cases"),
                "channels": Channel.allCases.map { channel in
                    [
                        "value": channel.rawValue, "name": format.channel(channel),
                        "checked": checked("channels", channel.rawValue, stored: profile?.channels.contains(channel) ?? false),
                    ] as [String: Any]
                },
                "topics": topics.names.map {
                    [
                        "value": $0, "label": topics.label($0, language: language),
                        "checked": checked("topics", $0, stored: profile?.topics.contains($0) ?? false),
                    ] as [String: Any]
                },
                "languages": ["nl", "en"].map { code in
                    [
                        "value": code, "name": language.text("routing_language_\(code)"),
                        "checked": checked("languages", code, stored: profile?.languages.contains(code) ?? false),
                    ] as [String: Any]
                },
            ]
            if typed != nil, let refused { row["rowProblem"] = refused.problem.pageDetail }
            return row
        }
        return pages.render(
            "routering", titleKey: "routing_title", values: ["colleagues": rows], request: request, context: context,
            status: refused?.problem.status ?? .ok)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user, user.role >= .lead else {
            throw Problem.notAllowed("Alleen teamleiders en beheerders stellen de routering in.")
        }
        guard let id = UserID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("medewerker") }
        do {
            return try await save(fields, of: id)
        } catch {
            // What was typed wrong comes back beside that colleague's form, with all of it kept.
            let problem = Problem.from(error)
            guard [413, 422].contains(problem.status.code) else { throw error }
            return try await settingsPage(request, context: context, refused: RefusedForm(userID: id, fields: fields, problem: problem))
        }
    }

    private func save(_ fields: [String: [String]], of id: UserID) async throws -> Response {
        guard fields["member"]?.first == "1" else {
            try await store.removeRoutingProfile(userID: id)
            return .redirect(to: "/routering#user-\(id)", type: .normal)
        }
        let capacityText = fields["capacity"]?.first ?? ""
        guard let capacity = Int(capacityText), (1...RoutingProfile.maximumCapacity).contains(capacity) else {
            throw DomainError.invalidField("capacity", "kies een aantal zaken van 1 tot \(RoutingProfile.maximumCapacity)")
        }
        // An unknown value is refused, not dropped: dropped, a profile meant for one channel
        // would silently take cases of every channel.
        let channels = try (fields["channels"] ?? []).map { value in
            guard let channel = Channel(rawValue: value) else {
                throw DomainError.invalidField("channels", "onbekend kanaal ‘\(value)’")
            }
            return channel
        }
        let topics = fields["topics"] ?? []
        if let unknown = topics.first(where: { !self.topics.names.contains($0) }) {
            throw DomainError.invalidField("topics", "onbekend onderwerp ‘\(unknown)’")
        }
        let languages = fields["languages"] ?? []
        if let unknown = languages.first(where: { !["nl", "en"].contains($0) }) {
            throw DomainError.invalidField("languages", "onbekende taal ‘\(unknown)’ (nl of en)")
        }
        try await store.saveRoutingProfile(
            RoutingProfile(
                userID: id, paused: fields["paused"]?.first == "1", capacity: capacity, channels: channels, topics: topics,
                languages: languages))
        return .redirect(to: "/routering#user-\(id)", type: .normal)
    }
}

extension WebController {
    /// The viewer's routing state for the inbox: taking part, paused, or not taking part.
    func routingValues(for user: User) async throws -> [String: Any] {
        guard let profile = try await store.routingProfiles().first(where: { $0.userID == user.id }) else { return ["member": false] }
        return ["member": true, "paused": profile.paused, "capacity": profile.capacity]
    }
}
