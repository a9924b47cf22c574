import Foundation
import SignaalStorePostgres

/// Where the data lives: `sqlite://PATH`, `sqlite::memory:` or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(PostgresStore.Endpoint)

    public static let `default` = DatabaseURL.sqliteFile("data/signaal.sqlite")

    /// Parses `text`, or says in one sentence what is wrong with it; `name` is where the text came
    /// from (the variable or the command-line flag), so the message points at what to change.
    public init(parsing text: String, name: String = "DATABASE_URL") throws(ConfigurationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "sqlite::memory:" {
            self = .sqliteMemory
            return
        }
        if trimmed.hasPrefix("sqlite://") {
            let path = String(trimmed.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw ConfigurationError("\(name): sqlite:// heeft een pad nodig, bv. sqlite://data/signaal.sqlite")
            }
            self = .sqliteFile(path)
            return
        }
        guard trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://"),
            let components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty
        else {
            // A bare file path is the likeliest slip; say the form it needs rather than guess it is one.
            var hint = !trimmed.isEmpty && !trimmed.contains(":") ? " (een bestand? schrijf sqlite://\(trimmed))" : ""
            if (trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://")) && trimmed.contains("@") {
                hint = "; staat er een @ : / # ? of % in het wachtwoord, schrijf die dan gecodeerd: %40 %3A %2F %23 %3F %25"
            }
            throw ConfigurationError(
                "\(name) '\(Self.redacted(trimmed))' is geen sqlite://PAD, sqlite::memory: of postgres://gebruiker:wachtwoord@host:poort/database\(hint)"
            )
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw ConfigurationError("\(name): de database-naam ontbreekt na de host") }
        guard let user = components.user, !user.isEmpty else {
            throw ConfigurationError("\(name): de gebruikersnaam ontbreekt (postgres://gebruiker@host/db)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw ConfigurationError("\(name): poort \(port) bestaat niet") }
        self = .postgres(
            .init(
                host: host, port: port, username: user.removingPercentEncoding ?? user,
                password: components.password.map { $0.removingPercentEncoding ?? $0 }, database: database,
                tls: try Self.tlsMode(components.queryItems ?? [], name: name)))
    }

    /// libpq's `sslmode` and `sslrootcert`, so a URL that works with psql works here; other
    /// parameters are libpq's business and left alone.
    static func tlsMode(_ items: [URLQueryItem], name: String) throws(ConfigurationError) -> PostgresStore.TLSMode {
        let root = items.last { $0.name == "sslrootcert" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        if let root, !FileManager.default.isReadableFile(atPath: root) {
            throw ConfigurationError("\(name): sslrootcert '\(root)' is geen leesbaar bestand")
        }
        let mode = items.last { $0.name == "sslmode" }?.value ?? "prefer"
        switch mode.lowercased() {
        case "disable": return .disable
        // `allow` tries without TLS first; encrypting when the server can is no worse.
        case "allow", "prefer", "": return .prefer
        case "require": return .require
        case "verify-ca": return .verifyCA(rootCertificate: root)
        case "verify-full": return .verifyFull(rootCertificate: root)
        default:
            throw ConfigurationError(
                "\(name): sslmode '\(mode)' bestaat niet (kies uit disable, allow, prefer, require, verify-ca, verify-full)")
        }
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite://\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgres(let endpoint):
            "postgres://\(endpoint.username)@\(endpoint.host):\(endpoint.port)/\(endpoint.database)" + Self.describe(endpoint.tls)
        }
    }

    /// The TLS mode as a URL says it, when not the default.
    static func describe(_ tls: PostgresStore.TLSMode) -> String {
        switch tls {
        case .prefer: ""
        case .disable: "?sslmode=disable"
        case .require: "?sslmode=require"
        case .verifyCA(let root): "?sslmode=verify-ca" + (root.map { "&sslrootcert=\($0)" } ?? "")
        case .verifyFull(let root): "?sslmode=verify-full" + (root.map { "&sslrootcert=\($0)" } ?? "")
        }
    }

    /// Hides a password in a URL before it is printed.
    static func redacted(_ text: String) -> String {
        if var components = URLComponents(string: text) {
            guard components.password != nil else { return text }
            components.password = "***"
            return components.string ?? text
        }
        // Unparsable, often because the password holds an unencoded @ : / # or ?: everything
        // between the user name and the last @ is the password, as far as anyone can tell.
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", options: .backwards),
            scheme.upperBound < at.lowerBound,
            let colon = text[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at.lowerBound...])
    }
}

/// A configuration value that cannot be used; the message names the variable.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
