import Foundation

// MARK: - Opening intervals

/// An opening interval of local wall-clock time, in minutes since local midnight: `[start, end)`.
///
/// JSON: `{"start": 480, "end": 1080}`; when decoding, `"08:00"`-style strings are accepted too
/// (`"24:00"` means end of day).
public struct OpeningInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Convenience from local clock times, e.g. `OpeningInterval(startHour: 8, endHour: 17, endMinute: 30)`.
    public init(startHour: Int, startMinute: Int = 0, endHour: Int, endMinute: Int = 0) {
        self.init(start: startHour * 60 + startMinute, end: endHour * 60 + endMinute)
    }

    public var durationMinutes: Int { end - start }

    /// e.g. "08:00–18:00".
    public var description: String { "\(OpeningInterval.clock(start))–\(OpeningInterval.clock(end))" }

    /// Formats minutes since midnight as "HH:mm" (values outside 0...1440 are printed as-is).
    public static func clock(_ minutes: Int) -> String {
        guard (0...1440).contains(minutes) else { return "\(minutes) min" }
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// Parses "HH:mm" (or "H:mm") into minutes since midnight.
    public static func parseClock(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    private enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func minutes(_ key: CodingKeys) throws -> Int {
            if let value = try? c.decode(Int.self, forKey: key) { return value }
            let text = try c.decode(String.self, forKey: key)
            guard let value = OpeningInterval.parseClock(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c,
                    debugDescription: "Ongeldige tijd '\(text)': gebruik minuten sinds middernacht of UU:MM, bijvoorbeeld 08:30.")
            }
            return value
        }
        self.init(start: try minutes(.start), end: try minutes(.end))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}

// MARK: - Opening hours per weekday

/// Weekly opening hours: zero or more intervals per weekday (local time).
///
/// JSON: `{"monday": [{"start": 480, "end": 1080}], ..., "sunday": []}`; a missing weekday means closed.
public struct OpeningHours: Hashable, Sendable, Codable {
    public var monday: [OpeningInterval]
    public var tuesday: [OpeningInterval]
    public var wednesday: [OpeningInterval]
    public var thursday: [OpeningInterval]
    public var friday: [OpeningInterval]
    public var saturday: [OpeningInterval]
    public var sunday: [OpeningInterval]

    public init(monday: [OpeningInterval] = [], tuesday: [OpeningInterval] = [], wednesday: [OpeningInterval] = [],
                thursday: [OpeningInterval] = [], friday: [OpeningInterval] = [], saturday: [OpeningInterval] = [],
                sunday: [OpeningInterval] = []) {
        self.monday = monday
        self.tuesday = tuesday
        self.wednesday = wednesday
        self.thursday = thursday
        self.friday = friday
        self.saturday = saturday
        self.sunday = sunday
    }

    /// Same intervals on Monday–Friday, optional Saturday/Sunday intervals.
    public init(weekdays: [OpeningInterval], saturday: [OpeningInterval] = [], sunday: [OpeningInterval] = []) {
        self.init(monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays,
                  saturday: saturday, sunday: sunday)
    }

    /// Mon–Fri 08:00–18:00, Saturday and Sunday closed.
    public static let standard = OpeningHours(weekdays: [OpeningInterval(start: 8 * 60, end: 18 * 60)])

    /// Closed every day (not valid for a `BusinessCalendar`, useful as a starting point).
    public static let closed = OpeningHours()

    public subscript(weekday: Weekday) -> [OpeningInterval] {
        get {
            switch weekday {
            case .monday: return monday
            case .tuesday: return tuesday
            case .wednesday: return wednesday
            case .thursday: return thursday
            case .friday: return friday
            case .saturday: return saturday
            case .sunday: return sunday
            }
        }
        set {
            switch weekday {
            case .monday: monday = newValue
            case .tuesday: tuesday = newValue
            case .wednesday: wednesday = newValue
            case .thursday: thursday = newValue
            case .friday: friday = newValue
            case .saturday: saturday = newValue
            case .sunday: sunday = newValue
            }
        }
    }

