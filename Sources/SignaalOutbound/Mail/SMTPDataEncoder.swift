import Foundation
import NIOCore

/// The message as SMTP's DATA step carries it (RFC 5321 §4.5.2): every line ends in CRLF,
/// a line starting with "." gets a second one so it cannot end the message early, and
/// "." alone on a line ends it.
enum SMTPDataEncoder {
    static func encode(_ message: Data, into buffer: inout ByteBuffer) {
        buffer.reserveCapacity(message.count + message.count / 40 + 5)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            switch byte {
            case UInt8(ascii: "\n"):
                // A bare LF (or the LF of a CRLF whose CR was written already) ends the line.
                if previous != UInt8(ascii: "\r") { buffer.writeInteger(UInt8(ascii: "\r")) }
                buffer.writeInteger(byte)
                atLineStart = true
            default:
                if previous == UInt8(ascii: "\r") && byte != UInt8(ascii: "\n") {
                    // A bare CR ends a line too; servers reject it as it stands.
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    atLineStart = true
                }
                if atLineStart && byte == UInt8(ascii: ".") { buffer.writeInteger(UInt8(ascii: ".")) }
                buffer.writeInteger(byte)
                atLineStart = false
            }
            previous = byte
        }
        if previous == UInt8(ascii: "\r") {
            buffer.writeInteger(UInt8(ascii: "\n"))
        } else if !atLineStart {
            buffer.writeString("\r\n")
        }
        buffer.writeString(".\r\n")
    }
}
