import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import HTTPTypes
import Logging
import NIOPosix
import SignaalChannels
import SignaalDomain
import SignaalStore

/// A form that did not go through: which one, why, and what was typed in it. Its page comes back
/// with the reason beside the form and every typed field in its input (`PageRenderer.render`'s
/// `failed`), so nothing the agent typed is lost.
struct FailedForm: Sendable {
    var form: String
    var problem: Problem
    var fields: [String: String]

    /// Runs a form's `action`; when it fails on what was entered (413, 422), `page` renders the
    /// form's page again with this failure. A refusal (403), something gone (404) or moved on
    /// (409) gets the error page: the form may no longer be there to show the reason beside. A page
    /// whose forms stay put names more statuses in `comesBackOn`.
    static func backToForm(
        _ form: String, _ fields: [String: [String]], comesBackOn statuses: Set<Int> = [413, 422], _ action: () async throws -> Response,
        page: (FailedForm) async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch {
            let problem = Problem.from(error)
            guard statuses.contains(problem.status.code) else { throw error }
            let typed = fields.compactMapValues(\.first).filter { $0.key != "csrf" }
            return try await page(FailedForm(form: form, problem: problem, fields: typed))
        }
    }

    /// What a template reads as `failed.<form>`: the reason (`problem`) and only the fields with
    /// a value, as Mustache takes an empty string for true.
    var values: [String: Any] {
        [form: fields.filter { !$0.value.isEmpty }.merging(["problem": problem.pageDetail]) { $1 }]
    }
}