    /// Nominal open minutes per week (ignoring DST, holidays and closed days).
    public var weeklyMinutes: Int {
        Weekday.allCases.reduce(0) { sum, day in sum + self[day].reduce(0) { $0 + max(0, $1.durationMinutes) } }
    }

    /// Throws a `BusinessCalendarError` (Dutch message) for out-of-range minutes, end not after start,
    /// overlapping intervals, or no open time at all in the week.
    public func validate() throws {
        for weekday in Weekday.allCases {
            let intervals = self[weekday]
            for interval in intervals {
                for minute in [interval.start, interval.end] where !(0...1440).contains(minute) {
                    throw BusinessCalendarError.minuteOutOfRange(weekday: weekday, minute: minute)
                }
                if interval.end <= interval.start {
                    throw BusinessCalendarError.endNotAfterStart(weekday: weekday, interval: interval)
                }
            }
            let sorted = intervals.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.start < a.end {
                throw BusinessCalendarError.overlappingIntervals(weekday: weekday, first: a, second: b)
            }
        }
        if weeklyMinutes == 0 { throw BusinessCalendarError.noOpeningHours }
    }

    private enum CodingKeys: String, CodingKey {
        case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func day(_ key: CodingKeys) throws -> [OpeningInterval] {
            try c.decodeIfPresent([OpeningInterval].self, forKey: key) ?? []
        }
        self.init(monday: try day(.monday), tuesday: try day(.tuesday), wednesday: try day(.wednesday),
                  thursday: try day(.thursday), friday: try day(.friday), saturday: try day(.saturday),
                  sunday: try day(.sunday))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(monday, forKey: .monday)
        try c.encode(tuesday, forKey: .tuesday)
        try c.encode(wednesday, forKey: .wednesday)
        try c.encode(thursday, forKey: .thursday)
        try c.encode(friday, forKey: .friday)
        try c.encode(saturday, forKey: .saturday)
        try c.encode(sunday, forKey: .sunday)
    }
}

// MARK: - Validation errors

/// Configuration errors of a business calendar; `message` / `errorDescription` is Dutch.
public enum BusinessCalendarError: Error, LocalizedError, Hashable, Sendable, CustomStringConvertible {
    case minuteOutOfRange(weekday: Weekday, minute: Int)
    case endNotAfterStart(weekday: Weekday, interval: OpeningInterval)
    case overlappingIntervals(weekday: Weekday, first: OpeningInterval, second: OpeningInterval)
    case noOpeningHours
    case unknownTimeZone(String)
    case conflictingTimeZones(String, String)
    case invalidClosedDay(CalendarDay)

    /// Dutch, user-facing.
    public var message: String {
        switch self {
        case let .minuteOutOfRange(weekday, minute):
            return "Ongeldige tijd op \(weekday.dutchName): \(minute) minuten valt buiten 0–1440 (00:00–24:00)."
        case let .endNotAfterStart(weekday, interval):
            return "Ongeldig tijdvak op \(weekday.dutchName): de eindtijd (\(OpeningInterval.clock(interval.end))) "
                + "moet na de begintijd (\(OpeningInterval.clock(interval.start))) liggen."
        case let .overlappingIntervals(weekday, first, second):
            return "Overlappende tijdvakken op \(weekday.dutchName): \(first) en \(second)."
        case .noOpeningHours:
            return "Er zijn geen openingstijden ingesteld: geef voor minstens één dag van de week een tijdvak op."
        case let .unknownTimeZone(identifier):
            return "Onbekende tijdzone '\(identifier)'. Gebruik bijvoorbeeld Europe/Amsterdam."
        case let .conflictingTimeZones(documented, earlier):
            return "Twee verschillende tijdzones: 'timeZoneIdentifier' is '\(documented)' en 'timeZone' is '\(earlier)'. "
                + "Geef er één op."
        case let .invalidClosedDay(day):
            return "Ongeldige datum bij de gesloten dagen: \(day.year)-\(day.month)-\(day.day)."
        }
    }

