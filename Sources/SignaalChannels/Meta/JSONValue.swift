import Foundation

/// A parsed JSON document, shared by the X and Meta adapters.
///
/// Platforms are loose with types (X sends `timestamp_ms` as a string in one event and
/// a number in the next, `user_has_blocked` as `"false"` or `false`), so the accessors
/// below accept either form instead of failing the whole delivery. Integers are kept
/// exactly: 64-bit ids would lose digits as `Double`.
enum JSONValue: Sendable, Hashable, Decodable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses `data`, which must hold a JSON object at the top.
    static func object(from data: Data, source: String) throws(ChannelPayloadError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ChannelPayloadError("\(source): de inhoud is geen geldige JSON")
        }
        guard case .object(let object) = value else {
            throw ChannelPayloadError("\(source): de inhoud is geen JSON-object")
        }
        return object
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements of an array; empty for anything else, so loops need no unwrapping.
    var elements: [JSONValue] {
        if case .array(let array) = self { return array }
        return []
    }

    /// A string, or an integer written as one (ids and timestamps arrive both ways).
    var string: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        default: nil
        }
    }

    /// A non-empty string, as `string` gives it.
    var nonEmptyString: String? {
        guard let value = string, !value.isEmpty else { return nil }
        return value
    }

    /// An integer, also from a string of digits or an integral double.
    var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .double(let value): value.rounded() == value && abs(value) < 9e18 ? Int64(value) : nil
        case .string(let value): Int64(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    var int: Int? { int64.flatMap { Int(exactly: $0) } }

    /// A number of any kind, also from a numeric string (WhatsApp coordinates).
    var double: Double? {
        switch self {
        case .double(let value): value
        case .integer(let value): Double(value)
        case .string(let value): Double(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// A boolean, also from `"true"`/`"false"` and 0/1.
    var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .integer(let value) where value == 0 || value == 1: value == 1
        case .string(let value):
            switch value.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": true
            case "false", "0": false
            default: nil
            }
        default: nil
        }
    }

    var isNull: Bool { self == .null }
}

extension Optional where Wrapped == JSONValue {
    subscript(key: String) -> JSONValue? { self?[key] }
    var string: String? { self?.string }
    var nonEmptyString: String? { self?.nonEmptyString }
    var int64: Int64? { self?.int64 }
    var int: Int? { self?.int }
    var double: Double? { self?.double }
    var bool: Bool? { self?.bool }
    var elements: [JSONValue] { self?.elements ?? [] }
    var object: [String: JSONValue]? { self?.object }
}

extension Date {
    /// An epoch timestamp in seconds, as Meta's feed and WhatsApp send it.
    init?(epochSeconds value: JSONValue?) {
        guard let seconds = value.int64 else { return nil }
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// An epoch timestamp in milliseconds, as X and Messenger send it.
    init?(epochMilliseconds value: JSONValue?) {
        guard let millis = value.int64 else { return nil }
        self.init(millisecondsSince1970: millis)
    }
}
