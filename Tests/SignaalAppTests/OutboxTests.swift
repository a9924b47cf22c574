import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import AsyncHTTPClient
import NIOCore
@testable import SignaalApp
import SignaalChannels
import SignaalOutbound
import SignaalStore
import SignaalDomain
import SignaalStoreTesting
import Synchronization
import Testing

/// A real local HTTP server standing in for X and the Graph API: it records every request and
/// answers what the test tells it to.
final class RecordingServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var authorization: String?
        var body: Data
    }

    private let state = Mutex<(requests: [Recorded], answers: [(status: HTTPResponse.Status, body: String, delay: Duration)])>(([], []))

    var requests: [Recorded] { state.withLock { $0.requests } }
    /// The next answer, given after `delay` (a platform that takes the request and is slow to say so).
    func answer(_ status: HTTPResponse.Status, _ body: String, after delay: Duration = .zero) {
        state.withLock { $0.answers.append((status, body, delay)) }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.on("**", method: .get) { request, context in try await self.record(request, method: "GET") }
        router.post("**") { request, _ in try await self.record(request, method: "POST") }
        return router
    }

    private func record(_ request: Request, method: String) async throws -> Response {
            var request = request
            let body = Data(buffer: try await request.collectBody(upTo: 1 << 20))
            let answer = self.state.withLock { state -> (HTTPResponse.Status, String, Duration) in
                state.requests.append(
                    Recorded(
                        method: method, path: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""),
                        authorization: request.headers[.authorization], body: body))
                return state.answers.isEmpty ? (.ok, #"{"id":"default"}"#, .zero) : state.answers.removeFirst()
            }
            if answer.2 > .zero { try await Task.sleep(for: answer.2) }
            return Response(status: answer.0, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer.1)))
    }
}