    public var errorDescription: String? { message }
    public var description: String { message }
}

// MARK: - Business calendar

/// Opening hours in a time zone (default Europe/Amsterdam), closed on Dutch public holidays and extra closed days.
///
/// Semantics:
/// - An interval `[start, end)` of a local day is mapped to instants as "the first instant at which the local
///   wall clock reads ≥ start" up to "the first instant at which it reads ≥ end". So 08:00–18:00 is always
///   10 hours, also on DST days; an interval 00:00–24:00 lasts 23 h on the last Sunday of March and 25 h on
///   the last Sunday of October; a boundary in the skipped hour (02:xx in March) maps to the transition instant.
/// - Cost is linear in the number of calendar days scanned (one time-zone lookup per day), never per minute.
/// - Unreachable targets: `deadline` returns `Date.distantFuture` and `nextOpening` returns nil when the calendar
///   has no open time, when `maximumClosedStreakDays` consecutive days pass without open time, or when the answer
///   lies more than `maximumScanDays` days after the start.
/// - The calendar is not validated on construction (call `validate()`); decoding from JSON validates. Invalid
///   intervals are tolerated by the computations (clamped to 0...1440, empty ones dropped, overlaps merged), and an
///   unknown time zone falls back to Europe/Amsterdam (or UTC when even that is unavailable).
public struct BusinessCalendar: Hashable, Sendable, Codable {
    public var timeZoneIdentifier: String
    public var openingHours: OpeningHours
    /// Public holidays on which the desk is closed all day; nil means public holidays are ordinary days.
    public var publicHolidays: DutchHolidays?
    /// Extra days closed all day (local dates).
    public var closedDays: [CalendarDay]

    public static let defaultTimeZoneIdentifier = "Europe/Amsterdam"
    /// The search gives up after this many consecutive calendar days without any open time.
    public static let maximumClosedStreakDays = 400
    /// `deadline` / `nextOpening` never look further than this many days ahead (≈ 30 years).
    public static let maximumScanDays = 11_000

    public init(openingHours: OpeningHours = .standard,
                publicHolidays: DutchHolidays? = DutchHolidays(),
                closedDays: [CalendarDay] = [],
                timeZoneIdentifier: String = BusinessCalendar.defaultTimeZoneIdentifier) {
        self.timeZoneIdentifier = timeZoneIdentifier
        self.openingHours = openingHours
        self.publicHolidays = publicHolidays
        self.closedDays = closedDays
    }

    /// Mon–Fri 08:00–18:00 Europe/Amsterdam, closed on Dutch public holidays (no Goede Vrijdag,
    /// Bevrijdingsdag only in lustrum years).
    public static let standard = BusinessCalendar()

    /// The configured time zone (with the documented fallback).
    public var timeZone: TimeZone {
        TimeZone(identifier: timeZoneIdentifier)
            ?? TimeZone(identifier: BusinessCalendar.defaultTimeZoneIdentifier)
            ?? TimeZone(secondsFromGMT: 0)!
    }

    /// A Gregorian `Calendar` in the configured time zone (for callers that format dates).
    public var gregorianCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Throws a `BusinessCalendarError` with a Dutch message for invalid configuration.
    public func validate() throws {
        guard TimeZone(identifier: timeZoneIdentifier) != nil else {
            throw BusinessCalendarError.unknownTimeZone(timeZoneIdentifier)
        }
        try openingHours.validate()
        if let bad = closedDays.first(where: { !$0.isValid }) {
            throw BusinessCalendarError.invalidClosedDay(bad)
        }
    }

    // MARK: Day-level queries

    /// The holiday name (Dutch) or "Gesloten" when `day` is closed all day, nil otherwise.
    public func closureReason(on day: CalendarDay) -> String? {
        if let holiday = publicHolidays?.holiday(on: day) { return holiday.name }
        if closedDays.contains(day) { return "Gesloten" }
        return nil
    }

