import Foundation
import SignaalDomain
import Testing

/// The due time of a promise, read from the reply's own words (capability 7).
@Suite struct PromiseDueReaderTests {
    let reader = PromiseDueReader()
    /// Monday 24 March 2025, 10:00 in Amsterdam (CET).
    static let monday = ams(2025, 3, 24, 10, 0)

    static let mondayCases: [(String, Date)] = [
        ("Ik bel u morgen voor 12:00 terug.", ams(2025, 3, 25, 12, 0)),
        ("Ik bel u morgen vóór 12.00 uur terug.", ams(2025, 3, 25, 12, 0)),
        ("Ik bel u morgen om 12 uur terug.", ams(2025, 3, 25, 12, 0)),
        ("Ik bel u morgen uiterlijk 12u terug.", ams(2025, 3, 25, 12, 0)),
        ("Ik bel u vandaag om 15:00 terug.", ams(2025, 3, 24, 15, 0)),
        ("Ik bel u om drie uur terug.", ams(2025, 3, 24, 15, 0)),
        ("Ik bel u rond 4 terug.", ams(2025, 3, 24, 16, 0)),
        ("Ik bel u morgen om half drie.", ams(2025, 3, 25, 14, 30)),
        ("Ik bel u morgen om 06:30, voor uw dienst begint.", ams(2025, 3, 25, 6, 30)),
        ("U ontvangt morgen een mail met de bevestiging.", ams(2025, 3, 25, 17, 0)),
        ("Overmorgen staat het geld op uw rekening.", ams(2025, 3, 26, 17, 0)),
        ("Wij nemen uiterlijk vrijdag contact met u op.", ams(2025, 3, 28, 17, 0)),
        ("Aanstaande vrijdag om 10:00 komt de monteur langs.", ams(2025, 3, 28, 10, 0)),
        ("Vrijdagochtend komt de monteur.", ams(2025, 3, 28, 12, 0)),
        // The weekday of today named without "vandaag" is next week's.
        ("Maandag bel ik u nog even.", ams(2025, 3, 31, 17, 0)),
        ("Vandaag, maandag, bel ik u nog even.", ams(2025, 3, 24, 17, 0)),
        ("Maandag om 09:00 bel ik u.", ams(2025, 3, 31, 9, 0)),
        ("Vanavond stuur ik u de bevestiging.", ams(2025, 3, 24, 21, 0)),
        ("Vanavond om 8 uur bel ik u.", ams(2025, 3, 24, 20, 0)),
        ("Ik bel u 's middags terug.", ams(2025, 3, 24, 17, 0)),
        ("Ik bel u morgenochtend.", ams(2025, 3, 25, 12, 0)),
        ("Voor het einde van de dag heeft u een mail van mij.", ams(2025, 3, 24, 17, 0)),
        ("Ik bel u om middernacht terug.", ams(2025, 3, 25, 0, 0)),
        ("U hoort binnen twee uur van ons.", ams(2025, 3, 24, 12, 0)),
        ("Binnen een half uur bel ik u.", ams(2025, 3, 24, 10, 30)),
        ("Ik bel u over een kwartier.", ams(2025, 3, 24, 10, 15)),
        ("Binnen 24 uur heeft u antwoord.", ams(2025, 3, 25, 10, 0)),
        ("U hoort binnen twee werkdagen van ons.", ams(2025, 3, 26, 17, 0)),
        ("Binnen één werkdag hoort u van mij.", ams(2025, 3, 25, 17, 0)),
        ("Binnen drie dagen ontvangt u een nieuwe pas.", ams(2025, 3, 27, 17, 0)),
        ("Deze week nog ontvangt u de nieuwe factuur.", ams(2025, 3, 28, 17, 0)),
        ("Volgende week krijgt u bericht.", ams(2025, 4, 4, 17, 0)),
        ("Volgende week dinsdag komt de monteur.", ams(2025, 4, 1, 17, 0)),
        ("Op 12 december ontvangt u de creditnota.", ams(2025, 12, 12, 17, 0)),
        ("Ik stuur het op 12-12 voor 10:00.", ams(2025, 12, 12, 10, 0)),
        ("Op 3 januari komt de monteur.", ams(2026, 1, 3, 17, 0)),
        ("Ik heb het vandaag doorgegeven; u hoort morgen van ons.", ams(2025, 3, 25, 17, 0)),
    ]

    @Test(arguments: mondayCases.map { ($0.0, monday, $0.1) } + qaCases.map { ($0.0, qaMonday, $0.1) })
    func readsTheDueTimeOfAPromise(_ text: String, _ now: Date, _ due: Date) {
        #expect(reader.due(of: text, now: now) == due, "\(text)")
    }

