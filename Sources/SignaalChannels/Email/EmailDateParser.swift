import Foundation

/// RFC 5322 dates and the sloppy variants seen in the wild: missing weekday or seconds,
/// two-digit years, named zones, asctime order, ISO 8601, Dutch day and month names.
/// Tokens are classified by shape rather than position, which covers most orderings.
enum EmailDateParser {
    static func parse(_ text: String) -> Date? {
        let cleaned = stripComments(text).trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        if let iso = parseISO(cleaned) { return iso }

        var day: Int?, month: Int?, year: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offsetSeconds: Int?
        var pm: Bool?
        let tokens = cleaned.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
        for token in tokens {
            let lower = token.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if time == nil, token.contains(":"), let parsed = parseTime(token) {
                time = parsed
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), token.count >= 3, let offset = parseOffset(token) {
                offsetSeconds = offset
            } else if let number = Int(lower) {
                if lower.count == 4 { year = number } else if day == nil { day = number } else if year == nil { year = number }
            } else if let zone = namedZones[lower.uppercased()], offsetSeconds == nil {
                offsetSeconds = zone * 3600
            } else if lower == "am" || lower == "pm" {
                pm = lower == "pm"
            } else if month == nil, let value = monthNumber(lower) {
                month = value
            } else if let numeric = parseNumericDate(lower) {
                (day, month, year) = (numeric.day, numeric.month, numeric.year)
            }
        }
        guard var year, let month, let day else { return nil }
        // RFC 5322 §4.3: two-digit years below 50 are 20xx, otherwise 19xx.
        if year < 50 { year += 2000 } else if year < 100 { year += 1900 }
        var clock = time ?? (0, 0, 0)
        if let pm {
            if pm && clock.hour < 12 { clock.hour += 12 }
            if !pm && clock.hour == 12 { clock.hour = 0 }
        }
        return makeDate(year: year, month: month, day: day, clock: clock, offset: offsetSeconds)
    }

    private static let namedZones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "BST": 1, "CET": 1, "MET": 1, "WEST": 1, "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    ]

    /// English and Dutch month names, matched on their first three letters ("mrt" and "mei" too).
    private static func monthNumber(_ token: String) -> Int? {
        let prefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard token.count >= 3, token.allSatisfy(\.isLetter) else { return nil }
        // "maart" in full: "maa" alone would also match "maandag".
        if token == "maart" { return 3 }
        let prefix = String(token.prefix(3))
        if let index = prefixes.firstIndex(of: prefix) { return index + 1 }
        return ["mrt": 3, "mei": 5, "okt": 10][prefix]
    }

    private static func parseTime(_ token: String) -> (hour: Int, minute: Int, second: Int)? {
        let parts = token.split(separator: ":")
        guard parts.count == 2 || parts.count == 3,
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        let second = parts.count == 3 ? Int(parts[2].prefix(2)) ?? 0 : 0
        guard (0...60).contains(second) else { return nil }
        return (hour, minute, min(second, 59))
    }

    /// "+0100", "-0500", "+01:00", "+01".
    private static func parseOffset(_ token: String) -> Int? {
        let sign = token.hasPrefix("-") ? -1 : 1
        let digits = token.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// "30-12-2025" or "30/12/2025" (day first, as the Dutch write it).
    private static func parseNumericDate(_ token: String) -> (day: Int, month: Int, year: Int)? {
        let parts = token.split { $0 == "-" || $0 == "/" }.compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        if parts[0] > 31 { return (parts[2], parts[1], parts[0]) }
        return (parts[0], parts[1], parts[2])
    }

    /// "2025-12-30T10:47:09+01:00" and "2025-12-30 10:47:09Z".
    private static func parseISO(_ text: String) -> Date? {
        let characters = Array(text)
        guard characters.count >= 10, characters[4] == "-", characters[7] == "-",
              let year = Int(String(characters[0..<4])), let month = Int(String(characters[5..<7])),
              let day = Int(String(characters[8..<10])) else { return nil }
        var clock = (hour: 0, minute: 0, second: 0)
        var offset: Int?
        if characters.count > 11 {
            var rest = String(characters[11...])
            if rest.hasSuffix("Z") || rest.hasSuffix("z") {
                rest.removeLast()
                offset = 0
            } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                offset = parseOffset(String(rest[signIndex...]))
                rest = String(rest[..<signIndex])
            }
            if let dot = rest.firstIndex(of: ".") { rest = String(rest[..<dot]) }
            guard let parsed = parseTime(rest) else { return nil }
            clock = parsed
        }
        return makeDate(year: year, month: month, day: day, clock: clock, offset: offset)
    }

    /// Where a mail without a zone was written: our customers are in the Netherlands, and the
    /// CSV import reads zoneless times the same way.
    static let localZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    /// - Parameter offset: seconds east of UTC; nil for a time without a zone, read in `localZone`
    ///   (+01:00 in winter, +02:00 in summer).
    private static func makeDate(year: Int, month: Int, day: Int, clock: (hour: Int, minute: Int, second: Int), offset: Int?) -> Date? {
        guard (1...12).contains(month), (1900...2200).contains(year) else { return nil }
        let monthLengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...monthLengths[month - 1]).contains(day) else { return nil }
        let wallClock = daysFromCivil(year: year, month: month, day: day) * 86_400
            + clock.hour * 3600 + clock.minute * 60 + clock.second
        if let offset { return Date(timeIntervalSince1970: TimeInterval(wallClock - offset)) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = localZone
        return calendar.date(from: DateComponents(
            year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second))
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func stripComments(_ text: String) -> String {
        guard text.contains("(") else { return text }
        var result = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) } else if depth == 0 { result.append(character) }
        }
        return result
    }
}