    /// True when `day` is a public holiday (under the options) or an extra closed day.
    public func isClosedAllDay(_ day: CalendarDay) -> Bool { closureReason(on: day) != nil }

    /// The local calendar day of `date`.
    public func localDay(of date: Date) -> CalendarDay {
        let engine = CalendarEngine(self)
        return CalendarDay(dayNumber: engine.localDayNumber(of: date.timeIntervalSince1970))
    }

    /// The instant of local wall-clock time `minute` (since midnight, 0...1440) on `day`
    /// (first instant at which the clock reads ≥ that time).
    public func date(on day: CalendarDay, minute: Int) -> Date {
        var engine = CalendarEngine(self)
        return Date(timeIntervalSince1970: engine.instant(day: day.dayNumber, minute: minute))
    }

    /// The instant of local time `hour:minute` on `day`.
    public func date(on day: CalendarDay, hour: Int, minute: Int = 0) -> Date {
        date(on: day, minute: hour * 60 + minute)
    }

    /// The open periods of a local day as instants (empty on closed days).
    public func openIntervals(on day: CalendarDay) -> [DateInterval] {
        var engine = CalendarEngine(self)
        return engine.spans(day: day.dayNumber).map {
            DateInterval(start: Date(timeIntervalSince1970: $0.start), end: Date(timeIntervalSince1970: $0.end))
        }
    }

    // MARK: Business-time arithmetic

    /// Open time (seconds) between two instants; 0 when `to <= from`.
    public func businessSeconds(from: Date, to: Date) -> TimeInterval {
        let a = from.timeIntervalSince1970, b = to.timeIntervalSince1970
        guard a.isFinite, b.isFinite, b > a else { return 0 }
        var engine = CalendarEngine(self)
        guard engine.hasWeeklyOpenTime else { return 0 }
        let firstDay = engine.localDayNumber(of: a) - 1
        let lastDay = engine.localDayNumber(of: b)
        var total: Double = 0
        var day = firstDay
        while day <= lastDay {
            for span in engine.spans(day: day) {
                let s = max(span.start, a), e = min(span.end, b)
                if e > s { total += e - s }
            }
            day += 1
        }
        return total
    }

    /// The instant at which `businessSeconds` of open time have passed after `start`.
    /// If `start` is outside opening hours the clock starts at the next opening. A deadline that is reached
    /// exactly at the end of an open period returns that end (e.g. Friday 18:00, not Monday 08:00).
    /// `businessSeconds <= 0` returns `start`. Returns `Date.distantFuture` when unreachable (see type docs).
    public func deadline(from start: Date, adding businessSeconds: TimeInterval) -> Date {
        let t0 = start.timeIntervalSince1970
        guard businessSeconds.isFinite, t0.isFinite else {
            return businessSeconds > 0 || !t0.isFinite ? .distantFuture : start
        }
        guard businessSeconds > 0 else { return start }
        var engine = CalendarEngine(self)
        guard engine.hasWeeklyOpenTime else { return .distantFuture }
        var remaining = businessSeconds
        var day = engine.localDayNumber(of: t0) - 1
        let limit = day + BusinessCalendar.maximumScanDays
        var lastOpenDay = day
        while day <= limit {
            for span in engine.spans(day: day) {
                let s = max(span.start, t0)
                guard span.end > s else { continue }
                lastOpenDay = day
                let available = span.end - s
                if remaining <= available { return Date(timeIntervalSince1970: s + remaining) }
                remaining -= available
            }
            if day - lastOpenDay > BusinessCalendar.maximumClosedStreakDays { break }
            day += 1
        }
        return .distantFuture
    }

