import Foundation
import SignaalApp
import SignaalStorePostgres
import Testing

/// TLS to PostgreSQL as `sslmode` in DATABASE_URL says, against the test server, which
/// scripts/test starts with a certificate of its own (`TEST_DATABASE_SSL_ROOT_CERT`).
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    /// The test server's URL with `query` added, and its certificate; nil without PostgreSQL.
    static func server(_ query: String, host: String? = nil) throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard let base = environment["TEST_DATABASE_URL"], !base.isEmpty else {
            if environment["SIGNAAL_REQUIRE_POSTGRES"] == "1" { throw TLSSetupError("TEST_DATABASE_URL is not set; run scripts/test") }
            return nil
        }
        var components = try #require(URLComponents(string: base))
        if let host { components.host = host }
        return try #require(components.string) + "?" + query
    }

    static func rootCertificate() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment["TEST_DATABASE_SSL_ROOT_CERT"], !path.isEmpty else {
            if environment["SIGNAAL_REQUIRE_POSTGRES"] == "1" {
                throw TLSSetupError("TEST_DATABASE_SSL_ROOT_CERT is not set; scripts/test starts PostgreSQL with TLS and sets it")
            }
            return nil
        }
        return path
    }

    struct TLSSetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func encrypted(_ url: String) async throws -> Bool {
        let store = try #require(try await StoreFactory.open(try DatabaseURL(parsing: url)) as? PostgresStore)
        defer { Task { await store.shutdown() } }
        return try await store.isEncrypted()
    }

    @Test("sslmode as psql reads it: encrypted by default and with require, in the clear with disable, verify-full against the server's certificate")
    func modes() async throws {
        guard let root = try Self.rootCertificate(), let plain = try Self.server("sslmode=disable") else { return }
        #expect(try await Self.encrypted(try #require(try Self.server(""))), "prefer, the default, encrypts when the server can")
        #expect(try await Self.encrypted(try #require(try Self.server("sslmode=require"))))
        #expect(try await !Self.encrypted(plain))
        let verified = try #require(try Self.server("sslmode=verify-full&sslrootcert=\(root)", host: "localhost"))
        #expect(try await Self.encrypted(verified))
        #expect(try DatabaseURL(parsing: verified).description.hasSuffix("?sslmode=verify-full&sslrootcert=\(root)"))
    }

    @Test("a server certificate nobody vouches for stops verify-full with a clear reason")
    func untrusted() async throws {
        guard try Self.rootCertificate() != nil, let url = try Self.server("sslmode=verify-full", host: "localhost") else { return }
        do {
            _ = try await Self.encrypted(url)
            Issue.record("a self-made certificate was trusted without sslrootcert")
        } catch {
            #expect(StoreFactory.describe(error).contains("het certificaat van de databaseserver is niet te vertrouwen"), "\(error)")
        }
    }

    @Test("an unknown sslmode or a missing root certificate is refused before connecting, naming the variable")
    func badParameters() throws {
        #expect(throws: ConfigurationError(
            "DATABASE_URL: sslmode 'bogus' bestaat niet (kies uit disable, allow, prefer, require, verify-ca, verify-full)")) {
            try DatabaseURL(parsing: "postgres://u:p@db.example.nl/signaal?sslmode=bogus")
        }
        #expect(throws: ConfigurationError("DATABASE_URL: sslrootcert '/nergens/root.crt' is geen leesbaar bestand")) {
            try DatabaseURL(parsing: "postgres://u:p@db.example.nl/signaal?sslmode=verify-full&sslrootcert=/nergens/root.crt")
        }
        #expect(try DatabaseURL(parsing: "postgres://u:p@db.example.nl/signaal?sslmode=require").description == "postgres://u@db.example.nl:5432/signaal?sslmode=require")
        #expect(try DatabaseURL(parsing: "postgres://u:p@db.example.nl/signaal").description == "postgres://u@db.example.nl:5432/signaal")
    }
}
