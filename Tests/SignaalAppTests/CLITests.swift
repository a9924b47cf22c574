import Foundation
import GRDB
import SignaalApp
import SignaalDomain
import SignaalOutbound
import SignaalStoreSQLite
import Testing

@Suite("Command line")
struct CLITests {
    @Test("a malformed DATABASE_URL stops serve at start with one clear line and a non-zero exit")
    func malformedDatabaseURL() async throws {
        let result = try await CLI.run(["serve", "--port", "\(CLI.freePort())"], environment: ["DATABASE_URL": "mysql://root@localhost/db"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("DATABASE_URL"))
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test("a password with an unencoded @ : / # ? is not echoed in the error, which says how to write it")
    func unencodedPasswordStaysSecret() async throws {
        let result = try await CLI.run(
            ["migrate"], environment: ["DATABASE_URL": "postgres://signaal:p@ss:w/rd%#?@127.0.0.1:5432/signaal"])
        #expect(result.status != 0)
        #expect(!result.stderr.contains("p@ss") && !result.stderr.contains("w/rd"), "\(result.stderr)")
        #expect(result.stderr.contains("postgres://signaal:***@127.0.0.1:5432/signaal"), "\(result.stderr)")
        #expect(result.stderr.contains("schrijf die dan gecodeerd: %40 %3A %2F %23 %3F %25"), "\(result.stderr)")
    }

    @Test("serve on a port another program listens on stops with a message that names the port")
    func portInUse() async throws {
        let port = CLI.freePort()
        let other = try #require(CLI.socket(boundTo: port))
        defer { close(other) }
        #expect(listen(other, 1) == 0)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(["serve", "--port", "\(port)", "--database", "sqlite://\(directory.path)/signaal.sqlite"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("poort \(port) op 127.0.0.1 is al in gebruik"), "\(result.stderr)")
    }

    @Test("a second serve on the same SQLite file stops at once and names the first; after the first stops, serve starts")
    func oneServePerSQLiteFile() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/signaal.sqlite"
        let first = try await CrashTests.startServer(database: database, port: CLI.freePort())
        let second = try await CLI.run(["serve", "--port", "\(CLI.freePort())", "--database", database])
        #expect(second.status != 0)
        #expect(second.stderr.contains("Fout: een andere `signaal serve` (proces \(first.processIdentifier)) gebruikt \(directory.path)/signaal.sqlite al."), "\(second.stderr)")
        #expect(second.stderr.contains("PostgreSQL"), "the way to run several instances is named")
        first.terminate()
        first.waitUntilExit()
        let again = try await CrashTests.startServer(database: database, port: CLI.freePort())
        again.terminate()
        again.waitUntilExit()
    }

    @Test("an unknown LOG_LEVEL or a HOST this machine cannot find stops serve with the reason and a non-zero exit")
    func badLogLevelAndHost() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/signaal.sqlite"
        let loud = try await CLI.run(["serve", "--port", "\(CLI.freePort())", "--database", database], environment: ["LOG_LEVEL": "loud"])
        #expect(loud.status != 0)
        #expect(loud.stderr.contains("LOG_LEVEL 'loud' is geen logniveau (kies uit trace, debug, info, notice, warning, error, critical)"), "\(loud.stderr)")
        let nowhere = try await CLI.run(["serve", "--port", "\(CLI.freePort())", "--database", database], environment: ["HOST": "999.1.1.1"])
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("Fout: 999.1.1.1 is geen adres dat deze machine kent"), "\(nowhere.stderr)")
    }

    @Test("backup writes a new checked copy of the SQLite database, refuses to overwrite, and points PostgreSQL to pg_dump")
    func backup() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["DATABASE_URL": "sqlite://\(directory.path)/signaal.sqlite"]
        #expect(try await CLI.run(["migrate"], environment: database).status == 0)
        let input = "From: Petra <petra@example.nl>\r\nTo: klantenservice@example.nl\r\nSubject: Factuur\r\nMessage-ID: <f1@example.nl>\r\n\r\nMijn factuur klopt niet.\r\n"
        #expect(try await CLI.run(["ingest-email"], input: input, environment: database).status == 0)

        let made = try await CLI.run(["backup", "kopieen/signaal-5-dec.sqlite"], environment: database, directory: directory)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("Back-up gemaakt: kopieen/signaal-5-dec.sqlite (1 signaal, 1 klant, migratie "), "\(made.stdout)")
        let copy = try DatabaseQueue(path: directory.appendingPathComponent("kopieen/signaal-5-dec.sqlite").path)
        #expect(try await copy.read { try String.fetchOne($0, sql: "SELECT text FROM signals") }?.contains("factuur klopt niet") == true)
        try copy.close()

        let again = try await CLI.run(["backup", "kopieen/signaal-5-dec.sqlite"], environment: database, directory: directory)
        #expect(again.status != 0)
        #expect(again.stderr.contains("bestaat al"), "\(again.stderr)")
        #expect(again.stderr.hasPrefix("Fout: ") && !again.stderr.contains("Error:"), "said in the product's language: \(again.stderr)")
        let postgres = try await CLI.run(["backup", "x.sqlite", "--database", "postgres://signaal:x@127.0.0.1:1/signaal"], directory: directory)
        #expect(postgres.status != 0)
        #expect(postgres.stderr.contains("pg_dump"), "\(postgres.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.sqlite").path))
    }

    @Test("every invalid variable is reported at once")
    func allErrorsAtOnce() async throws {
        let result = try await CLI.run(["migrate"], environment: ["DATABASE_URL": "postgres://", "PORT": "tachtig"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("DATABASE_URL"))
        #expect(result.stderr.contains("PORT"))
    }

    @Test("a bad --database names the flag and the form a file path needs, and creates nothing; the flag overrides DATABASE_URL")
    func badDatabaseFlag() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = "\(directory.path)/signaal.sqlite"
        let bare = try await CLI.run(["migrate", "--database", path], environment: ["PORT": "tachtig"])
        #expect(bare.status != 0)
        #expect(bare.stderr.contains("--database '\(path)' is geen"), "\(bare.stderr)")
        #expect(bare.stderr.contains("schrijf sqlite://\(path)"), "\(bare.stderr)")
        #expect(bare.stderr.contains("PORT"), "every problem at once: \(bare.stderr)")
        #expect(!bare.stderr.contains("DATABASE_URL"), "\(bare.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        let overridden = try await CLI.run(["migrate", "--database", "sqlite://\(path)"], environment: ["DATABASE_URL": "mysql://root@localhost/db"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a mistyped SQLite path is refused by every command but serve and migrate, creating nothing; success names the database written to")
    func missingSQLiteFile() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = "sqlite://\(directory.path)/data/signaal.sqlite"
        #expect(try await CLI.run(["migrate", "--database", real]).status == 0, "migrate makes a new database, directory and all")
        let typo = "\(directory.path)/data/signal.sqlite"
        let log = directory.appendingPathComponent("log.csv")
        try "Kenmerk;Datum;Klant;Klacht\nK-001;22-11-2026 10:00;Jan;Pakket kwijt\n".write(to: log, atomically: true, encoding: .utf8)
        let commands: [([String], String)] = [
            (["import", "csv", log.path], ""), (["token", "create", "--name", "crm"], ""),
            (["user", "create", "--email", "anna@example.nl", "--name", "Anna", "--role", "admin"], "sterk-wachtwoord\n"),
            (["ingest-email"], "From: jan@example.nl\r\nMessage-ID: <1@example.nl>\r\n\r\nPakket kwijt\r\n"),
        ]
        for (arguments, input) in commands {
            let refused = try await CLI.run(arguments + ["--database", "sqlite://\(typo)"], input: input)
            #expect(refused.status != 0 && refused.stdout.isEmpty, "\(arguments): \(refused.stdout)")
            #expect(
                refused.stderr.contains("database \(typo) bestaat niet; start eerst `signaal serve` of `signaal migrate`, of controleer het pad"),
                "\(arguments): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(arguments) created the mistyped database")
        }
        // On the real one they work, and say where they wrote.
        let imported = try await CLI.run(["import", "csv", log.path, "--database", real])
        #expect(imported.status == 0 && imported.stdout.contains("database: \(real)"), "\(imported.stdout)\(imported.stderr)")
        let token = try await CLI.run(["token", "create", "--name", "crm", "--database", real])
        #expect(token.status == 0 && token.stderr.contains("gemaakt in \(real)"), "\(token.stderr)")
        let user = try await CLI.run(
            ["user", "create", "--email", "anna@example.nl", "--name", "Anna", "--role", "admin", "--database", real], input: "sterk-wachtwoord\n")
        #expect(user.status == 0 && user.stderr.contains("gebruiker anna@example.nl gemaakt in \(real)"), "\(user.stderr)")
        #expect(UserID(user.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) != nil, "the id alone on stdout")
    }

    @Test("an unreachable PostgreSQL stops serve quickly with a clear message")
    func unreachablePostgres() async throws {
        let started = ContinuousClock.now
        let result = try await CLI.run(
            ["serve", "--port", "\(CLI.freePort())", "--database", "postgres://signaal:x@127.0.0.1:1/signaal"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("kan de database"))
        #expect(result.stderr.contains("127.0.0.1"))
        // Refused at once, so serve must not sit in retries; the bound is loose because a loaded
        // 2-core CI machine takes seconds just to start the debug binary.
        #expect(ContinuousClock.now - started < .seconds(45))
    }

    @Test("a SQLite database another process holds locked stops serve with a Dutch reason and a non-zero exit, not a hang")
    func lockedSQLite() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("locked.sqlite").path
        #expect(try await CLI.run(["migrate", "--database", "sqlite://\(path)"]).status == 0)
        // setup: another process (here another connection) holds the write lock
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the lock is held across accesses on purpose
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let result = try await CLI.run(["serve", "--port", "\(CLI.freePort())", "--database", "sqlite://\(path)"], timeout: .seconds(40))
        try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        #expect(result.status != 0)
        #expect(result.stderr.contains("vergrendeld door een ander proces"), "\(result.stderr)")
    }

    @Test("a file that is no database, and a database host nobody knows, are explained in Dutch with what to check")
    func notADatabaseAndUnknownHost() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notities.sqlite")
        try Data("dit is tekst, geen database\n".utf8).write(to: path)
        let text = try await CLI.run(["migrate", "--database", "sqlite://\(path.path)"])
        #expect(text.status != 0)
        #expect(text.stderr.contains("dit bestand is geen SQLite-database (klopt het pad?"), "\(text.stderr)")
        #expect(!text.stderr.contains("SQLite error"), "\(text.stderr)")
        #expect(try String(contentsOf: path, encoding: .utf8) == "dit is tekst, geen database\n", "the file is left as it was")
        let nowhere = try await CLI.run(["migrate", "--database", "postgres://u:p@nohost.invalid:5432/db"])
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("de naam van de databaseserver is onbekend"), "\(nowhere.stderr)")
        #expect(!nowhere.stderr.contains("PSQLError"), "\(nowhere.stderr)")
    }

    @Test("SQLite that cannot be written or opened is explained in Dutch, with what to check")
    func sqliteStartErrors() {
        let readOnly = DatabaseError(resultCode: .SQLITE_READONLY, message: "attempt to write a readonly database", sql: "CREATE TABLE grdb_issue_102 (id INTEGER PRIMARY KEY)")
        #expect(StoreFactory.describe(readOnly).contains("alleen-lezen"), "\(StoreFactory.describe(readOnly))")
        let cannotOpen = DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "unable to open database file")
        #expect(StoreFactory.describe(cannotOpen).contains("mag Signaal erin schrijven"), "\(StoreFactory.describe(cannotOpen))")
        let noPermission = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/srv/signaal/data"])
        #expect(StoreFactory.describe(noPermission) == "geen toestemming voor /srv/signaal/data (mag Signaal deze map maken en erin schrijven?)")
    }

    @Test("token create prints the token alone; list shows it; revoke ends it")
    func tokens() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/t.sqlite"
        #expect(try await CLI.run(["migrate", "--database", database]).status == 0)
        let created = try await CLI.run(["token", "create", "--name", "CRM-koppeling", "--database", database])
        #expect(created.status == 0, "\(created.stderr)")
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("sgl_"))
        #expect(!secret.contains(" ") && !secret.contains("\n"))
        let list = try await CLI.run(["token", "list", "--database", database])
        #expect(list.stdout.contains("CRM-koppeling"))
        #expect(!list.stdout.contains(secret))
        let id = try #require(list.stdout.split(separator: "\t").first.map(String.init))
        // A second active token of the same name (whatever the case) is refused, naming the first.
        let twin = try await CLI.run(["token", "create", "--name", "crm-Koppeling", "--database", database])
        #expect(twin.status != 0)
        #expect(twin.stdout.isEmpty)
        #expect(twin.stderr.contains("al een actief token 'CRM-koppeling' (\(id))"), "\(twin.stderr)")
        #expect(try await CLI.run(["token", "revoke", id, "--database", database]).status == 0)
        #expect(try await CLI.run(["token", "create", "--name", "CRM-koppeling", "--database", database]).status == 0)
        #expect(try await CLI.run(["token", "list", "--database", database]).stdout.contains("ingetrokken"))
        let unknown = try await CLI.run(["token", "revoke", UUID().uuidString, "--database", database])
        #expect(unknown.status != 0)
        #expect(try await CLI.run(["token", "create", "--name", "  ", "--database", database]).status != 0)
        // A tab or line break would break the tab-separated list.
        #expect(try await CLI.run(["token", "create", "--name", "CRM\tkoppeling", "--database", database]).status != 0)
        // A token for a month: the list says until when; no lifetime, or ten years and more, is refused.
        #expect(try await CLI.run(["token", "create", "--name", "proef", "--expires-in-days", "30", "--database", database]).status == 0)
        #expect(try await CLI.run(["token", "list", "--database", database]).stdout.contains("\tactief tot "))
        for days in ["0", "-3", "3651", "maand"] {
            let refused = try await CLI.run(["token", "create", "--name", "fout \(days)", "--expires-in-days", days, "--database", database])
            #expect(refused.status != 0, "\(days)")
            #expect(refused.stdout.isEmpty)
        }
    }

    @Test("user create reads the password from stdin and refuses duplicates and unknown roles")
    func users() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/u.sqlite"
        #expect(try await CLI.run(["migrate", "--database", database]).status == 0)
        let arguments = ["user", "create", "--email", "lead@example.nl", "--name", "Lotte", "--role", "lead", "--database", database]
        let created = try await CLI.run(arguments, input: "sterk-wachtwoord\n")
        #expect(created.status == 0, "\(created.stderr)")
        let again = try await CLI.run(arguments, input: "sterk-wachtwoord\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("lead@example.nl"))
        let badRole = try await CLI.run(
            ["user", "create", "--email", "x@example.nl", "--name", "X", "--role", "baas", "--database", database], input: "pw12345\n")
        #expect(badRole.status != 0)
        #expect(badRole.stderr.contains("agent, lead of admin"))
        let weak = try await CLI.run(
            ["user", "create", "--email", "z@example.nl", "--name", "Z", "--role", "agent", "--database", database], input: "1234\n")
        #expect(weak.status != 0)
        #expect(weak.stderr.contains("minstens 8 tekens"))
        // A common password with digits and punctuation after it is still a common password.
        let common = try await CLI.run(
            ["user", "create", "--email", "z@example.nl", "--name", "Z", "--role", "agent", "--database", database], input: "Welkom01!\n")
        #expect(common.status != 0)
        #expect(common.stderr.contains("Fout:") && common.stderr.contains("staat op de lijst van veelgebruikte wachtwoorden"), "\(common.stderr)")
        #expect(try await CLI.run(["user", "list", "--database", database]).stdout.contains("z@example.nl") == false)
        let noPassword = try await CLI.run(
            ["user", "create", "--email", "y@example.nl", "--name", "Y", "--role", "agent", "--database", database], input: "")
        #expect(noPassword.status != 0)
    }

    @Test("what the operator changes at the command line (users, roles, passwords, tokens) is in the audit log, by the command line")
    func commandLineIsAudited() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.sqlite").path
        let database = ["--database", "sqlite://\(path)"]
        #expect(try await CLI.run(["migrate"] + database).status == 0)
        #expect(try await CLI.run(["user", "create", "--email", "fatma@example.nl", "--name", "Fatma", "--role", "agent"] + database, input: "sterk-wachtwoord\n").status == 0)
        #expect(try await CLI.run(["user", "role", "--email", "fatma@example.nl", "--role", "lead"] + database).status == 0)
        #expect(try await CLI.run(["user", "password", "--email", "fatma@example.nl"] + database, input: "nog-sterker-wachtwoord\n").status == 0)
        #expect(try await CLI.run(["user", "deactivate", "--email", "fatma@example.nl"] + database).status == 0)
        let token = try await CLI.run(["token", "create", "--name", "audittest"] + database)
        #expect(token.status == 0)
        let store = try SQLiteStore(path: path)
        let tokenID = try #require(try await store.tokens().first).id
        #expect(try await CLI.run(["token", "revoke", tokenID.description] + database).status == 0)
        let fatma = try #require(try await store.users().first)
        let entries = try await store.auditEntries(.all, before: nil, limit: 20).reversed()
        await store.shutdown()
        #expect(entries.allSatisfy { $0.isCommandLine && $0.userID == nil && $0.action == .change })
        #expect(entries.map(\.detail) == [
            "CLI signaal user create · rol: medewerker", "CLI signaal user role · nieuwe rol: teamleider", "CLI signaal user password",
            "CLI signaal user deactivate", "CLI signaal token create · ‘audittest’ (\(tokenID))", "CLI signaal token revoke · \(tokenID)",
        ])
        #expect(entries.prefix(4).allSatisfy { $0.subject == .user && $0.subjectID == fatma.id.description })
        #expect(entries.compactMap { AuditEntry.actionKey(of: $0.request) } == [
            "user_add", "user_role", "user_password", "user_deactivate", "token_create", "token_revoke",
        ])
    }

    @Test("user list, role, deactivate, activate and password manage accounts; the last admin stays; bad input is refused in Dutch")
    func manageUsers() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite://\(directory.path)/u.sqlite"]
        #expect(try await CLI.run(["migrate"] + database).status == 0)
        func run(_ arguments: [String], input: String = "") async throws -> CLI.Result {
            try await CLI.run(["user"] + arguments + database, input: input)
        }
        #expect(try await run(["create", "--email", "fatima@example.nl", "--name", "Fatima", "--role", "admin"], input: "sterk-wachtwoord\n").status == 0)
        #expect(try await run(["create", "--email", "bas@example.nl", "--name", "Bas Bakker", "--role", "agent"], input: "sterk-wachtwoord\n").status == 0)

        let list = try await run(["list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout == "bas@example.nl\tBas Bakker\tagent\tactief\nfatima@example.nl\tFatima\tadmin\tactief\n", "\(list.stdout)")

        let promoted = try await run(["role", "--email", "BAS@example.nl", "--role", "lead"])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(promoted.stdout.contains("bas@example.nl is nu lead"))
        let deactivated = try await run(["deactivate", "--email", "bas@example.nl"])
        #expect(deactivated.status == 0, "\(deactivated.stderr)")
        #expect(try await run(["list"]).stdout.contains("bas@example.nl\tBas Bakker\tlead\tinactief"))
        #expect(try await run(["activate", "--email", "bas@example.nl"]).status == 0)
        #expect(try await run(["list"]).stdout.contains("bas@example.nl\tBas Bakker\tlead\tactief"))

        // The operator is nobody's self, but the last active admin stays one, and active.
        for arguments in [["deactivate", "--email", "fatima@example.nl"], ["role", "--email", "fatima@example.nl", "--role", "agent"]] {
            let refused = try await run(arguments)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("Fatima is de laatste actieve beheerder"), "\(refused.stderr)")
        }
        #expect(try await run(["role", "--email", "bas@example.nl", "--role", "admin"]).status == 0)
        #expect(try await run(["deactivate", "--email", "fatima@example.nl"]).status == 0, "with a second admin, the first may go")
        #expect(try await run(["list"]).stdout.contains("fatima@example.nl\tFatima\tadmin\tinactief"))

        let password = try await run(["password", "--email", "bas@example.nl"], input: "nieuw-wachtwoord\n")
        #expect(password.status == 0, "\(password.stderr)")
        let weak = try await run(["password", "--email", "bas@example.nl"], input: "kort\n")
        #expect(weak.status != 0)
        #expect(weak.stderr.contains("minstens 8 tekens"), "\(weak.stderr)")
        let guessable = try await run(["password", "--email", "bas@example.nl"], input: "bas.bakker2026\n")
        #expect(guessable.status != 0)
        #expect(guessable.stderr.contains("bevat de naam of het e-mailadres van de gebruiker"), "\(guessable.stderr)")
        #expect(try await run(["password", "--email", "bas@example.nl"]).status != 0, "no password on stdin")

        let unknown = try await run(["deactivate", "--email", "niemand@example.nl"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Gebruiker met e-mailadres niemand@example.nl bestaat niet."), "\(unknown.stderr)")
        let badRole = try await run(["role", "--email", "bas@example.nl", "--role", "baas"])
        #expect(badRole.status != 0)
        #expect(badRole.stderr.contains("agent, lead of admin"))
        #expect(try await run(["deactivate"]).status != 0, "--email is required")
    }

    @Test("serve with no configuration runs on SQLite in data/signaal.sqlite and answers /health")
    func serveDefaults() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = CLI.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        let null = ChildProcess.openNullDevice()
        defer { close(null) }
        let process = try ChildProcess.spawn(
            CLI.binary, arguments: ["serve", "--port", "\(port)"], environment: environment, directory: directory.path,
            standardInput: null, standardOutput: null, standardError: null)
        defer { process.terminate(); process.waitUntilExit() }
        var body = ""
        // Until it answers, for at most a minute, and no longer than the server runs.
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline {
            if let data = try? await HTTP.get("http://127.0.0.1:\(port)/health") {
                body = data
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(process.isRunning, "signaal serve exited with \(process.isRunning ? 0 : process.terminationStatus)")
        #expect(body.contains(#""database":"sqlite""#))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("data/signaal.sqlite").path))
    }
}
