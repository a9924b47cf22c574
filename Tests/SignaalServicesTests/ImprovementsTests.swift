import Foundation
import SignaalDomain
import SignaalServices
import SignaalStore
import SignaalStoreTesting
import Testing

@Suite("Improvements: who hears what changed")
struct ImprovementsTests {
    @Test("each customer of the cause hears it once, also in a closed case; fakes, erased customers and the unreachable do not", arguments: TestDatabase.all)
    func finish(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let brand = BrandAccounts(handles: ["HM"])
            let ingest = IngestSignal(store: store, clock: { now.addingTimeInterval(-7200) }, analyzer: DutchTextAnalyzer(), brand: brand)
            let lead = User(id: .generate(), email: "lotte@example.nl", name: "Lotte", role: .lead, createdAt: now)
            let piet = User(id: .generate(), email: "piet@example.nl", name: "Piet", role: .agent, createdAt: now)
            let fatima = User(id: .generate(), email: "fatima@example.nl", name: "Fatima", role: .agent, createdAt: now)
            for user in [lead, piet, fatima] { try await store.createUser(user, passwordHash: "x") }
            var received = now.addingTimeInterval(-3 * 86400)
            func complaint(_ channel: Channel, _ key: String, _ author: Author, resolvedBy: User, owner: User? = nil, close: Bool = false, recordedBy: UserID? = nil) async throws -> CaseID {
                received.addTimeInterval(600)
                let at = received
                let draft = SignalDraft(
                    channel: channel, externalID: recordedBy == nil ? key : nil, author: author,
                    text: "Ik moest rembourskosten betalen voor mijn retourzending, dat is toch niet normaal?", receivedAt: received, recordedBy: recordedBy)
                let id = try await ingest(draft).signal.caseID
                _ = try await store.updateCase(id: id) { theCase in
                    theCase.ownerID = owner?.id
                    try theCase.transition(to: .resolved, at: at.addingTimeInterval(60), actorID: resolvedBy.id, reason: "opgelost")
                    theCase.rootCause = "levering"
                    if close { try theCase.transition(to: .closed, at: at.addingTimeInterval(120), actorID: resolvedBy.id, reason: "gesloten") }
                }
                return id
            }
            let joostAuthor = Author(handle: "joostvdberg", name: "Joost van den Berg")
            let joostFirst = try await complaint(.x, "x-1", joostAuthor, resolvedBy: piet, close: true)
            let anna = try await complaint(.email, "mail-1", Author(name: "Anna de Wit", email: "anna@example.nl"), resolvedBy: fatima, owner: piet, close: true)
            let fake = try await complaint(.x, "x-fake", Author(handle: "HM_Klantenservice", name: "H&M Klantenservice"), resolvedBy: fatima)
            let erased = try await complaint(.x, "x-2", Author(handle: "weg_ermee", name: "Wim Weg"), resolvedBy: fatima)
            let phoneOnly = try await complaint(.phone, "tel-1", Author(name: "Els Bel", phone: "0612345678"), resolvedBy: fatima, recordedBy: piet.id)
            // Joost complained again later, in a new case: he hears it there, once.
            let joostLater = try await complaint(.x, "x-3", joostAuthor, resolvedBy: piet)
            #expect(joostLater != joostFirst)
            let erasedCustomer = try #require(try await store.case(id: erased)).customerID
            try await store.eraseCustomer(id: erasedCustomer, at: now.addingTimeInterval(-60))

            let action = try ImprovementAction.start(
                title: "Retour altijd gratis", topic: "levering", plan: "", topics: ["levering"], by: lead.id, now: now.addingTimeInterval(-60))
            try await store.createImprovement(action)
            let improvements = Improvements(store: store, clock: { now }, brand: brand)
            #expect(Set(try await improvements.cases(of: action).map(\.id)) == [joostFirst, anna, erased, phoneOnly, joostLater], "the fake is no customer")

            let message = "Hoi {klant}, je betaalde eerder rembourskosten voor een retour. Dankzij jouw melding is retourneren nu altijd gratis."
            let (finished, deliveries) = try await improvements.finish(action.id, message: message, tellCustomers: true, by: lead.id)
            #expect(finished.isDone && finished.reached == 2 && finished.skipped == 2)
            #expect(Set(deliveries.compactMap { if case .queued(let id) = $0 { id } else { nil } }) == [joostLater, anna])
            #expect(Set(deliveries.compactMap { if case .skipped(let id, _) = $0 { id } else { nil } }) == [erased, phoneOnly])
            #expect(try await store.improvement(id: action.id) == finished)

            #expect(try await store.replies(caseID: joostLater).map(\.text) == [
                "Hoi Joost, je betaalde eerder rembourskosten voor een retour. Dankzij jouw melding is retourneren nu altijd gratis."
            ])
            #expect(try await store.replies(caseID: joostFirst).isEmpty, "once per customer")
            let annaReplies = try await store.replies(caseID: anna)
            #expect(annaReplies.map(\.text).first?.hasPrefix("Hoi Anna, ") == true && annaReplies.first?.channel == .email)
            for id in [fake, erased, phoneOnly] { #expect(try await store.replies(caseID: id).isEmpty) }
            // The news changes no case: the closed one stays closed, the resolved one resolved.
            #expect(try await store.case(id: anna)?.status == .closed)
            #expect(try await store.case(id: joostLater)?.status == .resolved)

            // Piet resolved Joost's two cases and owned Anna's; Fatima resolved Anna's and the other two.
            let notices = try await store.improvementNotices(userID: piet.id, since: now.addingTimeInterval(-86400))
            #expect(notices.map(\.cases) == [3])
            #expect(try await store.improvementNotices(userID: fatima.id, since: now.addingTimeInterval(-86400)).map(\.cases) == [3])

            // A second click finds it finished, and nobody hears it twice.
            await #expect(throws: DomainError.self) { try await improvements.finish(action.id, message: message, tellCustomers: true, by: lead.id) }
            #expect(try await store.replies(caseID: joostLater).count == 1)
        }
    }

    @Test("finished without writing to customers: only the colleagues are told")
    func finishQuietly() async throws {
        try await withTestStore(.sqlite) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let lead = User(id: .generate(), email: "lotte@example.nl", name: "Lotte", role: .lead, createdAt: now)
            try await store.createUser(lead, passwordHash: "x")
            let outcome = try await Fixtures.ingest(
                Fixtures.draft(externalID: "x-1", receivedAt: now.addingTimeInterval(-7200)), into: store, now: now.addingTimeInterval(-7200))
            let id = try #require(outcome.createdCase).id
            _ = try await store.updateCase(id: id) { theCase in
                try theCase.transition(to: .resolved, at: now.addingTimeInterval(-3600), actorID: lead.id, reason: "opgelost")
                theCase.rootCause = "levering"
            }
            let action = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: ["levering"], by: lead.id, now: now)
            try await store.createImprovement(action)
            await #expect(throws: DomainError.self) {
                try await Improvements(store: store, clock: { now }).finish(action.id, message: "   ", tellCustomers: false, by: lead.id)
            }
            #expect(try await store.improvement(id: action.id)?.isDone == false, "an empty message finishes nothing")
            await #expect(throws: DomainError.self) {
                try await Improvements(store: store, clock: { now }).finish(action.id, message: "Hoi {naam}, retour is gratis.", tellCustomers: true, by: lead.id)
            }
            #expect(try await store.improvement(id: action.id)?.isDone == false, "nor one with a placeholder nobody fills in")
            let (finished, deliveries) = try await Improvements(store: store, clock: { now }).finish(
                action.id, message: "Retour is gratis.", tellCustomers: false, by: lead.id)
            #expect(deliveries.isEmpty && finished.reached == 0 && finished.skipped == 0)
            #expect(try await store.replies(caseID: id).isEmpty)
            #expect(try await store.improvementNotices(userID: lead.id, since: now.addingTimeInterval(-60)).map(\.cases) == [1])
        }
    }

    @Test("a server that stops while sending leaves the rest to send: after the restart they hear it, once", arguments: TestDatabase.all)
    func resumeAfterAStop(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let lead = User(id: .generate(), email: "lotte@example.nl", name: "Lotte", role: .lead, createdAt: now)
            try await store.createUser(lead, passwordHash: "x")
            var cases: [CaseID] = []
            for index in 0..<3 {
                let outcome = try await Fixtures.ingest(
                    Fixtures.draft(externalID: "stop-\(index)", handle: "klant\(index)", name: "Klant \(index)", receivedAt: now.addingTimeInterval(-7200)),
                    into: store, now: now.addingTimeInterval(-7200))
                let id = try #require(outcome.createdCase).id
                _ = try await store.updateCase(id: id) { theCase in
                    try theCase.transition(to: .resolved, at: now.addingTimeInterval(-3600), actorID: lead.id, reason: "opgelost")
                    theCase.rootCause = "levering"
                }
                cases.append(id)
            }
            let action = try ImprovementAction.start(title: "Retour gratis", topic: "levering", plan: "", topics: ["levering"], by: lead.id, now: now)
            try await store.createImprovement(action)
            // The finishing was stored, then the server stopped: one message went out, the rest did not.
            _ = try await store.finishImprovement(
                id: action.id, message: "Hoi {klant}, retour is nu gratis.", by: lead.id, at: now.addingTimeInterval(-600), notices: [:], recipients: cases)
            let improvements = Improvements(store: store, clock: { now })
            let first = try #require(try await store.claimImprovementRecipient(id: action.id))
            _ = try await WriteReply(store: store, clock: { now })(caseID: first, text: "Hoi Klant, retour is nu gratis.", author: lead.id, followUp: true)
            // (stopped here: the first was never settled)

            #expect(try await improvements.resumeDeliveries() == 2)
            for id in cases { #expect(try await store.replies(caseID: id).count == 1, "everyone once") }
            #expect(try await store.replies(caseID: cases.first { $0 != first }!).first?.text.hasPrefix("Hoi Klant") == true)
            let resumed = try #require(try await store.improvement(id: action.id))
            #expect(resumed.reached == 2, "the interrupted one is not counted twice, nor guessed")
            #expect(try await improvements.resumeDeliveries() == 0, "nothing left")
        }
    }
}
