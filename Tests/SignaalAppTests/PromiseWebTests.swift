import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: promises made in a reply, kept or broken")
struct PromiseWebTests {
    static func amsterdam(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    @Test("a reply with a promise queues both; a late promise shows as late; it is kept once; the API lists it", arguments: TestDatabase.all)
    func promiseFromReply(database: TestDatabase) async throws {
        let clock = TestClock()
        let now = clock.date
        try await withApp(database, clock: { clock.date }) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "ria@example.nl", "name": "Ria"], "text": "Niemand belt me terug over mijn hypotheek."])
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let reply = "Beste Ria, ik bel u morgen om 10:00 uur over uw hypotheek. Schikt dat?"

            let noDue = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie, ["csrf": csrf, "text": reply, "promise_text": "Ria bellen"])
            #expect(noDue.status == .unprocessableContent)
            // A time without what was promised is not dropped unseen either.
            let noText = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": reply, "promise_text": " ", "promise_due": Self.amsterdam(now.addingTimeInterval(3600))])
            #expect(noText.status == .unprocessableContent)
            #expect(noText.text.contains("Schrijf op wat u toezegt"), "\(noText.text.prefix(300))")
            let past = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": reply, "promise_text": "Ria bellen", "promise_due": Self.amsterdam(now.addingTimeInterval(-86400))])
            #expect(past.status == .unprocessableContent)
            #expect(try await store.replies(caseID: theCaseID).isEmpty, "a refused promise sends no reply either")
            // 02:30 on the last Sunday of March does not exist here: the form says why.
            let skipped = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": reply, "promise_text": "Ria bellen", "promise_due": "2027-03-28T02:30"])
            #expect(skipped.status == .unprocessableContent)
            #expect(skipped.text.contains("bestaat niet in Nederland"), "\(skipped.text.prefix(300))")

            let due = now.addingTimeInterval(3600)
            let sent = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/replies", cookie: cookie,
                ["csrf": csrf, "text": reply, "promise_text": "Ria morgen om 10:00 bellen", "promise_due": Self.amsterdam(due)])
            #expect(sent.status == .seeOther)
            #expect(try await store.replies(caseID: theCaseID).count == 1)
            let promise = try #require(try await store.promises(caseID: theCaseID).first)
            #expect(promise.text == "Ria morgen om 10:00 bellen")
            #expect(abs(promise.dueAt.timeIntervalSince(due)) < 60)
            var page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("Ria morgen om 10:00 bellen"))
            #expect(!page.text.contains("te laat"))

            clock.advance(2 * 3600)
            page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("te laat"))

            let kept = try await CaseActionsTests.post(client, "/promises/\(promise.id)/settle", cookie: cookie, ["csrf": csrf, "outcome": "kept"])
            #expect(kept.status == .seeOther)
            let twice = try await CaseActionsTests.post(client, "/promises/\(promise.id)/settle", cookie: cookie, ["csrf": csrf, "outcome": "broken"])
            #expect(twice.status == .conflict)
            #expect(try await store.promises(caseID: theCaseID).first?.status == .kept)

            let detail = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: auth(token)).json()
            let promises = try #require(detail["promises"] as? [[String: Any]])
            #expect(promises.first?["status"] as? String == "kept")
            #expect(promises.first?["text"] as? String == "Ria morgen om 10:00 bellen")
            #expect(promises.first?["settledBy"] as? String == promise.ownerID.description, "who marked it kept")
        }
    }
}

