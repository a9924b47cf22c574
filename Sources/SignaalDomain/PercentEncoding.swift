import Foundation

extension CharacterSet {
    /// RFC 3986's unreserved characters: all that may stay unescaped in a URL path segment, a
    /// query value or an RFC 8187 `filename*` (Foundation escapes every non-ASCII byte anyway).
    public static let rfc3986Unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
