import Foundation

/// Reads the dates complaint logs hold: Dutch `22-11-2026 14:05`, `22/11/2026 14:05:30`,
/// `22.11.2026`, `22-11-26`, and ISO 8601 `2026-11-22T14:05:00Z`, `2026-11-22 14:05`; with
/// `order: .monthDay` English Excel's `11/22/2026 14:05`. Dates written with the month's name,
/// Dutch or English, in either order (`maandag 5 november 2026 14:05`, `5 nov. 2026`,
/// `November 5, 2026 2:05 PM`, Excel's `5-nov-26`) need no order.
/// Without a zone the time is local to `timeZone`; Foundation's calendar applies the right
/// summer or winter offset (a time skipped by the spring change moves an hour on, the repeated
/// autumn hour is read as summer time).
enum CSVDateParser {
    static func parse(_ raw: String, order: CSVDateOrder = .dayMonth, timeZone: TimeZone, now: Date) -> Date? {
        if let numeric = WrittenDate.numericForm(of: raw) {
            return parse(numeric, order: .dayMonth, timeZone: timeZone, now: now)
        }
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

    /// Whether `raw` is a day without a time, which a separate time column completes. A value
    /// that is no date at all counts as one, so the message about it shows the time too.
    static func isDayOnly(_ raw: String, order: CSVDateOrder, timeZone: TimeZone, now: Date) -> Bool {
        parse(raw, order: order, timeZone: timeZone, now: now) == nil
            || parse(raw + " 12:00", order: order, timeZone: timeZone, now: now) != nil
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

/// A date written with its month's name, rewritten with the month's number for the numeric
/// reading: "maandag 5 november 2026 om 14:05" is "5-11-2026 14:05". A weekday is left out
/// unchecked: a log's typo there should not cost the complaint its date.
private enum WrittenDate {
    static func numericForm(of raw: String) -> String? {
        guard raw.contains(where: \.isLetter) else { return nil }
        var tokens = raw.lowercased().split(whereSeparator: \.isWhitespace).map { token in
            token.hasSuffix(",") ? String(token.dropLast()) : String(token)
        }.filter { !$0.isEmpty }
        // Excel's "5-nov-2026".
        if let first = tokens.first, first.contains("-"), first.contains(where: \.isLetter) {
            tokens = first.split(separator: "-").map(String.init) + tokens.dropFirst()
        }
        if let first = tokens.first, tokens.count > 3, weekdays.contains(withoutDot(first)) { tokens.removeFirst() }
        guard tokens.count >= 3 else { return nil }
        let day: String, month: Int
        if let named = months[withoutDot(tokens[1])], let number = dayNumber(tokens[0]) {
            (day, month) = (number, named)
        } else if let named = months[withoutDot(tokens[0])], let number = dayNumber(tokens[1]) {
            (day, month) = (number, named)
        } else {
            return nil
        }
        let year = tokens[2]
        guard (year.count == 2 || year.count == 4), year.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var time = Array(tokens.dropFirst(3))
        if let first = time.first, ["om", "at", "-"].contains(first) { time.removeFirst() }
        if time.last == "uur" { time.removeLast() }
        guard let clock = twentyFourHour(time) else { return nil }
        return "\(day)-\(month)-\(year)" + (clock.isEmpty ? "" : " " + clock.joined(separator: " "))
    }

    /// "2:05 pm" as "14:05"; other times as they are.
    private static func twentyFourHour(_ tokens: [String]) -> [String]? {
        var tokens = tokens
        guard let last = tokens.last else { return tokens }
        let marker = last.replacingOccurrences(of: ".", with: "")
        let suffix = ["am", "pm"].first { marker.hasSuffix($0) }
        guard let suffix else { return tokens }
        if marker == suffix {
            tokens.removeLast()
        } else {
            tokens[tokens.count - 1] = String(last.dropLast(suffix.count))
        }
        guard let time = tokens.last, let colon = time.firstIndex(of: ":"), let hour = Int(time[..<colon]), (1...12).contains(hour)
        else { return nil }
        let converted = suffix == "pm" ? hour % 12 + 12 : hour % 12
        tokens[tokens.count - 1] = String(format: "%02d", converted) + time[colon...]
        return tokens
    }

    /// "5", "05", "5." and English "5th".
    private static func dayNumber(_ token: String) -> String? {
        var digits = withoutDot(token)
        for suffix in ["st", "nd", "rd", "th", "e"] where digits.hasSuffix(suffix) { digits.removeLast(suffix.count) }
        guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }

    private static func withoutDot(_ token: String) -> String {
        token.hasSuffix(".") ? String(token.dropLast()) : token
    }

    private static let months: [String: Int] = {
        let names: [[String]] = [
            ["januari", "january", "jan"], ["februari", "february", "feb", "febr"], ["maart", "march", "mrt", "mar", "mrz"],
            ["april", "apr"], ["mei", "may"], ["juni", "june", "jun"], ["juli", "july", "jul"], ["augustus", "august", "aug"],
            ["september", "sep", "sept"], ["oktober", "october", "okt", "oct"], ["november", "nov"], ["december", "dec"],
        ]
        var months: [String: Int] = [:]
        for (index, spellings) in names.enumerated() {
            for name in spellings { months[name] = index + 1 }
        }
        return months
    }()

    private static let weekdays: Set<String> = [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "ma", "di", "wo", "do", "vr", "za", "zo",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
}
