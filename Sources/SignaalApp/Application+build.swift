import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle
import SignaalChannels
import SignaalDomain
import SignaalOutbound
import SignaalServices
import SignaalStore
import SignaalStorePostgres

/// What the running app is made of; tests build one with their own store and clock.
public struct AppDependencies: Sendable {
    public var store: any SignaalStore
    public var clock: @Sendable () -> Date
    public var logger: Logger
    /// Reads each signal's text; DutchText by default.
    public var analyzer: any SignalAnalyzer
    /// Filled by the SLA watch, read by the inbox's counts (tests run the watch themselves).
    public var slaStandings: SLAStandings
    /// Filled by the outbox, read by the inbox: a channel whose replies stopped getting out.
    public var replyTroubles: ReplyTroubles

    public init(
        store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init, logger: Logger = Logger(label: "signaal"),
        analyzer: any SignalAnalyzer = DutchTextAnalyzer(), slaStandings: SLAStandings = SLAStandings(),
        replyTroubles: ReplyTroubles = ReplyTroubles()
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.analyzer = analyzer
        self.slaStandings = slaStandings
        self.replyTroubles = replyTroubles
    }
}

/// The composition root and the test seam: the whole app around one store.
public func buildApplication(configuration: AppConfig, dependencies: AppDependencies) async throws -> some ApplicationProtocol {
    let (app, background) = try await buildServer(configuration: configuration, dependencies: dependencies)
    var whole = app
    whole.addServices(background)
    return whole
}

/// The web server and, apart, its background work (outbox, priorities and SLA watch, live
/// updates), for `serve`: Hummingbird stops its own services only after the server has finished
/// every request in flight, so on a stop signal the outbox went on sending while a stuck request
/// was waited for; `serve` stops them at once instead.
public func buildServer(
    configuration: AppConfig, dependencies: AppDependencies
) async throws -> (app: Application<RouterResponder<AppRequestContext>>, background: [any Service]) {
    let live = LiveUpdates()
    let router = try await buildRouter(configuration: configuration, dependencies: dependencies, live: live)
    let watchSLA = WatchSLA(
        store: dependencies.store, settings: configuration.sla, clock: dependencies.clock, standings: dependencies.slaStandings)
    // The first pass before the server takes requests: "Norm in gevaar" and the inbox's counts read
    // its result, and without one the view reads every open case with its history (12-35 s with
    // 45,000 open). At that size a pass takes seconds; a failing one is tried again in the loop.
    let watchedAtStart = await PriorityRefreshService.watch(watchSLA, logger: dependencies.logger)
    let refresher = PriorityRefreshService(
        refresh: RefreshPriorities(store: dependencies.store, clock: dependencies.clock),
        watchSLA: watchSLA, watchedAtStart: watchedAtStart,
        improvements: Improvements(
            store: dependencies.store, clock: dependencies.clock, brand: BrandAccounts(handles: configuration.brandHandles)),
        incidentUpdates: IncidentUpdates(
            store: dependencies.store, clock: dependencies.clock, brand: BrandAccounts(handles: configuration.brandHandles)),
        interval: configuration.priorityRefreshInterval, logger: dependencies.logger)
    let outbox = makeOutboxService(configuration: configuration, dependencies: dependencies)
    warnAboutSending(configuration, logger: dependencies.logger)
    // Whether customer data crosses the network encrypted is for the operator to see at start.
    var tls = ""
    if let postgres = dependencies.store as? PostgresStore, let encrypted = try? await postgres.isEncrypted() {
        tls = encrypted ? ", TLS" : ", zonder TLS"
        if !encrypted, case .postgres(let endpoint) = configuration.database, !["127.0.0.1", "localhost", "::1"].contains(endpoint.host) {
            dependencies.logger.warning(
                "the connection to PostgreSQL at \(endpoint.host) is not encrypted: customer data crosses the network in the clear; add ?sslmode=require (or verify-full) to DATABASE_URL")
        }
    }
    // Links in messages to customers must not point at the server's own address.
    if configuration.publicURL == nil && !["127.0.0.1", "localhost", "::1"].contains(configuration.host) {
        dependencies.logger.warning(
            "SIGNAAL_PUBLIC_URL is not set: links sent to customers (the satisfaction question) point to \(configuration.effectivePublicURL); set it to the address customers reach Signaal on")
    }
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Signaal"),
        // Said once the port is bound: a port in use or an unknown host is an error, not this line.
        onServerRunning: { [logger = dependencies.logger, tls] _ in
            logger.info("Signaal luistert op http://\(configuration.host):\(configuration.port) (database: \(configuration.database)\(tls))")
        },
        logger: dependencies.logger)
    return (app, [refresher, outbox, LiveUpdatesService(store: dependencies.store, live: live, logger: dependencies.logger)])
}

