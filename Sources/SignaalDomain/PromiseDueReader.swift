import Foundation

/// Reads when a promise in a Dutch reply falls due: "ik bel u morgen voor 12:00 terug" said on
/// Monday 10:00 is due Tuesday 12:00 (Europe/Amsterdam, or the team calendar's time zone).
/// Pure: the same text, `now` and calendar give the same instant.
///
/// The due time is the latest moment the customer would still call the promise kept. Where the
/// text names a day but no hour, or a part of the day, fixed times stand in:
/// - a day alone ("morgen", "vrijdag", "binnen twee werkdagen", "op 12 december"): 17:00, the end
///   of the working day ("einde van de dag" too); "vandaag" said after 17:00 means 23:59;
/// - "'s ochtends", "morgenochtend", "vanochtend": 12:00; "'s middags", "vanmiddag": 17:00;
///   "'s avonds", "vanavond": 21:00; "middernacht": 00:00 of the next day;
/// - "vannacht" ("'s nachts"): the coming night, by 06:00 the next morning; an hour from 0 to 6 with it is in
///   that night ("vannacht om 2 uur" at noon is 02:00 tomorrow);
/// - "tussen 9 en 10", "van 14:00 tot 15:00": the end of the window (10:00, 15:00);
/// - "deze week", "eind van de week", "voor het weekend": Friday 17:00 of this week;
///   "volgende week" / "komende week", "eind (van) volgende week": Friday 17:00 of next week (the
///   whole week is promised); "begin volgende week": Tuesday 17:00 of next week (Monday and the
///   day after: a customer told "begin van de week" expects it by Tuesday, not Wednesday);
///   "volgende week dinsdag": that Tuesday; "na het weekend": Monday 17:00 (said on a Monday,
///   the next one: the weekend just gone is not meant); "half december", "medio december": the 15th;
///   "eind december": the 31st; "eind van de maand": this month's last day; "begin januari": the 10th;
/// - "na de kerstdagen": the first working day after 26 December, 17:00 (the calendar's holidays
///   and closed days skipped); "na de feestdagen", "na de jaarwisseling": the first after 1 January;
/// - a weekday ("vrijdag", "aanstaande vrijdag", "volgende vrijdag"): its next occurrence; the
///   weekday of today is next week's ("maandag" said on a Monday: today would be "vandaag"),
///   unless "vandaag" is said too and the time is still ahead;
/// - an explicit date beats a weekday beside it ("donderdag 24 december" is the 24th, whatever day that is);
/// - a bare hour from 1 to 6 ("om 3 uur", "half drie") is in the afternoon unless the morning is
///   named; in the evening ("vanavond om 8 uur") 1 to 11 are too; "06:30" with a zero is as written;
/// - "binnen N uur/minuten": now plus that; "binnen N dagen", "over N dagen": N days on, 17:00 ("over twee weken": 14);
///   "binnen N werkdagen": the Nth working day after today (Monday to Friday, not closed in the
///   calendar, so Dutch public holidays are skipped), 17:00.
///
/// Nil when the text names no time, or only one that has passed ("vandaag voor 09:00" at 10:00).
public struct PromiseDueReader: Sendable {
    public var calendar: BusinessCalendar

    public init(calendar: BusinessCalendar = .standard) {
        self.calendar = calendar
    }

    /// Fixed times of day, in minutes since local midnight.
    static let endOfDay = 17 * 60
    static let morning = 12 * 60
    static let afternoon = 17 * 60
    static let evening = 21 * 60
    static let lastMinute = 23 * 60 + 59
    /// "vannacht" without an hour: by six the next morning.
    static let nightEnd = 6 * 60

    /// The instant `text` promises to act by, or nil when it names none (or one already past).
    public func due(of text: String, now: Date) -> Date? {
        guard let when = PromiseWhen(Self.tokens(text)) else { return nil }
        return resolve(when, now: now)
    }

