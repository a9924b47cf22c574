import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SignaalApp
import SignaalDomain
import SignaalServices

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migreer de database en start de webapp en de API.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Adres om op te luisteren (wint van HOST).") var host: String?
    @Option(help: "Poort (wint van PORT).") var port: Int?
    @Flag(help: "Laad eerst de demodata in een lege database en toon de demo-logins.") var demo = false

    func run() async throws {
        var config = try database.config()
        if let host { config.host = host }
        if let port {
            guard (1...65535).contains(port) else { throw CLIError("--port \(port) is geen poortnummer (1-65535)") }
            config.port = port
        }
        // The demo's brands, unless the team set its own.
        if demo && config.brandHandles.isEmpty { config.brandHandles = DemoData.brandHandles }
        var logger = Logger(label: "signaal")
        logger.logLevel = config.logLevel
        let store = try await openStore(config.database, logger: logger, creating: true)
        let lock: ServeLock?
        do {
            if case .sqliteFile(let path) = config.database { lock = try ServeLock(forDatabaseAt: path) } else { lock = nil }
        } catch {
            await store.shutdown()
            throw error
        }
        defer { lock?.release() }
        let analyzer = config.makeAnalyzer { logger.warning("\($0)") }
        if demo {
            try await DemoSetup.run(store: store, analyzer: analyzer, brand: BrandAccounts(handles: config.brandHandles))
        }
        let (app, background) = try await buildServer(
            configuration: config, dependencies: .init(store: store, logger: logger, analyzer: analyzer))
        // The background work runs in a group of its own that the stop notice stops at once; the
        // notice comes after the app, so that a stop signal reaches it first: the log says the stop
        // began before the requests in flight are finished.
        let backgroundGroup = ServiceGroup(configuration: .init(services: background, logger: logger))
        let services = ServiceGroup(
            configuration: .init(
                services: [app, StopNotice(logger: logger, background: backgroundGroup, drainLimit: Self.drainLimit)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Background work that fails for good stops the server too, as it did inside it.
                    defer { Task { await services.triggerGracefulShutdown() } }
                    try await backgroundGroup.run()
                }
                group.addTask {
                    defer { Task { await backgroundGroup.triggerGracefulShutdown() } }
                    try await services.run()
                }
                try await group.waitForAll()
            }
        } catch {
            await store.shutdown()
            throw CLIError(Self.explain(error, host: config.host, port: config.port))
        }
        await store.shutdown()
        logger.info("Signaal is gestopt.")
    }
}

extension Serve {
    /// How long a stop waits for the requests in flight before the process ends without them.
    static let drainLimit: Duration = .seconds(15)

    /// Why the server stopped, in words an operator can act on: the usual reasons it cannot listen
    /// (another Signaal on the port, a port below 1024, an address of another machine) are named.
    static func explain(_ error: any Error, host: String, port: Int) -> String {
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE:
            "poort \(port) op \(host) is al in gebruik (draait Signaal al?): stop dat programma of kies een andere poort met --port"
        case EACCES:
            "geen toestemming om op poort \(port) te luisteren: kies een poort vanaf 1024 met --port"
        case EADDRNOTAVAIL:
            "\(host) is geen adres van deze machine: kies er een met --host (bijvoorbeeld 127.0.0.1, of 0.0.0.0 voor alle)"
        default:
            // NIO's "unknown host": HOST or --host names no address this machine can find.
            String(describing: error).contains("UnknownHost") || error is SocketAddressError
                ? "\(host) is geen adres dat deze machine kent: kies er een met --host of HOST (bijvoorbeeld 127.0.0.1, of 0.0.0.0 voor alle)"
                : "de server stopte: \(error)"
        }
    }
}

/// Says in the log that a stop signal arrived, so an operator sees why the server is going away;
/// stops the background work at once (no new outbox round while requests drain), and ends the
/// process when the requests in flight have not finished within `drainLimit`: a request stuck on
/// the database must not keep a stopped server (and its outbox) running.
struct StopNotice: Service {
    let logger: Logger
    let background: ServiceGroup
    let drainLimit: Duration

