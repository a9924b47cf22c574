import Foundation
import SignaalDomain
import XCTest

/// UTC instant built independently of the code under test.
func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0, _ s: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min, second: s))!
}

/// Amsterdam local instant via Foundation's Calendar (independent of the engine).
func ams(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
    return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
}

func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay { CalendarDay(year: y, month: m, day: d) }

/// SplitMix64, fixed seed → reproducible "random" inputs.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}

final class DutchHolidaysTests: XCTestCase {
    func testEaster() {
        XCTAssertEqual(DutchHolidays.easterSunday(year: 2024), day(2024, 3, 31))
        XCTAssertEqual(DutchHolidays.easterSunday(year: 2025), day(2025, 4, 20))
        XCTAssertEqual(DutchHolidays.easterSunday(year: 2026), day(2026, 4, 5))
        XCTAssertEqual(DutchHolidays.easterSunday(year: 2027), day(2027, 3, 28))
        XCTAssertEqual(DutchHolidays.easterSunday(year: 2000), day(2000, 4, 23))
        XCTAssertEqual(DutchHolidays.easterSunday(year: 2038), day(2038, 4, 25))
    }

    func testKoningsdag() {
        XCTAssertEqual(DutchHolidays.koningsdag(year: 2025), day(2025, 4, 26))   // 27th is a Sunday
        XCTAssertEqual(DutchHolidays.koningsdag(year: 2026), day(2026, 4, 27))
        XCTAssertEqual(day(2025, 4, 27).weekday, .sunday)
        XCTAssertEqual(day(2026, 4, 27).weekday, .monday)
    }

    func testHolidays2026() {
        let list = DutchHolidays().holidays(year: 2026)
        let byName = Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0.date) })
        XCTAssertEqual(byName["Nieuwjaarsdag"], day(2026, 1, 1))
        XCTAssertEqual(byName["Eerste Paasdag"], day(2026, 4, 5))
        XCTAssertEqual(byName["Tweede Paasdag"], day(2026, 4, 6))
        XCTAssertEqual(byName["Koningsdag"], day(2026, 4, 27))
        XCTAssertEqual(byName["Hemelvaartsdag"], day(2026, 5, 14))
        XCTAssertEqual(byName["Eerste Pinksterdag"], day(2026, 5, 24))
        XCTAssertEqual(byName["Tweede Pinksterdag"], day(2026, 5, 25))
        XCTAssertEqual(byName["Eerste Kerstdag"], day(2026, 12, 25))
        XCTAssertEqual(byName["Tweede Kerstdag"], day(2026, 12, 26))
        XCTAssertNil(byName["Goede Vrijdag"])          // default: not a day off
        XCTAssertNil(byName["Bevrijdingsdag"])         // 2026 is not a lustrum year
        XCTAssertEqual(list.count, 9)
        XCTAssertEqual(list.map(\.date), list.map(\.date).sorted())
    }

    func testOptions() {
        let all = DutchHolidays(goodFriday: true, liberationDay: .everyYear)
        XCTAssertEqual(all.holiday(on: day(2026, 4, 3))?.name, "Goede Vrijdag")
        XCTAssertEqual(all.holiday(on: day(2026, 5, 5))?.name, "Bevrijdingsdag")
        XCTAssertEqual(all.holidays(year: 2026).count, 11)
        let lustrum = DutchHolidays()
        XCTAssertTrue(lustrum.isHoliday(day(2025, 5, 5)))
        XCTAssertTrue(lustrum.isHoliday(day(2030, 5, 5)))
        XCTAssertFalse(lustrum.isHoliday(day(2026, 5, 5)))
        XCTAssertFalse(DutchHolidays(liberationDay: .never).isHoliday(day(2025, 5, 5)))
        XCTAssertEqual(DutchHolidays.allHolidays(year: 2024).count, 11)
        XCTAssertEqual(DutchHolidays.allHolidays(year: 2024).first { $0.kind == .goedeVrijdag }?.date, day(2024, 3, 29))
    }

    func testCalendarDay() {
        XCTAssertEqual(day(1970, 1, 1).dayNumber, 0)
        XCTAssertEqual(CalendarDay(dayNumber: day(2028, 2, 29).dayNumber), day(2028, 2, 29))
        XCTAssertEqual(day(2026, 12, 31).adding(days: 1), day(2027, 1, 1))
        XCTAssertEqual(CalendarDay(isoString: "2026-04-27"), day(2026, 4, 27))
        XCTAssertNil(CalendarDay(isoString: "2026-02-30"))
        XCTAssertNil(CalendarDay(isoString: "27-04-2026"))
        XCTAssertEqual(day(2026, 4, 7).isoString, "2026-04-07")
    }
}

