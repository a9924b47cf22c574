import Foundation

extension PromiseWhen {
    /// Words that name a day, a part of one, or both.
    static let dayWords: [String: (Day?, Part?)] = [
        "vandaag": (.offset(0), nil), "vanochtend": (.offset(0), .morning), "vanmorgen": (.offset(0), .morning),
        "vanmiddag": (.offset(0), .afternoon), "vanavond": (.offset(0), .evening),
        "vannacht": (.offset(0), .night),
        "morgen": (.offset(1), nil), "morgenochtend": (.offset(1), .morning), "morgenvroeg": (.offset(1), .morning),
        "morgenmiddag": (.offset(1), .afternoon), "morgenavond": (.offset(1), .evening), "overmorgen": (.offset(2), nil),
    ]

    /// "na de kerstdagen": the last day of the holidays, by day and month.
    static let holidayPeriods: [String: (Int, Int)] = [
        "kerstdagen": (26, 12), "kerst": (26, 12), "kerstmis": (26, 12), "kerstvakantie": (26, 12),
        "feestdagen": (1, 1), "jaarwisseling": (1, 1), "nieuwjaar": (1, 1), "nieuwjaarsdag": (1, 1),
    ]

    /// An hour as written at `index`: "9", "9 uur", "09:30", "half 10", "kwart over 4"; with how many tokens it took.
    static func hour(_ tokens: [String], at index: Int) -> ((hour: Int, minute: Int, padded: Bool), Int)? {
        guard tokens.indices.contains(index) else { return nil }
        let word = tokens[index]
        func token(_ offset: Int) -> String? { tokens.indices.contains(index + offset) ? tokens[index + offset] : nil }
        var found: (hour: Int, minute: Int, padded: Bool)
        var length = 1
        if let clock = clockToken(word) {
            found = clock
        } else if word == "half", let h = token(1).flatMap(hourNumber) {
            found = (h == 1 ? 12 : h - 1, 30, false)
            length = 2
        } else if word == "kwart", let direction = token(1), ["over", "voor"].contains(direction), let h = token(2).flatMap(hourNumber) {
            found = direction == "over" ? (h, 15, false) : (h == 1 ? 12 : h - 1, 45, false)
            length = 3
        } else if let h = hourNumber(word) {
            found = (h, 0, word.hasPrefix("0"))
        } else {
            return nil
        }
        if token(length) == "uur" { length += 1 }
        return (found, length)
    }

    /// What follows a number that is a count, not an hour ("tussen 2 en 3 dagen", "van 9 tot 12 december").
    static let countNouns: Set<String> = [
        "dag", "dagen", "werkdag", "werkdagen", "week", "weken", "maand", "maanden", "jaar", "minuten", "minuut", "euro", "procent", "keer",
        "stuks", "kwartier",
    ]

    /// After "tussen"/"van": "9 en 10 (uur)", "14:00 tot 15:00", "9-10 uur"; the window's start and end.
    static func window(_ tokens: [String], from index: Int) -> (start: (hour: Int, minute: Int, padded: Bool), end: (hour: Int, minute: Int, padded: Bool), length: Int)? {
        func token(_ i: Int) -> String? { tokens.indices.contains(i) ? tokens[i] : nil }
        func isCount(_ i: Int) -> Bool { token(i).map { countNouns.contains($0) || months[$0] != nil } ?? false }
        // "9-10 uur" is one token, a date unless "uur" follows.
        if let word = token(index), token(index + 1) == "uur" {
            let parts = word.split(separator: "-").map(String.init)
            if parts.count == 2, let a = parts[0].count <= 2 ? Int(parts[0]) : nil, let b = parts[1].count <= 2 ? Int(parts[1]) : nil,
                (0...24).contains(a), (0...24).contains(b)
            {
                return ((a, 0, parts[0].hasPrefix("0")), (b, 0, parts[1].hasPrefix("0")), 2)
            }
        }
        guard let (start, firstLength) = hour(tokens, at: index), !isCount(index + firstLength),
            let separator = token(index + firstLength), ["en", "tot", "-"].contains(separator),
            let (end, secondLength) = hour(tokens, at: index + firstLength + 1)
        else { return nil }
        let length = firstLength + 1 + secondLength
        guard !isCount(index + length) else { return nil }
        return (start, end, length)
    }