/// The browser pages: sign-in, inbox and case page. Thin: read, shape, render.
struct WebController: Sendable {
    let store: any SignaalStore
    let pages: PageRenderer
    let clock: @Sendable () -> Date
    let secureCookies: Bool
    /// Whether `X-Forwarded-For` names the client whose wrong passwords are counted (`SignInGuard`).
    let trustProxy: Bool
    /// The topics agents can choose when they correct an analysis.
    let topics: TopicCatalogue
    var topicNames: [String] { topics.names }
    /// The team's reply templates, offered in the composer.
    let templates: [ReplyTemplate]
    /// What each role may give at once; shown with the compensation form.
    let mandate: Mandate
    /// Opening hours and targets: the timers on the inbox and the case page.
    let sla: SLASettings
    /// Unresolved cases the SLA views read at once.
    let slaScanBatch: Int
    /// The brand's own handles: an account posing as one of them is marked on its case.
    let brand: BrandAccounts
    /// Spikes of messages in the last hour, said above the inbox.
    let surges: DetectSurges
    /// The week's compliments and whom they are for, told on each colleague's inbox.
    let recentCompliments: RecentCompliments
    /// How many cases each view has at risk or breached, as of the last SLA watch.
    let slaStandings: SLAStandings
    /// Channels whose replies stopped getting out, as the outbox found.
    let replyTroubles: ReplyTroubles
    /// Whether the text of a mention announced without it (Instagram) is fetched: only with Meta's token.
    let fetchesMentionTexts: Bool

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/login", use: loginPage)
        router.post("/login", use: login)
        let signedIn = router.group().add(middleware: WebAuthMiddleware(store: store))
        signedIn.post("/logout", use: logout)
        signedIn.get("/", use: inbox)
        signedIn.get("/cases/:id", use: casePage)
        signedIn.post("/signals/:id/label", use: correct)
        signedIn.get("/coaching", use: coachingPage)
        signedIn.get("/complimenten", use: complimentsPage)
        signedIn.post("/complimenten/gezien", use: markComplimentsSeen)
        signedIn.post("/notities/gezien", use: markMentionsSeen)
        signedIn.get("/bezetting", use: staffingPage)
        signedIn.get("/rapport", use: reportPage)
        signedIn.get("/export/zaken.csv", use: casesExport)
        addIncidentRoutes(to: signedIn)
        addImprovementRoutes(to: signedIn)
    }

    // MARK: Sign-in

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderLogin(request: request, context: context, failed: false)
    }

    private func renderLogin(
        request: Request, context: AppRequestContext, failed: Bool, email: String = "", lockedMinutes: Int? = nil
    ) async throws -> Response {
        // Before sign-in there is no session: a double-submit cookie protects the form.
        let token = Self.randomToken()
        let language = Language.of(request)
        var values: [String: Any] = [
            "loginCSRF": token, "failed": failed && lockedMinutes == nil, "email": email,
            "next": Self.safeNext(request.uri.queryParameters.get("next")) ?? "",
            "signedOut": request.uri.queryParameters.get("afgemeld") == "1",
            // Sent here because the session ran out (WebAuthMiddleware marks it): say so, and that the text typed waits.
            "expired": request.uri.queryParameters.get("verlopen") == "1" && !failed,
        ]
        if let lockedMinutes { values["locked"] = ["minutes": lockedMinutes] }
        var response = pages.render(
            "login", title: language.text("login_title"),
            values: values,
            request: request, context: context, status: lockedMinutes != nil ? .tooManyRequests : failed ? .unauthorized : .ok)
        response.setCookie(.init(name: "signaal_login", value: token, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    struct LoginForm: Decodable {
        var email: String
        var password: String
        var csrf: String
        var next: String?
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
        guard let cookie = request.cookies["signaal_login"]?.value, !cookie.isEmpty, cookie == form.csrf else {
            throw Problem.formExpired
        }
        let signIns = SignInGuard(store: store)
        let email = form.email.trimmingCharacters(in: .whitespaces)
        let client = request.clientAddress(context: context, trustProxy: trustProxy)
        // Counted before the password is checked: a guessed right password during a lock-out opens nothing.
        if let minutes = try await signIns.admit(email: email, client: client, now: clock()) {
            context.logger.notice("sign-in locked", metadata: ["email": "\(form.email.prefix(3))…"])
            return try await renderLogin(request: request, context: context, failed: true, email: form.email, lockedMinutes: minutes)
        }
        let found = try await store.userWithPasswordHash(email: email)
        // bcrypt takes a quarter of a second on purpose: keep it off the event loop.
        let password = form.password
        let verified = try await NIOThreadPool.singleton.runIfActive {
            guard let (_, hash) = found else {
                _ = Bcrypt.verify(password, hash: Self.decoyHash)  // same time for unknown addresses
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
        guard verified, let (user, hash) = found, user.isActive else {
            context.logger.notice("sign-in failed", metadata: ["email": "\(form.email.prefix(3))…"])
            return try await renderLogin(request: request, context: context, failed: true, email: form.email)
        }
        try await signIns.succeeded(email: email, client: client, now: clock())
        context.sessions.createSession(
            WebSession(userID: user.id.description, csrfToken: Self.randomToken(), passwordStamp: WebSession.passwordStamp(of: hash)))
        return .redirect(to: Self.safeNext(form.next) ?? "/", type: .found)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await Self.checkCSRF(request, context: context)
        context.sessions.clearSession()
        // The sign-in page then forgets this tab's unsent drafts (the next person at the desk is
        // someone else); a session that merely ran out keeps them.
        return .redirect(to: "/login?afgemeld=1", type: .found)
    }

    // MARK: Inbox and case

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: clock())
        let cursor: CaseCursor?
        do {
            cursor = try request.uri.queryParameters.get("cursor").map(PageCursor.caseCursor)
        } catch {
            // The API's message names its nextCursor field; here a person followed a stale or edited link.
            throw Problem(.badRequest, language.text("inbox_cursor_invalid"))
        }
        let pageSize = 50
        let parameters = request.uri.queryParameters
        let view = parameters.get("zaken") ?? "alle"
        let (owner, teamID) = try Self.scope(of: view, user: context.user, language: language)
        let filter = try CaseFilterParameters.filter(
            statuses: CaseStatus.unresolved, owner: owner, teamID: teamID, channel: parameters.get("kanaal"),
            topic: parameters.get("onderwerp"), sentiment: parameters.get("toon"), intent: parameters.get("soort"), topics: topicNames,
            recent: parameters.get("recent"), now: clock())
        let slaView = request.uri.queryParameters.get("norm") ?? ""
        // Forms send spaces as '+'; a search has no use for a literal plus.
        let searchText = (request.uri.queryParameters.get("q") ?? "").replacingOccurrences(of: "+", with: " ")
            .trimmingCharacters(in: .whitespaces)
        let now = clock()
        let cases: [Case]
        // Only punctuation or emoji: the inbox stays, with the search box and what to type instead.
        var searchWithoutWords = false
        switch slaView {
        case "" where !searchText.isEmpty:
            guard let query = SearchQuery(searchText) else {
                searchWithoutWords = true
                cases = []
                break
            }
            // The view and "Verfijn" choices narrow a search too; it finds cases of every status.
            var searchFilter = filter
            searchFilter.statuses = []
            cases = try await store.searchCases(query, matching: searchFilter, limit: pageSize)
        case "":
            cases = try await store.cases(matching: filter, limit: pageSize + 1, after: cursor)
        case "risico", "verlopen":
            cases = try await casesWithSLA(
                slaView == "risico" ? .atRisk : .breached, matching: filter, after: cursor, limit: pageSize + 1, now: now)
        default: throw DomainError.invalidField("norm", "kies risico of verlopen")
        }
        var page = Array(cases.prefix(pageSize))
        // A web form's reference ("SG-2F83-TNYN", as a customer reads it out) is the hit, on top,
        // whatever the view: it names one complaint, which no message's words contain.
        if slaView.isEmpty, !searchText.isEmpty, let reference = WebformReference(typed: searchText) {
            for signal in try await store.signals(externalID: reference.description) where signal.channel == .webform {
                guard let theCase = try await store.case(id: signal.caseID) else { continue }
                page.removeAll { $0.id == theCase.id }
                page.insert(theCase, at: 0)
            }
        }
        if slaView.isEmpty { page = try await store.withSLATransitions(page, settings: sla) }
        let searching = !searchText.isEmpty && slaView.isEmpty && !searchWithoutWords
        let names = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        var rows: [[String: Any]] = []
        let customers = try await store.customers(ids: page.map(\.customerID))
        for theCase in page {
            let customer = customers[theCase.customerID]
            rows.append([
                "owner": theCase.ownerID.flatMap { names[$0] } ?? "–",
                "id": theCase.id.description,
                "priority": String(format: "%.0f", theCase.priority),
                "subject": theCase.subject,
                "customer": customer?.name ?? customer?.identities.first?.value ?? "?",
                "channel": format.channel(theCase.channel),
                "status": format.status(theCase.status),
                "statusClass": theCase.status.rawValue,
                "waiting": theCase.waitingSince.map(format.duration(since:)) ?? "–",
                "messages": theCase.signalCount,
                "fake": impersonated(customer, on: theCase.channel) != nil,
            ].merging(slaValues(theCase, now: now, language: language)) { $1 })
        }
        // Checked by the filter above: a known number of minutes, or none.
        let recent = filter.lastInboundSince == nil ? nil : parameters.get("recent")?.trimmingCharacters(in: .whitespaces)
        let refinements = inboxRefinements(filter, recent: recent, language: language, format: format)
        var views = [("alle", "filter_all"), ("mijn", "filter_mine"), ("zonder-eigenaar", "filter_unassigned")]
        if context.user?.teamID != nil { views.insert(("team", "filter_team"), at: 2) }
        var filters: [[String: Any]] = []
        for (scope, label) in views {
            var entry: [String: Any] = ["value": scope, "label": language.text(label), "current": scope == view]
            // How many open cases each view holds (with the refinements chosen, as its link keeps
            // them); a search finds every status, so it shows none.
            if !searching {
                var counted = filter
                (counted.owner, counted.teamID) = try Self.scope(of: scope, user: context.user, language: language)
                let count = try await store.countCases(matching: counted, cap: Self.viewCountCap)
                entry["count"] = count >= Self.viewCountCap ? "\(Self.viewCountCap - 1)+" : "\(count)"
            }
            filters.append(entry)
        }
        // The SLA views' counts come from the last watch (at most a minute or so old): reading
        // every open case's clock on each inbox view is too much. Said when they were counted.
        let standing = searching ? nil : await slaStandings.current(now: now)
        let slaFilters: [[String: Any]] = [("", "sla_all", nil), ("risico", "sla_risk", SLAView.atRisk), ("verlopen", "sla_breached", .breached)].map {
            value, label, state in
            var entry: [String: Any] = ["value": value, "label": language.text(label), "current": value == slaView, "view": view]
            if let standing, let state {
                let count = standing.count(state, matching: filter)
                entry["count"] = count >= Self.viewCountCap ? "\(Self.viewCountCap - 1)+" : "\(count)"
                entry["countTitle"] = language.text("sla_counted_at", ["time": format.time(standing.at)])
            }
            return entry
        }
        var values: [String: Any] = [
            "cases": rows, "empty": rows.isEmpty, "view": view, "norm": slaView, "q": searchText, "searching": searching,
            "wide": true, "slaFilters": slaFilters,
            // Where "Gezien" on the inbox's news returns to: this view, with its filters and search.
            "inboxHere": request.uri.query.map { "/?" + $0 } ?? "/",
            "filters": filters,
            "filterQuery": refinements.query, "refinements": refinements.selects, "refined": !refinements.query.isEmpty,
            "chosenRefinements": refinements.chosen.map { ["name": $0.name, "value": $0.value] },
        ]
        // A handle, address, number or name typed in the search: that customer's cases, whatever
        // their messages say (an agent types "@jdijkman" or "Yildiz" before any word of the complaint).
        var customerMatches: [[String: Any]] = []
        if searching {
            var found = try await store.customerIDs(having: Identity.candidates(inSearch: searchText))
            for id in try await store.customerIDs(named: CustomerNameSearch.words(inSearch: searchText), limit: CustomerNameSearch.limit)
            where !found.contains(id) {
                found.append(id)
            }
            let customers = try await store.customers(ids: found)
            for id in found {
                guard let customer = customers[id] else { continue }
                let theirs = try await store.cases(customerID: id).sorted { $0.openedAt > $1.openedAt }
                customerMatches.append([
                    "name": customer.name ?? customer.identities.first?.value ?? "?",
                    "cases": theirs.prefix(20).map {
                        ["id": $0.id.description, "subject": $0.subject, "status": format.status($0.status), "opened": format.dateTime($0.openedAt)]
                    },
                ])
            }
            values["customerMatches"] = customerMatches
        }
        if searchWithoutWords {
            values["searchProblem"] = language.text("search_no_words")
        } else if rows.isEmpty, customerMatches.isEmpty {
            values["emptyText"] = Self.emptyInboxText(
                language: language, view: view, slaView: slaView, search: searching ? searchText : nil, refined: !refinements.query.isEmpty)
        }
        if searching {
            // The views keep the search, as the search keeps the view and the refinements.
            values["searchQuery"] = "&q=" + (searchText.addingPercentEncoding(withAllowedCharacters: .rfc3986Unreserved) ?? "")
        }
        if !searching, cases.count > pageSize, let last = page.last {
            values["nextCursor"] = PageCursor.encode(CaseCursor(after: last))
        }
        if cursor != nil { values["notFirst"] = true }
        let surgeItems = await surgeValues(language: language, logger: context.logger)
        if !surgeItems.isEmpty {
            // The advice to send everyone one update is for a surge no open incident covers yet.
            values["surges"] = ["items": surgeItems, "surgeAdvice": surgeItems.contains { $0["surgeIncident"] == nil }]
        }
        // One line for every channel in trouble: the cases keep their screenful.
        let troubles = await replyTroubles.current(now: clock())
        if let latest = troubles.map(\.lastFailedAt).max() {
            let names = troubles.map { format.channel($0.channel) }
            let channels = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + language.text("list_and") + names[names.count - 1]
            values["replyTroubles"] = [
                "title": language.text("inbox_trouble_title", ["channels": channels]),
                "text": language.text(
                    "inbox_trouble_text",
                    ["failed": "\(troubles.reduce(0) { $0 + $1.failed })", "attempts": "\(troubles.reduce(0) { $0 + $1.attempts })",
                     "time": format.time(latest)]),
                "errors": troubles.map { ["channel": format.channel($0.channel), "error": DisplayFormat.shortened($0.lastError, to: 200)] },
            ]
        }
        if let user = context.user {
            var routing = try await routingValues(for: user)
            if let capacity = routing["capacity"] {
                routing["activeText"] = language.text("inboxpage_routing_active", ["capacity": "\(capacity)"])
            }
            values["routing"] = routing
            // News for this colleague beside the search: a note that calls on them, compliments about
            // them, improvements their cases led to (the feedback loop towards colleagues, S2 tip 3).
            // At most two lines, so the cases keep their screenful: a colleague asking first.
            let mentions = try await mentionNotice(for: user, names: names, now: now, language: language)
            if let mentions { values["mentionNotice"] = mentions }
            let compliments = try await complimentNotices(for: user, now: now)
            if compliments.count > 0 {
                values["complimentNoticeTitle"] = language.text(
                    compliments.count == 1 ? "compliments_notice_one" : "compliments_notice_many", ["count": String(compliments.count)])
                // Mustache takes an empty string for true: no author, no "van".
                if compliments.count == 1 && !compliments.from.isEmpty { values["complimentFrom"] = compliments.from }
            }
            let linesLeft = 2 - (mentions == nil ? 0 : 1) - (compliments.count > 0 ? 1 : 0)
            let notices = Array(try await improvementNotices(for: user, format: format).prefix(max(0, linesLeft)))
            if !notices.isEmpty {
                values["improvementNotices"] = notices
                values["hasImprovementNotices"] = true
            }
            values["hasNews"] = mentions != nil || compliments.count > 0 || !notices.isEmpty
            // Broken promises in a box of their own, below those that can still be kept: a lead sees at
            // a glance how many broke (each a new complaint in the making) without them pushing down the
            // one about to break.
            let reminders = try await promiseReminders(for: user, now: now, format: format)
            let late = reminders.filter { $0["overdue"] as? Bool == true }
            let upcoming = reminders.filter { $0["overdue"] as? Bool != true }
            if !late.isEmpty {
                values["lateReminders"] = late
                values["hasLateReminders"] = true
            }
            if !upcoming.isEmpty {
                values["reminders"] = upcoming
                values["hasReminders"] = true
            }
        }
        return pages.render(
            "inbox", title: language.text("inbox"), values: values, request: request, context: context,
            status: searchWithoutWords ? .unprocessableContent : .ok)
    }

    /// The brand handle the case's customer poses as: an account pretending to be the care team
    /// (S3's fake "Klantenservice"), by its handle on the case's platform and its name.
    func impersonated(_ customer: Customer?, on channel: Channel) -> String? {
        brand.impersonated(customer, on: channel)
    }

    /// What the inbox says about a surge: per topic (or for all messages) how many, how many usual,
    /// and a link to those cases of the last hour.
    func surgeValues(language: Language, logger: Logger) async -> [[String: Any]] {
        // The two biggest keep the banner to one line above the cases; "alle berichten", when it is
        // one of them, links to the rest.
        let found = Array(await currentSurges(logger: logger).prefix(2))
        let incidents = found.isEmpty ? [:] : await surgeIncidents(found, language: language, logger: logger)
        return found.enumerated().map { index, surge in
            var item: [String: Any] = [
                "label": surge.topic.map { topics.label($0, language: language) } ?? language.text("inbox_surge_all"),
                "count": surge.count, "last": index == found.count - 1,
                "usual": surge.usual < 0.5
                    ? language.text("inbox_surge_usual_none") : language.text("inbox_surge_usual", ["usual": String(Int(surge.usual.rounded()))]),
            ]
            // A known topic needs no percent-encoding (as in the refinements); one the taxonomy no longer
            // has cannot be filtered on, so it gets no link.
            if let incident = incidents[index] { item["surgeIncident"] = incident }
            switch surge.topic {
            case nil: item["link"] = "/?recent=60"
            case let topic? where topicNames.contains(topic): item["link"] = "/?onderwerp=\(topic)&recent=60"
            default: break
            }
            return item
        }
    }

    /// Per surge (by its index) the open incident that covers it — on its topic, else one for all
    /// messages — with a link and whether an update went out: the banner says it is in hand
    /// rather than advising to open one. A lookup that fails leaves the advice (logged).
    func surgeIncidents(_ surges: [Surge], language: Language, logger: Logger) async -> [Int: [String: Any]] {
        do {
            let open = try await store.incidents(limit: Self.incidentListLimit).filter(\.isOpen)
            let format = DisplayFormat(language: language, now: clock())
            var covered: [Int: [String: Any]] = [:]
            for (index, surge) in surges.enumerated() {
                guard let incident = open.first(where: { $0.topic == surge.topic }) ?? open.first(where: { $0.topic == nil }) else { continue }
                let latest = try await store.incidentUpdates(incidentID: incident.id).last
                let text = latest.map {
                    language.text("inbox_surge_incident_updated", ["title": incident.title, "at": format.dateTime($0.postedAt)])
                } ?? language.text("inbox_surge_incident", ["title": incident.title])
                covered[index] = ["incidentHref": "/incidenten/\(incident.id)", "incidentText": text]
            }
            return covered
        } catch {
            logger.warning("looking up incidents for the surge failed", metadata: ["error": "\(error)"])
            return [:]
        }
    }

    /// The surges of the last hour; a count that fails leaves them out (logged), not the page.
    func currentSurges(logger: Logger) async -> [Surge] {
        do {
            return try await surges()
        } catch {
            logger.warning("counting surges failed", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Counting a view's cases stops here: "99+" is all a busy inbox needs to say.
    static let viewCountCap = 100

    /// The case page shows this many of the customer's messages on other cases (the newest) and
    /// this many other cases, unless asked for all: enough to see the history, not megabytes.
    static let otherMessagesShown = 20
    static let otherCasesShown = 20

    /// Whose cases an inbox view (`zaken=`) shows: everyone's, the user's own, the user's team's, or
    /// nobody's.
    static func scope(of view: String, user: User?, language: Language) throws -> (owner: OwnerFilter, teamID: TeamID?) {
        switch view {
        case "alle": return (.any, nil)
        case "mijn": return (user.map { .user($0.id) } ?? .any, nil)
        case "zonder-eigenaar": return (.unassigned, nil)
        case "team":
            guard let team = user?.teamID else {
                throw DomainError.invalidField("zaken", language == .nl ? "u zit nog in geen team" : "you are not in a team yet")
            }
            return (.any, team)
        default: throw DomainError.invalidField("zaken", "kies alle, mijn, team of zonder-eigenaar")
        }
    }

    /// What an empty inbox says: each view, SLA filter and search its own, so that "Mooi werk!"
    /// never shows while other cases are open.
    static func emptyInboxText(language: Language, view: String, slaView: String, search: String?, refined: Bool) -> String {
        if let search { return language.text("inbox_empty_search", ["q": search]) }
        switch slaView {
        case "risico": return language.text("inbox_empty_risk")
        case "verlopen": return language.text("inbox_empty_breached")
        default: break
        }
        if refined { return language.text("inbox_empty_refined") }
        return switch view {
        case "mijn": language.text("inbox_empty_mine")
        case "team": language.text("inbox_empty_team")
        case "zonder-eigenaar": language.text("inbox_empty_unassigned")
        default: language.text("no_cases")
        }
    }

    /// The inbox's "Verfijn" choices (channel, topic, tone, kind) with the current ones selected,
    /// and the same choices as a query string so views, SLA links and paging keep them.
    func inboxRefinements(_ filter: CaseFilter, recent: String?, language: Language, format: DisplayFormat)
        -> (selects: [[String: Any]], query: String, chosen: [(name: String, value: String)])
    {
        func options(_ choices: [(String, String)], current: String?) -> [[String: Any]] {
            [["value": "", "label": language.text("filter_any"), "selected": current == nil] as [String: Any]]
                + choices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == current] as [String: Any] }
        }
        let selects: [[String: Any]] = [
            ["name": "kanaal", "label": language.text("filter_channel"),
             "options": options(Channel.allCases.map { ($0.rawValue, format.channel($0)) }, current: filter.channel?.rawValue)],
            ["name": "onderwerp", "label": language.text("filter_topic"),
             "options": options(topicNames.map { ($0, topics.label($0, language: language)) }, current: filter.topic)],
            ["name": "toon", "label": language.text("filter_sentiment"),
             "options": options(Analysis.Sentiment.allCases.map { ($0.rawValue, language.sentiment($0)) },
                                current: filter.sentiment?.rawValue)],
            ["name": "soort", "label": language.text("filter_intent"),
             "options": options(Analysis.Intent.allCases.map { ($0.rawValue, language.intent($0)) },
                                current: filter.intent?.rawValue)],
            ["name": "recent", "label": language.text("filter_recent"),
             "options": options(CaseFilterParameters.recentChoices.map { ("\($0)", language.text("filter_recent_\($0)")) }, current: recent)],
        ]
        let chosen = [
            ("kanaal", filter.channel?.rawValue), ("onderwerp", filter.topic), ("toon", filter.sentiment?.rawValue),
            ("soort", filter.intent?.rawValue), ("recent", recent),
        ].compactMap { name, value in value.map { (name: name, value: $0) } }
        // Every value is a known channel, topic or enum case, so it needs no percent-encoding.
        let query = chosen.map { "&\($0.name)=\($0.value)" }.joined()
        return (selects, query, chosen)
    }

    @Sendable func casePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await casePage(request, context: context, failed: nil)
    }

    /// Runs a case-page form's `action`; when it fails on what was entered, the case page comes
    /// back with the reason beside the form and what the agent typed still in it: a reply or a
    /// briefing is work that must not be lost (see `FailedForm.backToForm`).
    func backToForm(
        _ form: String, _ request: Request, _ context: AppRequestContext, _ fields: [String: [String]],
        _ action: () async throws -> Response
    ) async throws -> Response {
        try await FailedForm.backToForm(form, fields, action) { try await casePage(request, context: context, failed: $0) }
    }

    /// The case page; after a form on it failed, with the reason beside that form and what the
    /// agent typed still in it, under the failure's status.
    func casePage(_ request: Request, context: AppRequestContext, failed: FailedForm?) async throws -> Response {
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: clock())
        let idText = context.parameters.get("id") ?? ""
        guard let id = CaseID(idText), let theCase = try await store.case(id: id),
            let customer = try await store.customer(id: theCase.customerID)
        else { throw DomainError.notFound(language == .nl ? "Zaak \(idText)" : "Case \(idText)") }
        let owner = try await theCase.ownerID.asyncMap { try await store.user(id: $0) } ?? nil
        let signals = try await store.signals(customerID: customer.id)
        // A customer with hundreds of cases: this case's messages in full, of the others only the
        // newest few an agent can use here, unless asked for all ("toon alles").
        let showAll = request.uri.queryParameters.get("alles") == "1"
        let elsewhere = signals.filter { $0.caseID != theCase.id }
        let hiddenIDs = showAll ? Set<SignalID>() : Set(elsewhere.dropLast(Self.otherMessagesShown).map(\.id))
        let shown = signals.filter { !hiddenIDs.contains($0.id) }
        // One query for every correction of this customer, not one per message: the latest wins.
        var labelled: [SignalID: SignalLabel] = [:]
        for label in try await store.labels(customerID: customer.id) { labelled[label.signalID] = label }
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0) })
        let replies = try await store.replies(caseID: theCase.id)
        let identityEvents = try await store.identityEvents(customerID: customer.id)
        // Messages that came after the latest resolution of a case still resolved did not reopen it
        // (`IntakePlanner.isClosingThanks`, automatic replies): said beside them, so nobody wonders.
        let resolvedAt = theCase.status == .resolved || theCase.status == .closed
            ? theCase.transitions.last(where: { $0.to == .resolved })?.at : nil
        let timeline = shown.reversed().map { signal -> [String: Any] in
            var item: [String: Any] = signalExtras(signal, format: format, users: users).merging([
                "text": signal.text,
                "segments": EvidenceHighlighter.segments(signal.text, analysis: signal.analysis),
                "signalID": signal.id.description,
                "at": format.dateTime(signal.receivedAt),
                "channel": format.channel(signal.channel),
                "author": signal.author.displayName,
                "thisCase": signal.caseID == theCase.id,
                "caseID": signal.caseID.description,
                // The message's own language, so a screen reader reads it in the right voice (an
                // English message on a Dutch page); false, never missing, when the analysis did not know it.
                "textLang": Self.messageLanguage(signal.analysis) ?? false,
            ]) { _, base in base }
            if let label = labelled[signal.id] {
                item["corrected"] = [label.sentiment.map(language.sentiment), label.intent.map(language.intent)].compactMap { $0 }
                    .joined(separator: " · ")
                    + " (\(format.dateTime(label.createdAt)))"
            }
            if let resolvedAt, signal.caseID == theCase.id, signal.createdAt > resolvedAt {
                item["afterResolution"] = language.text("case_after_resolution")
            }
            if let followers = signal.author.followers { item["followers"] = followers }
            // A text not yet there has no reading worth showing ("neutraal +0.00" of nothing).
            if !signal.textPending, let summary = EvidenceHighlighter.summary(signal.analysis, language: language, topics: topics) {
                item["analysis"] = summary
            }
            // The correction form only beside this case's messages: repeated for hundreds of messages of
            // other cases it made the page megabytes; those are corrected on their own case's page.
            guard signal.caseID == theCase.id else { return item }
            item["correctable"] = true
            // Typed: compared with an optional, an untyped $0 is inferred as String? and stored as Any.
            item["sentimentOptions"] = Analysis.Sentiment.allCases.map { (value: Analysis.Sentiment) -> [String: Any] in
                ["value": value.rawValue, "label": language.sentiment(value), "selected": signal.analysis?.sentiment == value]
            }
            item["intentOptions"] = Analysis.Intent.allCases.map { (value: Analysis.Intent) -> [String: Any] in
                ["value": value.rawValue, "label": language.intent(value), "selected": signal.analysis?.intent == value]
            }
            item["topicOptions"] = topicNames.map {
                ["value": $0, "label": topics.label($0, language: language), "checked": signal.analysis?.topics.contains($0) ?? false]
            }
            if let url = signal.url, url.hasPrefix("https://") { item["url"] = url }
            return item
        }
        // The customer's newest message on this case above the work on it: listen first (S1, step 1),
        // before owning, making good or answering; the whole timeline stays below the reply form.
        let latest = signals.last { $0.caseID == theCase.id && !$0.automatic }.flatMap { newest -> [String: Any]? in
            guard var card = timeline.first(where: { $0["signalID"] as? String == newest.id.description }) else { return nil }
            card = card.filter { ["author", "channel", "at", "segments", "textLang", "signalID", "subject", "reference", "analysis", "recordedBy", "pending", "afterResolution"].contains($0.key) }
            // An account posing as the brand is no customer: its message is headed as the account's.
            if theCase.posesAsBrand { card["accountTitle"] = language.text("case_latest_title_fake") }
            if let reply = replies.first(where: { $0.createdAt >= newest.receivedAt && $0.status != .failed }) {
                card["answered"] = format.dateTime(reply.createdAt)
            }
            return card
        }
        let allOtherCases = try await store.cases(customerID: customer.id).filter { $0.id != theCase.id }
            .sorted { $0.openedAt > $1.openedAt }
        let otherCases = (showAll ? allOtherCases : Array(allOtherCases.prefix(Self.otherCasesShown))).map {
            ["id": $0.id.description, "subject": $0.subject, "status": format.status($0.status), "opened": format.dateTime($0.openedAt)]
        }
        let showAllLink = "/cases/\(theCase.id)?alles=1"
        let handoffs = try await store.handoffs(caseID: theCase.id)
        let notes = try await store.internalNotes(caseID: theCase.id)
        if let viewer = context.user, failed == nil { try await markMentionsRead(on: theCase.id, notes: notes, by: viewer, now: format.now) }
        let internalNotes = notes.map { note -> [String: Any] in
            var item: [String: Any] = [
                "id": note.id.description, "author": users[note.authorID]?.name ?? "?", "at": format.dateTime(note.createdAt), "text": note.text,
            ]
            if let edited = note.editedAt { item["edited"] = format.dateTime(edited) }
            if !note.earlierVersions.isEmpty {
                // Newest first: the words just replaced are the ones a colleague may have acted on.
                item["versions"] = [
                    "count": note.earlierVersions.count,
                    "list": note.earlierVersions.reversed().map { ["text": $0.text, "at": format.dateTime($0.writtenAt)] },
                ]
            }
            // Only its author changes a note, and never one erased with the customer. After a
            // failed change the form stays open with its reason and what was typed.
            if note.authorID == context.user?.id, note.text != Erasure.placeholder {
                if let failed, failed.form == "internalEdit", failed.fields["note"] == note.id.description {
                    item["edit"] = ["text": failed.fields["text"] ?? "", "problem": failed.problem.pageDetail, "open": true]
                } else {
                    item["edit"] = ["text": note.text]
                }
            }
            return item
        }
        let teams = try await store.teams()
        let history = caseHistory(theCase, handoffs: handoffs, users: users, teams: teams, format: format)
        let casePromises = try await store.promises(caseID: theCase.id)
        let promiseItems = promiseValues(casePromises, users: users, format: format)
        let checks = try await store.satisfactionChecks(caseID: theCase.id)
        let satisfactionItems = checks.reversed().map { check -> [String: Any] in
            var item: [String: Any] = ["sent": format.dateTime(check.sentAt)]
            // Asked is not received: a question that could not be sent waits for no answer.
            if replies.contains(where: { $0.satisfactionToken == check.token && $0.status == .failed }) { item["questionFailed"] = true }
            if let answered = check.answeredAt {
                item["answered"] = format.dateTime(answered)
                item["score"] = check.score ?? 0
                item["solved"] = check.solved.map { language.text($0 ? "case_yes" : "case_no") } ?? "–"
                if let comment = check.comment { item["comment"] = comment }
                if check.asksToReopen { item["unhappy"] = true }
            }
            return item
        }
        let compensation = try await compensationValues(theCase, viewer: context.user, users: users, format: format)
        let breaches = try await store.slaBreaches(caseID: theCase.id)
        let worked = try await store.workSeconds(caseID: theCase.id)
        let slaItems = slaDetails(theCase, breaches: breaches, format: format, language: language)
        let scores = checks.compactMap(\.score)
        let surprise = theCase.status == .closed || theCase.posesAsBrand ? [] : Surprise.reasons(
            theCase: theCase, transfers: handoffs.filter(\.isTransfer).count, promises: casePromises, satisfactionScores: scores,
            slaBreaches: breaches.count,
            cues: Set(signals.filter { $0.caseID == theCase.id }.flatMap { $0.analysis?.cues ?? [] }))
        let ownership = ownershipValues(theCase, handoffs: handoffs, users: users, teams: teams, viewer: context.user, format: format)
        let answered = signals.filter { $0.caseID == theCase.id }.lastToAnswer
        let composerTemplates = composerTemplates(
            answering: answered, channel: answered?.channel ?? theCase.channel, customer: customer, agent: context.user)
        let steerable = context.user.map(theCase.isSteerable(by:)) ?? false
        // How the answer travels: a web form or a typed-in phone number is answered by e-mail, to this address.
        let replyVia: String =
            if case .email(let address)? = WriteReply.route(answering: answered, customer: customer), answered?.channel != .email {
                "\(format.channel(.email)) (\(address))"
            } else if let answered, answered.channel.isPublic {
                // Whether everyone reads the answer: a reply under a post, or a direct message.
                "\(format.channel(answered.channel)) (\(language.text(answered.isInPublic ? "case_reply_in_public" : "case_reply_in_private")))"
            } else {
                format.channel(answered?.channel ?? .email)
            }
        // Said where the reply form would be: a fake is not answered; a colleague's case is theirs.
        let whyNoReply: String? =
            theCase.status == .closed ? nil
            : theCase.posesAsBrand ? language.text("case_fake_no_reply")
            : steerable ? nil : language.text("case_not_yours", ["owner": owner?.name ?? "?"])
        let fakeAccount = try await fakeAccountValues(theCase, customer: customer, signals: signals, format: format)
        let concerns = theCase.posesAsBrand ? [] : ResolutionConcern.concerns(
            replies: replies, promises: casePromises, signals: signals.filter { $0.caseID == theCase.id })
        let whatsAppClosed = answered?.whatsAppWindowClosed(now: format.now) ?? false
        // Why the case stands where it stands: the parts of its priority now, in points.
        let priority = CasePriority.compute(theCase.priorityInputs, now: format.now)
        let parts = priority.points
        func points(_ value: Double) -> String { String(Int(value.rounded())) }
        var priorityWhy = language.text(
            "case_priority_why",
            ["waiting": points(parts.waiting), "repeat": points(parts.repeatContact), "reach": points(parts.reach), "text": points(parts.text)])
        if priority.pressing { priorityWhy += "; " + language.text("case_priority_pressing") }
        if priority.factor < 1 { priorityWhy += "; " + language.text("case_priority_praise") }
        let values: [String: Any] = [
            "case": [
                "id": theCase.id.description, "subject": theCase.subject, "status": format.status(theCase.status),
                "statusClass": theCase.status.rawValue, "priority": String(format: "%.0f", theCase.status.isUnresolved ? priority.score : theCase.priority),
                "priorityWhy": theCase.status.isUnresolved ? priorityWhy as Any : false,
                "opened": format.dateTime(theCase.openedAt), "channel": format.channel(theCase.channel),
                // Mustache takes "" for true: false says who waits instead (the customer's turn, or nobody).
                "waiting": theCase.waitingSince.map { "\(format.dateTime($0)) (\(format.duration(since: $0)))" as Any } ?? false,
                "waitsOnCustomer": theCase.status == .waitingOnCustomer,
                "owner": owner.map { $0.name as Any } ?? false,  // Mustache takes "" for true
                "worked": worked <= 0 ? false as Any
                    : worked < 60 ? language.text("case_worked_short")
                    : SLADisplay.duration(minutes: Int((worked / 60).rounded()), language: language.rawValue),
            ] as [String: Any],
            "customer": [
                "id": customer.id.description,
                "name": customer.name ?? customer.identities.first?.value ?? "?",
                "identities": customer.identities.map {
                    [
                        "kind": $0.kind.rawValue, "kindName": format.identityKind($0.kind), "value": $0.value,
                        "unlinkLabel": language.text("case_unlink_label", ["value": $0.value]),
                    ]
                },
                "identityKinds": Identity.Kind.allCases.map { ["value": $0.rawValue, "name": format.identityKind($0)] },
            ] as [String: Any],
            "identityEvents": identityEvents.map {
                [
                    "action": language.text($0.action == .link ? "case_linked" : "case_unlinked"), "identity": "\(format.identityKind($0.identity.kind)) \($0.identity.value)",
                    "at": format.dateTime($0.at), "by": $0.userID.flatMap { users[$0]?.name } ?? "?",
                ]
            },
            "hasIdentityEvents": !identityEvents.isEmpty,
            "replies": replyItems(replies, format: format, users: users),
            "hasReplies": !replies.isEmpty,
            "noteChannels": RecordContact.channels.map { ["value": $0.rawValue, "name": format.channel($0)] },
            // No default: who made contact is a choice the agent makes (it decides whether the note is
            // the customer's words or our answer); a refused note keeps it.
            "noteDirectionCustomer": failed?.form == "note" && failed?.fields["direction"] == "klant",
            "noteDirectionUs": failed?.form == "note" && failed?.fields["direction"] == "wij",
            // Only who may steer the case answers it; a colleague sees why instead of a form that fails.
            "canReply": theCase.status != .closed && steerable && !theCase.posesAsBrand,
            "notYours": whyNoReply ?? false,
            // Only logged calls, visits or letters: by e-mail if there is an address, else nothing
            // to answer (WriteReply refuses).
            "replyChannel": replyVia,
            // The same rule as sending (`WriteReply.route`): said before the agent writes, not after.
            "nothingToAnswer": WriteReply.route(answering: answered, customer: customer) != nil
                ? false as Any
                : answered.map { language.text("case_cannot_answer", ["channel": format.channel($0.channel)]) }
                    ?? language.text("case_nothing_to_answer"),
            "answeredSignal": answered?.id.description ?? "",
            // The reply form's one-time key (`WriteReply`'s formKey); a refused reply keeps it: it stored nothing.
            "replyKey": failed?.form == "reply" ? failed?.fields["reply_key"] ?? RandomText.make(count: 32) : RandomText.make(count: 32),
            // A public complaint taken private: the same answer by e-mail, when an address is known.
            "emailInstead": WriteReply.mayEmailInstead(answering: answered, customer: customer)
                ? [
                    "address": customer.identities.first { $0.kind == .email }?.value ?? "", "channel": format.channel(answered?.channel ?? .email),
                    // Past WhatsApp's 24 hours e-mail is the way that still arrives: chosen unless the agent chose otherwise.
                    "chosen": failed?.form == "reply" ? failed?.fields["via"] == "email" : whatsAppClosed,
                ] as Any : false,
            "whatsAppWindowClosed": whatsAppClosed
                ? language.text(WriteReply.canEmail(customer) ? "case_whatsapp_window_email" : "case_whatsapp_window") as Any : false,
            "templates": composerTemplates,
            "hasTemplates": !composerTemplates.isEmpty,
            "ownership": ownership,
            "resolution": [
                "canResolve": theCase.status.isUnresolved && steerable, "isResolved": theCase.status == .resolved,
                "canAskSatisfaction": !theCase.posesAsBrand,
                "canClose": steerable,
                "rootCause": theCase.rootCause.map { topics.label($0, language: language) as Any } ?? false,
                "outcome": ResolveCase.outcome(of: theCase) ?? "",
                "topics": topicNames.map { ["value": $0, "label": topics.label($0, language: language)] },
                "concerns": concerns.map { concernText($0, language: language) },
                "hasConcerns": !concerns.isEmpty,
            ] as [String: Any],
            "notReceived": concerns.contains(.lastReplyFailed) ? notReceivedValues(replies, format: format) : [:],
            "fake": fakeAccount.fake,
            "fakeReplies": fakeAccount.fakeReplies,
            "surgeNote": await surgeNote(theCase, now: format.now, language: language, logger: context.logger),
            "incidentNote": await incidentNote(theCase, customer: customer, format: format, logger: context.logger),
            "improvementNote": await improvementNote(theCase, format: format, logger: context.logger),
            "promises": promiseItems,
            "compensation": compensation,
            "sla": slaItems,
            "surprise": surprise.isEmpty ? [:] as [String: Any] : [
                "reasons": surprise.enumerated().map { ["text": format.surpriseReason($1), "last": $0 == surprise.count - 1] }, "ideas": Surprise.ideas.map { language.text("case_surprise_idea_\($0)") },
            ] as [String: Any],
            "hasSurprise": !surprise.isEmpty,
            "satisfaction": satisfactionItems,
            "hasSatisfaction": !satisfactionItems.isEmpty,
            "hasPromises": !promiseItems.isEmpty,
            "timeline": timeline, "latest": latest ?? false,
            "internalNotes": internalNotes, "hasInternalNotes": !internalNotes.isEmpty,
            "history": history,
            "otherCases": otherCases,
            "otherCasesHidden": otherCases.count < allOtherCases.count
                ? ["text": language.text("case_other_cases_hidden", ["shown": "\(otherCases.count)", "total": "\(allOtherCases.count)"]),
                   "link": showAllLink + "#other-cases"] as Any : false,
            "messagesHidden": hiddenIDs.isEmpty ? false as Any
                : ["text": language.text("case_messages_hidden", ["shown": "\(elsewhere.count - hiddenIDs.count)", "total": "\(elsewhere.count)"]),
                   "link": showAllLink + "#timeline-title"] as Any,
            "hasOtherCases": !otherCases.isEmpty,
        ]
        return pages.render(
            "case", title: "\(language.text("case")): \(theCase.subject)", values: values, request: request,
            context: context, failed: failed)
    }

    /// An agent corrects the analysis of a signal; the correction is kept as teaching material.
    @Sendable func correct(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = String(buffer: try await request.body.collect(upTo: 16 * 1024))
        let fields = Self.formFields(body)
        guard let expected = context.sessions.session?.csrfToken, fields["csrf"]?.first == expected else {
            throw Problem.formExpired
        }
        guard let user = context.user, let id = SignalID(context.parameters.get("id") ?? ""),
            let signal = try await store.signal(id: id)
        else { throw DomainError.notFound("Signaal") }
        let sentiment = fields["sentiment"]?.first.flatMap(Analysis.Sentiment.init(rawValue:))
        let intent = fields["intent"]?.first.flatMap(Analysis.Intent.init(rawValue:))
        let topics = (fields["topics"] ?? []).filter { topicNames.contains($0) }
        guard sentiment != nil || intent != nil else {
            throw DomainError.invalidField("sentiment", "kies een sentiment of een bedoeling")
        }
        try await store.addLabel(
            SignalLabel(signalID: id, sentiment: sentiment, intent: intent, topics: topics, userID: user.id, createdAt: clock()))
        return .redirect(to: "/cases/\(signal.caseID)#signal-\(id)", type: .normal)
    }

    /// `application/x-www-form-urlencoded`, keeping repeated fields (checkboxes).
    static func formFields(_ body: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            // %00 would cut a stored text short on SQLite and fail on PostgreSQL.
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                (String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)).replacingNUL()
            }
            guard let key = parts.first else { continue }
            fields[key, default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return fields
    }

    // MARK: Helpers

    static func checkCSRF(_ request: Request, context: AppRequestContext) async throws {
        struct Form: Decodable { var csrf: String }
        let body = String(buffer: try await request.body.collect(upTo: 64 * 1024))
        guard let form = try? URLEncodedFormDecoder().decode(Form.self, from: body),
            let expected = context.sessions.session?.csrfToken, form.csrf == expected
        else {
            throw Problem.formExpired
        }
    }

    /// Only paths on this site: never an open redirect.
    /// A place on this site to go back to, or nil. Browsers drop tabs and line breaks from a URL
    /// and read a backslash as a slash, so "/\t/evil.example" would be "//evil.example", another
    /// site: only printable ASCII is let through, and never a second slash at the start.
    /// Back to the inbox as the colleague left it (its view, filters and search), from a form's
    /// `next`; only the inbox itself is a place to return to.
    static func inboxReturn(_ fields: [String: [String]]) -> String {
        guard let next = safeNext(fields["next"]?.first), next == "/" || next.hasPrefix("/?") else { return "/" }
        return next
    }

    /// A message's language as an HTML `lang` code, when its analysis knew it ("other" is not a language).
    static func messageLanguage(_ analysis: Analysis?) -> String? {
        guard let code = analysis?.language.lowercased(), (2...3).contains(code.count), code.allSatisfy({ $0 >= "a" && $0 <= "z" })
        else { return nil }
        return code
    }

    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
            next.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" })
        else { return nil }
        return next
    }

    static func randomToken() -> String { RandomText.make(count: 32) }

    /// A bcrypt hash of nothing anyone knows, to spend the same time on unknown addresses.
    static let decoyHash = Bcrypt.hash("signaal-decoy-\(UUID().uuidString)", cost: UserAccounts.passwordCost)
}

