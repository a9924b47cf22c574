import Crypto
import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore
import SignaalDomain
import Synchronization

/// What a signed-in browser session remembers.
public struct WebSession: Codable, Sendable {
    public var userID: String
    /// Every form of the session carries this token (CSRF protection).
    public var csrfToken: String
    /// What the password was when this session signed in (`passwordStamp(of:)`): a new password,
    /// set by an admin, at the command line or by the person, signs out every session that has
    /// the old one. Nil in a session from before stamps, which is signed out too.
    public var passwordStamp: String?

    /// A digest of a password hash: the session keeps no copy of the hash itself.
    static func passwordStamp(of hash: String) -> String {
        String(Hex.lowercase(SHA256.hash(data: Data(hash.utf8))).prefix(32))
    }
}

/// The request context of every route: the request's logger and id, and the web session.
public struct AppRequestContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// The signed-in user, set by `WebAuthMiddleware`.
    public var user: User?
    /// The peer's IP address, for per-client limits; written out only when asked for, as few
    /// routes need it and every request would pay for it.
    public var remoteAddress: String? { peer?.ipAddress }
    private let peer: SocketAddress?
    /// What the route decided, for the audit line `WebAuthMiddleware` writes after it.
    public let audit = AuditNote()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peer = source.channel.remoteAddress
        self.sessions = .init()
        self.user = nil
    }
}

/// What a route says it decided ("goedgekeurd: € 20,00 terugbetaling"), kept with its audit line:
/// the request alone says a decision was made, not which. Shared by reference, since the
/// middleware's copy of the context is not the route's.
public final class AuditNote: Sendable {
    private let text = Mutex<String?>(nil)

    public func say(_ note: String) { text.withLock { $0 = note } }
    public var said: String? { text.withLock { $0 } }
}

extension AppRequestContext {
    /// The signed-in user when their role is at least `role`; anyone else gets 403 with the page's
    /// own reason (`forbiddenKey`, in the reader's language). One rule for every page that needs a role.
    func user(atLeast role: User.Role, _ language: Language, forbiddenKey: String) throws -> User {
        guard let user, user.role >= role else { throw Problem.notAllowed(language.text(forbiddenKey)) }
        return user
    }
}
