import Foundation

/// What a promise's words say about its time, before a calendar makes an instant of it:
/// "morgen voor 12:00" is the day one on and the clock 12:00. See `PromiseDueReader`.
struct PromiseWhen {
    enum Day: Hashable {
        /// Days from today: "vandaag" 0, "morgen" 1, "binnen drie dagen" 3.
        case offset(Int)
        /// "vrijdag" (next occurrence) or "volgende week vrijdag" (in next week).
        case weekday(Weekday, nextWeek: Bool)
        /// Friday of this week ("deze week") or next ("volgende week").
        case endOfWeek(nextWeek: Bool)
        /// "binnen twee werkdagen".
        case workdays(Int)
        /// "op 12 december", "12-12", "12-12-2025".
        case date(day: Int, month: Int, year: Int?)
        /// The first working day after a given day of the year: "na de kerstdagen" (after 26 December).
        case workdayAfter(day: Int, month: Int)
        /// The last day of a month: "eind december"; nil is this month ("eind van de maand").
        case endOfMonth(Int?)
    }

    enum Part: Hashable {
        case morning, afternoon, evening, endOfDay
        /// "vannacht": the coming night, so early hours are those of the next morning.
        case night

        var minute: Int {
            switch self {
            case .night: PromiseDueReader.nightEnd
            case .morning: PromiseDueReader.morning
            case .afternoon: PromiseDueReader.afternoon
            case .evening: PromiseDueReader.evening
            case .endOfDay: PromiseDueReader.endOfDay
            }
        }
    }

    var day: Day?
    var part: Part?
    var midnight = false
    /// "binnen 2 uur": from now, whatever else is said.
    var duration: TimeInterval?
    /// The hour as written (`padded`: with a leading zero, "06:30"); `clock` applies the part of the day.
    var hour: (hour: Int, minute: Int, padded: Bool)?
    /// The start of a window ("tussen 9 en 10"): `hour` is its end, the time the promise is due.
    var windowStart: (hour: Int, minute: Int, padded: Bool)?
    /// "vandaag" (or "vanavond" and the like) is said: a weekday named beside it may be today.
    var namesToday = false

    /// Minutes since midnight of the hour named: "om 3 uur" and "half drie" are in the
    /// afternoon, "vanavond om 8 uur" is 20:00, "06:30" (with its zero) stays as written;
    /// the end of a window is after its start ("tussen 5 en 7" is 17:00 to 19:00).
    var clock: Int? {
        guard let hour else { return nil }
        var end = minutes(hour)
        if let windowStart, end < minutes(windowStart), end + 12 * 60 < 24 * 60 { end += 12 * 60 }
        return end
    }

    func minutes(_ written: (hour: Int, minute: Int, padded: Bool)) -> Int {
        var (h, m, padded) = written
        if part == .night {
            // "vannacht om 2 uur" is 02:00; "om 11 uur vannacht" 23:00; "12 uur vannacht" midnight.
            if (7...11).contains(h) { h += 12 } else if h == 12 { h = 0 }
        } else if part == .evening, (1...11).contains(h) {
            h += 12
        } else if part != .morning, !padded, (1...6).contains(h) {
            h += 12
        }
        return h * 60 + m
    }

    init?(_ tokens: [String]) {
        var index = 0
        while index < tokens.count {
            index += read(tokens, at: index)
        }
        guard day != nil || hour != nil || part != nil || midnight || duration != nil else { return nil }
    }

