import Foundation
import Hummingbird
import SignaalDomain
import SignaalStore

/// Colleagues on `/gebruikers`, for admins: who has an account, with which role and team, and the
/// changes a team goes through: a new colleague, another role, a leaver deactivated (signed out
/// at once, by `WebAuthMiddleware`), a forgotten password replaced.
struct UsersController: Sendable {
    let store: any SignaalStore
    let accounts: UserAccounts
    let pages: PageRenderer
    let clock: @Sendable () -> Date

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/gebruikers", use: usersPage)
        signedIn.post("/gebruikers", use: addColleague)
        signedIn.post("/gebruikers/:id/rol", use: setRole)
        signedIn.post("/gebruikers/:id/deactiveren", use: deactivate)
        signedIn.post("/gebruikers/:id/activeren", use: activate)
        signedIn.post("/gebruikers/:id/wachtwoord", use: setPassword)
        signedIn.post("/gebruikers/:id/ontgrendelen", use: unlock)
    }

    static func requireAdmin(_ context: AppRequestContext, _ language: Language) throws -> User {
        try context.user(atLeast: .admin, language, forbiddenKey: "users_forbidden")
    }

    /// The forms' failures the page shows beside them: what was typed (422), a refusal of the rules
    /// on accounts (403: oneself; 409: the last admin, an address taken). The page is the same after.
    static let comesBackOn: Set<Int> = [403, 409, 413, 422]

    @Sendable func usersPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await usersPage(request, context: context, failed: nil)
    }

    func usersPage(_ request: Request, context: AppRequestContext, failed: FailedForm?) async throws -> Response {
        let language = Language.of(request)
        let me = try Self.requireAdmin(context, language)
        let format = DisplayFormat(language: language, now: clock())
        let users = try await store.users()
        let teamNames = Dictionary(uniqueKeysWithValues: try await store.teams().map { ($0.id, $0.name) })
        let openCases = try await store.openCaseCounts()
        let failedFor = failed?.form == "colleague" ? failed?.fields["user"] : nil
        var locked: [UserID: Int] = [:]
        for colleague in users {
            locked[colleague.id] = try await accounts.lockedMinutes(of: colleague, now: clock())
        }
        let rows = users.map { colleague -> [String: Any] in
            let id = colleague.id.description
            let open = openCases[colleague.id] ?? 0
            let roles = Self.roleOptions(language, chosen: colleague.role)
            let teamName = colleague.teamID.flatMap { teamNames[$0] } ?? "—"
            var row: [String: Any] = [
                "id": id, "name": colleague.name, "email": colleague.email, "roleName": language.roleName(colleague.role),
                "teamName": teamName, "isActive": colleague.isActive, "created": format.date(colleague.createdAt),
                "isSelf": colleague.id == me.id, "roles": roles,
            ]
            if open > 0 {
                row["openCases"] = language.text(open == 1 ? "users_open_one" : "users_open_many", ["count": format.count(open)])
                // A leaver's cases wait for nobody: the admin hands them over.
                if !colleague.isActive { row["handOver"] = true }
            }
            if let minutes = locked[colleague.id] {
                row["locked"] = language.text("users_locked", ["minutes": format.count(minutes)])
            }
            if failedFor == id, let failed { row["rowProblem"] = failed.problem.pageDetail }
            return row
        }
        // A new colleague is an agent unless the admin chose otherwise (and the form came back).
        let chosenRole = failed?.form == "add" ? failed?.fields["role"].flatMap(User.Role.init(rawValue:)) : nil
        let passwordHelp = language.text("users_password_help", ["count": "\(User.minimumPasswordCharacters)"])
        let values: [String: Any] = [
            "colleagues": rows, "wide": true, "minimumPassword": User.minimumPasswordCharacters, "passwordHelp": passwordHelp,
            "newRoles": Self.roleOptions(language, chosen: chosenRole ?? .agent),
        ]
        return pages.render("gebruikers", titleKey: "users_title", values: values, request: request, context: context, failed: failed)
    }

    static func roleOptions(_ language: Language, chosen: User.Role) -> [[String: Any]] {
        User.Role.allCases.map { role in ["value": role.rawValue, "label": language.roleName(role), "chosen": role == chosen] }
    }

    @Sendable func addColleague(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        _ = try Self.requireAdmin(context, Language.of(request))
        // A password typed is never shown again, not even after a failure.
        return try await FailedForm.backToForm("add", fields.filter { $0.key != "password" }, comesBackOn: Self.comesBackOn) {
            guard let role = fields["role"]?.first.flatMap(User.Role.init(rawValue:)) else {
                throw DomainError.invalidField("role", "kies medewerker, teamleider of beheerder")
            }
            let user = try await Self.naming(Language.of(request)) {
                try await accounts.create(
                    email: fields["email"]?.first ?? "", name: fields["name"]?.first ?? "", role: role, password: fields["password"]?.first ?? "",
                    now: clock())
            }
            return .redirect(to: "/gebruikers#user-\(user.id)", type: .normal)
        } page: {
            try await usersPage(request, context: context, failed: $0)
        }
    }

    @Sendable func setRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context) { fields, id, me in
            guard let role = fields["role"]?.first.flatMap(User.Role.init(rawValue:)) else {
                throw DomainError.invalidField("role", "kies medewerker, teamleider of beheerder")
            }
            try await accounts.setRole(role, of: id, by: .admin(me.id))
            context.audit.say("nieuwe rol: \(role.dutchName)")
        }
    }

    @Sendable func deactivate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context) { _, id, me in try await accounts.setActive(false, of: id, by: .admin(me.id)) }
    }

    @Sendable func activate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context) { _, id, me in try await accounts.setActive(true, of: id, by: .admin(me.id)) }
    }

    @Sendable func setPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context) { fields, id, me in
            let stamp = try await Self.naming(Language.of(request)) { try await accounts.setPassword(fields["password"]?.first ?? "", of: id) }
            // An admin's own new password signs out their other sessions, not the one they set it in.
            if id == me.id, var session = context.sessions.session {
                session.passwordStamp = stamp
                _ = context.sessions.updateSession(session)
            }
        }
    }

    /// Lifts a lock after too many wrong passwords, without a new password (the person remembered it).
    @Sendable func unlock(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context) { _, id, _ in _ = try await accounts.unlock(id, now: clock()) }
    }

    /// One colleague's form: checked, done by the signed-in admin, and back to that colleague on
    /// the page; a refusal comes back beside their forms.
    private func change(
        _ request: Request, _ context: AppRequestContext, _ action: ([String: [String]], UserID, User) async throws -> Void
    ) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let me = try Self.requireAdmin(context, Language.of(request))
        guard let id = UserID(context.parameters.get("id") ?? "") else { throw DomainError.notFound("gebruiker") }
        let kept = fields.filter { $0.key != "password" }.merging(["user": [id.description]]) { $1 }
        return try await FailedForm.backToForm("colleague", kept, comesBackOn: Self.comesBackOn) {
            try await action(fields, id, me)
            return .redirect(to: "/gebruikers#user-\(id)", type: .normal)
        } page: {
            try await usersPage(request, context: context, failed: $0)
        }
    }

    /// A field's rule as the admin reads it beside a form of several fields: "Het wachtwoord moet
    /// minstens 8 tekens zijn." rather than "Moet minstens 8 tekens zijn."
    /// A password too easy to guess is refused in the reader's language, saying why.
    static func naming<T>(_ language: Language, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch DomainError.invalidField("password", let reason) where PasswordWeakness.allCases.contains(where: { $0.dutchReason == reason }) {
            let weakness = PasswordWeakness.allCases.first { $0.dutchReason == reason }!
            throw DomainError.invalidField("password", language.text("users_password_weak_\(weakness.rawValue)"))
        } catch DomainError.invalidField(let field, let reason) where ["password", "name"].contains(field) {
            throw DomainError.invalidField(field, "\(field == "password" ? "het wachtwoord" : "de naam") \(reason)")
        }
    }
}
