import Foundation
import SignaalDomain
import Testing

@Suite("Domain: rules on changing accounts")
struct UserRulesTests {
    static let fatima = User(id: .generate(), email: "fatima@example.nl", name: "Fatima", role: .admin, createdAt: Date())
    static let jeroen = User(id: .generate(), email: "jeroen@example.nl", name: "Jeroen", role: .admin, createdAt: Date())

    static func with(_ user: User, _ edit: (inout User) -> Void) -> User {
        var changed = user
        edit(&changed)
        return changed
    }

    @Test("an admin neither deactivates nor demotes themselves, but another admin may")
    func selfRules() throws {
        let me = Self.fatima
        let deactivated = Self.with(me) { $0.isActive = false }
        let demoted = Self.with(me) { $0.role = .lead }
        #expect(throws: DomainError.self) { try User.checkChange(of: me, to: deactivated, by: .admin(me.id), activeAdmins: 2) }
        #expect(throws: DomainError.self) { try User.checkChange(of: me, to: demoted, by: .admin(me.id), activeAdmins: 2) }
        try User.checkChange(of: me, to: deactivated, by: .admin(Self.jeroen.id), activeAdmins: 2)
        try User.checkChange(of: me, to: demoted, by: .admin(Self.jeroen.id), activeAdmins: 2)
        // The operator at the command line is nobody's self.
        try User.checkChange(of: me, to: demoted, by: .operator, activeAdmins: 2)
        do {
            try User.checkChange(of: me, to: deactivated, by: .admin(me.id), activeAdmins: 2)
        } catch {
            #expect(error.message.contains("eigen account niet deactiveren"))
        }
    }

    @Test("the last active admin is never deactivated or demoted, by anyone")
    func lastAdmin() throws {
        let last = Self.fatima
        for changed in [Self.with(last) { $0.isActive = false }, Self.with(last) { $0.role = .agent }] {
            for changer in [User.Changer.operator, .admin(Self.jeroen.id)] {
                #expect(throws: DomainError.conflict(
                    "Fatima is de laatste actieve beheerder. Maak eerst een collega beheerder; anders kan niemand collega's meer beheren.")) {
                    try User.checkChange(of: last, to: changed, by: changer, activeAdmins: 1)
                }
            }
        }
        // A new name, or a change to an inactive admin, takes no admin away.
        try User.checkChange(of: last, to: Self.with(last) { $0.name = "Fatima el Amrani" }, by: .operator, activeAdmins: 1)
        let inactive = Self.with(Self.jeroen) { $0.isActive = false }
        try User.checkChange(of: inactive, to: Self.with(inactive) { $0.role = .agent }, by: .operator, activeAdmins: 1)
        // Reactivating or promoting is always fine.
        try User.checkChange(of: inactive, to: Self.jeroen, by: .admin(Self.fatima.id), activeAdmins: 1)
    }

    @Test("a new password follows the rule of a new account")
    func passwordRule() throws {
        #expect(throws: DomainError.invalidField("password", "moet minstens 8 tekens zijn")) {
            try User.validatedPassword("kort", email: "anna@example.nl", name: "Anna Agent")
        }
        #expect(throws: DomainError.self) { try User.validatedPassword(String(repeating: "é", count: 40), email: "a@example.nl", name: "A") }
        try User.validatedPassword("lang-genoeg", email: "anna@example.nl", name: "Anna Agent")
        // A name fits the lists it shows in.
        #expect(throws: DomainError.self) {
            try User.validatedNew(email: "a@example.nl", name: String(repeating: "Anna ", count: 1000), password: "lang-genoeg")
        }
        #expect(try User.validatedNew(email: "a@example.nl", name: " Anna Agent ", password: "lang-genoeg").name == "Anna Agent")
    }

    @Test("a password easy to guess is refused, saying why, without case and with digits or punctuation after it",
          arguments: [
              ("12345678", PasswordWeakness.common), ("password", .common), ("wachtwoord", .common), ("Welkom01", .common),
              ("Welkom01!", .common), ("WACHTWOORD2026", .common), ("Zomer2026!", .common), ("Feyenoord1908", .common),
              ("Signaal123", .common), ("p@ssw0rd!", .common), ("Qwerty123", .common), ("letmein!!", .common), ("12345678!", .common),
              ("aaaaaaaaaaaa", .repeated), ("Xxxxxxxxx1", .repeated), ("abababab", .repeated), ("!!!!!!!!", .repeated),
              ("abcdefghij", .sequence), ("98765432", .sequence), ("Hijklmnop7", .sequence), ("asdfghjk", .sequence), ("poiuytrewq", .sequence),
              ("anna.de.vries-2026", .personal), ("devries!kade", .personal), ("annadevries", .personal), ("Jansen-Vries-9", .personal),
          ])
    func guessablePasswords(password: String, weakness: PasswordWeakness) throws {
        #expect(PasswordWeakness.of(password, email: "anna.de.vries@example.nl", name: "Anna de Vries") == weakness)
        #expect(throws: DomainError.invalidField("password", weakness.dutchReason)) {
            try User.validatedPassword(password, email: "anna.de.vries@example.nl", name: "Anna de Vries")
        }
        #expect(throws: DomainError.invalidField("password", weakness.dutchReason)) {
            try User.validatedNew(email: "anna.de.vries@example.nl", name: "Anna de Vries", password: password)
        }
    }

    @Test("passwords not easy to guess pass, and only the demo loader's 'demo' skips the rule",
          arguments: ["Vlinder-kade-47", "paars paard op de dijk", "eerste-wachtwoord", "Tulpenbollen-veld-9", "k3rst-in-Zwolle", "Zx!9#kLmq2"])
    func strongPasswords(password: String) throws {
        #expect(PasswordWeakness.of(password, email: "anna.de.vries@example.nl", name: "Anna de Vries") == nil)
        try User.validatedPassword(password, email: "anna.de.vries@example.nl", name: "Anna de Vries")
        #expect(throws: DomainError.self) { try User.validatedNew(email: "agent@demo.signaal.nl", name: "Sanne Bakker", password: "demo") }
        #expect(try User.validatedNew(email: "agent@demo.signaal.nl", name: "Sanne Bakker", password: "demo", demoPassword: true).email == "agent@demo.signaal.nl")
    }

    @Test("the list of common passwords is shipped and holds a few hundred Dutch and English ones")
    func commonList() {
        for password in ["wachtwoord", "welkom", "geheim", "voetbal", "ajax", "feyenoord", "qwerty", "123456", "password", "letmein", "signaal", "zomer", "winter"] {
            #expect(PasswordWeakness.of(password + "!", email: "x@example.nl", name: "X") == .common, "\(password)")
        }
    }

    @Test("changes on /gebruikers are in the audit log with the colleague as subject")
    func audit() throws {
        let id = UserID.generate().description
        #expect(AuditEntry.classify(method: "POST", path: "/gebruikers/\(id)/deactiveren")! == (.change, .user, id))
        #expect(AuditEntry.classify(method: "POST", path: "/gebruikers/\(id.uppercased())/rol")! == (.change, .user, id))
        #expect(AuditEntry.classify(method: "POST", path: "/gebruikers")! == (.change, .user, nil))
        #expect(AuditEntry.classify(method: "GET", path: "/gebruikers") == nil)
    }
}