    /// True when `date` lies inside an open period.
    public func isOpen(at date: Date) -> Bool {
        let t = date.timeIntervalSince1970
        guard t.isFinite else { return false }
        var engine = CalendarEngine(self)
        guard engine.hasWeeklyOpenTime else { return false }
        let day = engine.localDayNumber(of: t)
        for d in (day - 1)...day {
            for span in engine.spans(day: d) where span.start <= t && t < span.end { return true }
        }
        return false
    }

    /// The earliest instant at or after `date` at which the calendar is open (`date` itself when open now);
    /// nil when there is none within the search limits.
    public func nextOpening(after date: Date) -> Date? {
        let t = date.timeIntervalSince1970
        guard t.isFinite else { return nil }
        var engine = CalendarEngine(self)
        guard engine.hasWeeklyOpenTime else { return nil }
        var day = engine.localDayNumber(of: t) - 1
        let limit = day + BusinessCalendar.maximumScanDays
        var lastOpenDay = day
        while day <= limit {
            for span in engine.spans(day: day) {
                if !span.isEmpty { lastOpenDay = day }
                if span.end > t { return Date(timeIntervalSince1970: max(span.start, t)) }
            }
            if day - lastOpenDay > BusinessCalendar.maximumClosedStreakDays { break }
            day += 1
        }
        return nil
    }

    // MARK: Codable (decoding validates)

    private enum CodingKeys: String, CodingKey { case timeZoneIdentifier, timeZone, openingHours, publicHolidays, closedDays }

    /// Decodes and validates. Missing keys: time zone Europe/Amsterdam, `.standard` opening hours,
    /// default Dutch holidays, no closed days. `"publicHolidays": null` disables public holidays.
    /// The time zone is `"timeZoneIdentifier"`, as docs/sla.example.json shows; `"timeZone"`, which
    /// earlier versions wrote, is read too. An unknown zone is refused, never silently replaced.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let documented = try c.decodeIfPresent(String.self, forKey: .timeZoneIdentifier)
        let earlier = try c.decodeIfPresent(String.self, forKey: .timeZone)
        if let documented, let earlier, documented != earlier {
            throw BusinessCalendarError.conflictingTimeZones(documented, earlier)
        }
        let holidays: DutchHolidays?
        if !c.contains(.publicHolidays) {
            holidays = DutchHolidays()
        } else if try c.decodeNil(forKey: .publicHolidays) {
            holidays = nil
        } else {
            holidays = try c.decode(DutchHolidays.self, forKey: .publicHolidays)
        }
        self.init(
            openingHours: try c.decodeIfPresent(OpeningHours.self, forKey: .openingHours) ?? .standard,
            publicHolidays: holidays,
            closedDays: try c.decodeIfPresent([CalendarDay].self, forKey: .closedDays) ?? [],
            timeZoneIdentifier: documented ?? earlier ?? BusinessCalendar.defaultTimeZoneIdentifier)
        try validate()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(timeZoneIdentifier, forKey: .timeZoneIdentifier)
        try c.encode(openingHours, forKey: .openingHours)
        if let publicHolidays {
            try c.encode(publicHolidays, forKey: .publicHolidays)
        } else {
            try c.encodeNil(forKey: .publicHolidays)
        }
        try c.encode(closedDays.sorted(), forKey: .closedDays)
    }
}

// MARK: - Engine (internal, per call)

/// Per-call working state: normalized intervals, holiday and time-zone caches. Instants are Unix seconds.
struct CalendarEngine {
    struct Span {
        var start: Double
        var end: Double
        var isEmpty: Bool { end <= start }
    }

    private struct DayOffsets {
        var before: Int
        var after: Int
        var transition: Int?   // instant of the offset change, nil when constant around the day
    }

    let timeZone: TimeZone
    /// Index 0 = Monday; sorted, clamped, merged (start, end) minute pairs.
    let week: [[(start: Int, end: Int)]]
    let holidays: DutchHolidays?
    let closed: Set<Int>
    let hasWeeklyOpenTime: Bool
    private var holidayCache: [Int: Set<Int>] = [:]
    private var probeCache: [Int: Int] = [:]

