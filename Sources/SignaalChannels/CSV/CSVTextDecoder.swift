import Foundation

/// How the bytes of an imported file were read.
public enum CSVTextEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    /// Excel's "Unicode text" export: UTF-16 with a byte order mark, usually tab-separated.
    case utf16 = "UTF-16"
    /// Excel's plain "CSV" on Windows writes the ANSI code page, which is Windows-1252 here.
    case windows1252 = "Windows-1252"
}

/// Turns a file's bytes into text. Files say nothing about their encoding, so: a UTF-16 byte
/// order mark wins, then valid UTF-8 (with or without BOM), else Windows-1252, which never fails
/// — so bytes that are no text at all (a workbook, a PDF) are refused before those two, or their first
/// "line" would come back in an error message as gibberish.
enum CSVTextDecoder {
    static func decode(_ data: Data) throws(CSVImportError) -> (text: String, encoding: CSVTextEncoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (utf16(bytes.dropFirst(2), bigEndian: false), .utf16)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (utf16(bytes.dropFirst(2), bigEndian: true), .utf16)
        }
        if isBinary(bytes) { throw .notText }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if let text = String(validating: body, as: UTF8.self) {
            return (text, .utf8)
        }
        return (windows1252(body), .windows1252)
    }

    /// A NUL, or more than one control character in a hundred, in the first 64 KB: no text file
    /// has those (tab, line breaks and form feed are text).
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(65_536)
        if head.contains(0) { return true }
        let controls = head.count { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) }
        return controls * 100 > head.count
    }

    static func windows1252<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if (0x80...0x9F).contains(byte) {
                scalars.append(Unicode.Scalar(windows1252High[Int(byte - 0x80)])!)
            } else {
                // The rest of Windows-1252 is ISO 8859-1, which is Unicode's first 256 code points.
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Bytes 0x80–0x9F. The five bytes Windows leaves undefined map to the C1 control with the
    /// same number, as the WHATWG Encoding Standard and Windows itself do, so nothing is lost.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        // A trailing odd byte cannot be a code unit; it is dropped.
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
