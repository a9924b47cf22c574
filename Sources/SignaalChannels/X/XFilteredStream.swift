import Foundation
import SignaalDomain

/// Reads the X API v2 filtered stream (`GET /2/tweets/search/stream`): one JSON object per
/// CRLF-terminated line, `{data, includes{users, tweets}, matching_rules}`, with blank lines
/// as keep-alives. Filtered-stream webhooks POST the same object, so `events(fromLine:)`
/// also reads those bodies.
///
/// Posts by the brand (`x_own_tweet`) and retweets (`x_retweet`) are ignored, as in
/// `XAccountActivity`. Lines without `data` (the stream's operational `errors`
/// messages) are ignored as `x_stream_<first key>`.
public enum XFilteredStream {
    /// - Parameters:
    ///   - line: one line of the stream, with or without its CRLF.
    ///   - brandUserID: our X user id: it recognises our own posts and becomes `channelAccount`.
    public static func events(fromLine line: String, brandUserID: String? = nil) throws(ChannelPayloadError) -> [ChannelEvent] {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [] }  // keep-alive
        let payload = try JSONValue.object(from: Data(trimmed.utf8), source: "X-filtered-stream")
        guard let post = payload["data"], post.object != nil else {
            return [.ignored(kind: "x_stream_" + (payload.keys.sorted().first ?? "empty"))]
        }
        return [postEvent(post, users: payload["includes"]["users"].elements, brandUserID: brandUserID)]
    }

    /// Splits a chunk of the stream on its line breaks and reads every line; keep-alives give nothing.
    /// The caller keeps any incomplete last line for the next chunk.
    public static func events(fromLines chunk: String, brandUserID: String? = nil) throws(ChannelPayloadError) -> [ChannelEvent] {
        var events: [ChannelEvent] = []
        // "\r\n" is a single Character in Swift, so split on both forms explicitly.
        for line in chunk.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            events += try self.events(fromLine: String(line), brandUserID: brandUserID)
        }
        return events
    }

    private static func postEvent(_ post: JSONValue, users: [JSONValue], brandUserID: String?) -> ChannelEvent {
        let references = post["referenced_tweets"].elements
        if references.contains(where: { $0["type"].string == "retweeted" }) { return .ignored(kind: "x_retweet") }
        guard let id = post["id"].nonEmptyString, let authorID = post["author_id"].nonEmptyString else {
            return .ignored(kind: "x_malformed_tweet")
        }
        if authorID == brandUserID { return .ignored(kind: "x_own_tweet") }
        guard let createdAt = post["created_at"].string, let receivedAt = parseISO8601(createdAt) else {
            return .ignored(kind: "x_malformed_tweet")
        }
        let user = users.first { $0["id"].string == authorID }
        let handle = user["username"].nonEmptyString
        // Long posts carry their whole text in `note_tweet`; `text` is then cut off.
        let text = post["note_tweet"]["text"].string ?? post["text"].string ?? ""

        let draft = SignalDraft(
            channel: .x,
            externalID: id,
            author: Author(
                handle: handle,
                name: user["name"].nonEmptyString,
                followers: user["public_metrics"]["followers_count"].int,
                verified: user["verified"].bool,
                platformID: authorID
            ),
            text: XAccountActivity.decodeHTMLEntities(text),
            receivedAt: receivedAt,
            inReplyTo: references.first { $0["type"].string == "replied_to" }?["id"].string,
            url: handle.map { XAccountActivity.statusURL(handle: $0, id: id) },
            channelAccount: brandUserID
        )
        return .signal(draft)
    }

    /// "2025-12-30T08:47:12.345Z", with or without fractional seconds.
    private static func parseISO8601(_ value: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = fractional.date(from: value) ?? formatter.date(from: value) else { return nil }
        // Round to whole milliseconds so the same post read via the webhook gives the same instant.
        return Date(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }
}
