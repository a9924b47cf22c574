import Foundation
import SignaalDomain

/// Content-Transfer-Encoding decoding. Lenient: bad input yields the readable bytes plus a warning.
enum TransferDecoder {
    /// Decodes `bytes[range]` according to a Content-Transfer-Encoding value.
    static func decode(_ bytes: [UInt8], range: Range<Int>, encoding: String?, warnings: inout EmailWarnings) -> [UInt8] {
        let name = (encoding ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        switch name {
        case "quoted-printable":
            return bytes.withUnsafeBufferPointer { quotedPrintable(UnsafeBufferPointer(rebasing: $0[range])) }
        case "base64":
            return bytes.withUnsafeBufferPointer {
                base64(UnsafeBufferPointer(rebasing: $0[range]), warnings: &warnings)
            }
        case "", "7bit", "8bit", "binary":
            return Array(bytes[range])
        default:
            warnings.add(EmailWarnings.unknownTransferEncoding(name))
            return Array(bytes[range])
        }
    }

    // MARK: - Quoted-printable

    static func quotedPrintable(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            guard byte == UInt8(ascii: "=") else {
                output.append(byte)
                index += 1
                continue
            }
            // "=XX" with either hex case.
            if index + 2 < count, let high = input[index + 1].hexDigitValue, let low = input[index + 2].hexDigitValue {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            // Soft line break: "=" then optional transport whitespace, then CRLF, LF or the end.
            var probe = index + 1
            while probe < count, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
            if probe == count {
                index = probe
                continue
            }
            if input[probe] == 0x0A {
                index = probe + 1
                continue
            }
            if input[probe] == 0x0D {
                index = probe + 1 < count && input[probe + 1] == 0x0A ? probe + 2 : probe + 1
                continue
            }
            // A lone "=" that encodes nothing: keep it, as mail clients do.
            output.append(byte)
            index += 1
        }
        return output
    }

    // MARK: - Base64

    /// 0–63 for alphabet bytes, 64 for "=", 65 for whitespace, 255 for anything else.
    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        table[Int(UInt8(ascii: "="))] = 64
        for space in [0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C] { table[space] = 65 }
        return table
    }()

    static func base64(_ input: UnsafeBufferPointer<UInt8>, warnings: inout EmailWarnings) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var pending = 0
        var sawInvalid = false
        var truncated = false
        base64Table.withUnsafeBufferPointer { table in
            for byte in input {
                let value = table[Int(byte)]
                if value < 64 {
                    // Data after padding starts a new quantum (concatenated encodings); keep reading.
                    accumulator = accumulator << 6 | UInt32(value)
                    pending += 1
                    if pending == 4 {
                        output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                        output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                        output.append(UInt8(truncatingIfNeeded: accumulator))
                        accumulator = 0
                        pending = 0
                    }
                } else if value == 64 {
                    if pending == 1 { truncated = true }
                    flush(&accumulator, &pending, into: &output)
                } else if value == 255 {
                    sawInvalid = true
                }
            }
        }
        // Two or three characters left: missing padding, decode them. One left: cut off mid-byte.
        if pending == 1 || truncated { warnings.add(EmailWarnings.truncatedBase64) }
        flush(&accumulator, &pending, into: &output)
        if sawInvalid { warnings.add(EmailWarnings.invalidBase64Characters) }
        return output
    }

    private static func flush(_ accumulator: inout UInt32, _ pending: inout Int, into output: inout [UInt8]) {
        switch pending {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
        accumulator = 0
        pending = 0
    }
}
