import Foundation
import NIOCore

/// One SMTP reply: its code and the text of each line (`250-…` continues, `250 …` ends).
struct SMTPReply: Sendable, Hashable {
    var code: Int
    var lines: [String]
    /// The server sent more bytes straight after this reply. Harmless normally; after
    /// `220` to STARTTLS it would be plaintext slipped in before the handshake (CVE-2011-0411).
    var followedByData = false

    /// The lines as one sentence, for error messages.
    var text: String { lines.joined(separator: " ").trimmingCharacters(in: .whitespaces) }

    var isPositive: Bool { (200..<400).contains(code) }
}

/// Cuts the server's bytes into replies. Line ends may be CRLF or LF; a line longer than
/// `maximumLineLength` is an error rather than memory spent on a server that will not stop.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    struct MalformedReply: Error, Sendable, Hashable {
        var line: String
    }

    static let maximumLineLength = 4096
    private var pendingLines: [String] = []
    private var pendingCode: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw MalformedReply(line: String(buffer.readString(length: 80) ?? "") + "…")
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }

        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(line.prefix(3))), (200...599).contains(code),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else { throw MalformedReply(line: String(line.prefix(80))) }
        pendingCode = pendingCode ?? code
        pendingLines.append(bytes.count > 4 ? String(line.dropFirst(4)) : "")
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { return .continue }

        let reply = SMTPReply(code: pendingCode ?? code, lines: pendingLines, followedByData: buffer.readableBytes > 0)
        pendingLines = []
        pendingCode = nil
        context.fireChannelRead(Self.wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue, buffer.readableBytes > 0 {}
        return .needMoreData
    }
}