/// Agents read only that sending is not set up; the operator reads at start what to set.
func warnAboutSending(_ configuration: AppConfig, logger: Logger) {
    let channels = configuration.channels
    if channels.smtpURL == nil && channels.sendmailPath == nil {
        logger.warning("outgoing e-mail is not configured: set SIGNAAL_SMTP_URL or SIGNAAL_SENDMAIL; e-mail replies fail until then")
    }
    if channels.xAccessToken == nil {
        logger.notice("X replies are not configured: set SIGNAAL_X_ACCESS_TOKEN to answer on X")
    }
    if channels.metaAccessToken == nil {
        logger.notice("Meta replies are not configured: set SIGNAAL_META_ACCESS_TOKEN to answer on Facebook, Messenger, Instagram and WhatsApp")
    }
}

/// The outbox worker with the transports the configuration names.
public func makeOutboxService(configuration: AppConfig, dependencies: AppDependencies) -> OutboxService {
    let channels = configuration.channels
    let client = HTTPClient.shared
    let platforms = PlatformSender(
        client: client, x: .init(baseURL: channels.xAPIURL, accessToken: channels.xAccessToken),
        meta: .init(baseURL: channels.metaGraphURL, accessToken: channels.metaAccessToken))
    var transport: (any MailTransport)?
    if let smtp = channels.smtpURL, let host = smtp.host {
        transport = SMTPTransport(
            host: host, port: smtp.port ?? 25, heloName: "signaal", username: smtp.user?.removingPercentEncoding,
            password: smtp.password?.removingPercentEncoding, timeout: .seconds(30))
    } else if let sendmail = channels.sendmailPath {
        transport = SendmailTransport(path: sendmail)
    }
    let dispatcher = ReplyDispatcher(
        platforms: platforms, email: .init(from: channels.emailFrom, fromName: channels.emailFromName, transport: transport))
    let mentions = channels.metaAccessToken.map {
        MentionTextFetcher(
            store: dependencies.store, client: client, graphURL: channels.metaGraphURL, accessToken: $0, analyzer: dependencies.analyzer)
    }
    return OutboxService(
        store: dependencies.store, dispatcher: dispatcher, mentions: mentions, troubles: dependencies.replyTroubles,
        clock: dependencies.clock, interval: configuration.outboxInterval,
        attemptLimit: min(configuration.replyAttemptLimit, OutboxService.attemptLimit), logger: dependencies.logger)
}