final class BusinessCalendarTests: XCTestCase {
    let standard = BusinessCalendar.standard

    func testFridayEveningToMonday() {
        // Friday 9 Jan 2026 17:30 CET + 60 business minutes → Monday 12 Jan 08:30 CET (07:30 UTC).
        let start = ams(2026, 1, 9, 17, 30)
        XCTAssertEqual(start, utc(2026, 1, 9, 16, 30))
        XCTAssertEqual(standard.deadline(from: start, adding: 3600), utc(2026, 1, 12, 7, 30))
        XCTAssertEqual(standard.businessSeconds(from: start, to: utc(2026, 1, 12, 7, 30)), 3600)
    }

    func testDeadlineExactlyAtClosingStaysSameDay() {
        XCTAssertEqual(standard.deadline(from: ams(2026, 1, 9, 17), adding: 3600), ams(2026, 1, 9, 18))
    }

    func testKoningsdag2026DueTuesday() {
        // Monday 27 April 2026 is Koningsdag: closed. 10:00 + 60 min → Tuesday 28 April 09:00 CEST.
        let start = ams(2026, 4, 27, 10)
        XCTAssertFalse(standard.isOpen(at: start))
        XCTAssertTrue(standard.isClosedAllDay(day(2026, 4, 27)))
        XCTAssertEqual(standard.closureReason(on: day(2026, 4, 27)), "Koningsdag")
        XCTAssertEqual(standard.deadline(from: start, adding: 3600), utc(2026, 4, 28, 7))
        XCTAssertEqual(standard.nextOpening(after: start), utc(2026, 4, 28, 6))
    }

    func testDSTSpringForward() {
        // Saturday 28 March 2026 10:00 CET; Sunday 29 March clocks go 02:00 → 03:00.
        let start = ams(2026, 3, 28, 10)
        XCTAssertEqual(start, utc(2026, 3, 28, 9))
        XCTAssertEqual(standard.deadline(from: start, adding: 3600), utc(2026, 3, 30, 7))   // Mon 09:00 CEST
        // Friday 27 March 17:00 CET → Monday 30 March 09:00 CEST = 1 h + 1 h.
        XCTAssertEqual(standard.businessSeconds(from: utc(2026, 3, 27, 16), to: utc(2026, 3, 30, 7)), 7200)

        // Open on Sunday 08:00–18:00: still 10 h on the 23-hour day.
        var sundays = standard
        sundays.openingHours.sunday = [OpeningInterval(startHour: 8, endHour: 18)]
        XCTAssertEqual(sundays.openIntervals(on: day(2026, 3, 29)),
                       [DateInterval(start: utc(2026, 3, 29, 6), end: utc(2026, 3, 29, 16))])
        XCTAssertEqual(sundays.deadline(from: start, adding: 9 * 3600), utc(2026, 3, 29, 15))   // Sat closed; Sun 08:00 CEST + 9 h

        // 24-hour desk: the Sunday has 23 open hours.
        let always = BusinessCalendar(openingHours: OpeningHours(weekdays: [OpeningInterval(start: 0, end: 1440)],
                                                                 saturday: [OpeningInterval(start: 0, end: 1440)],
                                                                 sunday: [OpeningInterval(start: 0, end: 1440)]),
                                      publicHolidays: nil)
        XCTAssertEqual(always.businessSeconds(from: ams(2026, 3, 29), to: ams(2026, 3, 30)), 23 * 3600)
        // A boundary in the skipped hour maps to the transition instant (03:00 CEST = 01:00 UTC).
        XCTAssertEqual(always.date(on: day(2026, 3, 29), hour: 2, minute: 30), utc(2026, 3, 29, 1))
        XCTAssertEqual(always.date(on: day(2026, 3, 29), hour: 3), utc(2026, 3, 29, 1))
        XCTAssertEqual(always.date(on: day(2026, 3, 29), hour: 1, minute: 59), utc(2026, 3, 29, 0, 59))
    }

