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
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for index in 0..<6 {
            bytes[index] = UInt8((millis >> (8 * (5 - UInt64(index)))) & 0xFF)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
}

public typealias SignalID = Identifier<Signal>
public typealias CaseID = Identifier<Case>
public typealias CustomerID = Identifier<Customer>
public typealias UserID = Identifier<User>
public typealias TeamID = Identifier<Team>
public typealias APITokenID = Identifier<APIToken>
