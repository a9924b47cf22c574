import Foundation

/// Graph API requests the app makes to complete a webhook, built and read without I/O.
///
/// An Instagram `mentions` webhook names only the comment (or media) that mentions the
/// brand. The app asks for its words with `mentionedCommentRequest` (or
/// `mentionedMediaRequest` for a caption), performs it against `https://graph.facebook.com`,
/// and reads the answer with `parseMentionedComment` (`parseMentionedMedia`).
public enum MetaGraph {
    /// The words of a mentioning comment or caption, and who wrote them.
    public struct MentionedText: Sendable, Hashable {
        public var id: String?
        public var text: String
        public var username: String?
        public var timestamp: Date?

        public init(id: String?, text: String, username: String?, timestamp: Date?) {
            self.id = id
            self.text = text
            self.username = username
            self.timestamp = timestamp
        }
    }

    /// `GET /{ig-user-id}?fields=mentioned_comment.comment_id({comment-id}){text,username,timestamp}`.
    public static func mentionedCommentRequest(
        instagramUserID: String, commentID: String, accessToken: String
    ) -> OutboundHTTPRequest {
        fieldsRequest(instagramUserID, "mentioned_comment.comment_id(\(commentID)){text,username,timestamp}", accessToken)
    }

    /// `GET /{ig-user-id}?fields=mentioned_media.media_id({media-id}){caption,username,timestamp}`.
    public static func mentionedMediaRequest(
        instagramUserID: String, mediaID: String, accessToken: String
    ) -> OutboundHTTPRequest {
        fieldsRequest(instagramUserID, "mentioned_media.media_id(\(mediaID)){caption,username,timestamp}", accessToken)
    }

    /// Reads `{"mentioned_comment": {"text", "username", "timestamp", "id"}, "id"}`.
    /// Throws for a Graph error (`{"error": {"message"}}`) or a response without the comment.
    public static func parseMentionedComment(_ body: Data) throws(ChannelPayloadError) -> MentionedText {
        try parse(body, field: "mentioned_comment", textKey: "text")
    }

    /// Reads `{"mentioned_media": {"caption", "username", "timestamp", "id"}, "id"}`.
    public static func parseMentionedMedia(_ body: Data) throws(ChannelPayloadError) -> MentionedText {
        try parse(body, field: "mentioned_media", textKey: "caption")
    }

    private static func fieldsRequest(_ userID: String, _ fields: String, _ accessToken: String) -> OutboundHTTPRequest {
        // Braces are not allowed raw in a URL query; parentheses and commas are.
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#{}")
        let query = fields.addingPercentEncoding(withAllowedCharacters: allowed) ?? fields
        return OutboundHTTPRequest(
            method: "GET",
            path: "/\(OutboundRequests.graphAPIVersion)/\(OutboundRequests.pathSegment(userID))?fields=\(query)",
            headers: OutboundRequests.headers(accessToken: accessToken, json: false),
            body: Data()
        )
    }

    private static func parse(_ body: Data, field: String, textKey: String) throws(ChannelPayloadError) -> MentionedText {
        let response = try JSONValue.object(from: body, source: "Graph API \(field)")
        if let error = response["error"] {
            throw ChannelPayloadError("Graph API \(field): \(error["message"].string ?? "error")")
        }
        guard let mentioned = response[field], mentioned.object != nil, let text = mentioned[textKey].string else {
            throw ChannelPayloadError("Graph API \(field): the response has no \(textKey)")
        }
        return MentionedText(
            id: mentioned["id"].nonEmptyString,
            text: text,
            username: mentioned["username"].nonEmptyString,
            timestamp: mentioned["timestamp"].string.flatMap(parseTimestamp)
        )
    }

    /// Graph timestamps look like "2025-12-30T10:07:44+0000" (no colon in the offset).
    private static func parseTimestamp(_ value: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return formatter.date(from: value)
    }
}
