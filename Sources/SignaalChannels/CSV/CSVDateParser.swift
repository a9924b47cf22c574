import Foundation

/// Reads the dates complaint logs hold: Dutch `22-11-2026 14:05`, `22/11/2026 14:05:30`,
/// `22.11.2026`, `22-11-26`, and ISO 8601 `2026-11-22T14:05:00Z`, `2026-11-22 14:05`; with
/// `order: .monthDay` English Excel's `11/22/2026 14:05`.
/// Without a zone the time is local to `timeZone`; Foundation's calendar applies the right
/// summer or winter offset (a time skipped by the spring change moves an hour on, the repeated
/// autumn hour is read as summer time).
enum CSVDateParser {
    static func parse(_ raw: String, order: CSVDateOrder = .dayMonth, timeZone: TimeZone, now: Date) -> Date? {
        var scanner = DateScanner(Array(raw.trimmingCharacters(in: .whitespaces)))
        guard let first = scanner.number(maxDigits: 4) else { return nil }

        let year: Int, month: Int, day: Int
        let isISO = first.digits == 4
        if isISO {
            guard let separator = scanner.take(["-", "/"]),
                  let m = scanner.number(maxDigits: 2), scanner.take([separator]) != nil,
                  let d = scanner.number(maxDigits: 2)
            else { return nil }
            (year, month, day) = (first.value, m.value, d.value)
        } else {
            guard first.digits <= 2, let separator = scanner.take(["-", "/", "."]),
                  let m = scanner.number(maxDigits: 2), scanner.take([separator]) != nil,
                  let y = scanner.number(maxDigits: 4), y.digits == 2 || y.digits == 4
            else { return nil }
            (day, month) = order == .dayMonth ? (first.value, m.value) : (m.value, first.value)
            year = y.digits == 4 ? y.value : fullYear(twoDigits: y.value, now: now, timeZone: timeZone)
        }

        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if !scanner.atEnd {
            _ = scanner.take([","])
            guard scanner.take(["T"]) != nil || scanner.skipSpaces() else { return nil }
            // Dutch writers also put a dot between hours and minutes: 14.05.
            let timeSeparators: Set<Character> = isISO ? [":"] : [":", "."]
            guard let h = scanner.number(maxDigits: 2), let separator = scanner.take(timeSeparators),
                  let mi = scanner.number(maxDigits: 2), mi.digits == 2
            else { return nil }
            (hour, minute) = (h.value, mi.value)
            if scanner.take([separator]) != nil {
                guard let s = scanner.number(maxDigits: 2), s.digits == 2 else { return nil }
                second = s.value
                if scanner.take([".", ","]) != nil {
                    guard let digits = scanner.digitString(), let value = Double("0." + digits) else { return nil }
                    fraction = value
                }
            }
        }

        let offset = scanner.zoneOffset()
        guard offset != .invalid, scanner.atEnd else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }

        var calendar = Calendar(identifier: .gregorian)
        if case .seconds(let seconds) = offset {
            guard let zone = TimeZone(secondsFromGMT: seconds) else { return nil }
            calendar.timeZone = zone
        } else {
            calendar.timeZone = timeZone
        }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)?.addingTimeInterval(fraction)
    }

    /// `26` is 2026; a year more than one ahead of now is taken as last century (`99` is 1999).
    private static func fullYear(twoDigits: Int, now: Date, timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let currentYear = calendar.component(.year, from: now)
        let candidate = 2000 + twoDigits
        return candidate > currentYear + 1 ? candidate - 100 : candidate
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

private enum ZoneOffset: Equatable {
    case none
    case seconds(Int)
    case invalid
}

/// A cursor over the characters of one date value.
private struct DateScanner {
    private let characters: [Character]
    private var index = 0

    init(_ characters: [Character]) { self.characters = characters }

    var atEnd: Bool { index == characters.count }

    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0, digits = 0
        while index < characters.count, digits < maxDigits, let digit = characters[index].wholeNumberValue,
              characters[index].isASCII {
            value = value * 10 + digit
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    mutating func digitString() -> String? {
        let begin = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        return index == begin ? nil : String(characters[begin..<index])
    }

    mutating func take(_ allowed: Set<Character>) -> Character? {
        guard index < characters.count, allowed.contains(characters[index]) else { return nil }
        index += 1
        return characters[index - 1]
    }

    /// Skips one or more spaces; false when there were none.
    mutating func skipSpaces() -> Bool {
        let begin = index
        while index < characters.count, characters[index] == " " { index += 1 }
        return index > begin
    }

    /// `Z`, `UTC`, `+01:00`, `+0100` or `+01`, after optional spaces; `.none` when nothing follows.
    mutating func zoneOffset() -> ZoneOffset {
        _ = skipSpaces()
        if atEnd { return .none }
        let rest = String(characters[index...])
        if rest == "Z" || rest.uppercased() == "UTC" {
            index = characters.count
            return .seconds(0)
        }
        guard let sign = take(["+", "-"]), let hours = number(maxDigits: 2), hours.digits == 2 else { return .invalid }
        var minutes = 0
        if !atEnd {
            _ = take([":"])
            guard let m = number(maxDigits: 2), m.digits == 2 else { return .invalid }
            minutes = m.value
        }
        guard hours.value <= 14, minutes <= 59 else { return .invalid }
        let seconds = (hours.value * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return .seconds(seconds)
    }
}
