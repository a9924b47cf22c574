import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SignaalChannels
import SignaalDomain

/// Sends a reply to X or Meta over HTTP, in the platform's own request format, and says
/// whether a failure is worth retrying.
public struct PlatformSender: Sendable {
    public struct Endpoint: Sendable {
        public var baseURL: URL
        public var accessToken: String?
        public init(baseURL: URL, accessToken: String?) {
            self.baseURL = baseURL
            self.accessToken = accessToken
        }
    }

    let client: HTTPClient
    let x: Endpoint
    let meta: Endpoint
    let timeout: TimeAmount

    public init(client: HTTPClient, x: Endpoint, meta: Endpoint, timeout: TimeAmount = .seconds(20)) {
        self.client = client
        self.x = x
        self.meta = meta
        self.timeout = timeout
    }

    public func send(_ text: String, to target: ReplyTarget, now: Date, attempt: Int) async -> ReplySendOutcome {
        let (endpoint, platform): (Endpoint, String) =
            switch target {
            case .xReply, .xDirectMessage: (x, "X")
            default: (meta, "Meta")
            }
        guard let token = endpoint.accessToken else {
            // Said to the agent; the setting to fix is in the server log (see `makeOutboxService`).
            return .failed(error: "Verzenden via \(platform) is niet ingesteld; vraag de beheerder dit in te stellen. Het antwoord is niet verzonden.")
        }
        let request = OutboundRequests.request(for: target, text: text, accessToken: token)
        var http = HTTPClientRequest(url: Self.join(endpoint.baseURL, request.path))
        http.method = HTTPMethod(rawValue: request.method.uppercased())
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        http.body = .bytes(ByteBuffer(bytes: request.body))
        let retryAt = now.addingTimeInterval(Reply.backoff(afterAttempt: attempt))
        do {
            let response = try await client.execute(http, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            let data = Data(body.readableBytesView)
            switch response.status.code {
            case 200..<300:
                return .sent(externalID: OutboundRequests.sentMessageID(for: target, responseBody: data))
            case 408, 425, 429, 500..<600:
                return .retry(error: "\(platform) kon het antwoord nu niet aannemen (\(response.status.code)).", at: retryAt)
            default:
                return .failed(error: "\(platform) wees het antwoord af (\(response.status.code)): \(Self.platformMessage(data))")
            }
        } catch where Self.neverSent(error) {
            return .retry(error: "\(platform) was niet bereikbaar: \(error)", at: retryAt)
        } catch {
            // The request may have gone out and been posted: sending it again could put the same
            // answer on the customer's timeline twice. The agent checks and resends by hand.
            return .failed(
                error: "\(platform) antwoordde niet op tijd of verbrak de verbinding (\(error)). Het antwoord is misschien toch "
                    + "geplaatst: controleer het bij \(platform) en verstuur het zo nodig opnieuw.")
        }
    }

    /// Whether the request certainly never reached the platform: no connection was made, so
    /// trying again cannot post the answer twice. A timeout or a dropped connection after
    /// connecting may have come after the platform took the request.
    static func neverSent(_ error: any Error) -> Bool {
        switch error {
        case let error as HTTPClientError: error == .connectTimeout
        case is NIOConnectionError: true
        case let error as IOError: [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode)
        case let error as ChannelError: if case .connectTimeout = error { true } else { false }
        default: false
        }
    }

    public static func join(_ base: URL, _ path: String) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text + path
    }

    /// The platform's own words from an error body (`errors[0].message`, `error.message`, `detail`).
    static func platformMessage(_ body: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return String(decoding: body.prefix(200), as: UTF8.self)
        }
        if let error = object["error"] as? [String: Any], let message = error["message"] as? String { return message }
        if let errors = object["errors"] as? [[String: Any]], let message = errors.first?["message"] as? String { return message }
        if let detail = object["detail"] as? String { return detail }
        if let title = object["title"] as? String { return title }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }
}
