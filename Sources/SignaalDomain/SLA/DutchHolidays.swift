import Foundation

// MARK: - CalendarDay

/// A calendar day (proleptic Gregorian), independent of any time zone.
///
/// Encoded in JSON as an ISO 8601 date string, e.g. `"2026-04-27"`.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `"YYYY-MM-DD"`; returns nil for malformed or non-existent dates.
    public init?(isoString: String) {
        let parts = isoString.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
        guard isValid else { return nil }
    }

    /// True when month and day denote an existing date.
    public var isValid: Bool {
        guard (1...12).contains(month) else { return false }
        return day >= 1 && day <= CalendarDay.daysInMonth(year: year, month: month)
    }

    /// `"YYYY-MM-DD"`.
    public var isoString: String {
        let y = String(format: "%04d", year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }

    public var description: String { isoString }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The ISO weekday of this day.
    public var weekday: Weekday { Weekday(dayNumber: dayNumber) }

    /// The day `days` days later (or earlier when negative).
    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Day numbers (days since 1970-01-01), H. Hinnant's civil algorithms.

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given number of days since 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    // MARK: Codable as "YYYY-MM-DD"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let parsed = CalendarDay(isoString: string) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Ongeldige datum '\(string)': gebruik het formaat JJJJ-MM-DD, bijvoorbeeld 2026-04-27.")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }
}

// MARK: - Weekday

/// ISO weekday, Monday = 1 … Sunday = 7.
public enum Weekday: Int, CaseIterable, Codable, Sendable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Weekday of a day number (days since 1970-01-01, which was a Thursday).
    public init(dayNumber: Int) {
        let r = ((dayNumber + 3) % 7 + 7) % 7   // 0 = Monday
        self = Weekday(rawValue: r + 1)!
    }

    public var dutchName: String {
        switch self {
        case .monday: return "maandag"
        case .tuesday: return "dinsdag"
        case .wednesday: return "woensdag"
        case .thursday: return "donderdag"
        case .friday: return "vrijdag"
        case .saturday: return "zaterdag"
        case .sunday: return "zondag"
        }
    }

    public var englishName: String {
        switch self {
        case .monday: return "Monday"
        case .tuesday: return "Tuesday"
        case .wednesday: return "Wednesday"
        case .thursday: return "Thursday"
        case .friday: return "Friday"
        case .saturday: return "Saturday"
        case .sunday: return "Sunday"
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

// MARK: - Dutch public holidays

/// One Dutch public holiday on a specific day.
public struct DutchHoliday: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case nieuwjaarsdag, goedeVrijdag, eerstePaasdag, tweedePaasdag, koningsdag, bevrijdingsdag
        case hemelvaartsdag, eerstePinksterdag, tweedePinksterdag, eersteKerstdag, tweedeKerstdag

        public var dutchName: String {
            switch self {
            case .nieuwjaarsdag: return "Nieuwjaarsdag"
            case .goedeVrijdag: return "Goede Vrijdag"
            case .eerstePaasdag: return "Eerste Paasdag"
            case .tweedePaasdag: return "Tweede Paasdag"
            case .koningsdag: return "Koningsdag"
            case .bevrijdingsdag: return "Bevrijdingsdag"
            case .hemelvaartsdag: return "Hemelvaartsdag"
            case .eerstePinksterdag: return "Eerste Pinksterdag"
            case .tweedePinksterdag: return "Tweede Pinksterdag"
            case .eersteKerstdag: return "Eerste Kerstdag"
            case .tweedeKerstdag: return "Tweede Kerstdag"
            }
        }

        public var englishName: String {
            switch self {
            case .nieuwjaarsdag: return "New Year's Day"
            case .goedeVrijdag: return "Good Friday"
            case .eerstePaasdag: return "Easter Sunday"
            case .tweedePaasdag: return "Easter Monday"
            case .koningsdag: return "King's Day"
            case .bevrijdingsdag: return "Liberation Day"
            case .hemelvaartsdag: return "Ascension Day"
            case .eerstePinksterdag: return "Whit Sunday"
            case .tweedePinksterdag: return "Whit Monday"
            case .eersteKerstdag: return "Christmas Day"
            case .tweedeKerstdag: return "Boxing Day"
            }
        }
    }

    public var kind: Kind
    public var date: CalendarDay

    public init(kind: Kind, date: CalendarDay) {
        self.kind = kind
        self.date = date
    }

    /// Dutch name, e.g. "Tweede Pinksterdag".
    public var name: String { kind.dutchName }
}

