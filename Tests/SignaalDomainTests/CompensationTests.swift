import Foundation
import SignaalDomain
import Testing

@Suite("Compensation: money, mandate and quiet flags")
struct CompensationTests {
    @Test("euro amounts are read as Dutch people type them, and written the Dutch way")
    func money() {
        #expect(Money.cents("12,50") == 1250)
        #expect(Money.cents("12.50") == 1250)
        #expect(Money.cents("€ 12") == 1200)
        #expect(Money.cents("€12,5") == 1250)
        #expect(Money.cents("1.250,00") == 125_000)
        #expect(Money.cents("1.250") == 125_000)
        #expect(Money.cents(" 7 ") == 700)
        #expect(Money.cents("1,250.00") == 125_000)
        #expect(Money.cents("1.250.000") == 125_000_000)
        #expect(Money.cents("20.000.000") == 2_000_000_000, "too big for a compensation, but an amount")
        #expect(Money.cents("99999999999999999999") == nil, "no overflow")
        // Three digits after a comma are a typo as often as English thousands: refused, not a
        // thousand times the amount meant.
        for bad in ["", "€", "-5", "12,5055", "twaalf", "1.25.0", ",50", "12 50", "12,505", "1,250", "1.250.50", "1,250,00", "1..250"] {
            #expect(Money.cents(bad) == nil, "\(bad)")
        }
        #expect(Money.format(1250) == "€ 12,50")
        #expect(Money.format(5) == "€ 0,05")
        #expect(Money.format(125_000) == "€ 1.250,00")
        #expect(Money.format(100_000_000) == "€ 1.000.000,00")
    }

    static func grant(_ kind: Compensation.Kind, _ cents: Int, status: Compensation.Status = .granted, at: Date = Date()) -> Compensation {
        Compensation(
            id: .generate(), caseID: .generate(), customerID: .generate(), kind: kind, amountCents: cents, reason: "", status: status,
            requestedBy: .generate(), requestedAt: at)
    }

    @Test("an agent's €25 per case covers €25 but not €25.01; earlier grants on the case count, pending ones do not")
    func mandate() {
        let mandate = Mandate.standard
        #expect(mandate.covers(.agent, kind: .refund, amountCents: 2500, onCaseAlready: []) == .within)
        #expect(mandate.covers(.agent, kind: .refund, amountCents: 2501, onCaseAlready: []) != .within)
        #expect(mandate.covers(.agent, kind: .voucher, amountCents: 1600, onCaseAlready: [Self.grant(.refund, 1000)]) != .within)
        #expect(mandate.covers(.agent, kind: .voucher, amountCents: 1500, onCaseAlready: [Self.grant(.refund, 1000, status: .pending)]) == .within)
        #expect(mandate.covers(.agent, kind: .voucher, amountCents: 1500, onCaseAlready: [Self.grant(.refund, 1000, status: .rejected)]) == .within)
        #expect(mandate.covers(.lead, kind: .refund, amountCents: 20_000, onCaseAlready: []) == .within)
        #expect(mandate.covers(.lead, kind: .refund, amountCents: 30_000, onCaseAlready: []) != .within)
    }

    @Test("a limit per kind applies below the case limit; an admin's file with an unknown role or kind is refused")
    func mandatePerKind() throws {
        let mandate = Mandate(roles: [.agent: .init(perKind: [.gift: 1000], perCase: 5000)])
        #expect(mandate.covers(.agent, kind: .gift, amountCents: 1200, onCaseAlready: []) == .above(limit: 1000, total: 1200, what: "attentie"))
        #expect(mandate.covers(.agent, kind: .refund, amountCents: 4000, onCaseAlready: []) == .within)
        #expect(mandate.covers(.lead, kind: .refund, amountCents: 1, onCaseAlready: []) != .within, "a role left out has no mandate")

        let json = #"{"roles":{"agent":{"perKind":{"refund":2000},"perCase":3000}},"flagGrantsPerYear":3,"flagCentsPerYear":10000}"#
        let decoded = try JSONDecoder().decode(Mandate.self, from: Data(json.utf8)).validated()
        #expect(decoded.limits(for: .agent).limit(for: .refund) == 2000)
        for bad in [
            #"{"roles":{"stagiair":{"perKind":{},"perCase":3000}},"flagGrantsPerYear":3,"flagCentsPerYear":10000}"#,
            #"{"roles":{"agent":{"perKind":{"cadeau":5},"perCase":3000}},"flagGrantsPerYear":3,"flagCentsPerYear":10000}"#,
            #"{"roles":{"agent":{"perKind":{},"perCase":-1}},"flagGrantsPerYear":3,"flagCentsPerYear":10000}"#,
        ] {
            #expect(throws: DomainError.self) { try JSONDecoder().decode(Mandate.self, from: Data(bad.utf8)).validated() }
        }
    }

    @Test("a customer with four grants, or €250 together, in twelve months is flagged; older grants and refusals do not count")
    func flag() {
        let now = Date()
        let mandate = Mandate.standard
        let three = (0..<3).map { _ in Self.grant(.voucher, 1000, at: now.addingTimeInterval(-30 * 86400)) }
        #expect(CompensationFlag.check(three, mandate: mandate, now: now) == nil)
        #expect(CompensationFlag.check(three + [Self.grant(.gift, 500, at: now.addingTimeInterval(-400 * 86400))], mandate: mandate, now: now) == nil)
        #expect(CompensationFlag.check(three + [Self.grant(.gift, 500, status: .rejected)], mandate: mandate, now: now) == nil)
        #expect(CompensationFlag.check(three + [Self.grant(.gift, 500)], mandate: mandate, now: now) == CompensationFlag(grants: 4, totalCents: 3500))
        #expect(CompensationFlag.check([Self.grant(.refund, 25_000)], mandate: mandate, now: now)?.totalCents == 25_000)
    }
}