    func testDSTFallBack() {
        // Saturday 24 Oct 2026 10:00 CEST (08:00 UTC) + 60 → Monday 26 Oct 09:00 CET (08:00 UTC).
        XCTAssertEqual(standard.deadline(from: ams(2026, 10, 24, 10), adding: 3600), utc(2026, 10, 26, 8))
        // Friday 23 Oct 17:30 CEST (15:30 UTC) + 60 → Monday 26 Oct 08:30 CET (07:30 UTC).
        XCTAssertEqual(standard.deadline(from: utc(2026, 10, 23, 15, 30), adding: 3600), utc(2026, 10, 26, 7, 30))
        let always = BusinessCalendar(openingHours: OpeningHours(weekdays: [OpeningInterval(start: 0, end: 1440)],
                                                                 saturday: [OpeningInterval(start: 0, end: 1440)],
                                                                 sunday: [OpeningInterval(start: 0, end: 1440)]),
                                      publicHolidays: nil)
        XCTAssertEqual(always.businessSeconds(from: ams(2026, 10, 25), to: ams(2026, 10, 26)), 25 * 3600)
        // Ambiguous 02:30 → first occurrence (CEST, 00:30 UTC).
        XCTAssertEqual(always.date(on: day(2026, 10, 25), hour: 2, minute: 30), utc(2026, 10, 25, 0, 30))
        var sundays = standard
        sundays.openingHours.sunday = [OpeningInterval(startHour: 8, endHour: 18)]
        XCTAssertEqual(sundays.businessSeconds(from: ams(2026, 10, 25), to: ams(2026, 10, 26)), 10 * 3600)
        XCTAssertEqual(sundays.deadline(from: ams(2026, 10, 25), adding: 10 * 3600), utc(2026, 10, 25, 17))
    }

    func testYearEndAndChristmas() {
        // Thu 24 Dec 2026 17:00 + 2 h: 1 h Thursday, Fri 25 + Sat/Sun closed → Monday 28 Dec 09:00 CET.
        XCTAssertEqual(standard.deadline(from: ams(2026, 12, 24, 17), adding: 7200), utc(2026, 12, 28, 8))
        // Thu 31 Dec 2026 17:30 + 1 h: Fri 1 Jan 2027 closed → Monday 4 Jan 08:30 CET.
        XCTAssertEqual(standard.deadline(from: ams(2026, 12, 31, 17, 30), adding: 3600), utc(2027, 1, 4, 7, 30))
    }

    func testIsOpenAndNextOpening() {
        XCTAssertTrue(standard.isOpen(at: ams(2026, 1, 12, 8)))
        XCTAssertTrue(standard.isOpen(at: ams(2026, 1, 12, 17, 59)))
        XCTAssertFalse(standard.isOpen(at: ams(2026, 1, 12, 18)))
        XCTAssertFalse(standard.isOpen(at: ams(2026, 1, 10, 12)))   // Saturday
        XCTAssertEqual(standard.nextOpening(after: ams(2026, 1, 10, 12)), ams(2026, 1, 12, 8))
        XCTAssertEqual(standard.nextOpening(after: ams(2026, 1, 12, 9)), ams(2026, 1, 12, 9))
        XCTAssertEqual(standard.nextOpening(after: ams(2026, 1, 12, 18)), ams(2026, 1, 13, 8))
    }

    func testSplitIntervalsAndClosedDays() {
        var calendar = BusinessCalendar(
            openingHours: OpeningHours(weekdays: [OpeningInterval(startHour: 8, endHour: 12),
                                                  OpeningInterval(startHour: 13, endHour: 20)],
                                       saturday: [OpeningInterval(startHour: 9, endHour: 17)]))
        XCTAssertNoThrow(try calendar.validate())
        // Monday 12 Jan 2026 11:30 + 1 h → 13:30 (lunch break skipped).
        XCTAssertEqual(calendar.deadline(from: ams(2026, 1, 12, 11, 30), adding: 3600), ams(2026, 1, 12, 13, 30))
        calendar.closedDays = [day(2026, 1, 13)]
        // Monday 19:30 + 1 h: 30 min Monday, Tuesday closed → Wednesday 08:30.
        XCTAssertEqual(calendar.deadline(from: ams(2026, 1, 12, 19, 30), adding: 3600), ams(2026, 1, 14, 8, 30))
        // Saturday open 9–17.
        XCTAssertEqual(calendar.businessSeconds(from: ams(2026, 1, 10), to: ams(2026, 1, 11)), 8 * 3600)
    }

