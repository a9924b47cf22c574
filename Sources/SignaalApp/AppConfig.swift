import DutchText
import Foundation
import Logging
import SignaalDomain

/// Everything Signaal reads from its environment, validated at once.
public struct AppConfig: Sendable {
    public var database: DatabaseURL
    public var host: String
    public var port: Int
    /// `LOG_LEVEL`: how much the server logs.
    public var logLevel: Logger.Level = .info
    public var brandHandles: [String]
    /// Secure cookies need HTTPS; off for plain local runs, on when `SIGNAAL_PUBLIC_URL` is https
    /// (`SIGNAAL_SECURE_COOKIES` says otherwise explicitly).
    public var secureCookies: Bool
    /// How often unresolved cases get their priority recomputed.
    public var priorityRefreshInterval: Duration
    /// How often the outbox looks for replies to send.
    public var outboxInterval: Duration = .seconds(1)
    /// The most one send attempt of a reply may take (sendmail, SMTP, X or Meta) before it is
    /// stopped and recorded as failed: well under `OutboxService.interruptedAfter`, so that a
    /// reply is only called interrupted when no live attempt can still be sending it.
    public var replyAttemptLimit: Duration = OutboxService.attemptLimit
    /// The team's own topic taxonomy (`SIGNAAL_TOPICS_FILE`, JSON like Resources/topics.json),
    /// read once at start; the bundled default otherwise.
    public var taxonomy: Taxonomy = .bundled
    /// The team's reply templates (`SIGNAAL_TEMPLATES_FILE`, JSON like Resources/templates.json);
    /// the bundled Dutch and English set otherwise.
    public var templates: [ReplyTemplate] = AppConfig.bundledTemplates
    /// Models written by `signaal train`; used when the file exists.
    public var modelFile: String = "data/model.json"
    public var channels = ChannelSettings()
    /// Behind a reverse proxy, the client's address is the last `X-Forwarded-For` hop (`SIGNAAL_TRUST_PROXY=1`).
    public var trustProxy = false
    /// Where customers reach Signaal's public pages (satisfaction links), `SIGNAAL_PUBLIC_URL`;
    /// `http://HOST:PORT` when unset.
    public var publicURL: String?
    /// The organisation customers wrote to (`SIGNAAL_ORGANISATION`, "NS Klantenservice"): the name
    /// on the pages customers see (the complaint form, the satisfaction question); they do not know
    /// "Signaal". Unset: "Signaal".
    public var organisation: String?
    /// What each role may give without a lead's approval (`SIGNAAL_MANDATE_FILE`, JSON like
    /// docs/mandate.example.json); agent € 25, lead € 250 per case otherwise.
    public var mandate: Mandate = .standard
    /// Opening hours, Dutch holidays and response and resolution targets (`SIGNAAL_SLA_FILE`, JSON
    /// like docs/sla.example.json); Mon–Fri 08:00–18:00 and the standard targets otherwise.
    public var sla: SLASettings = .standard
    /// Whether case pages in use add up to measured handling time (`SIGNAAL_MEASURE_WORK=0` turns it
    /// off: time per colleague is a way of following staff, for which a Dutch works council's
    /// consent is needed; see the README).
    public var measureWork = true
    /// Unresolved cases the inbox's SLA views read at once (smaller in tests, to cross batches).
    var slaScanBatch = 1000

    public var effectivePublicURL: String { publicURL ?? "http://\(host):\(port)" }

    public init(
        database: DatabaseURL = .default, host: String = "127.0.0.1", port: Int = 8080, brandHandles: [String] = [],
        secureCookies: Bool = false, priorityRefreshInterval: Duration = .seconds(60)
    ) {
        self.database = database
        self.host = host
        self.port = port
        self.brandHandles = brandHandles
        self.secureCookies = secureCookies
        self.priorityRefreshInterval = priorityRefreshInterval
    }