/// Lets only signed-in users through; others go to the sign-in page and come back after.
/// Every case viewed and every change made is written to the audit log with who did it.
struct WebAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: any SignaalStore

    /// Where to go once signed in again: the page asked for; for a form posted after the session
    /// ended (a reply at the end of a long shift), the page the form was on — its action answers
    /// only POST, and sending the agent there would end on an error page.
    static func returnAfterSignIn(_ request: Request) -> String {
        if request.method == .get || request.method == .head {
            return request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        }
        // Same-origin pages send their address (Referrer-Policy: same-origin); only a path on this site counts.
        guard let referer = request.headers[.referer], let url = URL(string: referer),
            let page = WebController.safeNext(url.path.isEmpty ? nil : url.path + (url.query.map { "?" + $0 } ?? ""))
        else { return "/" }
        return page
    }

    /// What the person's role does not allow, from a page's rule or a service's.
    static func isRefusal(_ error: any Error) -> Bool {
        if let problem = error as? Problem { return problem.isRefusal }
        if case .forbidden = error as? DomainError { return true }
        return false
    }

    /// A failed write is logged, not shown: the person's request itself went through (or was refused).
    func record(_ entry: AuditEntry, _ context: Context) async {
        do {
            try await store.recordAudit(entry)
        } catch {
            context.logger.error("audit log write failed", metadata: ["error": "\(error)", "detail": "\(entry.detail)"])
        }
    }

    /// Not a page the person opened: fetch and EventSource say so by `Sec-Fetch-Mode` (every
    /// current browser) and by what they accept.
    static func isScriptRequest(_ request: Request) -> Bool {
        if let mode = request.headers[HTTPField.Name("Sec-Fetch-Mode")!], mode != "navigate" { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") || accept.contains("text/event-stream")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session, let id = UserID(session.userID),
            let (user, hash) = try await store.userWithPasswordHash(id: id), user.isActive,
            session.passwordStamp == WebSession.passwordStamp(of: hash)
        {
            context.user = user
            let method = request.method.rawValue, path = request.uri.path
            let response: Response
            do {
                response = try await next(request, context)
            } catch let error where Self.isRefusal(error) {
                let (subject, subjectID) = AuditEntry.subject(of: path)
                await record(AuditEntry(at: Date(), userID: user.id, action: .refused, subject: subject, subjectID: subjectID, detail: "\(method) \(path)"), context)
                throw error
            }
            if response.status.code < 400, let (action, subject, subjectID) = AuditEntry.classify(method: method, path: path) {
                let detail = "\(method) \(path)" + (context.audit.said.map { AuditEntry.noteSeparator + $0 } ?? "")
                await record(AuditEntry(at: Date(), userID: user.id, action: action, subject: subject, subjectID: subjectID, detail: detail), context)
            }
            return response
        }
        // A script's request (a presence report, the coach, the live feed) gets 401, not the sign-in
        // page: following a redirect there would hand the browser a new sign-in token and spoil a
        // sign-in form open at that moment (403 "formulier verlopen").
        if Self.isScriptRequest(request) { throw Problem.unauthorized("Uw sessie is verlopen; log opnieuw in.") }
        let target = Self.returnAfterSignIn(request)
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?"))) ?? "/"
        // A language asked for in the link holds for the sign-in page too.
        let lang = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0.lowercased()) }
        // A session that ran out, not a first visit: a form was posted, or the browser still sent
        // the session's cookie. The sign-in page then says so (and that what was typed is kept).
        let expired = !(request.method == .get || request.method == .head) || request.cookies["signaal_session"] != nil
        return .redirect(
            to: "/login?next=\(encoded)" + (expired ? "&verlopen=1" : "") + (lang.map { "&lang=\($0.rawValue)" } ?? ""), type: .found)
    }
}
