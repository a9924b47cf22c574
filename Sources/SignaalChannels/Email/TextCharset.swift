import Foundation

/// Turns bytes in a declared charset into text. Written out by hand because Foundation
/// on Linux does not map Windows-1252's 0x80–0x9F range (0x80 is €) reliably.
enum TextCharset: Sendable, Equatable {
    case utf8
    case windows1252
    case latin9
    case utf16(bigEndian: Bool?)

    /// nil for charsets we cannot read.
    init?(name: String) {
        let key = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t")).lowercased()
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            self = .utf8
        // ASCII is read as lenient UTF-8: mislabelled 8-bit text is common and UTF-8 is a superset.
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "iso-ir-6", "":
            self = .utf8
        // ISO-8859-1 is read as Windows-1252, like browsers do: mail labelled Latin-1
        // routinely carries 0x80–0x9F punctuation and the euro sign.
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
             "iso-ir-100", "iso_8859-1:1987", "windows-1252", "cp1252", "x-cp1252", "windows1252", "ms-ansi":
            self = .windows1252
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9":
            self = .latin9
        case "utf-16": self = .utf16(bigEndian: nil)
        case "utf-16be": self = .utf16(bigEndian: true)
        case "utf-16le": self = .utf16(bigEndian: false)
        default:
            return nil
        }
    }

    /// Decodes with the named charset; unknown names fall back to Windows-1252 with a warning.
    static func decode(_ bytes: [UInt8], charset name: String?, warnings: inout EmailWarnings) -> String {
        guard let name else { return decodeUTF8Lenient(bytes, warnings: &warnings) }
        guard let charset = TextCharset(name: name) else {
            warnings.add(EmailWarnings.unknownCharset(name))
            return decodeSingleByte(bytes, table: .windows1252)
        }
        return charset.decode(bytes, warnings: &warnings)
    }

    func decode(_ bytes: [UInt8], warnings: inout EmailWarnings) -> String {
        switch self {
        case .utf8: return Self.decodeUTF8Lenient(bytes, warnings: &warnings)
        case .windows1252: return Self.decodeSingleByte(bytes, table: .windows1252)
        case .latin9: return Self.decodeSingleByte(bytes, table: .latin9)
        case .utf16(let bigEndian):
            let encoding: String.Encoding = switch bigEndian {
            case nil: .utf16
            case true?: .utf16BigEndian
            case false?: .utf16LittleEndian
            }
            if let text = String(data: Data(bytes), encoding: encoding) { return text }
            warnings.add(EmailWarnings.unknownCharset("utf-16"))
            return Self.decodeSingleByte(bytes, table: .windows1252)
        }
    }

    // MARK: - UTF-8

    /// Valid UTF-8 as is; each invalid byte is read as Windows-1252, so one stray Latin-1
    /// byte in otherwise good UTF-8 does not turn the whole text into replacement characters.
    static func decodeUTF8Lenient(_ bytes: [UInt8], warnings: inout EmailWarnings) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        warnings.add(EmailWarnings.invalidUTF8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        bytes.withUnsafeBufferPointer { input in
            let count = input.count
            var index = 0
            while index < count {
                let length = validSequenceLength(input, at: index)
                if length > 0 {
                    for offset in 0..<length { output.append(input[index + offset]) }
                    index += length
                } else {
                    appendUTF8(of: SingleByteTable.windows1252.scalar(for: input[index]), to: &output)
                    index += 1
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0 when it is not valid.
    private static func validSequenceLength(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = input[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= input.count else { return 0 }
        let second = input[index + 1]
        guard second >= low, second <= high else { return 0 }
        for offset in 2..<max(2, length) where input[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    // MARK: - Single-byte charsets

    static func decodeSingleByte(_ bytes: [UInt8], table: SingleByteTable) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                appendUTF8(of: table.scalar(for: byte), to: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func appendUTF8(of scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// Code points for bytes 0x80–0xFF of the Western single-byte charsets.
enum SingleByteTable: Sendable {
    case windows1252
    case latin9

    /// Windows-1252 0x80–0x9F; the five unassigned bytes keep their C1 code point, as WHATWG does.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    func scalar(for byte: UInt8) -> UInt32 {
        switch self {
        case .windows1252:
            if byte >= 0x80, byte <= 0x9F { return Self.windows1252High[Int(byte - 0x80)] }
            return UInt32(byte)
        case .latin9:
            // ISO-8859-15 differs from Latin-1 in eight places, the euro sign among them.
            switch byte {
            case 0xA4: return 0x20AC
            case 0xA6: return 0x0160
            case 0xA8: return 0x0161
            case 0xB4: return 0x017D
            case 0xB8: return 0x017E
            case 0xBC: return 0x0152
            case 0xBD: return 0x0153
            case 0xBE: return 0x0178
            default: return UInt32(byte)
            }
        }
    }
}
