import Foundation
import SignaalChannels
import Testing

/// Every X and Meta vector from Fixtures/vectors.json, NOTES.md and MANIFEST.json.
@Suite struct SignatureTests {
    static let xSecret = "xTEST-consumer-secret-webcare-0001"
    static let metaSecret = "metaTESTappsecret0123456789abcdef"

    @Test func xCRCResponseTokenMatchesTheVectors() throws {
        #expect(
            WebhookSignature.xCRCResponseToken(crcToken: "Y3JjLXRva2VuLWV4YW1wbGUtMjAyNS0xMi0zMA", consumerSecret: Self.xSecret)
                == "sha256=gu7X4CW4cp+aAWXVUK3dhZzsuvS0Z/ueVEa8H2AnFwg=")
        // Zammad's spec vector.
        #expect(
            WebhookSignature.xCRCResponseToken(crcToken: "some_random", consumerSecret: "DDD")
                == "sha256=VE19eUk6krbdSqWPdvH71xtFhApBAU81uPW3UT65vOs=")
    }

    @Test func xCRCResponseBodyIsTheJSONXExpects() throws {
        let body = WebhookSignature.xCRCResponseBody(crcToken: "Y3JjLXRva2VuLWV4YW1wbGUtMjAyNS0xMi0zMA", consumerSecret: Self.xSecret)
        let json = try jsonObject(body)
        #expect(json.count == 1)
        #expect(json["response_token"] as? String == "sha256=gu7X4CW4cp+aAWXVUK3dhZzsuvS0Z/ueVEa8H2AnFwg=")
    }

    @Test func vectorsFileCRCEntriesVerify() throws {
        let vectors = try #require(try JSONSerialization.jsonObject(with: FixtureFiles.data("vectors.json")) as? [[String: Any]])
        let crc = vectors.filter { ($0["scheme"] as? String)?.hasPrefix("X CRC") == true }
        #expect(crc.count == 2)
        for vector in crc {
            let secret = try #require(vector["secret"] as? String)
            let message = try #require(vector["message"] as? String)
            let expected = try #require((vector["expected_json"] as? [String: String])?["response_token"])
            #expect(WebhookSignature.xCRCResponseToken(crcToken: message, consumerSecret: secret) == expected)
        }
    }

    @Test func vectorsFileBodySignaturesVerify() throws {
        let vectors = try #require(try JSONSerialization.jsonObject(with: FixtureFiles.data("vectors.json")) as? [[String: Any]])
        var checked = 0
        for vector in vectors {
            guard let file = vector["body_file"] as? String, let scheme = vector["scheme"] as? String else { continue }
            let body = try FixtureFiles.data(file)
            let secret = try #require(vector["secret"] as? String)
            let header = try #require(vector["expected_header"] as? String)
            #expect(body.count == vector["body_len"] as? Int)
            if scheme.hasPrefix("x-twitter") {
                #expect(WebhookSignature.verifyX(body: body, signatureHeader: header, consumerSecret: secret))
            } else if scheme.contains("SHA1") {
                #expect(WebhookSignature.verifyMetaLegacySHA1(body: body, signatureHeader: header, appSecret: secret))
            } else {
                #expect(WebhookSignature.verifyMeta(body: body, signatureHeader: header, appSecret: secret))
            }
            checked += 1
        }
        #expect(checked == 4)
    }

    @Test func zammadPostVectorVerifies() {
        let body = Data(#"{"for_user_id":123,"key":"value"}"#.utf8)
        #expect(WebhookSignature.verifyX(body: body, signatureHeader: "sha256=JjEmBe1lVKT8XldrYUKibF+D5ehp8f0jDk3PXZSHEWI=", consumerSecret: "DDD"))
        #expect(!WebhookSignature.verifyX(body: body, signatureHeader: "sha256=JjEmBe1lVKT8XldrYUKibF+D5ehp8f0jDk3PXZSHEWI=", consumerSecret: "DDE"))
    }

    static let signedFixtures = [
        "x/aaa_tweet_create_mention_reply.json", "x/aaa_tweet_create_mention_extended.json",
        "x/aaa_direct_message_incoming.json", "x/aaa_direct_message_outgoing_echo.json", "x/aaa_favorite_events.json",
        "meta/fb_page_feed_comment.json", "meta/fb_page_feed_post.json", "meta/fb_messenger_message.json",
        "meta/ig_comments.json", "meta/ig_mentions.json", "meta/wa_cloud_text_message.json",
    ]

    /// Each fixture's headers from MANIFEST.json verify over its exact bytes; one flipped byte fails.
    @Test(arguments: signedFixtures)
    func manifestHeadersVerifyAndTamperingFails(file: String) throws {
        let manifest = try jsonObject(FixtureFiles.data("MANIFEST.json"))
        let entries = try #require(manifest["fixtures"] as? [[String: Any]])
        let entry = try #require(entries.first { $0["file"] as? String == file })
        let headers = try #require(entry["headers"] as? [String: String])
        let body = try FixtureFiles.data(file)
        var tampered = body
        tampered[tampered.count / 2] ^= 0x01

        if let header = WebhookSignature.header(WebhookSignature.xSignatureHeader, in: headers) {
            #expect(WebhookSignature.verifyX(body: body, signatureHeader: header, consumerSecret: Self.xSecret))
            #expect(!WebhookSignature.verifyX(body: tampered, signatureHeader: header, consumerSecret: Self.xSecret))
            #expect(!WebhookSignature.verifyX(body: body, signatureHeader: header, consumerSecret: Self.xSecret + "x"))
        } else {
            let header = try #require(WebhookSignature.header("x-hub-signature-256", in: headers))
            #expect(WebhookSignature.verifyMeta(body: body, signatureHeader: header, appSecret: Self.metaSecret))
            #expect(!WebhookSignature.verifyMeta(body: tampered, signatureHeader: header, appSecret: Self.metaSecret))
            if let legacy = WebhookSignature.header(WebhookSignature.metaLegacySignatureHeader, in: headers) {
                #expect(WebhookSignature.verifyMetaLegacySHA1(body: body, signatureHeader: legacy, appSecret: Self.metaSecret))
                #expect(!WebhookSignature.verifyMetaLegacySHA1(body: tampered, signatureHeader: legacy, appSecret: Self.metaSecret))
            }
        }
    }

    @Test func reserialisedBodyDoesNotVerify() throws {
        // Meta signs "\u20ac" as sent; the same JSON written with a raw "€" is different bytes.
        let body = try FixtureFiles.data("meta/fb_page_feed_comment.json")
        let reserialised = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: body))
        let header = "sha256=378aa1dcadd252bc30ea3859256525c6f6c477b0252e9de51c242e77a8c10448"
        #expect(WebhookSignature.verifyMeta(body: body, signatureHeader: header, appSecret: Self.metaSecret))
        #expect(!WebhookSignature.verifyMeta(body: reserialised, signatureHeader: header, appSecret: Self.metaSecret))
    }

    @Test func headerCaseAndWhitespaceAreTolerated() throws {
        let body = try FixtureFiles.data("meta/wa_cloud_text_message.json")
        let hex = "9a2aa2a7cb56b51ce372edb947b85eec0819b8838d19d7117ed98dec34d1e575"
        for header in ["  sha256=\(hex)\r\n", "SHA256=\(hex)", "sha256=\(hex.uppercased())", "sha256 = \(hex)"] {
            #expect(WebhookSignature.verifyMeta(body: body, signatureHeader: header, appSecret: Self.metaSecret), "\(header)")
        }
        let headers = ["x-hub-signature-256": "sha256=\(hex)"]
        #expect(WebhookSignature.header("X-Hub-Signature-256", in: headers) == "sha256=\(hex)")
        #expect(WebhookSignature.header("X-Hub-Signature", in: headers) == nil)

        let xBody = try FixtureFiles.data("x/aaa_tweet_create_mention_reply.json")
        #expect(WebhookSignature.verifyX(body: xBody, signatureHeader: " Sha256=ndi7UAvS3qunCdWm6zWRbiHcS+f/Fn1zAPT4/wQkl0s= ", consumerSecret: Self.xSecret))
    }

    @Test(arguments: [
        nil, "", "sha256=", "sha256", "ndi7UAvS3qunCdWm6zWRbiHcS+f/Fn1zAPT4/wQkl0s=", "sha1=ndi7UAvS3qunCdWm6zWRbiHcS+f/Fn1zAPT4/wQkl0s=",
        "sha256=not base64!", "sha256=ndi7UAvS3qunCdWm6zWRbiHcS+f/Fn1zAPT4/wQkl0", "sha256=ndi7UAvS3qunCdWm6zWRbiHcS+f/Fn1zAPT4/wQkl0s=AAAA",
    ] as [String?])
    func malformedXHeadersFail(header: String?) throws {
        let body = try FixtureFiles.data("x/aaa_tweet_create_mention_reply.json")
        #expect(!WebhookSignature.verifyX(body: body, signatureHeader: header, consumerSecret: Self.xSecret))
    }

    @Test(arguments: [
        nil, "", "sha256=", "378aa1dcadd252bc30ea3859256525c6f6c477b0252e9de51c242e77a8c10448",
        "sha256=378aa1dcadd252bc30ea3859256525c6f6c477b0252e9de51c242e77a8c1044",
        "sha256=378aa1dcadd252bc30ea3859256525c6f6c477b0252e9de51c242e77a8c104",
        "sha256=zz8aa1dcadd252bc30ea3859256525c6f6c477b0252e9de51c242e77a8c10448",
        "sha1=378aa1dcadd252bc30ea3859256525c6f6c477b0252e9de51c242e77a8c10448",
    ] as [String?])
    func malformedMetaHeadersFail(header: String?) throws {
        let body = try FixtureFiles.data("meta/fb_page_feed_comment.json")
        #expect(!WebhookSignature.verifyMeta(body: body, signatureHeader: header, appSecret: Self.metaSecret))
    }
}