    /// Reads what starts at `index`; returns how many tokens it took (at least one).
    mutating func read(_ tokens: [String], at index: Int) -> Int {
        let word = tokens[index]
        func token(_ offset: Int) -> String? { tokens.indices.contains(index + offset) ? tokens[index + offset] : nil }
        func setDay(_ new: Day) {
            // "Ik heb het vandaag doorgegeven; u hoort morgen van ons": the later day is the promise.
            if day == nil || day == .offset(0) { day = new }
            // "donderdag 24 december": the date is the more exact of the two, also when they disagree.
            if case .date = new, case .weekday? = day { day = new }
        }
        func setPart(_ new: Part) { if part == nil { part = new } }

        if ["binnen", "over"].contains(word), let (amount, length) = Self.amount(tokens, from: index + 1) {
            switch amount {
            case .seconds(let seconds): if duration == nil { duration = seconds }
            case .day(let found): setDay(found)
            }
            return 1 + length
        }
        if let (found, found2) = Self.dayWords[word] {
            if found == .offset(0) { namesToday = true }
            if let found { setDay(found) }
            if let found2 { setPart(found2) }
            return 1
        }
        if let weekday = Self.weekday(word) {
            setDay(.weekday(weekday.0, nextWeek: false))
            if let part = weekday.1 { setPart(part) }
            return 1
        }
        if ["volgende", "komende", "deze"].contains(word), token(1) == "week" {
            if let next = token(2).flatMap(Self.weekday) {
                setDay(.weekday(next.0, nextWeek: word != "deze"))
                if let part = next.1 { setPart(part) }
                return 3
            }
            setDay(.endOfWeek(nextWeek: word != "deze"))
            return 2
        }
        // "begin volgende week": Tuesday of next week; "eind (van) volgende week": its Friday.
        if ["begin", "eind", "einde"].contains(word) {
            var next = 1
            if token(next) == "van" { next += 1 }
            if token(next) == "de" { next += 1 }
            if let which = token(next), ["volgende", "komende", "deze"].contains(which), token(next + 1) == "week" {
                let nextWeek = which != "deze"
                setDay(word == "begin" ? .weekday(.tuesday, nextWeek: nextWeek) : .endOfWeek(nextWeek: nextWeek))
                return next + 2
            }
            // "eind december", "eind van de maand", "einde deze maand": its last day; "begin januari":
            // the 10th, the latest a customer told "begin" would still call it kept.
            if let month = token(next).flatMap({ Self.months[$0] }) {
                setDay(word == "begin" ? .date(day: 10, month: month, year: nil) : .endOfMonth(month))
                return next + 1
            }
            if word != "begin", token(next) == "maand" || (token(next) == "deze" && token(next + 1) == "maand") {
                setDay(.endOfMonth(nil))
                return token(next) == "maand" ? next + 1 : next + 2
            }
        }
        // "half december", "medio december": the 15th.
        if ["half", "medio"].contains(word), let month = token(1).flatMap({ Self.months[$0] }) {
            setDay(.date(day: 15, month: month, year: nil))
            return 2
        }
        // "na de kerstdagen", "na kerst": the first working day after Boxing Day; "na de feestdagen",
        // "na de jaarwisseling", "na nieuwjaar": the first after New Year's Day.
        if word == "na" {
            let next = token(1) == "de" ? 2 : 1
            if let what = token(next), let (dayOfMonth, month) = Self.holidayPeriods[what] {
                setDay(.workdayAfter(day: dayOfMonth, month: month))
                return next + 1
            }
        }
        // "tussen 9 en 10", "van 14:00 tot 15:00 uur": the promise holds until the window's end.
        if hour == nil, ["tussen", "van"].contains(word), let window = Self.window(tokens, from: index + 1) {
            windowStart = window.start
            hour = window.end
            return 1 + window.length
        }
        if ["eind", "einde"].contains(word), token(1) == "van", token(2) == "de" || token(2) == "deze", let what = token(3) {
            switch what {
            case "dag", "werkdag": setPart(.endOfDay)
            case "ochtend", "morgen": setPart(.morning)
            case "middag": setPart(.afternoon)
            case "week", "werkweek": setDay(.endOfWeek(nextWeek: false))
            default: return 1
            }
            return 4
        }
        if ["voor", "na"].contains(word), token(1) == "het", token(2) == "weekend" {
            setDay(word == "voor" ? .endOfWeek(nextWeek: false) : .weekday(.monday, nextWeek: false))
            return 3
        }
        if let part = Self.partWords[word] {
            setPart(part)
            return 1
        }
        if word == "middernacht" {
            midnight = true
            return 1
        }
        if word != "24/7", let date = Self.numericDate(word) {
            setDay(date)
            return 1
        }
        if let dayOfMonth = Int(word), (1...31).contains(dayOfMonth), let month = token(1).flatMap({ Self.months[$0] }) {
            var year: Int?
            if let next = token(2), next.count == 4, let value = Int(next), (2000...2100).contains(value) { year = value }
            setDay(.date(day: dayOfMonth, month: month, year: year))
            return year == nil ? 2 : 3
        }
        if hour == nil, index == 0 || tokens[index - 1] != "€", let clock = Self.clockToken(word) {
            hour = clock
            return 1
        }
        // "half drie", "kwart over vier", "kwart voor vijf".
        if hour == nil, ["half", "kwart"].contains(word), let (found, length) = Self.hour(tokens, at: index) {
            hour = found
            return length
        }
        // "12 uur", "om drie uur"; a number in words only after "om", "voor" and the like ("na een uur" is a while).
        if hour == nil, let h = Self.hourNumber(word), token(1) == "uur", index == 0 || tokens[index - 1] != "€",
            word.first?.isNumber == true || (index > 0 && Self.beforeHour.contains(tokens[index - 1]))
        {
            hour = (h, 0, word.hasPrefix("0"))
            return 2
        }
        // "Ik bel u om 3 terug": a bare number after "om", "rond" or "tegen" followed by nothing a
        // number counts ("om 3 redenen").
        if hour == nil, ["om", "rond", "tegen", "uiterlijk"].contains(word), let next = token(1), let h = Self.hourNumber(next),
            token(2).map({ Self.afterBareHour.contains($0) }) ?? true
        {
            hour = (h, 0, next.hasPrefix("0"))
            return 2
        }
        return 1
    }

    enum Amount {
        case seconds(TimeInterval)
        case day(Day)
    }

    /// After "binnen"/"over": "[de|het|een] N eenheid" ("binnen twee werkdagen", "binnen het
    /// uur", "over een half uur"). "Een paar dagen" names no amount.
    static func amount(_ tokens: [String], from start: Int) -> (Amount, Int)? {
        var index = start
        func token(_ i: Int) -> String? { tokens.indices.contains(i) ? tokens[i] : nil }
        var count: Double?
        if let word = token(index), ["de", "het"].contains(word) {
            index += 1
            if word == "het" { count = 1 }
        }
        if count == nil, let word = token(index), let value = Self.count(word) {
            count = Double(value)
            index += 1
        }
        if token(index) == "half" {
            count = (count == 1 ? 0.5 : (count ?? 0) + 0.5)
            index += 1
        } else if token(index) == "anderhalf" {
            count = 1.5
            index += 1
        }
        guard let count, count > 0, let unit = token(index) else { return nil }
        let length = index + 1 - start
        switch unit {
        case "uur", "uren": return (.seconds(count * 3600), length)
        case "minuut", "minuten": return (.seconds(count * 60), length)
        case "kwartier": return (.seconds(count * 900), length)
        case "dag", "dagen": return count == count.rounded() ? (.day(.offset(Int(count))), length) : (.seconds(count * 86400), length)
        case "werkdag", "werkdagen": return count == count.rounded() ? (.day(.workdays(Int(count))), length) : nil
        case "week", "weken": return count == count.rounded() ? (.day(.offset(7 * Int(count))), length) : nil
        default: return nil
        }
    }
}