    func run() async throws {
        try await gracefulShutdown()
        logger.info("Signaal stopt: lopende verzoeken worden afgerond, er worden geen nieuwe meer aangenomen.")
        await background.triggerGracefulShutdown()
        // Unstructured: it must outlive this service, and a clean stop ends the process before it fires.
        Task.detached { [logger, drainLimit] in
            try? await Task.sleep(for: drainLimit)
            let open = InFlightRequests.count
            logger.error(
                "Signaal stopt zonder af te wachten: \(open) verzoek(en) liepen na \(drainLimit.components.seconds) seconden nog en zijn afgebroken.")
            exit(1)
        }
    }
}

enum DemoSetup {
    /// Written at once, also into a file or a pipe (where `print` buffers until exit): the demo
    /// logins must show while the server runs.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func run(store: any SignaalStore, analyzer: DutchTextAnalyzer, brand: BrandAccounts) async throws {
        let accounts = try await DemoAccounts.create(in: store)
        let agentID = try await store.users().first { $0.email == DemoAccounts.all[0].email }?.id
        let stored = try await LoadDemoData(store: store, analyzer: analyzer, brand: brand, recorder: agentID)(DemoData.bundled())
        if let stored {
            say("Demodata geladen: \(stored) signalen.")
        } else {
            say("De database bevat al signalen: demodata niet opnieuw geladen.")
        }
        try await setUpTeams(store: store)
        let users = try await store.users()
        if let agent = users.first(where: { $0.email == DemoAccounts.all[0].email }), let lead = users.first(where: { $0.email == DemoAccounts.all[1].email }) {
            let resolved = try await DemoHistory(store: store)(agent: agent.id, lead: lead.id)
            if resolved > 0 { say("Demogeschiedenis: \(resolved) oudere klachten opgelost met hun oorzaak; één verbeteractie loopt, op /verbeteringen.") }
        }
        say("Demo-logins (wachtwoord 'demo', alleen voor de demo):")
        for account in accounts { say("  \(account.email)  (\(account.role.dutchName))") }
    }

    /// Two demo teams with rules: payments and refunds go to Financiën, the public social
    /// channels to Webcare. The demo's open cases are placed by the same rules, as if they had
    /// come in after the rules were made.
    static func setUpTeams(store: any SignaalStore) async throws {
        guard try await store.teams().isEmpty else { return }
        let now = Date()
        let webcare = Team(id: .generate(now: now), name: "Webcare")
        let finance = Team(id: .generate(now: now), name: "Financiën")
        try await store.createTeam(webcare, now: now)
        try await store.createTeam(finance, now: now)
        let rules: [(TeamRule.Field, String, TeamID)] = [
            (.topic, "betaling", finance.id), (.topic, "terugbetaling", finance.id),
            (.channel, "x", webcare.id), (.channel, "facebook", webcare.id), (.channel, "instagram", webcare.id),
        ]
        for (position, rule) in rules.enumerated() {
            try await store.addTeamRule(TeamRule(id: .generate(now: now), position: position + 1, field: rule.0, value: rule.1, teamID: rule.2))
        }
        for user in try await store.users() where user.role != .admin {
            try await store.setTeam(userID: user.id, teamID: webcare.id)
        }
        let placed = try await store.teamRules()
        var cursor: CaseCursor?
        while true {
            let page = try await store.cases(statuses: CaseStatus.unresolved, limit: 200, after: cursor)
            for theCase in page where theCase.teamID == nil {
                guard let team = TeamRule.team(for: theCase, text: theCase.subject, rules: placed) else { continue }
                _ = try await store.updateCase(id: theCase.id) { $0.teamID = $0.teamID ?? team }
            }
            guard page.count == 200, let last = page.last else { break }
            cursor = CaseCursor(after: last)
        }
        say("Demoteams: Webcare (Sanne, Jeroen) en Financiën, met regels op /teams.")
    }
}
