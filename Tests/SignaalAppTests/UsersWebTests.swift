import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Web: colleagues on /gebruikers")
struct UsersWebTests {
    static func page(_ client: any TestClientProtocol, _ uri: String, cookie: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie, .accept: "text/html"])
    }

    /// Fatima, an admin, signed in: her account and her session cookie.
    static func fatima(_ client: any TestClientProtocol, _ store: any SignaalStore) async throws -> (User, String) {
        let fatima = try await UserAccounts.forTests(store).create(
            email: "fatima@example.nl", name: "Fatima Beheer", role: .admin, password: "Vlinder-kade-47")
        return (fatima, try #require(try await WebTests.signIn(client, email: "fatima@example.nl", password: "Vlinder-kade-47").1))
    }

    @Test("an admin adds a colleague, changes the role, deactivates (signed out at once) and reactivates them, and sets a new password",
          arguments: TestDatabase.all)
    func manageColleague(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (fatima, admin) = try await Self.fatima(client, store)
            let inbox = try await Self.page(client, "/", cookie: admin).text
            #expect(inbox.contains("<a href=\"/gebruikers\">"), "the admin's menu links the page")
            let empty = try await Self.page(client, "/gebruikers", cookie: admin)
            #expect(empty.status == .ok)
            let csrf = try TeamsWebTests.csrf(in: empty.text)

            let added = try await CaseActionsTests.post(
                client, "/gebruikers", cookie: admin,
                ["csrf": csrf, "email": " Bas@Example.nl ", "name": "Bas Bakker", "role": "agent", "password": "eerste-wachtwoord"])
            #expect(added.status == .seeOther)
            let bas = try #require(try await store.users().first { $0.email == "bas@example.nl" })
            #expect(added.headers[.location] == "/gebruikers#user-\(bas.id)")
            #expect(bas.role == .agent && bas.isActive && bas.name == "Bas Bakker")
            let listed = try await Self.page(client, "/gebruikers", cookie: admin).text
            #expect(listed.contains("<td>bas@example.nl</td><td>medewerker</td>"), "\(listed)")

            // Bas signs in; as an agent he may not manage colleagues.
            let agent = try #require(try await WebTests.signIn(client, email: "bas@example.nl", password: "eerste-wachtwoord").1)
            #expect(try await Self.page(client, "/", cookie: agent).text.contains("/gebruikers") == false)
            #expect(try await Self.page(client, "/gebruikers", cookie: agent).status == .forbidden)
            let agentCSRF = try TeamsWebTests.csrf(in: try await Self.page(client, "/", cookie: agent).text)
            let refused = try await CaseActionsTests.post(client, "/gebruikers/\(fatima.id)/deactiveren", cookie: agent, ["csrf": agentCSRF])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Alleen beheerders beheren collega"))
            let promoteSelf = try await CaseActionsTests.post(client, "/gebruikers/\(bas.id)/rol", cookie: agent, ["csrf": agentCSRF, "role": "admin"])
            #expect(promoteSelf.status == .forbidden)
            let sneaked = try await CaseActionsTests.post(
                client, "/gebruikers", cookie: agent, ["csrf": agentCSRF, "email": "x@example.nl", "name": "X", "role": "admin", "password": "Vlinder-kade-474"])
            #expect(sneaked.status == .forbidden)
            #expect(try await store.user(id: fatima.id)?.isActive == true)
            #expect(try await store.user(id: bas.id)?.role == .agent)
            #expect(try await store.userCount() == 2)

            // Promoted to team lead and back; each is the colleague's line in the audit log.
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(bas.id)/rol", cookie: admin, ["csrf": csrf, "role": "lead"]).status == .seeOther)
            #expect(try await store.user(id: bas.id)?.role == .lead)
            #expect(try await Self.page(client, "/coaching", cookie: agent).status == .ok, "the new role holds on his next request")
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(bas.id)/rol", cookie: admin, ["csrf": csrf, "role": "agent"]).status == .seeOther)
            #expect(try await Self.page(client, "/coaching", cookie: agent).status == .forbidden)

            // Bas owns an open case when he leaves: it stays his, and the page says so.
            let caseID = try #require(CaseID(try await createCase(
                client, token: token, ["channel": "x", "externalId": "vertrek-1", "author": ["handle": "klant"], "text": "Mijn pakket is kwijt"])))
            _ = try await store.updateCase(id: caseID) { $0.ownerID = bas.id }
            let deactivated = try await CaseActionsTests.post(client, "/gebruikers/\(bas.id)/deactiveren", cookie: admin, ["csrf": csrf])
            #expect(deactivated.status == .seeOther)
            #expect(try await store.user(id: bas.id)?.isActive == false)
            #expect(try await store.case(id: caseID)?.ownerID == bas.id)
            let signedOut = try await Self.page(client, "/", cookie: agent)
            #expect(signedOut.status == .found)
            #expect(signedOut.headers[.location]?.hasPrefix("/login") == true)
            let script = try await client.execute(uri: "/", method: .get, headers: [.cookie: agent, .accept: "application/json"])
            #expect(script.status == .unauthorized)
            #expect(try await WebTests.signIn(client, email: "bas@example.nl", password: "eerste-wachtwoord").0 != .found)
            let leaver = try await Self.page(client, "/gebruikers", cookie: admin).text
            #expect(leaver.contains("<strong>inactief</strong>"))
            #expect(leaver.contains("1 open zaak: draag ze over aan een collega"), "\(leaver)")
            #expect(leaver.contains("action=\"/gebruikers/\(bas.id)/activeren\""))
            let audit = try await store.auditEntries(.subject(bas.id.description), before: nil, limit: 10)
            #expect(audit.map(\.detail).contains("POST /gebruikers/\(bas.id)/deactiveren"))
            #expect(audit.allSatisfy { $0.subject == .user })
            #expect(audit.filter { $0.action != .refused }.allSatisfy { $0.userID == fatima.id })
            // Bas's try to make himself admin is on record, as refused.
            #expect(audit.filter { $0.action == .refused }.map(\.detail) == ["POST /gebruikers/\(bas.id)/rol"])
            #expect(audit.filter { $0.action == .refused }.allSatisfy { $0.userID == bas.id })
            #expect(try await Self.page(client, "/audit?over=\(bas.id)", cookie: admin).text.contains("collega Bas Bakker"))

            // Back, with a new password: the old one no longer opens anything.
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(bas.id)/activeren", cookie: admin, ["csrf": csrf]).status == .seeOther)
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(bas.id)/wachtwoord", cookie: admin, ["csrf": csrf, "password": "tweede-wachtwoord"]).status == .seeOther)
            #expect(try await WebTests.signIn(client, email: "bas@example.nl", password: "eerste-wachtwoord").0 != .found)
            #expect(try await WebTests.signIn(client, email: "bas@example.nl", password: "tweede-wachtwoord").1 != nil)
        }
    }

    @Test("a new password signs that colleague out everywhere; an admin's own new password keeps only the session it was set in",
          arguments: TestDatabase.all)
    func newPasswordEndsSessions(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (fatima, admin) = try await Self.fatima(client, store)
            let adminElsewhere = try #require(try await WebTests.signIn(client, email: "fatima@example.nl", password: "Vlinder-kade-47").1)
            let accounts = UserAccounts.forTests(store)
            let bas = try await accounts.create(email: "bas@example.nl", name: "Bas Bakker", role: .agent, password: "eerste-wachtwoord")
            let laptop = try #require(try await WebTests.signIn(client, email: "bas@example.nl", password: "eerste-wachtwoord").1)
            let phone = try #require(try await WebTests.signIn(client, email: "bas@example.nl", password: "eerste-wachtwoord").1)
            func signedOut(_ cookie: String) async throws -> Bool {
                let page = try await Self.page(client, "/", cookie: cookie)
                return page.status == .found && page.headers[.location]?.hasPrefix("/login") == true
            }
            let (laptopOut, phoneOut) = (try await signedOut(laptop), try await signedOut(phone))
            #expect(!laptopOut && !phoneOut)

            // The admin sets a new password for Bas (his was seen over his shoulder): every session of his ends.
            let csrf = try TeamsWebTests.csrf(in: try await Self.page(client, "/gebruikers", cookie: admin).text)
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(bas.id)/wachtwoord", cookie: admin, ["csrf": csrf, "password": "tweede-wachtwoord"]).status == .seeOther)
            #expect(try await signedOut(laptop), "the laptop's session ended")
            #expect(try await signedOut(phone), "the phone's session ended")

            // `signaal user password` at the command line does the same.
            let again = try #require(try await WebTests.signIn(client, email: "bas@example.nl", password: "tweede-wachtwoord").1)
            let againOut = try await signedOut(again)
            #expect(!againOut)
            try await accounts.setPassword("derde-wachtwoord", of: bas.id)
            #expect(try await signedOut(again), "a password set by the operator ends his session too")

            // Fatima changes her own password: the session she did it in goes on, her other one ends.
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(fatima.id)/wachtwoord", cookie: admin, ["csrf": csrf, "password": "nieuw-geheim-123"]).status == .seeOther)
            let adminOut = try await signedOut(admin)
            #expect(!adminOut, "the session she changed it in stays signed in")
            #expect(try await signedOut(adminElsewhere), "her other session ended")
            #expect(try await Self.page(client, "/gebruikers", cookie: admin).status == .ok)
            #expect(try await WebTests.signIn(client, email: "fatima@example.nl", password: "nieuw-geheim-123").1 != nil)
        }
    }

    @Test("a password easy to guess is refused for a new colleague and as a new password, saying why, in Dutch or English",
          arguments: TestDatabase.all)
    func guessablePasswords(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (_, admin) = try await Self.fatima(client, store)
            let anna = try await UserAccounts.forTests(store).create(
                email: "anna@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let csrf = try TeamsWebTests.csrf(in: try await Self.page(client, "/gebruikers", cookie: admin).text)
            let common = try await CaseActionsTests.post(
                client, "/gebruikers", cookie: admin, ["csrf": csrf, "email": "bas@example.nl", "name": "Bas Bakker", "role": "agent", "password": "Welkom01!"])
            #expect(common.status == .unprocessableContent)
            #expect(common.text.contains("Het wachtwoord staat op de lijst van veelgebruikte wachtwoorden"), "\(common.text)")
            #expect(try await store.userWithPasswordHash(email: "bas@example.nl") == nil)

            for (password, reason) in [("aaaaaaaaaaaa", "is steeds hetzelfde teken herhaald"), ("12345678", "staat op de lijst"),
                                       ("abcdefghij", "is een eenvoudige reeks"), ("Anna-Agent-1", "bevat de naam of het e-mailadres")] {
                let reset = try await CaseActionsTests.post(client, "/gebruikers/\(anna.id)/wachtwoord", cookie: admin, ["csrf": csrf, "password": password])
                #expect(reset.status == .unprocessableContent, "\(password)")
                #expect(reset.text.contains("Het wachtwoord \(reason)"), "\(password): \(reset.text)")
                #expect(try await WebTests.signIn(client, email: "anna@example.nl", password: password).0 == .unauthorized)
            }
            let english = try await CaseActionsTests.post(
                client, "/gebruikers/\(anna.id)/wachtwoord", cookie: "\(admin); signaal_lang=en", ["csrf": csrf, "password": "Wachtwoord2026"])
            #expect(english.status == .unprocessableContent)
            #expect(english.text.contains("The password is on the list of commonly used passwords"), "\(english.text)")
            #expect(try await WebTests.signIn(client, email: "anna@example.nl", password: "Vlinder-kade-47").1 != nil)
        }
    }

    @Test("a typo comes back beside its form with the reason and what was typed, never the password", arguments: TestDatabase.all)
    func failedForms(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (_, admin) = try await Self.fatima(client, store)
            let anna = try await UserAccounts.forTests(store).create(
                email: "anna@example.nl", name: "Anna Agent", role: .agent, password: "Vlinder-kade-47")
            let csrf = try TeamsWebTests.csrf(in: try await Self.page(client, "/gebruikers", cookie: admin).text)
            func add(_ email: String, _ password: String) async throws -> TestResponse {
                try await CaseActionsTests.post(
                    client, "/gebruikers", cookie: admin, ["csrf": csrf, "email": email, "name": "Bas Bakker", "role": "lead", "password": password])
            }

            let badEmail = try await add("bas-at-example", "sterk-wachtwoord")
            #expect(badEmail.status == .unprocessableContent)
            #expect(badEmail.text.contains("<p class=\"field-error\" role=\"alert\">Geen geldig e-mailadres.</p>"), "\(badEmail.text)")
            #expect(badEmail.text.contains("value=\"bas-at-example\"") && badEmail.text.contains("value=\"Bas Bakker\""))
            #expect(badEmail.text.contains("<option value=\"lead\" selected>"), "the chosen role stays chosen")
            #expect(!badEmail.text.contains("sterk-wachtwoord"))

            let short = try await add("bas@example.nl", "kort")
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("Het wachtwoord moet minstens 8 tekens zijn."), "\(short.text)")
            #expect(!short.text.contains("value=\"kort\""))

            let taken = try await add("ANNA@example.nl", "sterk-wachtwoord")
            #expect(taken.status == .conflict)
            #expect(taken.text.contains("Er is al een gebruiker met e-mailadres anna@example.nl."))
            #expect(try await store.userCount() == 2)

            let shortReset = try await CaseActionsTests.post(
                client, "/gebruikers/\(anna.id)/wachtwoord", cookie: admin, ["csrf": csrf, "password": "1234567"])
            #expect(shortReset.status == .unprocessableContent)
            // The reason stands with Anna's forms, not the new colleague's.
            let annaForms = try #require(shortReset.text.range(of: "id=\"user-\(anna.id)\""))
            #expect(shortReset.text[annaForms.upperBound...].contains("Het wachtwoord moet minstens 8 tekens zijn."))
            #expect(try await WebTests.signIn(client, email: "anna@example.nl", password: "Vlinder-kade-47").1 != nil)

            let noRole = try await CaseActionsTests.post(client, "/gebruikers/\(anna.id)/rol", cookie: admin, ["csrf": csrf, "role": "baas"])
            #expect(noRole.status == .unprocessableContent)
            let unknown = try await CaseActionsTests.post(client, "/gebruikers/\(UserID.generate())/deactiveren", cookie: admin, ["csrf": csrf])
            #expect(unknown.status == .notFound)
            let stale = try await CaseActionsTests.post(client, "/gebruikers/\(anna.id)/deactiveren", cookie: admin, ["csrf": "oud"])
            #expect(stale.status == .forbidden)
            #expect(try await store.user(id: anna.id)?.isActive == true)
        }
    }

    @Test("the last admin cannot deactivate or demote themselves; with a second admin, that one can", arguments: TestDatabase.all)
    func noLockOut(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let (fatima, admin) = try await Self.fatima(client, store)
            let accounts = UserAccounts.forTests(store)
            let jeroen = try await accounts.create(email: "jeroen@example.nl", name: "Jeroen Lead", role: .lead, password: "Vlinder-kade-47")
            let page = try await Self.page(client, "/gebruikers", cookie: admin).text
            let csrf = try TeamsWebTests.csrf(in: page)
            #expect(!page.contains("action=\"/gebruikers/\(fatima.id)/deactiveren\""), "no button to lock oneself out")
            #expect(page.contains("action=\"/gebruikers/\(jeroen.id)/deactiveren\""))

            let deactivateSelf = try await CaseActionsTests.post(client, "/gebruikers/\(fatima.id)/deactiveren", cookie: admin, ["csrf": csrf])
            #expect(deactivateSelf.status == .forbidden)
            #expect(deactivateSelf.text.contains("U kunt uw eigen account niet deactiveren"), "\(deactivateSelf.text)")
            #expect(deactivateSelf.text.contains("action=\"/gebruikers\""), "the page itself, with the reason")
            let demoteSelf = try await CaseActionsTests.post(client, "/gebruikers/\(fatima.id)/rol", cookie: admin, ["csrf": csrf, "role": "lead"])
            #expect(demoteSelf.status == .forbidden)
            #expect(demoteSelf.text.contains("U kunt uw eigen rol niet verlagen"))
            #expect(try await store.user(id: fatima.id).map { $0.isActive && $0.role == .admin } == true)
            #expect(try await Self.page(client, "/gebruikers", cookie: admin).status == .ok)

            // Jeroen becomes admin too; then he may take Fatima's role (she is no longer the last).
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(jeroen.id)/rol", cookie: admin, ["csrf": csrf, "role": "admin"]).status == .seeOther)
            let second = try #require(try await WebTests.signIn(client, email: "jeroen@example.nl", password: "Vlinder-kade-47").1)
            let secondCSRF = try TeamsWebTests.csrf(in: try await Self.page(client, "/gebruikers", cookie: second).text)
            #expect(try await CaseActionsTests.post(
                client, "/gebruikers/\(fatima.id)/deactiveren", cookie: second, ["csrf": secondCSRF]).status == .seeOther)
            #expect(try await Self.page(client, "/gebruikers", cookie: admin).status == .found, "Fatima is signed out")
            // Now Jeroen is the last active admin: the service refuses whoever takes that away.
            await #expect(throws: DomainError.self) { try await accounts.setRole(.agent, of: jeroen.id, by: .operator) }
            #expect(try await store.user(id: jeroen.id)?.role == .admin)
        }
    }

    @Test("the page speaks English on ?lang=en")
    func english() async throws {
        try await withApp(.sqlite) { client, store, _ in
            let (_, admin) = try await Self.fatima(client, store)
            let page = try await Self.page(client, "/gebruikers?lang=en", cookie: admin).text
            #expect(page.contains("<h1>Colleagues</h1>") && page.contains(">Add</button>") && page.contains("At least 8 characters, no common password or simple sequence"))
            #expect(page.contains("Another admin changes your own role and access."))
            #expect(!page.contains("Collega toevoegen"))
        }
    }
}