@Suite("Service levels of a case")
struct CaseSLATests {
    @Test("a reopen starts a new episode: the first-response clock runs again from the reopen")
    func reopenRestartsTheClock() throws {
        let opened = Date(timeIntervalSince1970: 1_796_630_400)
        var theCase = Case(
            id: .generate(), customerID: .generate(), status: .open, priority: 10, subject: "x", channel: .email, openedAt: opened,
            updatedAt: opened, lastInboundAt: opened, waitingSince: opened, signalCount: 1, reopenCount: 0, maxFollowers: 0, transitions: [])
        theCase.respondedAt = opened.addingTimeInterval(600)
        try theCase.transition(to: .resolved, at: opened.addingTimeInterval(3600), reason: "opgelost")
        let settings = SLASettings.standard
        #expect(settings.clock(for: theCase, now: opened.addingTimeInterval(7200)).resolution.state == .met)
        let reopenedAt = opened.addingTimeInterval(86400)
        try theCase.transition(to: .open, at: reopenedAt, reason: "klant schreef opnieuw")
        #expect(theCase.slaStartedAt == reopenedAt)
        #expect(theCase.respondedAt == nil)
        let clock = settings.clock(for: theCase, now: reopenedAt.addingTimeInterval(60))
        #expect(theCase.currentSLA(clock).kind == .firstResponse)
        #expect(!clock.firstResponse.state.isCompleted)
    }
}

@Suite("Audit log: what a request did")
struct AuditClassifyTests {
    @Test("case views, changes, exports and erasures are kept with their subject; lists and the live coach are not")
    func classify() {
        let id = "0193a5c0-0000-7000-8000-000000000001"
        #expect(AuditEntry.classify(method: "GET", path: "/cases/\(id)")! == (.view, .case, id))
        #expect(AuditEntry.classify(method: "POST", path: "/cases/\(id)/replies")! == (.change, .case, id))
        #expect(AuditEntry.classify(method: "POST", path: "/compensations/\(id)/decide")! == (.change, .compensation, id))
        #expect(AuditEntry.classify(method: "GET", path: "/customers/\(id)/gegevens.json")! == (.export, .customer, id))
        #expect(AuditEntry.classify(method: "POST", path: "/customers/\(id)/wissen")! == (.erase, .customer, id))
        // Taking a case out of an incident, or putting it back, is in the case's audit trail.
        #expect(AuditEntry.classify(method: "POST", path: "/incidenten/\(UUID())/zaken/\(id)/verwijderen")! == (.change, .case, id))
        #expect(AuditEntry.classify(method: "POST", path: "/incidenten/\(UUID())/zaken/\(id)/toevoegen")! == (.change, .case, id))
        #expect(AuditEntry.classify(method: "POST", path: "/incidenten/x/sluiten")! == (.change, .other, nil))
        #expect(AuditEntry.classify(method: "GET", path: "/") == nil)
        #expect(AuditEntry.classify(method: "GET", path: "/coaching") == nil)
        #expect(AuditEntry.classify(method: "POST", path: "/cases/\(id)/coach") == nil)
        #expect(AuditEntry.classify(method: "POST", path: "/logout") == nil)
    }
}

@Suite("Routing: who gets a new case")
struct RoutingTests {
    let anna = UserID.generate(), bram = UserID.generate(), cas = UserID.generate()

    @Test("the previous owner first when available; else the least loaded whose skills fit; never above capacity or when paused")
    func choose() {
        let profiles = [
            RoutingProfile(userID: anna, capacity: 2),
            RoutingProfile(userID: bram, capacity: 10, channels: [.email]),
            RoutingProfile(userID: cas, paused: true, capacity: 10),
        ]
        let everyone: Set<UserID> = [anna, bram, cas]
        #expect(CaseRouting.choose(channel: .x, topics: [], language: "nl", previousOwner: nil, profiles: profiles, openCounts: [:], activeUsers: everyone) == anna)
        #expect(CaseRouting.choose(channel: .email, topics: [], language: "nl", previousOwner: nil, profiles: profiles, openCounts: [anna: 1], activeUsers: everyone) == bram,
                "half full against empty")
        #expect(CaseRouting.choose(channel: .x, topics: [], language: "nl", previousOwner: nil, profiles: profiles, openCounts: [anna: 2], activeUsers: everyone) == nil,
                "Anna is full, Bram only does e-mail, Cas is paused")
        #expect(CaseRouting.choose(channel: .x, topics: [], language: "nl", previousOwner: bram, profiles: profiles, openCounts: [anna: 1], activeUsers: everyone) == bram,
                "the customer's previous owner, even outside his usual channel")
        #expect(CaseRouting.choose(channel: .x, topics: [], language: "nl", previousOwner: cas, profiles: profiles, openCounts: [:], activeUsers: everyone) == anna,
                "a paused previous owner is passed by")
        #expect(CaseRouting.choose(channel: .x, topics: [], language: "nl", previousOwner: nil, profiles: profiles, openCounts: [:], activeUsers: [bram]) == nil,
                "inactive colleagues get nothing")
    }

    @Test("skills: topics and languages narrow the choice; no topic known means anyone")
    func skills() {
        let billing = RoutingProfile(userID: anna, topics: ["facturen"], languages: ["nl"])
        #expect(billing.fits(channel: .x, topics: ["facturen", "levering"], language: "nl"))
        #expect(!billing.fits(channel: .x, topics: ["levering"], language: "nl"))
        #expect(billing.fits(channel: .x, topics: [], language: "nl"))
        #expect(!billing.fits(channel: .x, topics: ["facturen"], language: "en"))
    }
}
