import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Satisfaction check after resolving: one question through the customer's channel")
struct SatisfactionWebTests {
    static func form(_ client: any TestClientProtocol, _ uri: String, _ fields: String) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
            body: ByteBuffer(string: fields))
    }

    @Test("resolving sends a link on the customer's channel; a low score reopens the case for the same owner; one answer only", arguments: TestDatabase.all)
    func lowScoreReopens(database: TestDatabase) async throws {
        var configuration = AppConfig.forTests
        configuration.publicURL = "https://webcare.example.nl"
        try await withApp(database, configuration: configuration) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "x", "externalId": "tevreden-1", "author": ["handle": "reiziger"], "text": "Pakket 8812 al een week onderweg!"])
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/take", cookie: cookie, ["csrf": csrf])
            let owner = try await store.case(id: theCaseID)?.ownerID
            let resolved = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: cookie,
                ["csrf": csrf, "outcome": "Pakket is vandaag opnieuw bezorgd", "root_cause": "levering", "check": "1", "confirm": "1"])
            #expect(resolved.status == .seeOther)

            let check = try #require(try await store.satisfactionChecks(caseID: theCaseID).first)
            let message = try #require(try await store.replies(caseID: theCaseID).last)
            #expect(message.channel == .x)
            #expect(message.text.contains("https://webcare.example.nl/tevredenheid/\(check.token)"))
            // Short on X, greeting and sender included, and no "one click" promise the page does not keep.
            #expect(message.text.hasPrefix("Hoi, is alles naar wens opgelost? Laat het ons weten in twee korte vragen: https://webcare.example.nl/"))
            #expect(message.text.contains(" Groet, ") && !message.text.contains("één klik"))
            #expect(try await store.case(id: theCaseID)?.status == .resolved, "the question itself does not reopen the case")

            let page = try await client.execute(uri: "/tevredenheid/\(check.token)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Is uw probleem opgelost?"))
            // Which contact it is about, by day and channel only: the link may reach someone else.
            let opened = try #require(try await store.case(id: theCaseID)).openedAt
            let day = DisplayFormat(language: .nl, now: opened).date(opened)
            #expect(page.text.contains("Het gaat om uw bericht van \(day) via X (Twitter)."), "\(day)")
            #expect(!page.text.contains("8812"), "not what was written")
            #expect(try await client.execute(uri: "/tevredenheid/\(String(repeating: "x", count: 32))", method: .get).status == .notFound)
            #expect(try await Self.form(client, "/tevredenheid/\(check.token)", "score=9&solved=ja").status == .unprocessableContent)
            // No score: the question again, with the reason and the customer's words still there.
            let noScore = try await Self.form(client, "/tevredenheid/\(check.token)", "solved=nee&comment=Nog+steeds+niks")
            #expect(noScore.status == .unprocessableContent)
            #expect(noScore.text.contains("Kies een cijfer van 1 tot en met 5.") && noScore.text.contains(">Nog steeds niks</textarea>"))
            #expect(!noScore.text.contains("inbox"), "a customer has no inbox")
            // An answer to "opgelost?" the form does not offer is refused, not read as no answer.
            let maybe = try await Self.form(client, "/tevredenheid/\(check.token)", "score=4&solved=misschien&comment=Weet+ik+nog+niet")
            #expect(maybe.status == .unprocessableContent)
            #expect(maybe.text.contains("Kies bij ‘Is het opgelost?’ ja of nee, of laat het open.") && maybe.text.contains(">Weet ik nog niet</textarea>"))
            #expect(try await store.satisfactionCheck(token: check.token)?.answeredAt == nil, "nothing stored")

            let answered = try await Self.form(client, "/tevredenheid/\(check.token)", "score=2&solved=nee&comment=Pakket+ligt+nog+steeds+bij+de+buren")
            #expect(answered.status == .ok)
            #expect(answered.text.contains("weer open bij dezelfde medewerker"))
            #expect(answered.text.contains("Jammer dat het nog niet is opgelost.") && !answered.text.contains("Het is dus nog niet goed"))
            let reopened = try #require(try await store.case(id: theCaseID))
            #expect(reopened.status == .open)
            #expect(reopened.ownerID == owner)
            #expect(reopened.transitions.last?.reason == "klant: niet opgelost (cijfer 2)")
            let again = try await Self.form(client, "/tevredenheid/\(check.token)", "score=5&solved=ja")
            #expect(again.status == .conflict)
            #expect(!again.text.contains("inbox") && !again.text.contains("Er ging iets mis"), "answered before, said kindly")

            let casePage = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(casePage.contains("Pakket ligt nog steeds bij de buren"))
            #expect(casePage.contains("score <strong class=\"score\">2</strong> van 5") && !casePage.contains("cijfer"))
        }
    }

    @Test("a happy answer keeps the case resolved; a phone case gets no link")
    func happyAndPhone() async throws {
        try await withApp(.sqlite) { client, store, token in
            let caseID = try await createCase(
                client, token: token, ["channel": "email", "author": ["email": "ria@example.nl"], "text": "Mijn factuur van maart klopt niet, €40 te veel."])
            let theCaseID = try #require(CaseID(caseID))
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseID)
            _ = try await CaseActionsTests.post(
                client, "/cases/\(caseID)/resolve", cookie: cookie,
                ["csrf": csrf, "outcome": "€40 teruggestort op 3 april", "root_cause": "betaling", "check": "1", "confirm": "1"])
            let check = try #require(try await store.satisfactionChecks(caseID: theCaseID).first)
            #expect(try await Self.form(client, "/tevredenheid/\(check.token)", "score=5&solved=ja").status == .ok)
            #expect(try await store.case(id: theCaseID)?.status == .resolved)

            let user = try #require(try await store.users().first)
            let phone = try await RecordContact(ingest: IngestSignal(store: store), store: store)(
                channel: .phone, text: "Klant belde: pas geblokkeerd na drie pogingen", at: Date(), recordedBy: user.id,
                author: Author(name: "Piet", phone: "+31612345678"))
            // The call itself reached the customer: no confirmation needed.
            let phoneResolved = try await CaseActionsTests.post(
                client, "/cases/\(phone.signal.caseID)/resolve", cookie: cookie,
                ["csrf": csrf, "outcome": "Pas gedeblokkeerd aan de telefoon", "root_cause": "betaling", "check": "1"])
            #expect(phoneResolved.status == .seeOther)
            #expect(try await store.satisfactionChecks(caseID: phone.signal.caseID).isEmpty)
        }
    }

    @Test("a closed case is not promised a call back; an erased customer's link asks and keeps nothing", arguments: TestDatabase.all)
    func closedAndErased(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            var checks: [SatisfactionCheck] = []
            var caseIDs: [String] = []
            for (index, email) in ["ria@example.nl", "piet@example.nl"].enumerated() {
                caseIDs.append(try await createCase(
                    client, token: token, ["channel": "email", "externalId": "gesloten-\(index)", "author": ["email": email], "text": "Mijn factuur van maart klopt niet, €40 te veel."]))
            }
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseIDs[0])
            for caseID in caseIDs {
                _ = try await CaseActionsTests.post(
                    client, "/cases/\(caseID)/resolve", cookie: cookie,
                    ["csrf": csrf, "outcome": "€40 teruggestort op 3 april", "root_cause": "betaling", "check": "1", "confirm": "1"])
                _ = try await CaseActionsTests.post(client, "/cases/\(caseID)/close", cookie: cookie, ["csrf": csrf])
                let theCaseID = try #require(CaseID(caseID))
                #expect(try await store.case(id: theCaseID)?.status == .closed)
                checks.append(try #require(try await store.satisfactionChecks(caseID: theCaseID).first))
            }
            // Too long a comment: the question again, with the words kept to shorten.
            let long = String(repeating: "Nog steeds kapot. ", count: 200)
            let tooLong = try await Self.form(
                client, "/tevredenheid/\(checks[0].token)", "score=1&solved=nee&comment=\(long.replacingOccurrences(of: " ", with: "+"))")
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("Wilt u haar iets inkorten?") && tooLong.text.contains("Nog steeds kapot. Nog steeds kapot."))
            // Closed since: the answer is kept, but no colleague is said to be calling.
            let unhappy = try await Self.form(client, "/tevredenheid/\(checks[0].token)", "score=1&solved=nee")
            #expect(unhappy.status == .ok)
            #expect(unhappy.text.contains("Deze zaak is afgesloten: stuur ons een nieuw bericht"), "\(unhappy.text)")
            #expect(!unhappy.text.contains("weer open bij dezelfde medewerker"))
            #expect(try await store.satisfactionCheck(token: checks[0].token)?.score == 1)
            let twice = try await Self.form(client, "/tevredenheid/\(checks[0].token)", "score=1&comment=\(long.replacingOccurrences(of: " ", with: "+"))")
            #expect(twice.status == .conflict && twice.text.contains("Deze vraag is al beantwoord."))

            // Erased on request: the link no longer asks, and what is posted to it is not kept.
            let piet = try #require(try await store.case(id: checks[1].caseID)).customerID
            try await store.eraseCustomer(id: piet, at: Date())
            let page = try await client.execute(uri: "/tevredenheid/\(checks[1].token)", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .gone)
            #expect(page.text.contains("uw gegevens zijn op uw verzoek gewist") && !page.text.contains("Is uw probleem opgelost?"))
            let posted = try await Self.form(client, "/tevredenheid/\(checks[1].token)", "score=1&solved=nee&comment=Bel+me+op+0612345678")
            #expect(posted.status == .gone)
            let kept = try #require(try await store.satisfactionCheck(token: checks[1].token))
            #expect(kept.answeredAt == nil && kept.comment == nil)
        }
    }

    @Test("the customer's question and thank-you page speak English with ?lang=en or the remembered choice; Dutch stays the default", arguments: TestDatabase.all)
    func inEnglish(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            var caseIDs: [String] = []
            for external in ["engels-1", "engels-2"] {
                caseIDs.append(try await createCase(
                    client, token: token, ["channel": "x", "externalId": external, "author": ["handle": "traveller_\(external)"], "text": "Parcel 8812 still missing, a week now"]))
            }
            let (cookie, csrf) = try await CaseActionsTests.session(client, store: store, caseID: caseIDs[0])
            var checks: [String] = []
            for caseID in caseIDs {
                _ = try await CaseActionsTests.post(
                    client, "/cases/\(caseID)/resolve", cookie: cookie,
                    ["csrf": csrf, "outcome": "Pakket opnieuw bezorgd", "root_cause": "levering", "check": "1", "confirm": "1"])
                let theCaseID = try #require(CaseID(caseID))
                checks.append(try #require(try await store.satisfactionChecks(caseID: theCaseID).first).token)
            }

            let question = try await client.execute(uri: "/tevredenheid/\(checks[0])?lang=en", method: .get)
            #expect(question.status == .ok)
            for text in [
                "<title>Is it resolved?", "Has your issue been resolved?", "How satisfied are you with the help you received? (1 = very dissatisfied, 5 = very satisfied)",
                "<legend>Is it resolved?</legend>", "> Yes</label>", "> No, not yet</label>", "Is there anything else you would like to tell us?",
                "(optional)", ">Send</button>", "name=\"solved\" value=\"nee\"",
            ] { #expect(question.text.contains(text), "English question lacks \(text)") }
            for text in ["Is uw probleem opgelost?", "Hoe tevreden", "Nee, nog niet", "niet verplicht", "Versturen"] {
                #expect(!question.text.contains(text), "English question still says \(text)")
            }
            let remembered = try #require(question.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(remembered == "signaal_lang=en")

            // The answer is posted without ?lang=: the remembered choice keeps it English.
            let reopened = try await client.execute(
                uri: "/tevredenheid/\(checks[0])", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html", .cookie: remembered],
                body: ByteBuffer(string: "score=2&solved=nee"))
            #expect(reopened.status == .ok)
            #expect(reopened.text.contains("Thank you for your answer."))
            #expect(reopened.text.contains("Your case has been reopened with the same agent, who will get back to you as soon as possible."))
            #expect(!reopened.text.contains("Dank u wel") && !reopened.text.contains("weer open"))
            let again = try await client.execute(uri: "/tevredenheid/\(checks[0])", method: .get, headers: [.cookie: remembered]).text
            #expect(again.contains("This question has already been answered.") && again.contains("Simply reply to our last message."))

            let happy = try await client.execute(
                uri: "/tevredenheid/\(checks[1])?lang=en", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"], body: ByteBuffer(string: "score=5&solved=ja"))
            #expect(happy.text.contains("We are glad we could help. Your answer helps us improve."))

            let dutch = try await client.execute(uri: "/tevredenheid/\(checks[1])", method: .get).text
            #expect(dutch.contains("Deze vraag is al beantwoord.") && dutch.contains("Reageer dan gewoon op ons laatste bericht."))
            #expect(!dutch.contains("already been answered"))
        }
    }
}