    @Test(arguments: [
        "Ik kom erop terug.",
        "We kijken ernaar.",
        "Binnen een paar dagen hoort u van ons.",
        "Uw bestelling van € 12.00 is onderweg.",
        "Wij zijn 24/7 bereikbaar.",
        "Ik bel u om een afspraak te maken.",
        "U hoort tussen 2 en 3 dagen van ons.",
        // Already past: no due time rather than one in the past.
        "Ik bel u vandaag voor 09:00 terug.",
    ])
    func namesNoDueTime(_ text: String) {
        #expect(reader.due(of: text, now: Self.monday) == nil, "\(text)")
    }

    /// Friday 28 March 2025, 19:00 CET; the clocks go forward on Sunday 30 March.
    static let fridayEvening = ams(2025, 3, 28, 19, 0)

    @Test func onFridayEveningTomorrowIsSaturday() {
        #expect(reader.due(of: "Ik bel u morgen terug.", now: Self.fridayEvening) == utc(2025, 3, 29, 16, 0))
    }

    @Test func twoWorkingDaysFromFridayIsTuesdayAcrossTheClockChange() {
        // 17:00 summer time on Tuesday is 15:00 UTC.
        #expect(reader.due(of: "U hoort binnen twee werkdagen van ons.", now: Self.fridayEvening) == utc(2025, 4, 1, 15, 0))
    }

    @Test func summerTimeWeekend() {
        #expect(reader.due(of: "Zondag om 10:00 bel ik u.", now: Self.fridayEvening) == utc(2025, 3, 30, 8, 0))
        // 02:30 does not exist that night: the moment the clock jumps to 03:00.
        #expect(reader.due(of: "Zondag om 02:30 bel ik u.", now: Self.fridayEvening) == utc(2025, 3, 30, 1, 0))
        // Hours are hours: 48 of them, though the wall clock gains one.
        #expect(reader.due(of: "Binnen 48 uur bel ik u.", now: Self.fridayEvening) == utc(2025, 3, 30, 18, 0))
        // "vandaag" said after five: before the day is over. Friday said on Friday evening: next week.
        #expect(reader.due(of: "Ik stuur het vandaag nog.", now: Self.fridayEvening) == ams(2025, 3, 28, 23, 59))
        #expect(reader.due(of: "Vrijdag bel ik u.", now: Self.fridayEvening) == ams(2025, 4, 4, 17, 0))
    }

    @Test func winterTimeWeekend() {
        let saturday = ams(2025, 10, 25, 12, 0)
        #expect(reader.due(of: "Ik bel u morgen om 12:00.", now: saturday) == utc(2025, 10, 26, 11, 0))
        #expect(reader.due(of: "Ik bel u vanavond.", now: saturday) == utc(2025, 10, 25, 19, 0))
    }

    @Test func workingDaysSkipPublicHolidays() {
        // Hemelvaartsdag, Thursday 29 May 2025.
        #expect(reader.due(of: "U hoort binnen twee werkdagen van ons.", now: ams(2025, 5, 28, 10, 0)) == ams(2025, 6, 2, 17, 0))
        // Both Christmas days fall on Thursday and Friday in 2025.
        #expect(reader.due(of: "Binnen één werkdag hoort u van mij.", now: ams(2025, 12, 24, 10, 0)) == ams(2025, 12, 29, 17, 0))
        // A team's own closed day counts too.
        let closed = PromiseDueReader(calendar: BusinessCalendar(closedDays: [CalendarDay(year: 2025, month: 3, day: 25)]))
        #expect(closed.due(of: "Binnen één werkdag hoort u van mij.", now: Self.monday) == ams(2025, 3, 26, 17, 0))
    }

    /// The QA walk-through: Monday 7 December 2026, 12:28 in Amsterdam (read with `mondayCases`).
    static let qaMonday = ams(2026, 12, 7, 12, 28)

