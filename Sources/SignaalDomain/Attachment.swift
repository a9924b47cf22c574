import Foundation

/// A file that came with a signal (an e-mail attachment, a photo in a message).
/// The content travels separately from the signal so lists stay light.
public struct Attachment: Sendable, Hashable, Codable {
    public var filename: String?
    public var contentType: String
    /// Size in bytes as received, also when the content was not kept.
    public var size: Int
    /// Nil when the content was over the size limit or not delivered.
    public var content: Data?

    public init(filename: String?, contentType: String, size: Int, content: Data?) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.content = content
    }
}