    init(_ calendar: BusinessCalendar) {
        timeZone = calendar.timeZone
        holidays = calendar.publicHolidays
        closed = Set(calendar.closedDays.filter(\.isValid).map(\.dayNumber))
        var week: [[(start: Int, end: Int)]] = []
        for weekday in Weekday.allCases {
            let raw = calendar.openingHours[weekday]
                .map { (start: min(max($0.start, 0), 1440), end: min(max($0.end, 0), 1440)) }
                .filter { $0.end > $0.start }
                .sorted { $0.start < $1.start }
            var merged: [(start: Int, end: Int)] = []
            for interval in raw {
                if let last = merged.last, interval.start <= last.end {
                    merged[merged.count - 1].end = max(last.end, interval.end)
                } else {
                    merged.append(interval)
                }
            }
            week.append(merged)
        }
        self.week = week
        hasWeeklyOpenTime = week.contains { !$0.isEmpty }
    }

    /// UTC offset (seconds) in effect at Unix time `t`.
    private func offset(at t: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
    }

    /// Probe k sits at 10:00 UTC of day k-1 (14 h before "local midnight of day k read as UTC").
    private mutating func probe(_ k: Int) -> (instant: Int, offset: Int) {
        let instant = k * 86_400 - 50_400
        if let cached = probeCache[k] { return (instant, cached) }
        let value = offset(at: instant)
        probeCache[k] = value
        return (instant, value)
    }

    /// Offsets around local day `d`: the window [probe d, probe d+3] covers the whole local day for any
    /// UTC offset between -12 h and +14 h. A single offset change in the window is located by bisection.
    private mutating func dayOffsets(_ d: Int) -> DayOffsets {
        let lo = probe(d), hi = probe(d + 3)
        if lo.offset == hi.offset { return DayOffsets(before: lo.offset, after: lo.offset, transition: nil) }
        var a = lo.instant, b = hi.instant
        while b - a > 1 {
            let mid = a + (b - a) / 2
            if offset(at: mid) == lo.offset { a = mid } else { b = mid }
        }
        return DayOffsets(before: lo.offset, after: offset(at: b), transition: b)
    }

    /// First instant at which the local wall clock reads ≥ `minute` on local day `d`.
    mutating func instant(day d: Int, minute: Int) -> Double {
        let wall = d * 86_400 + minute * 60
        let offsets = dayOffsets(d)
        guard let transition = offsets.transition else { return Double(wall - offsets.before) }
        if wall < transition + offsets.before { return Double(wall - offsets.before) }
        if wall <= transition + offsets.after { return Double(transition) }
        return Double(wall - offsets.after)
    }

    /// Local day number (days since 1970-01-01 in local time) of Unix time `t`.
    func localDayNumber(of t: Double) -> Int {
        let clamped = min(max(t, -62_135_596_800), 253_402_300_799)   // years 1...9999
        let off = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: clamped))
        return Int(((clamped + Double(off)) / 86_400).rounded(.down))
    }

    private mutating func isClosed(day d: Int) -> Bool {
        if closed.contains(d) { return true }
        guard let holidays else { return false }
        let year = CalendarDay(dayNumber: d).year
        if let set = holidayCache[year] { return set.contains(d) }
        let set = Set(holidays.holidays(year: year).map(\.date.dayNumber))
        holidayCache[year] = set
        return set.contains(d)
    }

    /// Open spans of local day `d` as instants, in order (empty on closed days).
    mutating func spans(day d: Int) -> [Span] {
        let intervals = week[Weekday(dayNumber: d).rawValue - 1]
        if intervals.isEmpty || isClosed(day: d) { return [] }
        var result: [Span] = []
        result.reserveCapacity(intervals.count)
        for interval in intervals {
            let span = Span(start: instant(day: d, minute: interval.start), end: instant(day: d, minute: interval.end))
            if !span.isEmpty { result.append(span) }
        }
        return result
    }
}
