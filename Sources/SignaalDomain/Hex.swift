/// Bytes as lowercase hexadecimal, two digits per byte: digests used as ids and token hashes.
/// One cheap loop, because intake computes one per message on SQLite's single writer
/// (`String(format: "%02x")` per byte cost 7 % of an intake's CPU).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