/// A clock the test moves by hand, to step past back-off delays.
final class TestClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date = Date()) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Outbox: replies reach the platforms in their formats; failures are retried and shown")
struct OutboxTests {
    /// A recording stand-in for X, a configuration that sends X replies to it, a clock to move
    /// and a store on `database`.
    static func withFakeX(
        _ database: TestDatabase, _ body: @escaping @Sendable (RecordingServer, AppConfig, TestClock, any SignaalStore) async throws -> Void
    ) async throws {
        let recorder = RecordingServer()
        let server = Application(router: recorder.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { live in
            let port = try #require(live.port)
            var configuration = AppConfig(priorityRefreshInterval: .seconds(3600))
            configuration.channels.xAPIURL = URL(string: "http://127.0.0.1:\(port)")!
            configuration.channels.xAccessToken = "x-user-token"
            let settings = configuration
            try await withTestStore(database) { store, _ in try await body(recorder, settings, TestClock(), store) }
        }
    }

    @Test("an X reply goes to POST /2/tweets as a reply; a 503 is retried after back-off; a 403 fails with X's reason", arguments: TestDatabase.all)
    func xReply(database: TestDatabase) async throws {
        try await Self.withFakeX(database) { recorder, configuration, clock, store in
            let dependencies = AppDependencies(store: store, clock: { clock.date })
            let outbox = makeOutboxService(configuration: configuration, dependencies: dependencies)
            let ingest = IngestSignal(store: store, clock: { clock.date })
            let tweet = try await ingest(
                SignalDraft(
                    channel: .x, externalID: "1790000000000000042", author: Author(handle: "reiziger", platformID: "99"),
                    text: "@NS_online trein naar Zwolle uitgevallen, wéér!", receivedAt: clock.date))
            let write = WriteReply(store: store, clock: { clock.date })

            recorder.answer(.created, #"{"data":{"id":"1790000000000000099","text":"…"}}"#)
            let reply = try await write(caseID: tweet.signal.caseID, text: "Wat vervelend 😞 Ik zoek uit wat er met je trein naar Zwolle is gebeurd. €0 kosten voor jou.", author: nil)
            #expect(try await outbox.runOnce() == 1)
            let sent = try #require(try await store.reply(id: reply.id))
            #expect(sent.status == .sent)
            #expect(sent.externalID == "1790000000000000099")
            let request = try #require(recorder.requests.last)
            #expect(request.path == "/2/tweets")
            #expect(request.authorization == "Bearer x-user-token")
            let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(json["text"] as? String == reply.text)
            #expect((json["reply"] as? [String: Any])?["in_reply_to_tweet_id"] as? String == "1790000000000000042")

            // X is down: the reply waits and is tried again after the back-off, not before.
            recorder.answer(.serviceUnavailable, #"{"title":"Service Unavailable"}"#)
            let second = try await write(caseID: tweet.signal.caseID, text: "Nog een update: de trein rijdt weer.", author: nil)
            try await outbox.runOnce()
            let waiting = try #require(try await store.reply(id: second.id))
            #expect(waiting.status == .queued)
            #expect(waiting.lastError?.contains("503") == true)
            #expect(try await outbox.runOnce() == 0)
            clock.advance(Reply.backoff(afterAttempt: 1) + 1)
            recorder.answer(.forbidden, #"{"detail":"You are not allowed to create a Tweet with duplicate content."}"#)
            #expect(try await outbox.runOnce() == 1)
            let failed = try #require(try await store.reply(id: second.id))
            #expect(failed.status == .failed)
            #expect(failed.lastError?.contains("duplicate content") == true)
            #expect(failed.attempts == 2)
            #expect(recorder.requests.count == 3)
        }
    }

    /// A channel that stopped sending (here X without a token) is said once above everyone's
    /// inbox; two failures are two customers, not a channel.
    @Test("after three failed X replies in an hour the inbox says replies via X are not getting out, with X's error", arguments: TestDatabase.all)
    func channelTroubleOnInbox(database: TestDatabase) async throws {
        let troubles = ReplyTroubles()
        try await withApp(database, replyTroubles: troubles) { client, store, _ in
            let outbox = makeOutboxService(configuration: .forTests, dependencies: AppDependencies(store: store, replyTroubles: troubles))
            let ingest = IngestSignal(store: store)
            let write = WriteReply(store: store)
            var cases: [CaseID] = []
            for index in 1...3 {
                let tweet = try await ingest(
                    SignalDraft(channel: .x, externalID: "17900000000000000\(index)", author: Author(handle: "reiziger\(index)"), text: "@NS_online trein \(index) valt uit", receivedAt: Date()))
                cases.append(tweet.signal.caseID)
            }
            let agent = try await CompensationWebTests.signIn(client, store: store, email: "sanne@example.nl", role: .agent, caseID: cases[0].description)
            func inbox(_ query: String = "") async throws -> String {
                try await client.execute(uri: "/" + query, method: .get, headers: [.cookie: agent.cookie]).text
            }
            for caseID in cases.prefix(2) { _ = try await write(caseID: caseID, text: "We zoeken het voor je uit.", author: nil) }
            #expect(try await outbox.runOnce() == 2)
            #expect(!(try await inbox()).contains("komen niet aan"), "two customers are no channel")

            _ = try await write(caseID: cases[2], text: "We zoeken het voor je uit.", author: nil)
            #expect(try await outbox.runOnce() == 1)
            let dutch = try await inbox()
            #expect(dutch.contains("<strong>Antwoorden via X (Twitter) komen niet aan:</strong> 3 van 3 mislukt in het afgelopen uur"), "\(dutch)")
            #expect(dutch.contains("<summary>Waarom?</summary> X (Twitter): ‘Verzenden via X is niet ingesteld"), "\(dutch)")
            let english = try await inbox("?lang=en")
            #expect(english.contains("<strong>Replies via X (Twitter) are not getting out:</strong> 3 of 3 failed in the last hour"), "\(english)")

            // A second channel in trouble joins the same line: the cases keep their screenful.
            for index in 1...3 {
                let mail = try await ingest(
                    SignalDraft(channel: .email, externalID: "<klacht-\(index)@example.nl>", author: Author(email: "klant\(index)@example.nl"), text: "Mijn pakket \(index) is kwijt", receivedAt: Date()))
                _ = try await write(caseID: mail.signal.caseID, text: "We zoeken het voor u uit.", author: nil)
            }
            #expect(try await outbox.runOnce() == 3)
            let both = try await inbox()
            #expect(both.components(separatedBy: "class=\"surge trouble\"").count == 2, "one line")
            #expect(both.contains("<strong>Antwoorden via X (Twitter) en e-mail komen niet aan:</strong> 6 van 6 mislukt"), "\(both)")
            #expect(both.contains("e-mail: ‘Uitgaande e-mail is niet ingesteld"), "\(both)")
        }
    }

    @Test("a platform that took the request but did not answer in time is not sent the reply again; one that could not be reached is")
    func ambiguousTimeout() async throws {
        let recorder = RecordingServer()
        let server = Application(router: recorder.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        try await server.test(.live) { live in
            let port = try #require(live.port)
            let sender = PlatformSender(
                client: client, x: .init(baseURL: URL(string: "http://127.0.0.1:\(port)")!, accessToken: "t"),
                meta: .init(baseURL: URL(string: "http://127.0.0.1:1")!, accessToken: "t"), timeout: .seconds(1))
            recorder.answer(.created, #"{"data":{"id":"1"}}"#, after: .seconds(4))
            let slow = await sender.send("Sorry voor het wachten!", to: .xReply(toTweetID: "42"), now: Date(), attempt: 1)
            guard case .failed(let reason) = slow else { Issue.record("a timeout after sending must not be retried: \(slow)"); return }
            #expect(reason.contains("controleer het bij X"))
            // On a busy machine the server may still be reading the request when the client gives up.
            for _ in 0..<50 where recorder.requests.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            #expect(recorder.requests.count == 1)
            // Nothing listens on port 1: the request never left, so trying again is safe.
            let unreachable = await sender.send("Hallo", to: .messenger(psid: "7"), now: Date(), attempt: 1)
            guard case .retry = unreachable else { Issue.record("a refused connection is retried: \(unreachable)"); return }
        }
        try await client.shutdown()
    }

    @Test("WhatsApp and Messenger replies use the Graph API formats; without a token the reply fails with a reason an agent can act on")
    func metaReplies() async throws {
        let recorder = RecordingServer()
        let server = Application(router: recorder.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { live in
            let port = try #require(live.port)
            var configuration = AppConfig(priorityRefreshInterval: .seconds(3600))
            configuration.channels.metaGraphURL = URL(string: "http://127.0.0.1:\(port)")!
            configuration.channels.metaAccessToken = "page-token"
            try await withTestStore(.sqlite) { store, _ in
                let outbox = makeOutboxService(configuration: configuration, dependencies: AppDependencies(store: store))
                let ingest = IngestSignal(store: store)
                let whatsapp = try await ingest(
                    SignalDraft(
                        channel: .whatsapp, externalID: "wamid.IN1", author: Author(name: "Fatima", phone: "31612345678", platformID: "31612345678"),
                        text: "Mijn bestelling is nog steeds niet bezorgd", receivedAt: Date(), channelAccount: "106540352242922"))
                recorder.answer(.ok, #"{"messaging_product":"whatsapp","messages":[{"id":"wamid.OUT1"}]}"#)
                let reply = try await WriteReply(store: store)(caseID: whatsapp.signal.caseID, text: "Hoi Fatima, ik kijk het nu na.", author: nil)
                try await outbox.runOnce()
                #expect(try await store.reply(id: reply.id)?.externalID == "wamid.OUT1")
                let request = try #require(recorder.requests.last)
                #expect(request.path == "/v21.0/106540352242922/messages")
                let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                #expect(json["messaging_product"] as? String == "whatsapp")
                #expect(json["to"] as? String == "31612345678")
                #expect((json["text"] as? [String: Any])?["body"] as? String == "Hoi Fatima, ik kijk het nu na.")

                let messenger = try await ingest(
                    SignalDraft(
                        channel: .messenger, externalID: "m_IN2", author: Author(handle: "7001", platformID: "7001"),
                        text: "Waarom is mijn pakket teruggestuurd?", receivedAt: Date(), channelAccount: "1122"))
                recorder.answer(.ok, #"{"recipient_id":"7001","message_id":"m_OUT2"}"#)
                let second = try await WriteReply(store: store)(caseID: messenger.signal.caseID, text: "Dat zoek ik voor je uit.", author: nil)
                try await outbox.runOnce()
                #expect(try await store.reply(id: second.id)?.externalID == "m_OUT2")
                #expect(recorder.requests.last?.path == "/v21.0/me/messages")
            }
            // The same reply without credentials: failed at once, with who can fix it (the variable is for the log).
            try await withTestStore(.sqlite) { store, _ in
                let outbox = makeOutboxService(configuration: AppConfig(), dependencies: AppDependencies(store: store))
                let signal = try await IngestSignal(store: store)(
                    SignalDraft(channel: .x, externalID: "5", author: Author(handle: "klant"), text: "Hallo?", receivedAt: Date()))
                let reply = try await WriteReply(store: store)(caseID: signal.signal.caseID, text: "Hoi!", author: nil)
                try await outbox.runOnce()
                let failed = try #require(try await store.reply(id: reply.id))
                #expect(failed.status == .failed)
                #expect(failed.lastError == "Verzenden via X is niet ingesteld; vraag de beheerder dit in te stellen. Het antwoord is niet verzonden.")
                // Nobody heard from us, so the case does not wait on the customer.
                let theCase = try #require(try await store.case(id: signal.signal.caseID))
                #expect(theCase.status == .open)
                #expect(theCase.transitions.last?.reason == "antwoord kwam niet aan bij de klant")
                #expect(theCase.respondedAt == nil, "a reply that never left is no first response")
            }
        }
    }

    @Test("a reply that never reached the customer leaves the case waiting since before it, also when they wrote again meanwhile", arguments: TestDatabase.all)
    func failedReplyKeepsWaitingClock(database: TestDatabase) async throws {
        try await withTestStore(database) { store, _ in
            // setup: nothing configured to send with, so every X reply fails at once
            let clock = TestClock(Date(millisecondsSince1970: Date().millisecondsSince1970).addingTimeInterval(-3 * 86_400))
            let outbox = makeOutboxService(configuration: AppConfig(), dependencies: AppDependencies(store: store, clock: { clock.date }))
            let ingest = IngestSignal(store: store, clock: { clock.date })
            let write = WriteReply(store: store, clock: { clock.date })
            func tweet(_ id: String, _ text: String) async throws -> CaseID {
                try await ingest(SignalDraft(channel: .x, externalID: id, author: Author(handle: "wachter"), text: text, receivedAt: clock.date))
                    .signal.caseID
            }
            let firstAt = clock.date
            let caseID = try await tweet("w-1", "Mijn pakket is al een week zoek.")
            clock.advance(2 * 86_400)
            #expect(try await tweet("w-2", "Hallo? Nog steeds niets gehoord.") == caseID)

            // act: a reply that fails
            clock.advance(3600)
            let first = try await write(caseID: caseID, text: "Ik zoek het voor u uit.", author: nil)
            #expect(try await store.case(id: caseID)?.waitingSince == nil, "written, so for now the customer is answered")
            #expect(try await outbox.runOnce() == 1)

            // check: nobody heard from us, so the customer waits since their first message still
            #expect(try await store.reply(id: first.id)?.status == .failed)
            var theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .open)
            #expect(theCase.waitingSince == firstAt, "not the time of the last message")
            #expect(theCase.priority == CasePriority.compute(theCase.priorityInputs, now: clock.date).score)

            // act: another reply fails after the customer wrote again before it went out
            clock.advance(600)
            _ = try await write(caseID: caseID, text: "Ik kijk het nu na.", author: nil)
            clock.advance(600)
            #expect(try await tweet("w-3", "Is er al nieuws?") == caseID)
            #expect(try await outbox.runOnce() == 1)

            // check: the wait began before either reply, not at the newest message
            theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .open)
            #expect(theCase.waitingSince == firstAt)
        }
    }

    @Test("replies are claimed one at a time; one interrupted mid-send becomes failed and gives the case back", arguments: TestDatabase.all)
    func claimsAndInterruptions(database: TestDatabase) async throws {
        try await Self.withFakeX(database) { recorder, configuration, clock, store in
            let outbox = makeOutboxService(configuration: configuration, dependencies: AppDependencies(store: store, clock: { clock.date }))
            let write = WriteReply(store: store, clock: { clock.date })
            var replies: [Reply] = []
            for index in 0..<3 {
                let signal = try await IngestSignal(store: store, clock: { clock.date })(
                    SignalDraft(channel: .x, externalID: "c-\(index)", author: Author(handle: "klant\(index)"), text: "Waar blijft mijn geld?", receivedAt: clock.date))
                replies.append(try await write(caseID: signal.signal.caseID, text: "Ik zoek het voor je uit, \(index).", author: nil))
        }
        // While X is slow with the first, the others stay queued for any instance to take.
        recorder.answer(.created, #"{"data":{"id":"1"}}"#, after: .milliseconds(800))
        let round = Task { try await outbox.runOnce() }
        try await Task.sleep(for: .milliseconds(300))
        var during: [Reply.Status?] = []
        for reply in replies { during.append(try await store.reply(id: reply.id)?.status) }
        #expect(during.filter { $0 == .sending }.count == 1, "\(during)")
        #expect(during.filter { $0 == .queued }.count == 2, "\(during)")
        #expect(try await round.value == 3)
        #expect(recorder.requests.count == 3)

        // An instance stopped mid-send: after five minutes the reply is failed, never resent.
        let signal = try await IngestSignal(store: store, clock: { clock.date })(
            SignalDraft(channel: .x, externalID: "c-9", author: Author(handle: "klant9"), text: "Hallo? Nog iemand daar?", receivedAt: clock.date))
        let stuck = try await write(caseID: signal.signal.caseID, text: "Ik kijk het nu na.", author: nil)
        #expect(try await store.claimDueReplies(now: clock.date, limit: 5).map(\.id) == [stuck.id])
        clock.advance(OutboxService.interruptedAfter + 1)
        #expect(try await outbox.runOnce() == 0)
        #expect(try await store.reply(id: stuck.id)?.status == .failed)
        let theCase = try #require(try await store.case(id: signal.signal.caseID))
        #expect(theCase.status == .open, "the customer may have heard nothing: the case is ours again")
        #expect(theCase.respondedAt == nil)
        #expect(recorder.requests.count == 3)
        }
    }

    @Test("a sendmail that hangs is killed at the attempt's time limit: the reply fails saying so, and no mail leaves later", arguments: TestDatabase.all)
    func sendmailTimeLimit(database: TestDatabase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-sendmail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // It hangs (a mail server that does not answer), then would hand the message on.
        let script = try Self.sendmailScript(
            in: directory, "echo $$ > \"\(directory.path)/pid\"\nsleep 4\ncat > \"\(directory.path)/message\"")
        var configuration = AppConfig(priorityRefreshInterval: .seconds(3600))
        configuration.channels.sendmailPath = script.path
        configuration.channels.emailFrom = "webcare@bank.example"
        configuration.replyAttemptLimit = .seconds(3)
        #expect(OutboxService.attemptLimit < .seconds(OutboxService.interruptedAfter / 2), "an attempt ends well before it counts as interrupted")
        try await withTestStore(database) { store, _ in
            let outbox = makeOutboxService(configuration: configuration, dependencies: AppDependencies(store: store))
            let signal = try await IngestSignal(store: store)(
                SignalDraft(
                    channel: .email, externalID: "vast-1@klant.example", author: Author(name: "Jan", email: "jan@klant.example"),
                    text: "Mijn pas is geblokkeerd.", receivedAt: Date()))
            let reply = try await WriteReply(store: store)(caseID: signal.signal.caseID, text: "Beste Jan, ik kijk het na.", author: nil)
            let started = ContinuousClock.now
            #expect(try await outbox.runOnce() == 1)
            #expect(ContinuousClock.now - started < .seconds(4 + 20), "the attempt did not wait for sendmail")
            let failed = try #require(try await store.reply(id: reply.id))
            #expect(failed.status == .failed)
            #expect(failed.lastError?.contains("langer dan 3 s en is afgebroken") == true, "\(failed.lastError ?? "")")
            // The command and what it started are gone: the message never leaves after all.
            let pid = try #require(Int32(try String(contentsOf: directory.appendingPathComponent("pid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, 0) != 0)
            try await Task.sleep(for: .seconds(4))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("message").path))
            #expect(try await store.reply(id: reply.id)?.status == .failed)
        }
    }

    /// A stand-in for sendmail in `directory` that runs `commands` (it gets the message on stdin).
    static func sendmailScript(in directory: URL, _ commands: String) throws -> URL {
        let script = directory.appendingPathComponent("sendmail")
        // O_CLOEXEC: processes other tests start meanwhile must not inherit the open script,
        // or running it fails with "text file busy".
        let body = Array("#!/bin/sh\n\(commands)\n".utf8)
        let descriptor = open(script.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        #expect(descriptor >= 0)
        #expect(body.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == body.count)
        close(descriptor)
        return script
    }

    @Test("a public complaint answered by e-mail goes to the customer's address and not on X; without an address that choice is refused", arguments: TestDatabase.all)
    func emailInsteadOfX(database: TestDatabase) async throws {
        try await Self.withFakeX(database) { recorder, settings, clock, store in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-sendmail-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var configuration = settings
            configuration.channels.sendmailPath = try Self.sendmailScript(in: directory, "cat > \"\(directory.path)/message\"").path
            configuration.channels.emailFrom = "webcare@ns.example"
            let outbox = makeOutboxService(configuration: configuration, dependencies: AppDependencies(store: store, clock: { clock.date }))
            let tweet = try await IngestSignal(store: store, clock: { clock.date })(
                SignalDraft(
                    channel: .x, externalID: "1790000000000000077", author: Author(handle: "reiziger", platformID: "99"),
                    text: "@NS_online mijn ov-chipkaart is twee keer afgeschreven, wie helpt?",
                    receivedAt: try #require(ISO8601DateFormatter().date(from: "2026-11-03T23:30:00Z"))))
            let caseID = tweet.signal.caseID
            let write = WriteReply(store: store, clock: { clock.date })
            let text = "Wat vervelend van die dubbele afschrijving. Mail me je kaartnummer, dan zet ik het vandaag recht."

            // No address known yet: the choice is refused, and nothing is queued to go anywhere.
            await #expect(throws: DomainError.self) { try await write(caseID: caseID, text: text, author: nil, byEmail: true) }
            #expect(try await store.replies(caseID: caseID).isEmpty)

            try await store.linkIdentity(try #require(Identity(kind: .email, raw: "Reiziger@Klant.example")), to: tweet.signal.customerID, by: nil, at: clock.date)
            let reply = try await write(caseID: caseID, text: text, author: nil, byEmail: true)
            #expect(reply.channel == .email)
            #expect(reply.signalID == tweet.signal.id, "it still answers the tweet")
            #expect(try await outbox.runOnce() == 1)
            let sent = try #require(try await store.reply(id: reply.id))
            #expect(sent.status == .sent, "\(sent.lastError ?? "")")
            let message = try String(contentsOf: directory.appendingPathComponent("message"), encoding: .utf8)
            #expect(message.contains("reiziger@klant.example"))
            // Not the tweet's first words echoed back as a subject: when and where they wrote.
            // 23:30 UTC is past midnight in Amsterdam.
            #expect(message.contains("Subject: Re: Uw bericht van 4 november 2026 via X (Twitter)"), "\(message)")
            #expect(!message.contains("Subject: Re: @NS_online"))
            #expect(recorder.requests.isEmpty, "nothing was posted on X")

            // The default stays the platform: the next reply goes back on X.
            recorder.answer(.created, #"{"data":{"id":"1790000000000000100","text":"…"}}"#)
            let onX = try await write(caseID: caseID, text: "Ik heb je mail ontvangen en het bedrag teruggezet.", author: nil)
            #expect(onX.channel == .x)
            #expect(try await outbox.runOnce() == 1)
            #expect(recorder.requests.last?.path == "/2/tweets")
        }
    }

    @Test("an e-mail reply is threaded and carries the case address; the customer's answer to it joins the case", arguments: TestDatabase.all)
    func emailReply(database: TestDatabase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-sendmail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.sendmailScript(
            in: directory, "echo \"$@\" > \"\(directory.path)/args\"\ncat > \"\(directory.path)/message\"")
        var configuration = AppConfig(priorityRefreshInterval: .seconds(3600))
        configuration.channels.sendmailPath = script.path
        configuration.channels.emailFrom = "webcare@bank.example"
        try await withTestStore(database) { store, _ in
            let outbox = makeOutboxService(configuration: configuration, dependencies: AppDependencies(store: store))
            let imports = ChannelImports(store: store, configuration: configuration)
            let first = try await imports.ingestEmail(Data("""
                From: Jan Bakker <jan@klant.example>\r
                To: webcare@bank.example\r
                Subject: Twee keer doorverbonden en opgehangen\r
                Message-ID: <klacht-1@klant.example>\r
                Date: Mon, 23 Nov 2026 09:00:00 +0100\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Ik werd twee keer doorverbonden en toen werd er opgehangen. Wie helpt mij?\r
                """.utf8))
            let caseID = first.signal.caseID
            let reply = try await WriteReply(store: store)(caseID: caseID, text: "Beste Jan, wat vervelend. Ik bel u vandaag vóór 17:00 terug.", author: nil)
            try await outbox.runOnce()
            let sent = try #require(try await store.reply(id: reply.id))
            #expect(sent.status == .sent, "\(sent.lastError ?? "")")
            let message = try String(contentsOf: directory.appendingPathComponent("message"), encoding: .utf8)
            #expect(message.contains("In-Reply-To: <klacht-1@klant.example>"))
            #expect(message.contains("webcare+case-\(caseID)@bank.example"))
            #expect(message.contains("Subject: Re: Twee keer doorverbonden en opgehangen"))
            #expect(message.contains("To: "))
            let messageID = try #require(sent.externalID)

            let answer = try await imports.ingestEmail(Data("""
                From: Jan Bakker <jan.bakker@werk.example>\r
                To: webcare+case-\(caseID)@bank.example\r
                Subject: Re: Twee keer doorverbonden en opgehangen\r
                Message-ID: <antwoord-2@werk.example>\r
                In-Reply-To: <\(messageID)>\r
                Date: Mon, 23 Nov 2026 10:00:00 +0100\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Dank u, ik wacht op uw telefoontje.\r
                """.utf8))
            // Another address is another customer until an agent links it: a thread alone does
            // not let someone else into this customer's case.
            #expect(answer.signal.caseID != caseID)
            let sameAddress = try await imports.ingestEmail(Data("""
                From: Jan Bakker <jan@klant.example>\r
                To: webcare@bank.example\r
                Subject: Re: Twee keer doorverbonden en opgehangen\r
                Message-ID: <antwoord-3@klant.example>\r
                In-Reply-To: <\(messageID)>\r
                References: <klacht-1@klant.example> <\(messageID)>\r
                Date: Mon, 23 Nov 2026 10:05:00 +0100\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Nog even dit: het ging om rekening NL00BANK0123456789.\r
                """.utf8))
            #expect(sameAddress.signal.caseID == caseID)

            // A second reply bounces: the mail server's report marks it, and opens no case of its own.
            let second = try await WriteReply(store: store)(caseID: caseID, text: "Beste Jan, ik heb het rekeningnummer genoteerd.", author: nil)
            try await outbox.runOnce()
            let secondID = try #require(try await store.reply(id: second.id)?.externalID)
            // It continues the whole thread, as the customer's mail program knows it.
            let secondMessage = try String(contentsOf: directory.appendingPathComponent("message"), encoding: .utf8)
                .replacingOccurrences(of: "\r\n ", with: " ")  // unfolded
            #expect(secondMessage.contains("In-Reply-To: <antwoord-3@klant.example>"))
            #expect(secondMessage.contains("References: <klacht-1@klant.example> <\(messageID)> <antwoord-3@klant.example>"), "\(secondMessage)")
            let casesBefore = try await store.cases(matching: CaseFilter(), limit: 100, after: nil).count
            let bounce = Data("""
                From: MAILER-DAEMON@mx.bank.example (Mail Delivery System)\r
                To: webcare@bank.example\r
                Subject: Undelivered Mail Returned to Sender\r
                Date: Mon, 23 Nov 2026 10:07:00 +0100\r
                Message-ID: <20261123090700.ABC12@mx.bank.example>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="grens"\r
                \r
                --grens\r
                Content-Type: text/plain; charset=us-ascii\r
                \r
                This is the mail system at host mx.bank.example. Your message could not be delivered.\r
                \r
                --grens\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.bank.example\r
                \r
                Final-Recipient: rfc822; jan@klant.example\r
                Action: failed\r
                Status: 5.1.1\r
                Diagnostic-Code: smtp; 550 5.1.1 <jan@klant.example>: Recipient address\r
                 rejected: User unknown in virtual mailbox table\r
                \r
                --grens\r
                Content-Type: text/rfc822-headers\r
                \r
                From: Webcare <webcare@bank.example>\r
                To: Jan Bakker <jan@klant.example>\r
                Subject: Re: Twee keer doorverbonden en opgehangen\r
                Message-ID: <\(secondID)>\r
                \r
                --grens--\r
                """.utf8)
            await #expect(throws: IntakeIgnored.self) { try await imports.ingestEmail(bounce) }
            let bounced = try #require(try await store.reply(id: second.id))
            #expect(bounced.status == .failed)
            #expect(bounced.lastError?.contains("jan@klant.example") == true && bounced.lastError?.contains("User unknown") == true, "\(bounced.lastError ?? "")")
            let theCase = try #require(try await store.case(id: caseID))
            #expect(theCase.status == .open, "the customer heard nothing: the case is ours again")
            #expect(try await store.cases(matching: CaseFilter(), limit: 100, after: nil).count == casesBefore, "no case for 'Mail Delivery System'")
        }
    }

    @Test("an Instagram mention's text is fetched from the Graph API when access is set; without it the mention stays pending")
    func mentionText() async throws {
        let recorder = RecordingServer()
        let server = Application(router: recorder.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { live in
            var configuration = AppConfig(priorityRefreshInterval: .seconds(3600))
            configuration.channels.metaGraphURL = URL(string: "http://127.0.0.1:\(try #require(live.port))")!
            configuration.channels.metaAccessToken = "page-token"
            try await withTestStore(.sqlite) { store, _ in
                let draft = SignalDraft(
                    channel: .instagram, externalID: "17890000000000001", author: Author(name: "Instagram-gebruiker"), text: "",
                    receivedAt: Date(), textPending: true, channelAccount: "17841400000000000")
                let pending = try await IngestSignal(store: store)(draft)
                // Without access nothing is asked and the mention stays visible as pending.
                try await makeOutboxService(configuration: AppConfig(), dependencies: AppDependencies(store: store)).fetchPendingTexts()
                #expect(recorder.requests.isEmpty)
                #expect(try await store.signal(id: pending.signal.id)?.textPending == true)

                recorder.answer(
                    .ok,
                    #"{"mentioned_comment":{"text":"@merk mijn bestelling is al 2 weken onderweg 😤","username":"lotte.k","timestamp":"2026-11-23T10:00:00+0000","id":"17890000000000001"},"id":"17841400000000000"}"#)
                try await makeOutboxService(configuration: configuration, dependencies: AppDependencies(store: store)).fetchPendingTexts()
                let request = try #require(recorder.requests.last)
                #expect(request.method == "GET")
                #expect(request.path.hasPrefix("/v21.0/17841400000000000"))
                #expect(request.path.contains("mentioned_comment.comment_id(17890000000000001)"))
                let filled = try #require(try await store.signal(id: pending.signal.id))
                #expect(!filled.textPending)
                #expect(filled.text == "@merk mijn bestelling is al 2 weken onderweg 😤")
                #expect(filled.author.handle == "lotte.k")
                #expect(filled.analysis != nil)
            }
        }
    }
}