    /// Parts of the day on their own ("'s ochtends", "in de middag").
    static let partWords: [String: Part] = [
        "ochtend": .morning, "ochtends": .morning, "morgens": .morning, "middag": .afternoon, "middags": .afternoon,
        "avond": .evening, "avonds": .evening, "nachts": .night,
    ]

    static let weekdays: [String: Weekday] = [
        "maandag": .monday, "dinsdag": .tuesday, "woensdag": .wednesday, "donderdag": .thursday, "vrijdag": .friday,
        "zaterdag": .saturday, "zondag": .sunday,
    ]

    /// "vrijdag", "vrijdagochtend", "vrijdagmiddag", "vrijdagavond".
    static func weekday(_ word: String) -> (Weekday, Part?)? {
        if let day = weekdays[word] { return (day, nil) }
        for (name, day) in weekdays where word.hasPrefix(name) {
            if let part = partWords[String(word.dropFirst(name.count))] { return (day, part) }
        }
        return nil
    }

    static let months: [String: Int] = [
        "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6,
        "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static let numberWords: [String: Int] = [
        "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11,
        "twaalf": 12, "veertien": 14, "twintig": 20, "dertig": 30,
    ]

    /// A count in digits or words: "2", "twee", "één".
    static func count(_ word: String) -> Int? {
        if let value = Int(word), (1...400).contains(value) { return value }
        return numberWords[word]
    }

    /// An hour of the clock in digits or words (0 to 24; words one to twelve).
    static func hourNumber(_ word: String) -> Int? {
        if word.count <= 2, let value = Int(word), (0...24).contains(value) { return value }
        if let value = numberWords[word], value <= 12 { return value }
        return nil
    }

    /// Words before an hour: "om drie uur", "voor twaalf uur".
    static let beforeHour: Set<String> = ["om", "voor", "rond", "tegen", "tot", "uiterlijk", "vanaf"]

    /// What may follow a bare hour ("om 3 terug", "om 3 bij u langs") without it being a count.
    static let afterBareHour: Set<String> = [
        "terug", "op", "bij", "door", "langs", "uit", "af", "toe", "en", "of", "s", "ochtends", "middags", "avonds", "nog", "al", "aan",
        "vanmiddag", "vanavond", "vanochtend", "morgen", "vandaag",
    ]

    /// "12:00", "12.00", "9:30", "12u", "12u30".
    static func clockToken(_ word: String) -> (hour: Int, minute: Int, padded: Bool)? {
        var parts = word.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        if parts.count == 1, word.last != "u", let u = word.firstIndex(of: "u"), word[..<u].allSatisfy(\.isNumber), !word[..<u].isEmpty {
            parts = [String(word[..<u]), String(word[word.index(after: u)...])]
        } else if parts.count == 1, word.hasSuffix("u"), word.dropLast().allSatisfy(\.isNumber), !word.dropLast().isEmpty {
            parts = [String(word.dropLast()), "00"]
        }
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0
        else { return nil }
        return (h, m, parts[0].hasPrefix("0"))
    }

    /// "12-12", "12/12", "12-12-2025", "12-12-25", "2025-12-12".
    static func numericDate(_ word: String) -> Day? {
        let parts = word.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        if parts.count == 3, parts[0].count == 4 {
            return valid(day: numbers[2], month: numbers[1], year: numbers[0])
        }
        guard parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        var year: Int?
        if parts.count == 3 {
            switch parts[2].count {
            case 2: year = 2000 + numbers[2]
            case 4: year = numbers[2]
            default: return nil
            }
        }
        return valid(day: numbers[0], month: numbers[1], year: year)
    }

    static func valid(day: Int, month: Int, year: Int?) -> Day? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return .date(day: day, month: month, year: year)
    }
}