    func resolve(_ when: PromiseWhen, now: Date) -> Date? {
        if let duration = when.duration { return now.addingTimeInterval(duration) }
        let today = calendar.localDay(of: now)
        var minute = when.clock ?? when.part?.minute ?? Self.endOfDay
        if when.midnight { minute = 0 }
        // "vannacht om 2 uur" said at noon: 02:00 the next morning (said at 01:00, this night's).
        let nextMorning = when.midnight
            || (when.part == .night && minute < 12 * 60 && now >= calendar.date(on: today, minute: Self.nightEnd))
        func instant(_ day: CalendarDay) -> Date {
            calendar.date(on: nextMorning ? day.adding(days: 1) : day, minute: minute)
        }
        var day: CalendarDay
        switch when.day {
        case nil, .offset(0)?:
            guard when.day != nil || when.clock != nil || when.part != nil || when.midnight else { return nil }
            day = today
            // "Ik stuur het vandaag nog" at 18:00: before the day is over.
            if when.day != nil, when.clock == nil, when.part == nil, !when.midnight, instant(today) <= now { minute = Self.lastMinute }
        case .offset(let days)?:
            day = today.adding(days: days)
        case .weekday(let weekday, let nextWeek)?:
            if nextWeek {
                day = Self.monday(of: today).adding(days: 7 + weekday.rawValue - 1)
            } else {
                day = today.adding(days: (weekday.rawValue - today.weekday.rawValue + 7) % 7)
                // "Ik bel u maandag" said on a Monday is next Monday: today would be "vandaag".
                if instant(day) <= now || (day == today && !when.namesToday) { day = day.adding(days: 7) }
            }
        case .endOfWeek(let nextWeek)?:
            day = Self.monday(of: today).adding(days: (nextWeek ? 7 : 0) + 4)
        case .workdays(let count)?:
            day = today
            var left = count
            var scanned = 0
            while left > 0 {
                day = day.adding(days: 1)
                scanned += 1
                if isWorkday(day) { left -= 1 }
                if scanned > 400 { return nil }
            }
        case .date(let dayOfMonth, let month, let year)?:
            if let year {
                day = CalendarDay(year: year, month: month, day: dayOfMonth)
            } else {
                day = CalendarDay(year: today.year, month: month, day: dayOfMonth)
                if day < today { day = CalendarDay(year: today.year + 1, month: month, day: dayOfMonth) }
            }
            guard day.isValid else { return nil }
        case .workdayAfter(let dayOfMonth, let month)?:
            func firstWorkday(after last: CalendarDay) -> CalendarDay {
                var day = last.adding(days: 1)
                var scanned = 0
                while !isWorkday(day), scanned < 60 {
                    day = day.adding(days: 1)
                    scanned += 1
                }
                return day
            }
            // This year's holidays, or next year's once these are over.
            day = firstWorkday(after: CalendarDay(year: today.year, month: month, day: dayOfMonth))
            if day < today { day = firstWorkday(after: CalendarDay(year: today.year + 1, month: month, day: dayOfMonth)) }
        case .endOfMonth(let month)?:
            func last(_ year: Int, _ month: Int) -> CalendarDay {
                CalendarDay(year: year, month: month, day: CalendarDay.daysInMonth(year: year, month: month))
            }
            day = last(today.year, month ?? today.month)
            if day < today { day = last(today.year + 1, month ?? today.month) }
        }
        let due = instant(day)
        return due > now ? due : nil
    }

    /// Monday to Friday, and not a day the calendar is closed (public holidays, closed days).
    func isWorkday(_ day: CalendarDay) -> Bool {
        day.weekday < .saturday && !calendar.isClosedAllDay(day)
    }

    static func monday(of day: CalendarDay) -> CalendarDay { day.adding(days: 1 - day.weekday.rawValue) }

    /// Lower-cased words without accents ("vóór" is "voor", "één" is "een"); times and dates
    /// ("12:00", "12.00", "12-12") stay one token; "€" is a token of its own, so an amount is not
    /// read as a time.
    static func tokens(_ text: String) -> [String] {
        let folded = text.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "nl_NL"))
        let scalars = Array(folded.unicodeScalars)
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for (index, scalar) in scalars.enumerated() {
            let properties = scalar.properties
            if properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.append(scalar)
            } else if [":", ".", "-", "/"].contains(scalar), let last = current.last, ("0"..."9").contains(last),
                index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1])
            {
                current.append(scalar)
            } else {
                flush()
                if scalar == "€" || scalar == "$" { tokens.append(String(scalar)) }
            }
        }
        flush()
        return tokens
    }
}
