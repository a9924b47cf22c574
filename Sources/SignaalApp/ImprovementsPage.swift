import Foundation
import Hummingbird
import Logging
import SignaalDomain
import SignaalServices
import SignaalStore

/// Improvement actions (capability 9, S2 tip 3: a feedback loop towards customers and colleagues).
/// Everyone signed in reads them and the causes behind them; team leads start and finish them.
extension WebController {
    func addImprovementRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/verbeteringen", use: improvementsPage)
        signedIn.post("/verbeteringen", use: startImprovement)
        signedIn.get("/verbeteringen/:id", use: improvementPage)
        signedIn.post("/verbeteringen/:id/afronden", use: finishImprovement)
        signedIn.post("/verbeteringen/:id/gezien", use: markImprovementSeen)
    }

    var improvements: Improvements { Improvements(store: store, clock: clock, brand: brand) }

    /// Actions listed: the running ones and the latest finished.
    static let improvementListLimit = 50
    /// The causes table looks this far back, as an action's cases do.
    static let causesPeriod = ImprovementAction.lookBack
    /// The action's page lists this many of its cases, the latest changed; the message goes to all.
    static let improvementCasesShown = 100
    /// A colleague's inbox tells of an improvement this long after it was finished, until seen.
    static let improvementNoticeDays = 30

    @Sendable func improvementsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await improvementsPage(request, context: context, failed: nil)
    }

    /// The list; after starting one failed, with the new-action form open, its reason and what the
    /// lead typed.
    func improvementsPage(_ request: Request, context: AppRequestContext, failed: FailedForm?) async throws -> Response {
        let now = clock()
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: now)
        let isLead = (context.user?.role ?? .agent) >= .lead
        let actions = try await store.improvements(limit: Self.improvementListLimit)
        let running = actions.filter { !$0.isDone }
        let runningByTopic = Dictionary(running.map { ($0.topic, $0) }) { first, _ in first }
        let counts = try await store.rootCauseCounts(resolvedSince: now.addingTimeInterval(-Self.causesPeriod))
        let causes = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { topic, count -> [String: Any] in
            var item: [String: Any] = ["topic": topic, "label": topics.label(topic, language: language), "count": format.count(count)]
            if let action = runningByTopic[topic] {
                item["action"] = ["id": action.id.description, "title": action.title]
            } else {
                item["canStart"] = isLead
            }
            return item
        }
        let chosen = (failed?.fields["oorzaak"] ?? request.uri.queryParameters.get("oorzaak"))
            .flatMap { topicNames.contains($0) ? $0 : nil }
        let values: [String: Any] = [
            "causes": causes, "hasCauses": !causes.isEmpty,
            "running": running.map { action -> [String: Any] in
                [
                    "id": action.id.description, "title": action.title, "cause": topics.label(action.topic, language: language),
                    "since": format.date(action.startedAt),
                ]
            },
            "hasRunning": !running.isEmpty,
            "done": actions.filter(\.isDone).map { action -> [String: Any] in
                [
                    "id": action.id.description, "title": action.title, "cause": topics.label(action.topic, language: language),
                    "doneAt": format.date(action.doneAt ?? action.startedAt),
                ]
            },
            "hasDone": actions.contains(where: \.isDone), "isLead": isLead, "openNew": chosen != nil || failed != nil,
            "topics": topicNames.map { ["value": $0, "label": topics.label($0, language: language), "selected": $0 == chosen] },
        ]
        return pages.render("verbeteringen", titleKey: "improvements_title", values: values, request: request, context: context, failed: failed)
    }

    @Sendable func startImprovement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let language = Language.of(request)
        let user = try Self.requireLead(context, language, forbiddenKey: "improvements_forbidden")
        return try await FailedForm.backToForm("improvement", fields) {
            try await startImprovement(fields, by: user, language: language, logger: context.logger)
        } page: {
            try await improvementsPage(request, context: context, failed: $0)
        }
    }

    private func startImprovement(_ fields: [String: [String]], by user: User, language: Language, logger: Logger) async throws -> Response {
        let topic = fields["oorzaak"]?.first ?? ""
        let action = try ImprovementAction.start(
            title: fields["titel"]?.first ?? "", topic: topic, plan: fields["plan"]?.first ?? "", topics: topicNames, by: user.id,
            now: clock())
        do {
            try await store.createImprovement(action)
        } catch DomainError.conflict {
            // A colleague started one for this cause a moment ago: go to theirs rather than fail.
            if let running = try await store.improvements(limit: Self.improvementListLimit).first(where: { !$0.isDone && $0.topic == topic }) {
                return .redirect(to: "/verbeteringen/\(running.id)", type: .normal)
            }
            throw DomainError.conflict(language.text("improvements_exists"))
        }
        logger.info("improvement action started", metadata: ["improvement": "\(action.id)", "cause": "\(topic)"])
        return .redirect(to: "/verbeteringen/\(action.id)", type: .normal)
    }

    func improvementAction(_ context: AppRequestContext) async throws -> ImprovementAction {
        guard let id = ImprovementID(context.parameters.get("id") ?? ""), let action = try await store.improvement(id: id) else {
            throw DomainError.notFound("verbeteractie")
        }
        return action
    }

    @Sendable func improvementPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await improvementPage(request, context: context, failed: nil)
    }

    /// The action; after finishing it failed, with the reason and the lead's message still in the form.
    func improvementPage(_ request: Request, context: AppRequestContext, failed: FailedForm?) async throws -> Response {
        let now = clock()
        let language = Language.of(request)
        let format = DisplayFormat(language: language, now: now)
        let action = try await improvementAction(context)
        let cases = try await improvements.cases(of: action)
        let customers = try await store.customers(ids: cases.map(\.customerID))
        let users = Dictionary(uniqueKeysWithValues: try await store.users().map { ($0.id, $0.name) })
        let handlers = try await improvements.handlers(of: cases)
        let customerCount = ImprovementAction.oneCasePerCustomer(cases).count
        let shown = Array(cases.prefix(Self.improvementCasesShown))
        var values: [String: Any] = [
            "id": action.id.description, "title": action.title, "cause": topics.label(action.topic, language: language),
            "started": language.text("improvements_started", ["date": format.date(action.startedAt), "name": users[action.startedBy] ?? "?"]),
            "plan": action.plan.isEmpty ? false as Any : action.plan,
            "isDone": action.isDone, "isLead": (context.user?.role ?? .agent) >= .lead, "wide": true,
            "casesCount": language.text(
                "improvements_cases_count",
                ["cases": format.count(cases.count), "customers": format.count(customerCount), "since": format.date(action.casesSince)]),
            "noCases": language.text("improvements_no_cases", ["since": format.date(action.casesSince)]),
            "hasCases": !cases.isEmpty, "full": cases.count >= Improvements.maximumCases,
            "partly": cases.count > shown.count ? language.text("improvements_shown", ["shown": String(shown.count)]) : false,
            "tellCustomers": language.text("improvements_tell_customers", ["customers": format.count(customerCount)]),
            "cases": shown.map { theCase -> [String: Any] in
                [
                    "id": theCase.id.description,
                    "customer": customers[theCase.customerID]?.name ?? language.text("improvements_unknown_customer"),
                    "channel": format.channel(theCase.channel), "subject": theCase.subject, "status": format.status(theCase.status),
                    "updated": format.dateTime(theCase.updatedAt),
                ]
            },
            "handlers": handlers.sorted { ($0.value, users[$1.key] ?? "") > ($1.value, users[$0.key] ?? "") }.map { user, count in
                language.text("improvements_handler_cases", ["name": users[user] ?? "?", "cases": String(count)])
            }.joined(separator: ", "),
            "hasHandlers": !handlers.isEmpty,
            "trend": try await improvementTrend(action, format: format),
        ]
        // Before the lead writes to everyone: who will hear it, and who cannot, as an incident says.
        if !action.isDone, (context.user?.role ?? .agent) >= .lead, customerCount > 0 {
            values["reach"] = try await reachText(ImprovementAction.oneCasePerCustomer(cases), language: language, format: format)
        }
        if let doneAt = action.doneAt {
            values["finished"] = language.text(
                "improvements_finished", ["at": format.dateTime(doneAt), "by": action.doneBy.flatMap { users[$0] } ?? "?"])
            values["message"] = action.doneMessage ?? ""
            // Nobody to hear it (the lead chose not to write to customers): no figures to show.
            let outcomes = try await store.improvementRecipientOutcomes(id: action.id)
            values["delivery"] = outcomes.isEmpty ? false as Any : try await deliveryValues(DeliveryTally(outcomes), format: format)
        }
        if let sent = request.uri.queryParameters.get("verstuurd"), let count = Int(sent) {
            values["sent"] = language.text("improvements_sent", ["count": String(count)])
        }
        return pages.render("verbetering", title: action.title, values: values, request: request, context: context, failed: failed)
    }

    /// Messages about the action's topic (compliments left out): while it runs, the last 30 days
    /// against the 30 before; once done, the 30 days before it against the time since — did the
    /// complaints drop (S2: "zien we de kosten dalen?").
    func improvementTrend(_ action: ImprovementAction, format: DisplayFormat) async throws -> String {
        let now = format.now
        let language = format.language
        let month: TimeInterval = 30 * 86400
        let windows: [DateInterval]
        if let doneAt = action.doneAt {
            windows = [DateInterval(start: doneAt.addingTimeInterval(-month), end: doneAt), DateInterval(start: doneAt, end: max(doneAt, now))]
        } else {
            windows = [DateInterval(start: now.addingTimeInterval(-2 * month), end: now.addingTimeInterval(-month)), DateInterval(start: now.addingTimeInterval(-month), end: now)]
        }
        let counts = try await store.windowCounts(windows).filter { $0.topic == action.topic }
        func count(_ window: Int) -> Int { counts.first { $0.window == window }?.count ?? 0 }
        if let doneAt = action.doneAt {
            // The time since may be days, not a month: the rate per day is what compares.
            let days = max(now.timeIntervalSince(doneAt) / 86400, 1)
            let perDay = Self.decimalFormatter(language)
            return language.text(
                "improvements_trend_done",
                [
                    "before": String(count(0)), "beforePerDay": perDay(Double(count(0)) / 30), "after": String(count(1)),
                    "afterPerDay": perDay(Double(count(1)) / days), "date": format.date(doneAt),
                ])
        }
        return language.text("improvements_trend_running", ["recent": String(count(1)), "before": String(count(0))])
    }

    @Sendable func finishImprovement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        let user = try Self.requireLead(context, Language.of(request), forbiddenKey: "improvements_forbidden")
        let action = try await improvementAction(context)
        let tellCustomers = fields["klanten"]?.first == "ja"
        return try await FailedForm.backToForm("finish", fields) {
            let (finished, _) = try await improvements.finish(
                action.id, message: fields["bericht"]?.first ?? "", tellCustomers: tellCustomers, by: user.id)
            context.logger.info(
                "improvement action finished",
                metadata: ["improvement": "\(action.id)", "reached": "\(finished.reached)", "skipped": "\(finished.skipped)"])
            return .redirect(to: "/verbeteringen/\(action.id)" + (tellCustomers ? "?verstuurd=\(finished.reached)" : ""), type: .normal)
        } page: {
            try await improvementPage(request, context: context, failed: $0)
        }
    }

    @Sendable func markImprovementSeen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await CaseActionsController.checkedForm(request, context: context)
        guard let user = context.user else { throw Problem.unauthorized("Log eerst in.") }
        let action = try await improvementAction(context)
        try await store.markImprovementNoticeSeen(actionID: action.id, userID: user.id, at: clock())
        return .redirect(to: Self.inboxReturn(fields), type: .normal)
    }

    /// The finished improvements the colleague helped bring about and has not marked seen: what
    /// the inbox tells them (the feedback loop towards colleagues).
    func improvementNotices(for user: User, format: DisplayFormat) async throws -> [[String: Any]] {
        let since = format.now.addingTimeInterval(-Double(Self.improvementNoticeDays) * 86400)
        return try await store.improvementNotices(userID: user.id, since: since).map { notice in
            [
                "id": notice.action.id.description, "title": notice.action.title, "message": PersonalText.filled(notice.action.doneMessage ?? "", customerName: nil),
                "label": format.language.text("improvements_notice_label", ["cases": String(notice.cases)]),
            ]
        }
    }

    /// The improvement for the case's cause (or, while it is unresolved, one of its topics): the
    /// agent can tell the customer it is being worked on, or what already changed. False when
    /// there is none (or the lookup fails: logged).
    func improvementNote(_ theCase: Case, format: DisplayFormat, logger: Logger) async -> Any {
        let candidates = theCase.rootCause.map { [$0] } ?? (theCase.status.isUnresolved ? theCase.topics : [])
        guard !candidates.isEmpty else { return false }
        do {
            let recent = format.now.addingTimeInterval(-ImprovementAction.lookBack)
            let actions = try await store.improvements(limit: Self.improvementListLimit)
                .filter { candidates.contains($0.topic) && ($0.doneAt.map { $0 >= recent } ?? true) }
            guard let action = actions.first else { return false }
            var note: [String: Any] = ["id": action.id.description, "title": action.title]
            // A topic is broad ("betaling"), an action specific ("geen dubbele incasso meer"): matched on
            // a topic alone it may be about something else, so the agent is asked, not told.
            if theCase.rootCause == nil {
                let topic = topics.label(action.topic, language: format.language)
                note["label"] = action.doneAt.map {
                    format.language.text("case_improvement_topic_done", ["topic": topic, "at": format.date($0)])
                } ?? format.language.text("case_improvement_topic_running", ["topic": topic])
            } else if let doneAt = action.doneAt {
                note["label"] = format.language.text("case_improvement_done", ["at": format.date(doneAt)])
            } else {
                note["label"] = format.language.text("case_improvement_running")
            }
            return note
        } catch {
            logger.warning("looking up improvements failed", metadata: ["error": "\(error)"])
            return false
        }
    }
}
