import Foundation
import SignaalDomain

/// The signal fields that only some channels fill, kept as one JSON column in both
/// databases: adding a channel detail then needs no migration, and no query filters on them.
public struct StoredSignalDetails: Codable, Sendable {
    public var subject: String?
    public var warnings: [String]?
    public var recordedBy: UserID?
    public var channelAccount: String?
    public var verified: Bool?
    public var platformID: String?
    public var attachments: [AttachmentMeta]?
    public var edits: [SignalEdit]?
    public var automatic: Bool?
    public var references: [String]?

    public struct AttachmentMeta: Codable, Sendable {
        public var filename: String?
        public var contentType: String
        public var size: Int
    }

    public init(_ signal: Signal) {
        subject = signal.subject
        warnings = signal.warnings.isEmpty ? nil : signal.warnings
        recordedBy = signal.recordedBy
        channelAccount = signal.channelAccount
        verified = signal.author.verified
        platformID = signal.author.platformID
        attachments = signal.attachments.isEmpty
            ? nil : signal.attachments.map { AttachmentMeta(filename: $0.filename, contentType: $0.contentType, size: $0.size) }
        edits = signal.edits.isEmpty ? nil : signal.edits
        automatic = signal.automatic ? true : nil
        references = signal.references.isEmpty ? nil : signal.references
    }

    /// Nil when nothing is set, so most rows carry no JSON at all.
    public static func json(_ signal: Signal) throws -> String? {
        let details = StoredSignalDetails(signal)
        if details.subject == nil && details.warnings == nil && details.recordedBy == nil && details.channelAccount == nil
            && details.verified == nil && details.platformID == nil && details.attachments == nil && details.edits == nil
            && details.automatic == nil && details.references == nil
        {
            return nil
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }

    /// Fills the signal's optional fields from the column's JSON.
    public static func apply(_ json: String?, to signal: inout Signal) throws {
        guard let json else { return }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        let details = try decoder.decode(StoredSignalDetails.self, from: Data(json.utf8))
        signal.subject = details.subject
        signal.warnings = details.warnings ?? []
        signal.recordedBy = details.recordedBy
        signal.channelAccount = details.channelAccount
        signal.author.verified = details.verified
        signal.author.platformID = details.platformID
        signal.attachments = (details.attachments ?? []).map {
            Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size, content: nil)
        }
        signal.edits = details.edits ?? []
        signal.automatic = details.automatic ?? false
        signal.references = details.references ?? []
    }
}