    func testBusinessSecondsIsInverseOfDeadline() {
        var rng = SplitMix64(state: 0x5EED_2026)
        let calendars: [BusinessCalendar] = [
            .standard,
            BusinessCalendar(
                openingHours: OpeningHours(
                    weekdays: [OpeningInterval(startHour: 8, endHour: 12), OpeningInterval(startHour: 12, startMinute: 30, endHour: 20)],
                    saturday: [OpeningInterval(startHour: 9, endHour: 17)],
                    sunday: [OpeningInterval(start: 0, end: 1440)]),
                publicHolidays: DutchHolidays(goodFriday: true, liberationDay: .everyYear),
                closedDays: [day(2026, 3, 30), day(2025, 12, 31)]),
        ]
        let from = utc(2024, 1, 1).timeIntervalSince1970
        let to = utc(2028, 1, 1).timeIntervalSince1970
        for calendar in calendars {
            for _ in 0..<400 {
                let start = Date(timeIntervalSince1970: from + Double(rng.int(0...Int(to - from))))
                let seconds = TimeInterval(rng.int(1...(300 * 3600)))
                let due = calendar.deadline(from: start, adding: seconds)
                XCTAssertEqual(calendar.businessSeconds(from: start, to: due), seconds, "start \(start), +\(seconds)")
                XCTAssertTrue(calendar.isOpen(at: due.addingTimeInterval(-1)), "due \(due) must follow open time")
                // Additivity: businessSeconds(a, c) = businessSeconds(a, b) + businessSeconds(b, c).
                let mid = Date(timeIntervalSince1970: start.timeIntervalSince1970
                                   + Double(rng.int(0...Int(due.timeIntervalSince(start)))))
                XCTAssertEqual(calendar.businessSeconds(from: start, to: mid) + calendar.businessSeconds(from: mid, to: due),
                               seconds, accuracy: 1e-6)
            }
        }
    }

    func testPerformanceThousandBusinessHours() {
        let start = ams(2026, 1, 5, 9)
        let seconds: TimeInterval = 1000 * 3600
        let due = standard.deadline(from: start, adding: seconds)
        XCTAssertEqual(standard.businessSeconds(from: start, to: due), seconds)
        let runs = 50
        let t0 = Date()
        for _ in 0..<runs { _ = standard.deadline(from: start, adding: seconds) }
        let perCall = Date().timeIntervalSince(t0) / Double(runs)
        print("deadline(+1000 business hours): \(perCall * 1e6) µs per call")
        XCTAssertLessThan(perCall, 0.02)   // generous bound for debug builds on a busy machine
    }

    func testNoOpeningHoursDoesNotHang() {
        let closed = BusinessCalendar(openingHours: .closed)
        let now = utc(2026, 1, 1)
        XCTAssertEqual(closed.deadline(from: now, adding: 3600), .distantFuture)
        XCTAssertNil(closed.nextOpening(after: now))
        XCTAssertFalse(closed.isOpen(at: now))
        XCTAssertEqual(closed.businessSeconds(from: now, to: utc(2030, 1, 1)), 0)

        // Open only on one weekday, but every such day is closed for years: gives up, no hang.
        var mondaysOnly = BusinessCalendar(openingHours: OpeningHours(monday: [OpeningInterval(startHour: 8, endHour: 18)]))
        let firstMonday = day(2026, 1, 5)
        mondaysOnly.closedDays = (0..<200).map { firstMonday.adding(days: 7 * $0) }
        XCTAssertEqual(mondaysOnly.deadline(from: now, adding: 3600), .distantFuture)
        XCTAssertNil(mondaysOnly.nextOpening(after: now))

        // Huge targets stop at the scan cap instead of looping.
        XCTAssertEqual(BusinessCalendar.standard.deadline(from: now, adding: 1e12), .distantFuture)
        XCTAssertEqual(BusinessCalendar.standard.deadline(from: now, adding: .infinity), .distantFuture)
        XCTAssertEqual(BusinessCalendar.standard.deadline(from: now, adding: 0), now)
        XCTAssertEqual(BusinessCalendar.standard.businessSeconds(from: now, to: now.addingTimeInterval(-10)), 0)
    }
}

