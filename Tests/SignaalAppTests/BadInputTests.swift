import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignaalApp
import SignaalStoreTesting
import Testing

/// Every bad input of the foundation issue, each a problem+json with the right status, and
/// nothing stored.
@Suite("API: bad input")
struct BadInputTests {
    static func signal(_ changes: [String: Any]) -> [String: Any] {
        var input: [String: Any] = [
            "channel": "email", "author": ["email": "klant@example.nl"], "text": "Mijn factuur klopt niet.",
        ]
        for (key, value) in changes { input[key] = value }
        return input
    }

    @Test("malformed JSON is a 400", arguments: TestDatabase.all)
    func malformedJSON(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            for raw in ["{\"channel\": \"x\",", "niet eens json", ""] {
                let response = try await client.execute(
                    uri: "/api/v1/signals", method: .post, headers: auth(token), body: ByteBuffer(string: raw))
                try expectProblem(response, raw.isEmpty ? .badRequest : .badRequest)
            }
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)
        }
    }

    @Test("empty or whitespace-only text is a 422", arguments: ["", "   \n\t  "])
    func emptyText(text: String) async throws {
        try await withApp(.sqlite) { client, store, token in
            let response = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.signal(["text": text])))
            try expectProblem(response, .unprocessableContent)
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)
        }
    }

    @Test("text over 64 KiB is a 413; exactly 64 KiB is accepted")
    func tooLong() async throws {
        try await withApp(.sqlite) { client, _, token in
            let big = String(repeating: "é", count: 32 * 1024 + 1)  // 2 bytes each: just over 64 KiB
            let response = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.signal(["text": big])))
            try expectProblem(response, .contentTooLarge)
            let fits = String(repeating: "a", count: 64 * 1024)
            let ok = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.signal(["text": fits])))
            #expect(ok.status == .created)
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2 << 20)
            try expectProblem(
                try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: huge), .contentTooLarge)
        }
    }

    @Test("unknown channel, invalid timestamps and missing fields are 422s")
    func unprocessable() async throws {
        try await withApp(.sqlite) { client, store, token in
            let cases: [[String: Any]] = [
                Self.signal(["channel": "telegram"]),
                Self.signal(["receivedAt": "gisteren"]),
                Self.signal(["receivedAt": "2026-13-45T25:00:00Z"]),
                Self.signal(["receivedAt": "2099-01-01T00:00:00Z"]),
                // Days and hours that do not exist, which Foundation would roll over.
                Self.signal(["receivedAt": "2026-02-30T10:00:00Z"]),
                Self.signal(["receivedAt": "2026-11-22T25:00:00Z"]),
                // Text after the zone, which Foundation's parser let through.
                Self.signal(["receivedAt": "2026-11-22T14:05:00+01:00junk"]),
                Self.signal(["author": ["name": "   "]]),
                Self.signal(["author": ["name": String(repeating: "n", count: 600)]]),
                Self.signal(["url": "https://example.nl/" + String(repeating: "a", count: 5000)]),
                Self.signal(["author": [String: Any]()]),
                ["channel": "x", "author": ["handle": "a"]],
                Self.signal(["text": 42]),
            ]
            for input in cases {
                let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
                try expectProblem(response, .unprocessableContent)
            }
            // A local time is ISO 8601 too: the refusal names what is missing, not the standard.
            let local = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.signal(["receivedAt": "2026-11-22T10:00:00"])))
            try expectProblem(local, .unprocessableContent)
            #expect(local.text.contains("mist een tijdzone") && local.text.contains("2026-11-22T10:00:00Z"), "\(local.text)")
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)
        }
    }

    /// Readable JSON with a number that is no whole number (or too big for one) is a wrong value
    /// for one field, not broken JSON: a 422 that names the field.
    @Test("a wrong number for a field is a 422 naming the field, not 'geen geldige JSON'")
    func wrongNumber() async throws {
        try await withApp(.sqlite) { client, store, token in
            let cases: [(String, String)] = [
                (#""followers": 1.5"#, "author.followers"),
                (#""followers": 1e30"#, "author.followers"),
                (#""followers": "veel""#, "author.followers"),
                (#""followers": -3"#, "author.followers"),
            ]
            for (followers, field) in cases {
                try await Self.expectRefused(
                    #"{"channel": "x", "author": {"handle": "klant", \#(followers)}, "text": "Waar blijft mijn pakket?"}"#, naming: field,
                    client: client, token: token)
            }
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)
        }
    }

    /// Posts `raw` as a signal and expects a 422 whose detail names `field`.
    static func expectRefused(_ raw: String, naming field: String, client: any TestClientProtocol, token: String) async throws {
        let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: ByteBuffer(string: raw))
        try expectProblem(response, .unprocessableContent)
        let detail = try response.json()["detail"] as? String ?? ""
        #expect(detail.contains(field), "\(raw): \(detail)")
    }

    /// A name in the handle field, or a phone number or address that is none, is named in the answer.
    @Test("a handle with a space, an unreadable phone number or address: a 422 naming the field")
    func authorFields() async throws {
        try await withApp(.sqlite) { client, store, token in
            let cases: [(String, String, String)] = [
                ("x", #""handle": "pi et""#, "author.handle"), ("instagram", #""handle": "Jan Jansen""#, "author.handle"),
                ("phone", #""phone": "abc""#, "author.phone"), ("email", #""email": "jan at example""#, "author.email"),
            ]
            for (channel, author, field) in cases {
                try await Self.expectRefused(
                    #"{"channel": "\#(channel)", "author": {\#(author)}, "text": "Waar blijft mijn pakket?"}"#, naming: field,
                    client: client, token: token)
            }
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)
            // With a name, a message by phone is kept even when the number is unreadable: nothing is lost.
            let kept = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: ByteBuffer(string: #"{"channel": "phone", "author": {"name": "Jan", "phone": "abc"}, "text": "Belde over zijn pakket"}"#))
            #expect(kept.status == .created, "\(kept.text)")
            // Dropped, but said: the integrator reads it in the answer.
            #expect(try kept.json()["warnings"] as? [String] == ["‘abc’ is geen geldig telefoonnummer en is niet bewaard."])
            // Two addresses in one field beside a handle: no e-mail identity, and the answer says why.
            let twoAddresses = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: ByteBuffer(string: #"{"channel": "x", "author": {"handle": "jan", "email": "jan@x.nl,piet@y.nl"}, "text": "Waar blijft mijn pakket?"}"#))
            #expect(twoAddresses.status == .created, "\(twoAddresses.text)")
            #expect(try twoAddresses.json()["warnings"] as? [String] == ["‘jan@x.nl,piet@y.nl’ is geen geldig e-mailadres en is niet bewaard."])
            // An empty field is no address given: nothing to warn about.
            let empty = try await client.execute(
                uri: "/api/v1/signals", method: .post, headers: auth(token),
                body: ByteBuffer(string: #"{"channel": "x", "author": {"handle": "kees", "email": "", "phone": " "}, "text": "Waar blijft mijn pakket?"}"#))
            #expect(empty.status == .created, "\(empty.text)")
            #expect(try empty.json()["warnings"] == nil)
        }
    }

    /// An integrator who writes local time with a Z puts the message an hour ahead: it would wait
    /// since a time still to come, stay the latest message after newer ones and top every list.
    @Test("a receivedAt an hour ahead of the server's clock is a 422 saying it lies in the future; nothing is stored; a clock 3 minutes fast is fine")
    func futureTime() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-07T15:00:00Z"))
        try await withApp(.sqlite, clock: { now }) { client, store, token in
            func post(_ id: String, _ time: String) async throws -> TestResponse {
                let input: [String: Any] = [
                    "channel": "x", "externalId": id, "author": ["handle": "klm_klant_mo"],
                    "text": "@KLM mijn vlucht is geannuleerd, wat nu?", "receivedAt": time,
                ]
                return try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
            }
            let ahead = try await post("tz-a", "2026-12-07T16:00:00Z")
            try expectProblem(ahead, .unprocessableContent)
            let detail = try #require(try ahead.json()["detail"] as? String)
            #expect(detail.contains("'receivedAt'") && detail.contains("ligt in de toekomst"), "\(detail)")
            let listed = try await client.execute(uri: "/api/v1/signals", method: .get, headers: auth(token, json: false)).json()
            #expect((listed["items"] as? [Any])?.isEmpty == true, "\(listed)")
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)

            // The same hour with its offset is now; a sender's clock a few minutes fast is taken in.
            #expect(try await post("tz-b", "2026-12-07T16:00:00+01:00").status == .created)
            #expect(try await post("tz-c", "2026-12-07T15:03:00Z").status == .created)
        }
    }

    /// RFC 3339 §5.6 allows a lower-case 't' and 'z'.
    @Test("times with a lower-case t and z are taken in; junk around them is still refused")
    func lowerCaseTimes() async throws {
        let now = Fixtures.base.addingTimeInterval(7 * 86400)
        try await withApp(.sqlite, clock: { now }) { client, store, token in
            for (index, time) in ["2026-11-23t10:00:00z", "2026-11-23t11:00:00+01:00", "2026-11-23t10:00:00.000Z"].enumerated() {
                let input = Self.signal(["externalId": "lc-\(index)", "receivedAt": time])
                let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
                #expect(response.status == .created, "\(time): \(response.text)")
            }
            let times = try await store.signals(channel: nil, limit: 5, after: nil).map(\.receivedAt)
            #expect(times.count == 3)
            #expect(Set(times) == [Date(timeIntervalSince1970: 1_795_428_000)])
            for junk in ["2026-11-23t10:00:00zz", "2026-11-23x10:00:00z", "2026-11-23t10:00:00z junk", "2026-11-23t10:00:00"] {
                let response = try await client.execute(
                    uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(Self.signal(["receivedAt": junk])))
                try expectProblem(response, .unprocessableContent)
            }
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).count == 3)
        }
    }

    /// A client that sends `?channel=` means some channel, and gets every case: the filter it
    /// meant is named back to it instead.
    @Test("an empty or unknown filter value is a 422 naming the parameter, for cases and signals alike", arguments: TestDatabase.all)
    func emptyFilters(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            let headers = auth(token, json: false)
            let addresses: [(String, String)] = [
                ("/api/v1/cases?channel=", "channel"), ("/api/v1/cases?channel=%20", "channel"), ("/api/v1/cases?channel", "channel"),
                ("/api/v1/cases?channel=fax", "channel"), ("/api/v1/cases?topic=", "topic"), ("/api/v1/cases?topic=weer", "topic"),
                ("/api/v1/cases?status=", "status"), ("/api/v1/cases?status=,", "status"), ("/api/v1/cases?status=open,", "status"),
                ("/api/v1/cases?sentiment=", "sentiment"), ("/api/v1/cases?intent=", "intent"), ("/api/v1/cases?sort=", "sort"),
                ("/api/v1/cases?limit=", "limit"), ("/api/v1/signals?channel=", "channel"), ("/api/v1/signals?channel=fax", "channel"),
                ("/api/v1/signals?channel=%20", "channel"), ("/api/v1/signals?channel", "channel"), ("/api/v1/signals?limit=", "limit"),
            ]
            for (address, name) in addresses {
                let response = try await client.execute(uri: address, method: .get, headers: headers)
                try expectProblem(response, .unprocessableContent)
                let detail = try response.json()["detail"] as? String ?? ""
                #expect(detail.contains("'\(name)'"), "\(address): \(detail)")
            }
            #expect(try await client.execute(uri: "/api/v1/cases?channel=x&status=open,resolved", method: .get, headers: headers).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/signals?channel=x", method: .get, headers: headers).status == .ok)
        }
    }

    /// The document is the contract: a client generated from it must know the 415 it can get.
    @Test("a body that is not JSON is a 415, and the served document says so where it can happen")
    func unsupportedMediaType() async throws {
        try await withApp(.sqlite) { client, store, token in
            for contentType in ["text/plain", "application/x-www-form-urlencoded", "application/xml"] {
                var headers = auth(token, json: false)
                headers[.contentType] = contentType
                let response = try await client.execute(
                    uri: "/api/v1/signals", method: .post, headers: headers, body: body(Self.signal([:])))
                try expectProblem(response, .unsupportedMediaType)
            }
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)

            let document = try await client.execute(uri: "/openapi.yaml", method: .get).text
            // The createSignal operation, up to the next one.
            let operation = try #require(document.firstRange(of: "operationId: createSignal"))
            let rest = document[operation.upperBound...]
            let createSignal = rest[..<(rest.firstRange(of: "operationId:")?.lowerBound ?? rest.endIndex)]
            #expect(createSignal.contains("'415':\n          $ref: '#/components/responses/UnsupportedMediaType'"), "\(createSignal)")
            let component = try #require(document.firstRange(of: "\n    UnsupportedMediaType:\n"))
            let definition = document[component.upperBound...].prefix(300)
            #expect(definition.contains("application/problem+json:\n          schema:\n            $ref: '#/components/schemas/Problem'"))
            // Only the operation with a body can get it.
            #expect(document.components(separatedBy: "'415':").count == 2)
        }
    }

    @Test("missing, invalid and revoked tokens are 401s", arguments: TestDatabase.all)
    func unauthorized(database: TestDatabase) async throws {
        try await withApp(database) { client, store, token in
            let payload = body(Self.signal([:]))
            let json: HTTPFields = [.contentType: "application/json"]
            try expectProblem(try await client.execute(uri: "/api/v1/signals", method: .post, headers: json, body: payload), .unauthorized)
            var wrong = json
            wrong[.authorization] = "Bearer sgl_nietbestaand"
            try expectProblem(try await client.execute(uri: "/api/v1/signals", method: .post, headers: wrong, body: payload), .unauthorized)
            var basic = json
            basic[.authorization] = "Basic dXNlcjpwYXNz"
            try expectProblem(try await client.execute(uri: "/api/v1/cases", method: .get, headers: basic), .unauthorized)

            let tokens = APITokens(store: store)
            let (revoked, secret) = try await tokens.create(name: "weg")
            #expect(try await client.execute(uri: "/api/v1/cases", method: .get, headers: auth(secret, json: false)).status == .ok)
            #expect(try await store.revokeToken(id: revoked.id, at: Date()))
            // Verified tokens are cached for a second: a revocation takes effect within it.
            try await Task.sleep(for: .milliseconds(1100))
            let after = try await client.execute(uri: "/api/v1/cases", method: .get, headers: auth(secret, json: false))
            try expectProblem(after, .unauthorized)
            #expect(after.headers[.wwwAuthenticate] != nil)
            #expect(try await client.execute(uri: "/api/v1/cases", method: .get, headers: auth(token, json: false)).status == .ok)
            #expect(try await store.signals(channel: nil, limit: 5, after: nil).isEmpty)
        }
    }

    @Test("a token given a lifetime works until then and is refused after it with a 401 that says since when", arguments: TestDatabase.all)
    func expiredToken(database: TestDatabase) async throws {
        try await withApp(database) { client, store, _ in
            let tokens = APITokens(store: store)
            let (_, current) = try await tokens.create(name: "nog een maand", lifetimeDays: 30)
            #expect(try await client.execute(uri: "/api/v1/cases", method: .get, headers: auth(current, json: false)).status == .ok)
            // Made two days ago for one day: it ended yesterday.
            let (_, old) = try await tokens.create(name: "een dag", lifetimeDays: 1, now: Date().addingTimeInterval(-2 * 86400))
            let refused = try await client.execute(uri: "/api/v1/cases", method: .get, headers: auth(old, json: false))
            try expectProblem(refused, .unauthorized)
            #expect(refused.text.contains("Dit token is verlopen op"), "\(refused.text)")
            // Its name is free again, as a revoked token's is.
            _ = try await tokens.create(name: "een dag", lifetimeDays: 1)
        }
    }

    @Test("unknown ids are 404s; bad cursors 400; bad limits and statuses 422", arguments: TestDatabase.all)
    func notFoundAndQueries(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            let headers = auth(token, json: false)
            try expectProblem(try await client.execute(uri: "/api/v1/signals/\(UUID())", method: .get, headers: headers), .notFound)
            try expectProblem(try await client.execute(uri: "/api/v1/signals/geen-id", method: .get, headers: headers), .notFound)
            try expectProblem(try await client.execute(uri: "/api/v1/cases/\(UUID())", method: .get, headers: headers), .notFound)
            try expectProblem(try await client.execute(uri: "/api/v1/nergens", method: .get, headers: headers), .notFound)
            // A known address with a method it does not take: 405, and what it does take.
            let deleted = try await client.execute(uri: "/api/v1/signals", method: .delete, headers: headers)
            try expectProblem(deleted, .methodNotAllowed)
            #expect(deleted.headers[.allow] == "GET, POST")
            #expect((try deleted.json()["detail"] as? String)?.contains("DELETE") == true)
            let put = try await client.execute(uri: "/api/v1/cases/\(UUID())", method: .put, headers: headers)
            try expectProblem(put, .methodNotAllowed)
            #expect(put.headers[.allow] == "GET")
            #expect(try await client.execute(uri: "/health", method: .post).headers[.allow] == "GET")
            let badCursor = try await client.execute(uri: "/api/v1/cases?cursor=rommel", method: .get, headers: headers)
            try expectProblem(badCursor, .badRequest)
            // Typed like every other bad parameter, so a client handles them alike.
            #expect(try badCursor.json()["type"] as? String == "https://signaal.nl/problems/invalid-input")
            try expectProblem(try await client.execute(uri: "/api/v1/signals?cursor=Y3wxfDI", method: .get, headers: headers), .badRequest)
            try expectProblem(try await client.execute(uri: "/api/v1/cases?limit=0", method: .get, headers: headers), .unprocessableContent)
            try expectProblem(try await client.execute(uri: "/api/v1/cases?limit=5000", method: .get, headers: headers), .unprocessableContent)
            try expectProblem(try await client.execute(uri: "/api/v1/cases?status=klaar", method: .get, headers: headers), .unprocessableContent)
            try expectProblem(try await client.execute(uri: "/api/v1/signals?channel=fax", method: .get, headers: headers), .unprocessableContent)
            try expectProblem(try await client.execute(uri: "/api/v1/cases?limit=tien", method: .get, headers: headers), .unprocessableContent)
            // An empty pair in the address is the client's mistake, not a server error.
            try expectProblem(try await client.execute(uri: "/api/v1/cases?&limit=5", method: .get, headers: headers), .badRequest)
            for (name, value, choice) in [("sentiment", "boos", "negative"), ("intent", "klacht", "complaint"), ("sort", "nieuwste", "priority")] {
                let response = try await client.execute(uri: "/api/v1/cases?\(name)=\(value)", method: .get, headers: headers)
                try expectProblem(response, .unprocessableContent)
                let detail = try response.json()["detail"] as? String ?? ""
                #expect(detail.contains(value) && detail.contains(choice), "\(detail)")
            }
        }
    }

    /// NUL ends a C string: SQLite kept a text only up to it (and so made two ids or two
    /// handles one), PostgreSQL refused it with a 500.
    @Test("a NUL in a text, an id or a handle is kept visible; nothing is cut short or merged", arguments: TestDatabase.all)
    func nulCharacters(database: TestDatabase) async throws {
        try await withApp(database) { client, _, token in
            func post(_ input: [String: Any]) async throws -> [String: Any] {
                let response = try await client.execute(uri: "/api/v1/signals", method: .post, headers: auth(token), body: body(input))
                #expect(response.status == .created, "\(response.text)")
                return try response.json()
            }
            let first = try await post(["channel": "x", "externalId": "nul\u{0}1", "author": ["handle": "klant"], "text": "voor\u{0}na de echte klacht"])
            let second = try await post(["channel": "x", "externalId": "nul\u{0}2", "author": ["handle": "klant\u{0}zz"], "text": "ander bericht"])
            #expect(first["id"] as? String != second["id"] as? String)
            #expect(first["customerId"] as? String != second["customerId"] as? String)
            let id = try #require(first["id"] as? String)
            let stored = try await client.execute(uri: "/api/v1/signals/\(id)", method: .get, headers: auth(token, json: false)).json()
            #expect(stored["text"] as? String == "voor\u{FFFD}na de echte klacht")
        }
    }
}
