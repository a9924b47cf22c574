import Foundation
import HTTPTypes
import HummingbirdTesting
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

@Suite("Web: a message to many leaves owners be, fits each platform, and its preview says who it cannot reach")
struct MessageToManyWebTests {
    @Test("a lead's status update makes the lead owner of no case; an agent's own reply still takes the case", arguments: TestDatabase.all)
    func updateTakesNoOwnership(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let (ids, cookie, csrf, location) = try await IncidentWebTests.openOutage(client, store: store, token: token)
            let agent = try await CaseActionsTests.session(client, store: store, caseID: ids[0])
            // One case an agent already owns.
            let took = try await CaseActionsTests.post(client, "/cases/\(ids[1])/take", cookie: agent.0, ["csrf": agent.1])
            #expect(took.status == .seeOther || took.status == .found)
            let takenID = try #require(CaseID(ids[1]))
            let anna = try #require(try await store.case(id: takenID)?.ownerID)

            let sent = try await CaseActionsTests.post(
                client, "\(location)/statusupdate", cookie: cookie, ["csrf": csrf, "tekst": "Hoi {klant}, de storing is opgelost."])
            #expect(sent.headers[.location] == "\(location)?verstuurd=9")
            for id in ids {
                let caseID = try #require(CaseID(id))
                let theCase = try #require(try await store.case(id: caseID))
                #expect(theCase.ownerID == (id == ids[1] ? anna : nil), "case \(id) keeps its owner")
                #expect(try await store.replies(caseID: theCase.id).count == 1)
            }
            // The agent answers a customer the update reached, not refused as someone else's case,
            // and by answering becomes its owner, as with any first reply.
            let reply = try await CaseActionsTests.post(
                client, "/cases/\(ids[2])/replies", cookie: agent.0,
                ["csrf": agent.1, "text": "Fijn dat het weer werkt. Lukt inloggen nu ook bij jou?"])
            #expect(reply.status == .seeOther, "\(reply.text)")
            #expect(try await store.case(id: try #require(CaseID(ids[2])))?.ownerID == anna)
        }
    }
}
