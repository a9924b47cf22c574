import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalDomain
import SignaalStoreTesting
import Testing

/// The platforms' real deliveries (../shared/fixtures, copied beside the channel tests) through
/// the real routes, with the signatures from the fixtures' manifest.
@Suite("Webhooks: X, Meta and e-mail through HTTP")
struct WebhookTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../SignaalChannelsTests/Fixtures").standardized
    static let xSecret = "xTEST-consumer-secret-webcare-0001"
    static let metaSecret = "metaTESTappsecret0123456789abcdef"

    static func configuration(email: Bool = true) -> AppConfig {
        var configuration = AppConfig.forTests
        configuration.channels.xConsumerSecret = xSecret
        configuration.channels.metaAppSecret = metaSecret
        configuration.channels.metaVerifyToken = "verifieer-mij"
        if email { configuration.channels.emailToken = "mailgeheim" }
        return configuration
    }

    /// The body bytes and the headers the manifest lists for a fixture.
    static func delivery(_ file: String) throws -> (Data, HTTPFields) {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("MANIFEST.json"))) as? [String: Any]
        let entries = manifest?["fixtures"] as? [[String: Any]] ?? []
        let entry = try #require(entries.first { $0["file"] as? String == file })
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in entry["headers"] as? [String: String] ?? [:] { headers[HTTPField.Name(name)!] = value }
        return (try Data(contentsOf: fixtures.appendingPathComponent(file)), headers)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ body: Data, _ headers: HTTPFields) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    static func xSignature(_ body: Data) -> String {
        "sha256=" + Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(xSecret.utf8)))).base64EncodedString()
    }

    static func metaSignature(_ body: Data) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(metaSecret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    @Test("X: the CRC check signs no event body a stranger sends as its token, so a forged post stays out")
    func xCRCIsNoSigningOracle() async throws {
        try await withApp(.sqlite, configuration: Self.configuration()) { client, store, _ in
            let forged = #"{"for_user_id":"1","tweet_create_events":[{"id_str":"555000999","text":"@NS_online nep","timestamp_ms":"1796670000000","user":{"id_str":"42","screen_name":"nepklant","name":"Nep","followers_count":5000000}}]}"#
            let query = forged.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let crc = try await client.execute(uri: "/webhooks/x?crc_token=\(query)", method: .get)
            try expectProblem(crc, .badRequest)
            #expect(try crc.json()["detail"] as? String == "crc_token is geen CRC-token van X (1 tot 256 letters, cijfers en + / = - _).")
            // Whatever the CRC answered is tried as the forged post's signature.
            let answered = ((try? crc.json())?["response_token"] as? String) ?? "sha256=AAAA"
            let post = try await Self.post(
                client, "/webhooks/x", Data(forged.utf8), [.contentType: "application/json", HTTPField.Name("x-twitter-webhooks-signature")!: answered])
            try expectProblem(post, .unauthorized)
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
            let long = try await client.execute(uri: "/webhooks/x?crc_token=\(String(repeating: "a", count: 257))", method: .get)
            try expectProblem(long, .badRequest)
        }
    }

    @Test("X: the CRC answer matches the vector; without a secret the channel says 503")
    func xCRC() async throws {
        try await withApp(.sqlite, configuration: Self.configuration()) { client, _, _ in
            let response = try await client.execute(uri: "/webhooks/x?crc_token=Y3JjLXRva2VuLWV4YW1wbGUtMjAyNS0xMi0zMA", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json()["response_token"] as? String == "sha256=gu7X4CW4cp+aAWXVUK3dhZzsuvS0Z/ueVEa8H2AnFwg=")
        }
        try await withApp(.sqlite) { client, store, _ in
            let crc = try await client.execute(uri: "/webhooks/x?crc_token=abc", method: .get)
            try expectProblem(crc, .serviceUnavailable)
            let (body, headers) = try Self.delivery("x/aaa_tweet_create_mention_reply.json")
            try expectProblem(try await Self.post(client, "/webhooks/x", body, headers), .serviceUnavailable)
            try expectProblem(try await Self.post(client, "/webhooks/meta", body, headers), .serviceUnavailable)
            try expectProblem(try await Self.post(client, "/webhooks/email", body, headers), .serviceUnavailable)
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
        }
    }

    @Test("X: every fixture gives the expected signals; echoes and likes store nothing; a redelivery is one signal", arguments: TestDatabase.all)
    func xEvents(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            for file in [
                "x/aaa_tweet_create_mention_reply.json", "x/aaa_tweet_create_mention_extended.json",
                "x/aaa_direct_message_incoming.json", "x/aaa_direct_message_outgoing_echo.json", "x/aaa_favorite_events.json",
            ] {
                let (body, headers) = try Self.delivery(file)
                let response = try await Self.post(client, "/webhooks/x", body, headers)
                #expect(response.status == .ok, "\(file): \(response.text)")
            }
            let signals = try await store.signals(channel: .x, limit: 20, after: nil)
            #expect(signals.count == 3)
            #expect(signals.allSatisfy { !$0.text.isEmpty })
            #expect(signals.contains { $0.externalID?.hasPrefix("dm:") == true })
            // The long tweet is whole, with its emoji.
            #expect(signals.contains { $0.text.count > 140 && $0.text.unicodeScalars.contains { $0.value > 0xFFFF } })

            // The same delivery again, also several at once: still one signal each.
            let (body, headers) = try Self.delivery("x/aaa_tweet_create_mention_reply.json")
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 { group.addTask { try await Self.post(client, "/webhooks/x", body, headers).status } }
                for try await status in group { #expect(status == .ok) }
            }
            #expect(try await store.signals(channel: .x, limit: 20, after: nil).count == 3)

            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"signaal_webhook_events_total{source="x",kind="x_favorite"}"#))
            #expect(metrics.contains(#"signaal_webhook_events_total{source="x",kind="x_dm_echo"}"#))
        }
    }

    @Test("X: a filtered-stream webhook's post, signed, becomes a signal; delivered again it is one", arguments: TestDatabase.all)
    func xFilteredStreamWebhook(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            let body = try Data(contentsOf: Self.fixtures.appendingPathComponent("x/v2_filtered_stream_mention.json"))
            let headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("x-twitter-webhooks-signature")!: Self.xSignature(body)]
            for _ in 0..<2 {
                let response = try await Self.post(client, "/webhooks/x", body, headers)
                #expect(response.status == .ok, "\(response.text)")
            }
            let signals = try await store.signals(channel: .x, limit: 20, after: nil)
            #expect(signals.count == 1, "stored once, not dropped as an unknown delivery")
            #expect(signals.first?.externalID == "2005923613378610386")
            #expect(signals.first?.text.hasPrefix("@NS_online Alweer geen trein tussen Utrecht en Amersfoort") == true)
        }
    }

    @Test("X: a wrong or missing signature is 401 and stores nothing; bad JSON is 400; over 1 MiB is 413; unknown events are 200")
    func xBadInput() async throws {
        try await withApp(.sqlite, configuration: Self.configuration()) { client, store, _ in
            let (body, headers) = try Self.delivery("x/aaa_tweet_create_mention_reply.json")
            var tampered = body
            tampered[tampered.count - 3] ^= 0x01
            try expectProblem(try await Self.post(client, "/webhooks/x", tampered, headers), .unauthorized)
            var unsigned = headers
            unsigned[HTTPField.Name("x-twitter-webhooks-signature")!] = nil
            try expectProblem(try await Self.post(client, "/webhooks/x", body, unsigned), .unauthorized)
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)

            let broken = Data(#"{"for_user_id": "1", "tweet_create_events": [ {"#.utf8)
            try expectProblem(
                try await Self.post(client, "/webhooks/x", broken, [.contentType: "application/json", HTTPField.Name("x-twitter-webhooks-signature")!: Self.xSignature(broken)]),
                .badRequest)

            let huge = Data(repeating: 0x20, count: (1 << 20) + 10)
            try expectProblem(
                try await Self.post(client, "/webhooks/x", huge, [.contentType: "application/json", HTTPField.Name("x-twitter-webhooks-signature")!: Self.xSignature(huge)]),
                .contentTooLarge)

            let unknown = Data(#"{"for_user_id":"2244994945","tweet_mute_events":[{"id":"1"}]}"#.utf8)
            let response = try await Self.post(
                client, "/webhooks/x", unknown, [.contentType: "application/json", HTTPField.Name("x-twitter-webhooks-signature")!: Self.xSignature(unknown)])
            #expect(response.status == .ok)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"kind="x_tweet_mute_events""#))
            #expect(try await store.signals(channel: nil, limit: 10, after: nil).isEmpty)
        }
    }

    @Test("Meta: subscription check echoes the challenge only with the right token")
    func metaVerify() async throws {
        try await withApp(.sqlite, configuration: Self.configuration()) { client, _, _ in
            let ok = try await client.execute(
                uri: "/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verifieer-mij", method: .get)
            #expect(ok.status == .ok)
            #expect(ok.text == "1158201444")
            let wrong = try await client.execute(
                uri: "/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=fout", method: .get)
            try expectProblem(wrong, .forbidden)
        }
    }

    @Test("Meta: page, Messenger, Instagram and WhatsApp fixtures become signals; a mention waits for its text", arguments: TestDatabase.all)
    func metaEvents(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            for file in [
                "meta/fb_page_feed_comment.json", "meta/fb_page_feed_post.json", "meta/fb_messenger_message.json",
                "meta/ig_comments.json", "meta/ig_mentions.json", "meta/wa_cloud_text_message.json",
            ] {
                let (body, headers) = try Self.delivery(file)
                let response = try await Self.post(client, "/webhooks/meta", body, headers)
                #expect(response.status == .ok, "\(file): \(response.text)")
                // Meta signs the bytes as sent; one changed byte must fail.
                var tampered = body
                tampered[tampered.count / 2] ^= 0x01
                #expect(try await Self.post(client, "/webhooks/meta", tampered, headers).status == .unauthorized)
            }
            #expect(try await store.signals(channel: .facebook, limit: 10, after: nil).count == 2)
            #expect(try await store.signals(channel: .messenger, limit: 10, after: nil).count == 1)
            #expect(try await store.signals(channel: .whatsapp, limit: 10, after: nil).count == 1)
            let instagram = try await store.signals(channel: .instagram, limit: 10, after: nil)
            #expect(instagram.count == 2)
            #expect(instagram.filter(\.textPending).count == 1)
            #expect(try await store.pendingTextSignals(limit: 10).count == 1)
            // Without Meta's access token the text never comes: the case says so, and shows no reading of nothing.
            let mention = try #require(instagram.first { $0.textPending })
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: mention.caseID.description)
            let page = try await client.execute(uri: "/cases/\(mention.caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("De tekst van deze vermelding kan Signaal niet ophalen") && !page.contains("wordt nog opgehaald"))
            #expect(!page.contains("neutraal +0.00"))
            let whatsapp = try #require(try await store.signals(channel: .whatsapp, limit: 1, after: nil).first)
            #expect(whatsapp.text.contains("€") || whatsapp.text.contains("é") || !whatsapp.text.isEmpty)
        }
    }

    @Test("Meta: an edited comment keeps its old text; a removed one is marked; a WhatsApp status moves our reply on")
    func metaUpdates() async throws {
        try await withApp(.sqlite, configuration: Self.configuration()) { client, store, _ in
            let (body, headers) = try Self.delivery("meta/fb_page_feed_comment.json")
            _ = try await Self.post(client, "/webhooks/meta", body, headers)
            let original = try #require(try await store.signals(channel: .facebook, limit: 1, after: nil).first)
            let commentID = try #require(original.externalID)
            let pageID = try #require(original.channelAccount)
            func feed(_ verb: String, _ message: String) -> Data {
                let value: [String: Any] = [
                    "item": "comment", "verb": verb, "comment_id": commentID, "post_id": original.inReplyTo ?? "p",
                    "from": ["id": original.author.handle ?? "1", "name": original.author.name ?? "Klant"],
                    "message": message, "created_time": 1_767_000_000,
                ]
                let payload: [String: Any] = [
                    "object": "page", "entry": [["id": pageID, "time": 1_767_000_100, "changes": [["field": "feed", "value": value]]]],
                ]
                return try! JSONSerialization.data(withJSONObject: payload)
            }
            let edit = feed("edited", "Aangepast: nog steeds geen terugbetaling van €129!")
            #expect(try await Self.post(client, "/webhooks/meta", edit, [.contentType: "application/json", HTTPField.Name("X-Hub-Signature-256")!: Self.metaSignature(edit)]).status == .ok)
            let edited = try #require(try await store.signal(id: original.id))
            #expect(edited.text == "Aangepast: nog steeds geen terugbetaling van €129!")
            #expect(edited.edits.map(\.previousText) == [original.text])

            let remove = feed("remove", "")
            #expect(try await Self.post(client, "/webhooks/meta", remove, [.contentType: "application/json", HTTPField.Name("X-Hub-Signature-256")!: Self.metaSignature(remove)]).status == .ok)
            #expect(try await store.signal(id: original.id)?.removedAt != nil)

            // A reply we sent on WhatsApp, then the platform's reports about it.
            let (waBody, waHeaders) = try Self.delivery("meta/wa_cloud_text_message.json")
            _ = try await Self.post(client, "/webhooks/meta", waBody, waHeaders)
            let message = try #require(try await store.signals(channel: .whatsapp, limit: 1, after: nil).first)
            let now = Date()
            let reply = Reply(
                id: .generate(), caseID: message.caseID, signalID: message.id, channel: .whatsapp, text: "Dank voor je bericht",
                authorID: nil, nextAttemptAt: now, createdAt: now, updatedAt: now)
            try await store.createReply(reply)
            _ = try await store.claimDueReplies(now: now, limit: 5)
            _ = try await store.finishReply(id: reply.id, attempt: 1, outcome: .sent(externalID: "wamid.ONS-ANTWOORD"), now: now)
            let statuses: [String: Any] = [
                "object": "whatsapp_business_account",
                "entry": [[
                    "id": "1", "changes": [[
                        "field": "messages",
                        "value": [
                            "messaging_product": "whatsapp", "metadata": ["phone_number_id": message.channelAccount ?? "1"],
                            "statuses": [
                                ["id": "wamid.ONS-ANTWOORD", "status": "delivered", "timestamp": "1767000200", "recipient_id": "31612345678"],
                                ["id": "wamid.ONS-ANTWOORD", "status": "read", "timestamp": "1767000300", "recipient_id": "31612345678"],
                            ],
                        ] as [String: Any],
                    ]],
                ]],
            ]
            let statusBody = try JSONSerialization.data(withJSONObject: statuses)
            #expect(try await Self.post(client, "/webhooks/meta", statusBody, [.contentType: "application/json", HTTPField.Name("X-Hub-Signature-256")!: Self.metaSignature(statusBody)]).status == .ok)
            #expect(try await store.reply(id: reply.id)?.status == .read)
        }
    }

    @Test("E-mail: Postmark JSON and a raw message are one signal (same Message-ID); a wrong token is 401", arguments: TestDatabase.all)
    func email(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            let raw = try Data(contentsOf: Self.fixtures.appendingPathComponent("email/dutch_reply_multipart.eml"))
            let wrong = try await Self.post(client, "/webhooks/email?token=raden", raw, [.contentType: "message/rfc822"])
            try expectProblem(wrong, .unauthorized)
            // An empty body is no e-mail: no case from "onbekende afzender".
            let empty = try await Self.post(client, "/webhooks/email?token=mailgeheim", Data("\r\n".utf8), [.contentType: "message/rfc822"])
            try expectProblem(empty, .badRequest)
            #expect(try await store.signals(channel: .email, limit: 5, after: nil).isEmpty)

            let first = try await Self.post(client, "/webhooks/email?token=mailgeheim", raw, [.contentType: "message/rfc822"])
            #expect(first.status == .ok, "\(first.text)")
            let postmark = try Data(contentsOf: Self.fixtures.appendingPathComponent("email/postmark_inbound.json"))
            let second = try await Self.post(
                client, "/webhooks/email", postmark, [.contentType: "application/json", .authorization: "Bearer mailgeheim"])
            #expect(second.status == .ok, "\(second.text)")
            #expect(try second.json()["duplicates"] as? Int == 1)

            let signals = try await store.signals(channel: .email, limit: 10, after: nil)
            #expect(signals.count == 1)
            let mail = try #require(signals.first)
            #expect(mail.subject == "Re: Klacht over gemiste aansluiting – wie vergoedt mijn schade?")
            #expect(!mail.text.contains("schreef"))
            #expect(mail.attachments.count == 1)
            #expect(mail.attachments.first?.contentType == "image/png")
            let files = try await store.attachments(signalID: mail.id)
            #expect(files.first?.content?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))

            let unsupported = try await Self.post(client, "/webhooks/email?token=mailgeheim", raw, [.contentType: "image/png"])
            try expectProblem(unsupported, .unsupportedMediaType)
        }
    }

    /// A NUL in a header (References, a charset's name) is kept visible like one in the text; it
    /// made PostgreSQL refuse the message, and the mail server retried it for ever.
    @Test("E-mail: a NUL in References or in a charset's name is stored visibly, the message not refused", arguments: TestDatabase.all)
    func nulInHeaders(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            let response = try await Self.postMail(client, """
                From: Sanne de Vries <sanne@example.nl>
                To: webcare@winkel.example
                Subject: Mijn pakket
                Message-ID: <nul-1@example.nl>
                References: <\u{0}eerder-1@example.nl>
                Content-Type: text/plain; charset="utf-\u{0}8"
                Date: Fri, 4 Dec 2026 09:00:00 +0100

                Mijn pakket is nog steeds niet bezorgd.
                """)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json()["stored"] as? Int == 1, "\(response.text)")
            let mail = try #require(try await store.signals(channel: .email, limit: 5, after: nil).first)
            #expect(mail.text == "Mijn pakket is nog steeds niet bezorgd.")
            #expect(mail.warnings.contains { $0.contains("utf-\u{FFFD}8") }, "\(mail.warnings)")
        }
    }

    /// A platform cannot be told off for a clock an hour fast (or local time marked UTC): the
    /// message is kept with the time it reached us, and says so, as an impossible time is.
    @Test("a Facebook comment and an e-mail dated an hour ahead are kept at the time they arrived, with a warning")
    func timeAhead() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-07T15:00:00Z"))
        try await withApp(.sqlite, clock: { now }, configuration: Self.configuration()) { client, _, token in
            let comment: [String: Any] = [
                "item": "comment", "verb": "add", "comment_id": "111_222", "post_id": "111", "from": ["id": "9001", "name": "Mo"],
                "message": "Mijn vlucht is geannuleerd, wat nu?", "created_time": Int(now.timeIntervalSince1970) + 3600,
            ]
            let feed = try JSONSerialization.data(withJSONObject: [
                "object": "page", "entry": [["id": "111", "time": Int(now.timeIntervalSince1970), "changes": [["field": "feed", "value": comment]]]],
            ] as [String: Any])
            let posted = try await Self.post(
                client, "/webhooks/meta", feed, [.contentType: "application/json", HTTPField.Name("X-Hub-Signature-256")!: Self.metaSignature(feed)])
            #expect(try posted.json()["stored"] as? Int == 1, "\(posted.text)")
            let mail = try await Self.postMail(client, """
                From: Mo <mo@example.nl>
                To: webcare@winkel.example
                Subject: Geannuleerde vlucht
                Message-ID: <vooruit-1@example.nl>
                Date: Mon, 7 Dec 2026 16:00:00 +0000

                Mijn vlucht is geannuleerd, wat nu?
                """)
            #expect(try mail.json()["stored"] as? Int == 1, "\(mail.text)")

            let listed = try await client.execute(uri: "/api/v1/signals", method: .get, headers: auth(token, json: false)).json()
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.count == 2)
            for item in items {
                #expect((item["receivedAt"] as? String)?.hasPrefix("2026-12-07T15:00:00") == true, "\(item)")
                #expect((item["warnings"] as? [String])?.contains { $0.contains("de ontvangsttijd is gebruikt") || $0.contains("de tijd van ontvangst is gebruikt") } == true, "\(item)")
            }
        }
    }

    static func postMail(_ client: any TestClientProtocol, _ text: String) async throws -> TestResponse {
        let raw = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        return try await post(client, "/webhooks/email?token=mailgeheim", raw, [.contentType: "message/rfc822"])
    }

    static let outOfOffice = """
        From: Sanne de Vries <sanne@example.nl>
        To: webcare@winkel.example
        Subject: Automatisch antwoord: Re: Mijn pakket
        Auto-Submitted: auto-replied
        Message-ID: <afwezig-%@example.nl>
        Date: Fri, 4 Dec 2026 09:00:00 +0100

        Ik ben tot 14 december afwezig.
        """

    @Test("E-mail: an out-of-office reply joins the case without reopening it or moving it; without a case it is ignored", arguments: TestDatabase.all)
    func outOfOffice(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            // Nobody's case: an auto-reply is no complaint.
            let stray = try await Self.postMail(client, Self.outOfOffice.replacingOccurrences(of: "%", with: "0"))
            #expect(stray.status == .ok, "\(stray.text)")
            #expect(try stray.json()["ignored"] as? Int == 1)
            #expect(try stray.json()["stored"] as? Int == 0)
            #expect(try await store.signals(channel: .email, limit: 5, after: nil).isEmpty)

            let complaint = try await Self.postMail(client, """
                From: Sanne de Vries <sanne@example.nl>
                To: webcare@winkel.example
                Subject: Mijn pakket
                Message-ID: <klacht-1@example.nl>
                Date: Mon, 30 Nov 2026 09:00:00 +0100

                Mijn pakket is nog steeds niet bezorgd.
                """)
            #expect(try complaint.json()["stored"] as? Int == 1)
            let first = try #require(try await store.signals(channel: .email, limit: 5, after: nil).first)
            for (index, status) in [CaseStatus.resolved, .waitingOnCustomer].enumerated() {
                let before = try await store.updateCase(id: first.caseID) { theCase in
                    if theCase.status != .open { try theCase.transition(to: .open, at: Date(), reason: "test") }
                    try theCase.transition(to: status, at: Date(), reason: "test")
                }
                let reply = try await Self.postMail(client, Self.outOfOffice.replacingOccurrences(of: "%", with: "\(index + 1)"))
                #expect(try reply.json()["stored"] as? Int == 1, "\(reply.text)")
                let after = try #require(try await store.case(id: first.caseID))
                #expect(after.status == status)
                #expect(after.reopenCount == before.reopenCount)
                #expect(after.signalCount == before.signalCount)
                #expect(after.waitingSince == before.waitingSince)
                #expect(after.lastInboundAt == before.lastInboundAt)
                #expect(after.priority == before.priority)
            }
            let signals = try await store.signals(caseID: first.caseID)
            #expect(signals.count == 3)
            let automatic = signals.filter { $0.text.contains("afwezig") }
            #expect(automatic.count == 2)
            #expect(automatic.allSatisfy { $0.warnings.contains("Automatisch antwoord (afwezigheidsbericht): de zaak blijft zoals hij was.") })
            #expect(automatic.allSatisfy(\.automatic) && !first.automatic, "kept as automatic, read back from the store")

            // The answer goes to what Sanne wrote, not to her out-of-office: the mail threads under her
            // own message ("Re: Mijn pakket"), and the page shows her message as the one to answer.
            #expect(signals.lastToAnswer?.id == first.id)
            _ = try await store.updateCase(id: first.caseID) { try $0.transition(to: .open, at: Date(), reason: "test") }
            let reply = try await WriteReply(store: store)(caseID: first.caseID, text: "Het spijt me, Sanne. Ik zoek het vandaag uit.", author: nil)
            #expect(reply.signalID == first.id)
            let (cookie, _) = try await CaseActionsTests.session(client, store: store, caseID: first.caseID.description)
            let page = try await client.execute(uri: "/cases/\(first.caseID)", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("name=\"signal\" value=\"\(first.id)\""), "the composer answers her message")
            let start = try #require(page.range(of: "id=\"latest-message\"")).lowerBound
            let latest = String(page[start...]).components(separatedBy: "</section>")[0]
            #expect(latest.contains("bezorgd") && !latest.contains("afwezig"), "\(latest)")
        }
    }

    @Test("a contact form's mail belongs to the Reply-To person: two forms from two people are two customers", arguments: TestDatabase.all)
    func contactFormReplyTo(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            for (index, person) in ["Lisa Smit <lisa.smit@example.nl>", "Bram de Wit <bram@example.nl>"].enumerated() {
                let response = try await Self.postMail(client, """
                    From: "Website Contactformulier" <noreply@winkel.example>
                    Reply-To: \(person)
                    To: webcare@winkel.example
                    Subject: Contactformulier
                    Message-ID: <formulier-\(index)@winkel.example>
                    Date: Fri, 4 Dec 2026 09:00:00 +0100

                    Mijn bestelling 2026-\(index) is niet compleet.
                    """)
                #expect(try response.json()["stored"] as? Int == 1, "\(response.text)")
            }
            let signals = try await store.signals(channel: .email, limit: 5, after: nil)
            #expect(Set(signals.map(\.author.email)) == ["lisa.smit@example.nl", "bram@example.nl"])
            #expect(Set(signals.map(\.author.name)) == ["Lisa Smit", "Bram de Wit"])
            #expect(Set(signals.map(\.customerID)).count == 2)
            let lisa = try #require(signals.first { $0.author.email == "lisa.smit@example.nl" })
            let customer = try #require(try await store.customer(id: lisa.customerID))
            #expect(customer.name == "Lisa Smit")
            #expect(customer.identities.map(\.value) == ["lisa.smit@example.nl"])
        }
    }

    @Test("E-mail: Signaal's own mail coming back (a Bcc copy, a loop) is ignored: no customer 'Webcare', no case", arguments: TestDatabase.all)
    func ownMailComesBack(database: TestDatabase) async throws {
        var configuration = Self.configuration()
        configuration.channels.emailFrom = "webcare@winkel.example"
        try await withApp(database, configuration: configuration) { client, store, _ in
            let response = try await Self.postMail(client, """
                From: Webcare <WEBCARE@winkel.example>
                Reply-To: Webcare <webcare+case-0191@winkel.example>
                To: sanne@example.nl
                Bcc: webcare@winkel.example
                Subject: Re: Mijn pakket
                Message-ID: <antwoord-1@winkel.example>
                Date: Fri, 4 Dec 2026 09:00:00 +0100

                Beste Sanne, uw pakket komt morgen.
                """)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.json()["ignored"] as? Int == 1)
            #expect(try response.json()["stored"] as? Int == 0)
            #expect(try await store.signals(channel: .email, limit: 5, after: nil).isEmpty)
        }
    }

    @Test("E-mail: a mail with a 1.5 MB attachment is taken in whole (X and Meta keep their 1 MiB limit)", arguments: TestDatabase.all)
    func largeAttachment(database: TestDatabase) async throws {
        try await withApp(database, configuration: Self.configuration()) { client, store, _ in
            let scan = Data((0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
            let encoded = scan.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let mail = """
                From: Sanne de Vries <sanne@example.nl>\r
                To: webcare@winkel.example\r
                Subject: Kapotte bank\r
                Message-ID: <foto-1@example.nl>\r
                Date: Fri, 4 Dec 2026 09:00:00 +0100\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="grens"\r
                \r
                --grens\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                De bank is kapot geleverd, zie de scan.\r
                --grens\r
                Content-Type: application/pdf; name="scan.pdf"\r
                Content-Disposition: attachment; filename="scan.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                \(encoded)\r
                --grens--\r

                """
            let response = try await Self.post(client, "/webhooks/email?token=mailgeheim", Data(mail.utf8), [.contentType: "message/rfc822"])
            #expect(response.status == .ok, "\(response.text)")
            let signal = try #require(try await store.signals(channel: .email, limit: 5, after: nil).first)
            #expect(signal.text == "De bank is kapot geleverd, zie de scan.")
            let files = try await store.attachments(signalID: signal.id)
            #expect(files.first?.content == scan)

            let tooLarge = Data(repeating: 0x20, count: (1 << 20) + 1)
            try expectProblem(try await Self.post(client, "/webhooks/x", tooLarge, [.contentType: "application/json"]), .contentTooLarge)
        }
    }
}
