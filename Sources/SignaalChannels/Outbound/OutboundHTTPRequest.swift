import Foundation

/// An HTTP request to a platform API, built without sending it: the app adds the base URL
/// (`https://api.x.com`, `https://graph.facebook.com`) and performs it.
public struct OutboundHTTPRequest: Sendable, Hashable {
    public var method: String
    /// Relative to the platform's base URL; starts with "/" and may carry a query string.
    public var path: String
    public var headers: [String: String]
    public var body: Data

    public init(method: String, path: String, headers: [String: String], body: Data) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}