    /// Reads the variables of INTERFACES.md; reports every invalid one in one error.
    public init(environment: [String: String]) throws(ConfigurationErrors) {
        var errors: [ConfigurationError] = []
        self.init()
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            do throws(ConfigurationError) {
                database = try DatabaseURL(parsing: url)
            } catch {
                errors.append(error)
            }
        }
        if let host = environment["HOST"], !host.isEmpty { self.host = host }
        if let level = environment["LOG_LEVEL"], !level.isEmpty {
            if let parsed = Logger.Level(rawValue: level.lowercased()) {
                logLevel = parsed
            } else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(ConfigurationError("LOG_LEVEL '\(level)' is geen logniveau (kies uit \(levels))"))
            }
        }
        if let portText = environment["PORT"], !portText.isEmpty {
            if let port = Int(portText), (1...65535).contains(port) {
                self.port = port
            } else {
                errors.append(ConfigurationError("PORT '\(portText)' is geen poortnummer (1-65535)"))
            }
        }
        if let handles = environment["SIGNAAL_BRAND_HANDLES"] {
            brandHandles = handles.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "@"))
            }.filter { !$0.isEmpty }
        }
        if let topics = environment["SIGNAAL_TOPICS_FILE"], !topics.isEmpty {
            do {
                taxonomy = try Taxonomy.load(from: topics)
            } catch {
                errors.append(ConfigurationError("SIGNAAL_TOPICS_FILE '\(topics)' is onbruikbaar: \(error)"))
            }
        }
        if let url = environment["SIGNAAL_PUBLIC_URL"], !url.isEmpty {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                publicURL = url
            } else {
                errors.append(ConfigurationError("SIGNAAL_PUBLIC_URL '\(url)' is geen http(s)-adres"))
            }
        }
        if let name = environment["SIGNAAL_ORGANISATION"]?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
            if name.count <= 80 && !name.contains(where: \.isNewline) {
                organisation = name
            } else {
                errors.append(ConfigurationError("SIGNAAL_ORGANISATION is langer dan 80 tekens of heeft meer dan één regel"))
            }
        }
        if let loaded = Self.configFile("SIGNAAL_TEMPLATES_FILE", environment, &errors, ReplyTemplate.decodeList) { templates = loaded }
        if let loaded = Self.configFile("SIGNAAL_MANDATE_FILE", environment, &errors, {
            try JSONDecoder().decode(Mandate.self, from: $0).validated()
        }) { mandate = loaded }
        if let loaded = Self.configFile("SIGNAAL_SLA_FILE", environment, &errors, { try JSONDecoder().decode(SLASettings.self, from: $0) }) {
            sla = loaded
        }
        channels = ChannelSettings(environment: environment, errors: &errors)
        // Replies come from the name the customer knows, unless the mail's own name is set.
        if let organisation, (environment["SIGNAAL_EMAIL_FROM_NAME"] ?? "").isEmpty { channels.emailFromName = organisation }
        if let model = environment["SIGNAAL_MODEL_FILE"], !model.isEmpty { modelFile = model }
        if let trust = environment["SIGNAAL_TRUST_PROXY"], !trust.isEmpty {
            switch trust.lowercased() {
            case "1", "true", "yes", "ja": trustProxy = true
            case "0", "false", "no", "nee": trustProxy = false
            default: errors.append(ConfigurationError("SIGNAAL_TRUST_PROXY '\(trust)' is geen 1 of 0"))
            }
        }
        if let secure = environment["SIGNAAL_SECURE_COOKIES"], !secure.isEmpty {
            switch secure.lowercased() {
            case "1", "true", "yes", "ja": secureCookies = true
            case "0", "false", "no", "nee": secureCookies = false
            default: errors.append(ConfigurationError("SIGNAAL_SECURE_COOKIES '\(secure)' is geen 1 of 0"))
            }
        } else if let publicURL, publicURL.lowercased().hasPrefix("https://") {
            // Served over HTTPS, as its public address says: a session cookie must not also travel
            // in the clear because the variable was forgotten.
            secureCookies = true
        }
        if let measure = environment["SIGNAAL_MEASURE_WORK"], !measure.isEmpty {
            switch measure.lowercased() {
            case "1", "true", "yes", "ja": measureWork = true
            case "0", "false", "no", "nee": measureWork = false
            default: errors.append(ConfigurationError("SIGNAAL_MEASURE_WORK '\(measure)' is geen 1 of 0"))
            }
        }
        if !errors.isEmpty { throw ConfigurationErrors(errors: errors) }
    }
}

/// All the invalid variables at once, so one restart fixes them all.
public struct ConfigurationErrors: Error, CustomStringConvertible {
    public let errors: [ConfigurationError]
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

extension AppConfig {
    /// Shipped with the app, so it cannot be invalid without a failing test.
    public static let bundledTemplates: [ReplyTemplate] = {
        guard let data = try? Data(contentsOf: BundledResources.url("Resources/templates.json")) else { return [] }
        return (try? ReplyTemplate.decodeList(data)) ?? []
    }()

    /// A JSON mistake in words an admin can act on: where, and what.
    /// The admin's JSON file named by `variable`, decoded; nil when unset. A file that is missing,
    /// unreadable or wrong is one Dutch line in `errors`, naming the field where JSON says so.
    static func configFile<T>(
        _ variable: String, _ environment: [String: String], _ errors: inout [ConfigurationError], _ decode: (Data) throws -> T
    ) -> T? {
        guard let file = environment[variable], !file.isEmpty else { return nil }
        let problem: String
        if let data = FileManager.default.contents(atPath: file) {
            do {
                return try decode(data)
            } catch let error as DomainError {
                problem = error.message
            } catch let error as DecodingError {
                problem = "geen geldige JSON voor dit bestand (\(describe(error)))"
            } catch {
                problem = "\(error)"
            }
        } else {
            problem = "het bestand bestaat niet of is niet leesbaar"
        }
        errors.append(ConfigurationError("\(variable) '\(file)' is onbruikbaar: \(problem)"))
        return nil
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let reason = (context.underlyingError as? any LocalizedError)?.errorDescription ?? context.debugDescription
            return path.isEmpty ? reason : "\(path): \(reason)"
        @unknown default:
            return "\(error)"
        }
    }

    /// The analyser with the configured taxonomy, and the trained model when there is one. A model
    /// file that cannot be read (a training run cut short) leaves the rules alone at work, and
    /// `warn` says so: no outage for it, and no silence either.
    public func makeAnalyzer(warn: (String) -> Void = { _ in }) -> DutchTextAnalyzer {
        var models: TrainedModels?
        if FileManager.default.fileExists(atPath: modelFile) {
            do {
                models = try TrainedModels.load(from: modelFile)
            } catch {
                warn("het model \(modelFile) is niet te lezen (\(error)); alleen de regels worden gebruikt")
            }
        }
        return DutchTextAnalyzer(taxonomy: taxonomy, models: models)
    }
}