/// The routes of INTERFACES.md with their middleware.
public func buildRouter(configuration: AppConfig, dependencies: AppDependencies, live: LiveUpdates = LiveUpdates()) async throws -> Router<AppRequestContext> {
    _ = AppMetrics.registry
    let store = dependencies.store
    let pages = try await PageRenderer.load(organisation: configuration.organisation)
    let router = Router(context: AppRequestContext.self)
    // One line per request at debug: at thousands of requests a second, access logging at
    // info costs a quarter of the intake rate. Errors are always logged with the request id.
    router.middlewares.add(LogRequestsMiddleware(.debug))
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(RequestIDMiddleware(trustProxy: configuration.trustProxy))
    let routeMethods = RouteMethods()
    router.middlewares.add(ErrorMiddleware(pages: pages, routes: routeMethods))
    router.middlewares.add(FileMiddleware(BundledResources.url("Resources/Public").path, urlBasePath: "/static"))

    let kind = store.kind.rawValue
    router.get("/health") { _, _ -> Response in
        let body = #"{"status":"ok","database":"\#(kind)"}"#
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
    // A load balancer's readiness probe: /health says the process runs (and is the benchmarks'
    // baseline without the database); this says the database answers, within 2 s.
    router.get("/ready") { _, _ -> Response in
        try await Readiness.check(store, within: .seconds(2))
        let body = #"{"status":"ok","database":"\#(kind)"}"#
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
    router.get("/metrics") { _, _ -> Response in
        await AppMetrics.recordBacklog(store)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: AppMetrics.registry.emitToString())))
    }
    let openAPIDocument = try OpenAPIDocument.load()
    router.get("/openapi.yaml") { _, _ -> Response in
        Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: openAPIDocument)))
    }

    let api = router.group().add(middleware: BodyLimitMiddleware(limit: 1 << 20)).add(middleware: UnfitNumberMiddleware())
    let brand = BrandAccounts(handles: configuration.brandHandles)
    let ingest = IngestSignal(
        store: store, clock: dependencies.clock, analyzer: dependencies.analyzer, routing: RouteCase(store: store), brand: brand)
    let topics = TopicCatalogue(configuration.taxonomy)
    let topicNames = topics.names
    let handlers = APIHandlers(store: store, topicNames: topicNames, ingest: ingest, clock: dependencies.clock)
    try handlers.registerHandlers(
        on: api, serverURL: URL(string: "/")!,
        configuration: .init(dateTranscoder: .iso8601WithFractionalSeconds, jsonEncodingOptions: []),
        middlewares: [BearerAuthMiddleware(tokens: APITokens(store: store), store: store)])

    let web = router.group().add(middleware: SessionReadCheck.Start()).add(
        middleware: SessionMiddleware<AppRequestContext>(
            storage: StorePersistDriver(store: store, clock: dependencies.clock),
            configuration: .init(
                sessionCookieParameters: .init(
                    name: "signaal_session", path: "/", secure: configuration.secureCookies, sameSite: .lax),
                defaultSessionExpiration: .seconds(12 * 3600)))
    ).add(middleware: SessionReadCheck.Check())
    let webController = WebController(
        store: store, pages: pages, clock: dependencies.clock, secureCookies: configuration.secureCookies,
        trustProxy: configuration.trustProxy, topics: topics,
        templates: configuration.templates, mandate: configuration.mandate, sla: configuration.sla,
        slaScanBatch: configuration.slaScanBatch, brand: brand, surges: DetectSurges(store: store, clock: dependencies.clock),
        recentCompliments: RecentCompliments(store: store, clock: dependencies.clock), slaStandings: dependencies.slaStandings,
        replyTroubles: dependencies.replyTroubles, fetchesMentionTexts: configuration.channels.metaAccessToken != nil)
    webController.addRoutes(to: web)
    WebhookController(
        intake: ChannelIntake(ingest: ingest, store: store, analyzer: dependencies.analyzer), settings: configuration.channels,
        clock: dependencies.clock
    ).addRoutes(to: router)
    WebformController(
        ingest: ingest, signals: store, pages: pages,
        limiter: RateLimiter(limit: configuration.channels.webformPerHour, clock: dependencies.clock),
        secureCookies: configuration.secureCookies, trustProxy: configuration.trustProxy, clock: dependencies.clock
    ).addRoutes(to: web.group().add(middleware: BodyLimitMiddleware(limit: WebformController.bodyLimit)))
    let reviewDraft = ReviewDraft(
        store: store, coach: ReplyCoach(analyzer: .shared(taxonomy: configuration.taxonomy)), templates: configuration.templates,
        calendar: configuration.sla.calendar, clock: dependencies.clock)
    let satisfaction = CheckSatisfaction(
        store: store, publicURL: configuration.effectivePublicURL, organisation: configuration.organisation ?? "Signaal", clock: dependencies.clock)
    SatisfactionController(satisfaction: satisfaction, store: store, pages: pages)
        .addRoutes(to: web.group().add(middleware: BodyLimitMiddleware(limit: 16 * 1024)))
    CaseActionsController(
        store: store, writeReply: WriteReply(store: store, clock: dependencies.clock, review: reviewDraft),
        recordContact: RecordContact(ingest: ingest, store: store), reviewDraft: reviewDraft,
        ownership: Ownership(store: store, clock: dependencies.clock), promises: KeepPromises(store: store, clock: dependencies.clock),
        resolve: ResolveCase(store: store, topics: topicNames, clock: dependencies.clock), satisfaction: satisfaction, pages: pages, web: webController,
        clock: dependencies.clock, measureWork: configuration.measureWork
    ).addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    RoutingController(store: store, pages: pages, topics: topics)
        .addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    TeamsController(store: store, pages: pages, topicNames: topicNames, clock: dependencies.clock)
        .addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    UsersController(store: store, accounts: UserAccounts(store: store), pages: pages, clock: dependencies.clock)
        .addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    LiveController(live: live).addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    PrivacyController(
        store: store, privacy: CustomerPrivacy(store: store, clock: dependencies.clock), pages: pages, clock: dependencies.clock
    ).addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    CompensationController(
        store: store, compensations: GrantCompensation(store: store, mandate: configuration.mandate, clock: dependencies.clock),
        pages: pages, web: webController, clock: dependencies.clock
    ).addRoutes(to: web.group().add(middleware: WebAuthMiddleware(store: store)))
    routeMethods.record(router.routes)
    return router
}