/// When Bevrijdingsdag (5 May) counts as a day off.
public enum LiberationDayRule: String, CaseIterable, Codable, Sendable {
    /// Every year.
    case everyYear
    /// Only in lustrum years (year divisible by 5), the common CAO rule.
    case lustrumOnly
    /// Never a day off.
    case never
}

/// Dutch public holidays as days off (closed all day).
///
/// Koningsdag follows the rule in force since 2014 (27 April, or 26 April when the 27th is a Sunday);
/// it is applied to every year, also before 2014.
public struct DutchHolidays: Hashable, Sendable, Codable {
    /// Whether Goede Vrijdag is a day off (default false: most Dutch service desks are open).
    public var goodFriday: Bool
    /// Whether Bevrijdingsdag is a day off (default `.lustrumOnly`).
    public var liberationDay: LiberationDayRule

    public init(goodFriday: Bool = false, liberationDay: LiberationDayRule = .lustrumOnly) {
        self.goodFriday = goodFriday
        self.liberationDay = liberationDay
    }

    /// Default options: no Goede Vrijdag, Bevrijdingsdag only in lustrum years.
    public static let standard = DutchHolidays()

    /// Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
    public static func easterSunday(year: Int) -> CalendarDay {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return CalendarDay(year: year, month: n / 31, day: n % 31 + 1)
    }

    /// Koningsdag: 27 April, or 26 April when 27 April is a Sunday.
    public static func koningsdag(year: Int) -> CalendarDay {
        let d = CalendarDay(year: year, month: 4, day: 27)
        return d.weekday == .sunday ? CalendarDay(year: year, month: 4, day: 26) : d
    }

    /// All eleven holidays of the year, regardless of the day-off options, sorted by date.
    public static func allHolidays(year: Int) -> [DutchHoliday] {
        let easter = easterSunday(year: year)
        let list: [DutchHoliday] = [
            DutchHoliday(kind: .nieuwjaarsdag, date: CalendarDay(year: year, month: 1, day: 1)),
            DutchHoliday(kind: .goedeVrijdag, date: easter.adding(days: -2)),
            DutchHoliday(kind: .eerstePaasdag, date: easter),
            DutchHoliday(kind: .tweedePaasdag, date: easter.adding(days: 1)),
            DutchHoliday(kind: .koningsdag, date: koningsdag(year: year)),
            DutchHoliday(kind: .bevrijdingsdag, date: CalendarDay(year: year, month: 5, day: 5)),
            DutchHoliday(kind: .hemelvaartsdag, date: easter.adding(days: 39)),
            DutchHoliday(kind: .eerstePinksterdag, date: easter.adding(days: 49)),
            DutchHoliday(kind: .tweedePinksterdag, date: easter.adding(days: 50)),
            DutchHoliday(kind: .eersteKerstdag, date: CalendarDay(year: year, month: 12, day: 25)),
            DutchHoliday(kind: .tweedeKerstdag, date: CalendarDay(year: year, month: 12, day: 26)),
        ]
        return list.sorted { $0.date < $1.date }
    }

    /// The holidays of `year` that are days off under these options, sorted by date.
    public func holidays(year: Int) -> [DutchHoliday] {
        DutchHolidays.allHolidays(year: year).filter { isDayOff($0, year: year) }
    }

    /// The day-off holiday on `day`, if any.
    public func holiday(on day: CalendarDay) -> DutchHoliday? {
        holidays(year: day.year).first { $0.date == day }
    }

    /// True when `day` is a day-off holiday under these options.
    public func isHoliday(_ day: CalendarDay) -> Bool { holiday(on: day) != nil }

    private func isDayOff(_ holiday: DutchHoliday, year: Int) -> Bool {
        switch holiday.kind {
        case .goedeVrijdag: return goodFriday
        case .bevrijdingsdag:
            switch liberationDay {
            case .everyYear: return true
            case .lustrumOnly: return year % 5 == 0
            case .never: return false
            }
        default: return true
        }
    }

    // Codable with defaults for missing keys (admin-edited JSON).
    private enum CodingKeys: String, CodingKey { case goodFriday, liberationDay }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            goodFriday: try c.decodeIfPresent(Bool.self, forKey: .goodFriday) ?? false,
            liberationDay: try c.decodeIfPresent(LiberationDayRule.self, forKey: .liberationDay) ?? .lustrumOnly)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(goodFriday, forKey: .goodFriday)
        try c.encode(liberationDay, forKey: .liberationDay)
    }
}
