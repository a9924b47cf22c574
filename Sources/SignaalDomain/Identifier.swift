import Foundation

/// A typed identifier: `Identifier<Signal>` and `Identifier<Case>` cannot be mixed up.
///
/// Identifiers are UUIDs of version 7 (time-ordered), so new rows append to the end of
/// B-tree indexes instead of landing at random pages.
public struct Identifier<Tag>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: UUID

    public init(_ rawValue: UUID) { self.rawValue = rawValue }

    /// Parses the canonical textual form; returns nil for anything else.
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.rawValue = uuid
    }

    /// A new time-ordered identifier.
    public static func generate(now: Date = Date()) -> Self {
        Self(UUID.v7(now: now))
    }

    public var description: String { rawValue.uuidString.lowercased() }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let uuid = UUID(uuidString: string) else {
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
