import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// Changing accounts: role, active flag, name and password hash. SQLite and PostgreSQL.
@Suite("Store contract: changing users")
struct UserContractTests {
    @Test("role, active flag and name changes persist and are read back; the e-mail address and team stay", arguments: TestDatabase.all)
    func changesPersist(database: TestDatabase) async throws {
        try await withTestStore(database) { store, location in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let team = Team(id: .generate(), name: "Webcare")
            try await store.createTeam(team, now: Fixtures.base)
            try await store.setTeam(userID: anna.id, teamID: team.id)

            let changed = try await store.updateUser(id: anna.id) { user, _ in
                user.role = .lead
                user.name = "Anna de Vries"
                user.isActive = false
                // Only name, role and the active flag are the change's to make.
                user.email = "iemand-anders@example.nl"
                user.teamID = nil
            }
            #expect(changed.role == .lead && changed.name == "Anna de Vries" && !changed.isActive)
            #expect(changed.email == "anna@example.nl")
            #expect(changed.teamID == team.id)
            #expect(try await store.user(id: anna.id) == changed)

            // Read back after a restart too: stored, not cached.
            await store.shutdown()
            let reopened = try await location.open()
            let stored = try #require(try await reopened.user(id: anna.id))
            #expect(stored.role == .lead && !stored.isActive && stored.name == "Anna de Vries")
            #expect(try await reopened.userWithPasswordHash(email: "anna@example.nl")?.0.isActive == false)
            try await reopened.updateUser(id: anna.id) { user, _ in user.isActive = true }
            #expect(try await reopened.users().first { $0.id == anna.id }?.isActive == true)
            await reopened.shutdown()
        }
    }

    @Test("the change sees the active admins counted in its transaction, and a refused change keeps the stored user", arguments: TestDatabase.all)
    func activeAdminCount(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let fatima = User(id: .generate(), email: "fatima@example.nl", name: "Fatima", role: .admin, createdAt: Fixtures.base)
            let gone = User(id: .generate(), email: "gone@example.nl", name: "Gone", role: .admin, isActive: false, createdAt: Fixtures.base)
            try await store.createUser(fatima, passwordHash: "x")
            try await store.createUser(gone, passwordHash: "x")
            let anna = try await HandoffContractTests.user("Anna", store: store)
            let seen = try await store.updateUser(id: anna.id) { user, admins in
                #expect(admins == 1, "an inactive admin does not count")
                user.role = .admin
            }
            #expect(seen.role == .admin)
            try await store.updateUser(id: fatima.id) { _, admins in #expect(admins == 2) }

            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.updateUser(id: anna.id) { user, _ in
                    user.role = .agent
                    throw Refused()
                }
            }
            #expect(try await store.user(id: anna.id)?.role == .admin)
        }
    }

    @Test("a new password hash replaces the old one", arguments: TestDatabase.all)
    func passwordHash(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let anna = try await HandoffContractTests.user("Anna", store: store)
            try await store.setPasswordHash(userID: anna.id, "$2b$04$nieuw")
            #expect(try await store.userWithPasswordHash(email: "anna@example.nl")?.1 == "$2b$04$nieuw")
            // By id too: each web request checks its session against the password it signed in with.
            let byID = try #require(try await store.userWithPasswordHash(id: anna.id))
            #expect(byID.0.id == anna.id && byID.1 == "$2b$04$nieuw")
            #expect(try await store.userWithPasswordHash(id: UserID.generate()) == nil)
        }
    }

    @Test("changing an unknown user is a clear not-found error", arguments: TestDatabase.all)
    func unknownUser(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let unknown = UserID.generate()
            await #expect(throws: DomainError.notFound("gebruiker")) {
                try await store.updateUser(id: unknown) { user, _ in user.isActive = false }
            }
            await #expect(throws: DomainError.notFound("gebruiker")) { try await store.setPasswordHash(userID: unknown, "x") }
            #expect(DomainError.notFound("gebruiker").message == "Gebruiker bestaat niet.")
        }
    }
}