    static let qaCases: [(String, Date)] = [
        // A window: its end.
        ("Ik bel u morgen tussen 9 en 10.", ams(2026, 12, 8, 10, 0)),
        ("Ik bel u morgen tussen 14:00 en 15:00.", ams(2026, 12, 8, 15, 0)),
        ("Ik bel u morgen van 9 tot 10 uur.", ams(2026, 12, 8, 10, 0)),
        ("De monteur komt morgen tussen 9-11 uur.", ams(2026, 12, 8, 11, 0)),
        ("Ik bel u vandaag tussen 5 en 7.", ams(2026, 12, 7, 19, 0)),
        ("Ik bel u morgen tussen half 10 en kwart over 11.", ams(2026, 12, 8, 11, 15)),
        // An explicit date beats the weekday beside it, also when they disagree (the 24th is a Thursday; the 23rd a Wednesday).
        ("Ik bel u donderdag 24 december.", ams(2026, 12, 24, 17, 0)),
        ("Ik bel u donderdag 23 december.", ams(2026, 12, 23, 17, 0)),
        ("Ik bel u op 24 december voor 12:00.", ams(2026, 12, 24, 12, 0)),
        // The start and end of next week.
        ("Ik bel u begin volgende week.", ams(2026, 12, 15, 17, 0)),
        ("Ik bel u begin van volgende week.", ams(2026, 12, 15, 17, 0)),
        ("Ik bel u eind volgende week.", ams(2026, 12, 18, 17, 0)),
        ("Ik bel u eind van volgende week.", ams(2026, 12, 18, 17, 0)),
        ("Ik bel u volgende week.", ams(2026, 12, 18, 17, 0)),
        ("U ontvangt half januari de nieuwe pas.", ams(2027, 1, 15, 17, 0)),
        // The coming night.
        ("Ik bel u vannacht om 2 uur.", ams(2026, 12, 8, 2, 0)),
        ("Vannacht zetten we het terug.", ams(2026, 12, 8, 6, 0)),
        ("Ik bel u om 11 uur vannacht.", ams(2026, 12, 7, 23, 0)),
        // Today's weekday named on it: next week's; "na het weekend" on a Monday: the next Monday.
        ("Ik bel u maandag terug.", ams(2026, 12, 14, 17, 0)),
        ("Ik mail u maandag.", ams(2026, 12, 14, 17, 0)),
        ("Ik bel u maandag om 15:00.", ams(2026, 12, 14, 15, 0)),
        ("Na het weekend bel ik u.", ams(2026, 12, 14, 17, 0)),
        ("Ik bel u dinsdag.", ams(2026, 12, 8, 17, 0)),
        // Half and quarter hours, in the afternoon as bare hours are.
        ("Ik bel u om half 3.", ams(2026, 12, 7, 14, 30)),
        ("Ik bel u om kwart over 4.", ams(2026, 12, 7, 16, 15)),
        ("Ik bel u kwart voor 5.", ams(2026, 12, 7, 16, 45)),
        // After the holidays: Christmas 2026 is Friday and Saturday, so Monday 28th; New Year's Day a Friday.
        ("Na de kerstdagen bel ik u.", ams(2026, 12, 28, 17, 0)),
        ("U hoort na kerst van ons.", ams(2026, 12, 28, 17, 0)),
        ("Na de feestdagen ontvangt u de creditnota.", ams(2027, 1, 4, 17, 0)),
        // Weeks on.
        ("Ik bel u over twee weken.", ams(2026, 12, 21, 17, 0)),
        ("Ik bel u over een week.", ams(2026, 12, 14, 17, 0)),
        // A time without "uur", the end or start of a month, and the night.
        ("Ik bel u vóór 16:00.", ams(2026, 12, 7, 16, 0)),
        ("U ontvangt eind december de creditnota.", ams(2026, 12, 31, 17, 0)),
        ("Eind van de maand staat het geld op uw rekening.", ams(2026, 12, 31, 17, 0)),
        ("Het staat einde deze maand op uw rekening.", ams(2026, 12, 31, 17, 0)),
        ("Eind februari is de nieuwe regeling er.", ams(2027, 2, 28, 17, 0)),
        ("Eind november is het geregeld.", ams(2027, 11, 30, 17, 0)),
        ("Begin januari komt de monteur.", ams(2027, 1, 10, 17, 0)),
        ("We zetten het 's nachts terug.", ams(2026, 12, 8, 6, 0)),
    ]

    @Test func vannachtSaidInTheNightIsThisNight() {
        #expect(reader.due(of: "Ik bel u vannacht om 2 uur.", now: ams(2026, 12, 8, 1, 0)) == ams(2026, 12, 8, 2, 0))
    }

    @Test func afterChristmasUsesTheTeamCalendar() {
        // Closed on Monday 28 December 2026 too: Tuesday.
        let closed = PromiseDueReader(calendar: BusinessCalendar(closedDays: [CalendarDay(year: 2026, month: 12, day: 28)]))
        #expect(closed.due(of: "Na de kerstdagen bel ik u.", now: Self.qaMonday) == ams(2026, 12, 29, 17, 0))
    }
}
