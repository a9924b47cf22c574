import Foundation

/// A typed identifier: `Identifier<Signal>` and `Identifier<Case>` cannot be mixed up.
///
/// Identifiers are UUIDs of version 7 (time-ordered), so new rows append to the end of
/// B-tree indexes instead of landing at random pages.
public struct Identifier<Tag>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: UUID

    public init(_ rawValue: UUID) { self.rawValue = rawValue }

    /// Parses the canonical textual form (8-4-4-4-12 hex digits, either case); returns nil for
    /// anything else.
    public init?(_ string: String) {
        guard let uuid = UUID(canonical: string) else { return nil }
        self.rawValue = uuid
    }

    /// A new time-ordered identifier.
    public static func generate(now: Date = Date()) -> Self {
        Self(UUID.v7(now: now))
    }

    /// The canonical form in lower case, as stored and sent. Written out by hand: Foundation
    /// formats a UUID with `snprintf` and parses one with `sscanf`, and identifiers are written
    /// and read several times per signal on every request.
    public var description: String { rawValue.lowercaseString }

    /// The order of `description`: the bytes compared in order, as the hex digits are.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        let (l, r) = (lhs.rawValue.halves, rhs.rawValue.halves)
        return l.high != r.high ? l.high < r.high : l.low < r.low
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let uuid = UUID(canonical: string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(string)")
        }
        self.rawValue = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension UUID {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The canonical text in lower case: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    var lowercaseString: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    out[position] = Self.hexDigits[Int(bytes[index] >> 4)]
                    out[position + 1] = Self.hexDigits[Int(bytes[index] & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    /// The sixteen bytes as two big-endian halves, for ordering.
    var halves: (high: UInt64, low: UInt64) {
        withUnsafeBytes(of: uuid) { bytes in
            (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// Parses exactly the canonical form, as `UUID(uuidString:)` does, without its `sscanf`.
    init?(canonical text: String) {
        guard text.utf8.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var nibble = 0
            for (position, character) in text.utf8.enumerated() {
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard character == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard let value = character.hexDigitValue else { return false }
                out[nibble / 2] |= nibble % 2 == 0 ? value << 4 : value
                nibble += 1
            }
            return true
        }
        guard valid else { return nil }
        self.init(uuid: bytes)
    }

    /// RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits.
    public static func v7(now: Date = Date()) -> UUID {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        // Two 64-bit draws instead of sixteen: each draw is a system call on Linux.
        var generator = SystemRandomNumberGenerator()
        let high = (millis << 16) | (UInt64(0x7) << 12) | (generator.next() & 0x0FFF)
        let low = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        func byte(_ value: UInt64, _ index: Int) -> UInt8 { UInt8((value >> (8 * (7 - UInt64(index)))) & 0xFF) }
        return UUID(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6),
            byte(high, 7), byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5),
            byte(low, 6), byte(low, 7)
        ))
    }
}

public typealias SignalID = Identifier<Signal>
public typealias CaseID = Identifier<Case>
public typealias CustomerID = Identifier<Customer>
public typealias UserID = Identifier<User>
public typealias TeamID = Identifier<Team>
public typealias APITokenID = Identifier<APIToken>

extension UInt8 {
    /// The value of this ASCII hex digit (either case), or nil for any other byte.
    public var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
