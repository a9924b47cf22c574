import Foundation
import Logging
import SignaalStore
import SignaalStorePostgres
import SignaalStoreSQLite

/// Opens the store a `DatabaseURL` names.
public enum StoreFactory {
    public static func open(_ url: DatabaseURL, logger: Logger = Logger(label: "signaal.store")) async throws -> any SignaalStore {
        switch url {
        case .sqliteFile(let path):
            return try SQLiteStore(path: path)
        case .sqliteMemory:
            return try SQLiteStore(path: nil)
        case .postgres(let endpoint):
            return try await PostgresStore.connect(to: endpoint, logger: logger)
        }
    }
}

extension StoreFactory {
    /// One line about a database error that a person can act on.
    public static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, [.fileWriteNoPermission, .fileReadNoPermission].contains(cocoa.code) {
            let path = cocoa.userInfo[NSFilePathErrorKey] as? String ?? "de map van de database"
            return "geen toestemming voor \(path) (mag Signaal deze map maken en erin schrijven?)"
        }
        let text = String(reflecting: error)
        // SQLite's result codes as GRDB prints them: BUSY/LOCKED, READONLY, CANTOPEN.
        if text.hasPrefix("SQLite error 5:") || text.hasPrefix("SQLite error 6:") {
            return "de database is vergrendeld door een ander proces, ook na 10 seconden wachten (draait er een ander programma op dit bestand?)"
        }
        if text.hasPrefix("SQLite error 8:") {
            return "het databasebestand is alleen-lezen (Signaal moet in het bestand en in zijn map kunnen schrijven)"
        }
        if text.hasPrefix("SQLite error 26:") {
            return "dit bestand is geen SQLite-database (klopt het pad? een back-up of een ander bestand op deze plek?)"
        }
        if text.hasPrefix("SQLite error 14:") {
            return "het databasebestand kan niet worden geopend of aangemaakt (bestaat de map en mag Signaal erin schrijven?)"
        }
        if text.contains("connectionRefused") || text.contains("Connection refused") {
            return "verbinding geweigerd (draait de databaseserver en klopt de poort?)"
        }
        if text.contains("UnknownHost") || text.contains("DNS error") {
            return "de naam van de databaseserver is onbekend (klopt de host in DATABASE_URL, en is de server vanaf hier bereikbaar?)"
        }
        if text.contains("28P01") || text.contains("password authentication failed") {
            return "gebruikersnaam of wachtwoord geweigerd"
        }
        if text.contains("3D000") { return "deze database bestaat niet" }
        if text.contains("sslUnsupported") {
            return "de databaseserver biedt geen TLS aan, terwijl sslmode in DATABASE_URL het eist (require, verify-ca of verify-full)"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") || text.contains("handshakeFailed") {
            return "het certificaat van de databaseserver is niet te vertrouwen (sslmode=verify-ca of verify-full: klopt sslrootcert, en bij verify-full de naam van de host?)"
        }
        if text.contains("no encryption") {
            return "de databaseserver eist TLS (pg_hba.conf: hostssl); laat sslmode weg of zet sslmode=require in DATABASE_URL"
        }
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine
    }
}