final class BusinessCalendarConfigTests: XCTestCase {
    func testJSONRoundTrip() throws {
        let calendar = BusinessCalendar(
            openingHours: OpeningHours(weekdays: [OpeningInterval(startHour: 8, endHour: 20)],
                                       saturday: [OpeningInterval(startHour: 9, endHour: 17)]),
            publicHolidays: DutchHolidays(goodFriday: true, liberationDay: .everyYear),
            closedDays: [day(2026, 12, 31), day(2026, 12, 24)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(calendar)
        let json = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(json.contains("\"closedDays\":[\"2026-12-24\",\"2026-12-31\"]"), json)
        XCTAssertTrue(json.contains("\"timeZoneIdentifier\":\"Europe\\/Amsterdam\""), json)
        var decoded = try JSONDecoder().decode(BusinessCalendar.self, from: data)
        XCTAssertEqual(decoded.openingHours, calendar.openingHours)
        XCTAssertEqual(decoded.publicHolidays, calendar.publicHolidays)
        XCTAssertEqual(Set(decoded.closedDays), Set(calendar.closedDays))
        decoded.closedDays = calendar.closedDays
        XCTAssertEqual(decoded, calendar)

        let noHolidays = BusinessCalendar(publicHolidays: nil)
        XCTAssertEqual(try JSONDecoder().decode(BusinessCalendar.self, from: try encoder.encode(noHolidays)), noHolidays)
        XCTAssertEqual(try JSONDecoder().decode(BusinessCalendar.self, from: Data("{}".utf8)), .standard)
    }

    func testAdminJSONWithClockStrings() throws {
        let json = """
        {"timeZone": "Europe/Amsterdam",
         "openingHours": {"monday": [{"start": "08:00", "end": "12:00"}, {"start": 780, "end": "17:30"}],
                          "saturday": [{"start": "9:00", "end": "24:00"}]},
         "publicHolidays": {"liberationDay": "everyYear"},
         "closedDays": ["2026-07-01"]}
        """
        let calendar = try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
        XCTAssertEqual(calendar.openingHours.monday, [OpeningInterval(start: 480, end: 720), OpeningInterval(start: 780, end: 1050)])
        XCTAssertEqual(calendar.openingHours.saturday, [OpeningInterval(start: 540, end: 1440)])
        XCTAssertEqual(calendar.openingHours.tuesday, [])
        XCTAssertEqual(calendar.publicHolidays, DutchHolidays(goodFriday: false, liberationDay: .everyYear))
        XCTAssertEqual(calendar.closedDays, [day(2026, 7, 1)])
    }

    private func decodeError(_ json: String) -> BusinessCalendarError? {
        do {
            _ = try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
            return nil
        } catch let error as BusinessCalendarError {
            return error
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    func testValidationErrors() {
        let endBeforeStart = decodeError(#"{"openingHours": {"monday": [{"start": "18:00", "end": "08:00"}]}}"#)
        XCTAssertEqual(endBeforeStart, .endNotAfterStart(weekday: .monday, interval: OpeningInterval(start: 1080, end: 480)))
        XCTAssertEqual(endBeforeStart?.message,
                       "Ongeldig tijdvak op maandag: de eindtijd (08:00) moet na de begintijd (18:00) liggen.")

        let overlap = decodeError(#"{"openingHours": {"tuesday": [{"start": 480, "end": 720}, {"start": 660, "end": 1020}]}}"#)
        XCTAssertEqual(overlap, .overlappingIntervals(weekday: .tuesday, first: OpeningInterval(start: 480, end: 720),
                                                      second: OpeningInterval(start: 660, end: 1020)))
        XCTAssertEqual(overlap?.errorDescription, "Overlappende tijdvakken op dinsdag: 08:00–12:00 en 11:00–17:00.")

        let range = decodeError(#"{"openingHours": {"friday": [{"start": 480, "end": 1500}]}}"#)
        XCTAssertEqual(range, .minuteOutOfRange(weekday: .friday, minute: 1500))
        XCTAssertTrue(range?.message.contains("vrijdag") ?? false)

        let negative = decodeError(#"{"openingHours": {"friday": [{"start": -10, "end": 600}]}}"#)
        XCTAssertEqual(negative, .minuteOutOfRange(weekday: .friday, minute: -10))

        let none = decodeError(#"{"openingHours": {"sunday": []}}"#)
        XCTAssertEqual(none, .noOpeningHours)
        XCTAssertTrue(none?.message.hasPrefix("Er zijn geen openingstijden") ?? false)

        XCTAssertEqual(decodeError(#"{"timeZone": "Europe/Amsterdm"}"#), .unknownTimeZone("Europe/Amsterdm"))

        // Touching intervals are fine.
        XCTAssertNil(decodeError(#"{"openingHours": {"monday": [{"start": 480, "end": 720}, {"start": 720, "end": 1020}]}}"#))
        // Bad date strings are decoding errors with a Dutch hint.
        XCTAssertThrowsError(try JSONDecoder().decode(BusinessCalendar.self, from: Data(#"{"closedDays": ["2026-02-30"]}"#.utf8)))
        XCTAssertThrowsError(try BusinessCalendar(openingHours: .closed).validate()) { error in
            XCTAssertEqual(error.localizedDescription, BusinessCalendarError.noOpeningHours.message)
        }
    }
}