/// The committed openapi.yaml, the same file the API code is generated from.
enum OpenAPIDocument {
    static func load() throws -> [UInt8] {
        Array(try Data(contentsOf: BundledResources.url("openapi.yaml")))
    }
}

/// Recomputes priorities of unresolved cases as waiting time grows.
struct PriorityRefreshService: Service {
    /// One pass of the SLA watch outside the loop; false when it failed (logged).
    static func watch(_ watchSLA: WatchSLA, logger: Logger) async -> Bool {
        let start = ContinuousClock.now
        do {
            let breaches = try await watchSLA()
            logger.info(
                "SLA watch done at start", metadata: ["breaches": "\(breaches)", "duration": "\(ContinuousClock.now - start)"])
            return true
        } catch {
            logger.warning("SLA watch failed at start; tried again with the priority refresh", metadata: ["error": "\(error)"])
            return false
        }
    }

    let refresh: RefreshPriorities
    let watchSLA: WatchSLA
    /// The app ran the first pass of the watch before serving: the first round leaves it out.
    let watchedAtStart: Bool
    /// Send the improvement messages and incident updates a stopped server left unsent.
    let improvements: Improvements
    let incidentUpdates: IncidentUpdates
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var refreshFailures = RoundFailureLog(logger: logger, failure: "priority refresh failed", recovery: "priority refresh works again")
        var watchFailures = RoundFailureLog(logger: logger, failure: "SLA watch failed", recovery: "SLA watch works again")
        var watchNow = !watchedAtStart
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let changed = try await refresh()
                if changed > 0 { logger.debug("priorities refreshed", metadata: ["cases": "\(changed)"]) }
                refreshFailures.succeeded()
            } catch is CancellationError {
                return  // the server stops
            } catch {
                refreshFailures.failed(error)
            }
            do {
                let resumed = try await improvements.resumeDeliveries()
                if resumed > 0 { logger.notice("improvement messages sent after a restart", metadata: ["customers": "\(resumed)"]) }
                let updated = try await incidentUpdates.resumeDeliveries()
                if updated > 0 { logger.notice("incident status updates sent after a restart", metadata: ["customers": "\(updated)"]) }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("sending improvement messages or incident updates failed", metadata: ["error": "\(error)"])
            }
            do {
                if watchNow {
                    let start = ContinuousClock.now
                    let breaches = try await watchSLA()
                    if breaches > 0 { logger.info("service levels missed", metadata: ["breaches": "\(breaches)"]) }
                    // A pass must stay well within the standing's shelf life, or the counts go.
                    logger.debug("SLA watch done", metadata: ["duration": "\(ContinuousClock.now - start)"])
                    watchFailures.succeeded()
                }
                watchNow = true
            } catch is CancellationError {
                return
            } catch {
                watchFailures.failed(error)
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