@Suite("Web: promise reminders and escalation on the inbox")
struct PromiseReminderTests {
    @Test("the owner is reminded two hours ahead; a lead sees it only when it is about to break; a kept one disappears", arguments: TestDatabase.all)
    func reminders(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withApp(database, clock: { clock.date }) { client, store, token in
            let (promise, cookie, lead) = try await Self.callBack(due: clock.date.addingTimeInterval(3 * 3600), client, store: store, token: token)
            func inbox(_ cookie: String) async throws -> String { try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text }

            #expect(!(try await inbox(cookie).contains("Wim vóór 15:00 terugbellen")), "three hours ahead: no reminder yet")
            clock.advance(90 * 60)
            let reminded = try await inbox(cookie)
            #expect(reminded.contains("Toezeggingen die bijna verlopen"))
            #expect(reminded.contains("Wim vóór 15:00 terugbellen</a> <span class=\"hint\">(Ik wacht op een terugbelverzoek)</span>"), "whose case, at a glance")
            #expect(!(try await inbox(lead).contains("Wim vóór 15:00 terugbellen")), "the lead is not bothered yet")
            clock.advance(70 * 60)
            #expect(try await inbox(lead).contains("van Anna Agent"), "twenty minutes left: the lead sees whose it is")
            clock.advance(30 * 60)
            let late = try await inbox(cookie)
            #expect(late.contains("te laat"))
            // A broken promise stands in a box of its own, not among those still to keep.
            #expect(late.contains("Toezeggingen die te laat zijn") && !late.contains("Toezeggingen die bijna verlopen"))
            clock.advance(30 * 60)
            // The lead marks it kept for Anna: the promise stays Anna's, and says who settled it.
            let lotte = try #require(try await store.users().first { $0.role == .lead })
            _ = try await store.settlePromise(id: promise.id, as: .kept, by: lotte.id, at: clock.date)
            #expect(!(try await inbox(cookie).contains("Wim vóór 15:00 terugbellen")))
            // Kept, but half an hour after its time and then some: the case page says it was late.
            let kept = try #require(try await store.promises(caseID: promise.caseID).first)
            #expect(kept.outcome(now: clock.date) == .keptLate)
            let page = try await client.execute(uri: "/cases/\(promise.caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("promise-kept overdue"))
            #expect(page.contains("· Anna Agent ·"), "still Anna's promise")
            #expect(page.contains(", afgehandeld door \(lotte.name))"), "\(page)")
        }
    }

    /// Wim's case, Anna Agent's promise on it to call him back at `due`, and the cookies of Anna
    /// and of a lead, Lotte.
    static func callBack(
        due: Date, _ client: any TestClientProtocol, store: any SignaalStore, token: String
    ) async throws -> (promise: CasePromise, agent: String, lead: String) {
        let caseID = try await createCase(
            client, token: token, ["channel": "phone", "author": ["phone": "+31612345678", "name": "Wim"], "text": "Ik wacht op een terugbelverzoek"])
        let (agent, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
        let anna = try #require(try await store.users().first { $0.name == "Anna Agent" })
        let promise = CasePromise(
            id: .generate(), caseID: try #require(CaseID(caseID)), ownerID: anna.id, text: "Wim vóór 15:00 terugbellen",
            dueAt: due, createdAt: due.addingTimeInterval(-4 * 3600), createdBy: anna.id)
        try await store.createPromise(promise)
        try await UserAccounts.forTests(store).create(email: "lotte@example.nl", name: "Lotte", role: .lead, password: "Vlinder-kade-47")
        let lead = try #require(try await WebTests.signIn(client, email: "lotte@example.nl", password: "Vlinder-kade-47").1)
        return (promise, agent, lead)
    }
}

extension PromiseReminderTests {
    @Test("hundreds of a colleague's old overdue promises crowd out neither one's own reminder nor a lead's escalation", arguments: TestDatabase.all)
    func manyOverdue(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withApp(database, clock: { clock.date }) { client, store, token in
            let (promise, cookie, lead) = try await PromiseReminderTests.callBack(
                due: clock.date.addingTimeInterval(25 * 60), client, store: store, token: token)
            let bram = try await UserAccounts.forTests(store).create(email: "bram@example.nl", name: "Bram", role: .agent, password: "Vlinder-kade-47")
            for day in 1...210 {
                let due = clock.date.addingTimeInterval(-Double(day) * 86400)
                try await store.createPromise(CasePromise(
                    id: .generate(), caseID: promise.caseID, ownerID: bram.id, text: "Oude belofte \(day)", dueAt: due,
                    createdAt: due.addingTimeInterval(-3600), createdBy: bram.id))
            }
            func inbox(_ cookie: String) async throws -> String { try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).text }

            let own = try await inbox(cookie)
            #expect(own.contains("Wim vóór 15:00 terugbellen"), "Anna sees her own promise due in 25 minutes")
            #expect(!own.contains("Oude belofte"), "not Bram's")
            let leads = try await inbox(lead)
            #expect(leads.contains("Wim vóór 15:00 terugbellen"), "the lead sees the one about to break")
            #expect(leads.contains("van Anna Agent"))
            let first = try #require(leads.range(of: "Wim vóór 15:00 terugbellen"))
            let recent = try #require(leads.range(of: "Oude belofte 1<"), "and the ones that broke most recently")
            #expect(first.lowerBound < recent.lowerBound, "the one that can still be kept comes first")
            #expect(!leads.contains("Oude belofte 210<"), "a cap keeps the list short")
        }
    }
}

@Suite("Web: the inbox's reminders and routing state in Dutch and English")
struct InboxLanguageTests {
    @Test("?lang=en shows the reminders, the routing box and the pager in English; the default stays Dutch", arguments: TestDatabase.all)
    func inboxInBothLanguages(database: TestDatabase) async throws {
        let clock = TestClock()
        try await withApp(database, clock: { clock.date }) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "phone", "author": ["phone": "+31612345678", "name": "Wim"], "text": "Ik wacht op een terugbelverzoek"])
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            let anna = try #require(try await store.users().first { $0.name == "Anna Agent" })
            try await store.createPromise(CasePromise(
                id: .generate(), caseID: try #require(CaseID(caseID)), ownerID: anna.id, text: "Wim vóór 15:00 terugbellen",
                dueAt: clock.date.addingTimeInterval(3600), createdAt: clock.date, createdBy: anna.id))
            try await store.saveRoutingProfile(RoutingProfile(userID: anna.id, paused: false, capacity: 3))
            try await UserAccounts.forTests(store).create(email: "lotte@example.nl", name: "Lotte", role: .lead, password: "Vlinder-kade-47")
            let (_, leadSession) = try await WebTests.signIn(client, email: "lotte@example.nl", password: "Vlinder-kade-47")
            let lead = try #require(leadSession)
            func inbox(_ cookie: String, _ query: String = "") async throws -> String {
                try await client.execute(uri: "/" + query, method: .get, headers: [.cookie: cookie]).text
            }
            clock.advance(90 * 60)  // half an hour late: the owner and the lead both see it
            let dutchTexts = [
                "Toezeggingen die te laat zijn", " · uiterlijk <time>", "<strong>te laat</strong>", "Nieuwe zaken komen naar u (maximaal 3 open).",
                ">Pauzeer</button>", "aria-label=\"paginering\"",
            ]
            let englishTexts = [
                "Overdue promises", " · due <time>", "<strong>overdue</strong>", "New cases are assigned to you (at most 3 open).",
                ">Pause</button>", "aria-label=\"pagination\"",
            ]
            let english = try await inbox(cookie, "?lang=en")
            #expect(english.contains("Wim vóór 15:00 terugbellen"), "the promise's own words stay as written")
            for text in englishTexts { #expect(english.contains(text), "English inbox lacks \(text)") }
            for text in dutchTexts { #expect(!english.contains(text), "English inbox still shows \(text)") }
            let dutch = try await inbox(cookie)
            for text in dutchTexts { #expect(dutch.contains(text), "Dutch inbox lacks \(text)") }
            for text in englishTexts { #expect(!dutch.contains(text), "Dutch inbox shows \(text)") }

            // Paused, and the lead's view: another colleague's promise, and no part in routing.
            try await store.saveRoutingProfile(RoutingProfile(userID: anna.id, paused: true, capacity: 3))
            let pausedEnglish = try await inbox(cookie, "?lang=en")
            #expect(pausedEnglish.contains("<strong>Routing paused:</strong> you will not be assigned any new cases."))
            #expect(pausedEnglish.contains(">Resume</button>") && !pausedEnglish.contains("Routering gepauzeerd") && !pausedEnglish.contains(">Hervat<"))
            let pausedDutch = try await inbox(cookie)
            #expect(pausedDutch.contains("<strong>Routering gepauzeerd:</strong> u krijgt geen nieuwe zaken toegewezen."))
            #expect(pausedDutch.contains(">Hervat</button>"))
            let leadEnglish = try await inbox(lead, "?lang=en")
            #expect(leadEnglish.contains(" · owned by Anna Agent"))
            // A lead is the one who sets routing: the page points there instead of to "a team lead".
            #expect(leadEnglish.contains("You are not assigned any cases; add yourself on <a href=\"/routering\">Routing</a>."))
            #expect(!leadEnglish.contains("van Anna Agent") && !leadEnglish.contains("U krijgt geen zaken toegewezen"))
            let leadDutch = try await inbox(lead)
            #expect(leadDutch.contains(" · van Anna Agent"))
            #expect(leadDutch.contains("U krijgt geen zaken toegewezen; zet uzelf aan op <a href=\"/routering\">Routering</a>."))
        }
    }
}
