import Crypto
import Foundation
import SignaalDomain

/// Webhook authentication for X and Meta: the X CRC answer and the HMAC signatures
/// both platforms put on every POST.
///
/// Signatures are always computed over the raw body bytes as received: Meta and X escape
/// non-ASCII (`\u20ac`) and slashes (`\/`), so a re-serialised body never matches.
/// Comparisons go through `HMAC.isValidAuthenticationCode`, which runs in constant time,
/// so a forger learns nothing from response timing. Malformed or missing headers give
/// `false`, never a throw: the caller answers 401 either way.
public enum WebhookSignature {
    /// Header names, for looking them up with `header(_:in:)`.
    public static let xSignatureHeader = "x-twitter-webhooks-signature"
    public static let metaSignatureHeader = "X-Hub-Signature-256"
    public static let metaLegacySignatureHeader = "X-Hub-Signature"

    // MARK: X

    /// The `response_token` for X's CRC check (`GET ?crc_token=…`):
    /// `sha256=` + base64 HMAC-SHA256 keyed with the consumer secret.
    public static func xCRCResponseToken(crcToken: String, consumerSecret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(crcToken.utf8), using: key(consumerSecret))
        return "sha256=" + Data(mac).base64EncodedString()
    }

    /// Whether `token` can be X's CRC challenge: a random token of letters, digits and the
    /// base64 signs, as X sends. The CRC answer is the HMAC the event signature uses, over the
    /// token instead of a body; answering any text would sign whatever event body a stranger
    /// sends as the token, and the signature check would be worth nothing. An event body is
    /// JSON (it begins with `{`), which this never is.
    public static func isXCRCToken(_ token: String) -> Bool {
        (1...256).contains(token.utf8.count)
            && token.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    /// The complete JSON body answering the CRC check: `{"response_token":"sha256=…"}`.
    public static func xCRCResponseBody(crcToken: String, consumerSecret: String) -> Data {
        let token = xCRCResponseToken(crcToken: crcToken, consumerSecret: consumerSecret)
        // Base64 holds no character JSON must escape except "/", which may stay as is.
        return Data("{\"response_token\":\"\(token)\"}".utf8)
    }

    /// Checks `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>`.
    public static func verifyX(body: Data, signatureHeader: String?, consumerSecret: String) -> Bool {
        guard let encoded = value(of: signatureHeader, scheme: "sha256"),
            let mac = Data(base64Encoded: encoded)
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key(consumerSecret))
    }

    // MARK: Meta

    /// Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`.
    public static func verifyMeta(body: Data, signatureHeader: String?, appSecret: String) -> Bool {
        guard let encoded = value(of: signatureHeader, scheme: "sha256"),
            let mac = bytes(fromHex: encoded)
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key(appSecret))
    }

    /// Checks the legacy `X-Hub-Signature: sha1=<hex HMAC-SHA1>`. Meta still sends it;
    /// prefer `verifyMeta`, and use this only where the SHA-256 header is absent.
    public static func verifyMetaLegacySHA1(body: Data, signatureHeader: String?, appSecret: String) -> Bool {
        guard let encoded = value(of: signatureHeader, scheme: "sha1"),
            let mac = bytes(fromHex: encoded)
        else { return false }
        return HMAC<Insecure.SHA1>.isValidAuthenticationCode(mac, authenticating: body, using: key(appSecret))
    }

    // MARK: Helpers

    /// Looks a header up by name regardless of case, as HTTP header names are case-insensitive.
    public static func header(_ name: String, in headers: [String: String]) -> String? {
        if let exact = headers[name] { return exact }
        let wanted = name.lowercased()
        return headers.first { $0.key.lowercased() == wanted }?.value
    }

    private static func key(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: Data(secret.utf8))
    }

    /// The part after `scheme=`, with surrounding whitespace and the scheme's case tolerated.
    private static func value(of header: String?, scheme: String) -> String? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let equals = trimmed.firstIndex(of: "=") else { return nil }
        let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
        guard name.lowercased() == scheme else { return nil }
        let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    /// Decodes hex of either case; nil for odd lengths or other characters.
    private static func bytes(fromHex hex: String) -> Data? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var result = Data(capacity: digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = digits[index].hexDigitValue, let low = digits[index + 1].hexDigitValue else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
