import Hummingbird
import HummingbirdAuth
import SignaalDomain

/// What a signed-in browser session remembers.
public struct WebSession: Codable, Sendable {
    public var userID: String
    /// Every form of the session carries this token (CSRF protection).
    public var csrfToken: String
}

/// The request context of every route: the request's logger and id, and the web session.
public struct AppRequestContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// The signed-in user, set by `WebAuthMiddleware`.
    public var user: User?
    /// The peer's IP address, for per-client limits.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
        self.sessions = .init()
        self.user = nil
    }
}
