import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("CSV import: dates as complaint logs write them")
struct CSVDateTests {
    private func receivedAt(_ date: String) throws -> Date? {
        try csvPlan("Datum;Naam;Klacht\n\(date);Jan;Te laat\n").rows.first?.draft.receivedAt
    }

    private func rejection(_ date: String) throws -> String? {
        try csvPlan("Datum;Naam;Klacht\n\(date);Jan;Te laat\n").rejections.first?.reason
    }

    @Test("Dutch and ISO notations, read in Amsterdam time and stored as UTC", arguments: [
        ("22-11-2026 14:05", "2026-11-22T13:05:00Z"),
        ("22-11-2026", "2026-11-21T23:00:00Z"),
        ("22/11/2026 14:05:30", "2026-11-22T13:05:30Z"),
        ("22-11-26", "2026-11-21T23:00:00Z"),
        ("2-3-2026 9:05", "2026-03-02T08:05:00Z"),
        ("22.11.2026 14.05", "2026-11-22T13:05:00Z"),
        ("2026-11-22T14:05:00Z", "2026-11-22T14:05:00Z"),
        ("2026-11-22 14:05", "2026-11-22T13:05:00Z"),
        ("2026-11-22T14:05:00.250+01:00", "2026-11-22T13:05:00.250Z"),
        ("2026-06-01T08:00:00-0400", "2026-06-01T12:00:00Z"),
        ("  22-11-2026 14:05  ", "2026-11-22T13:05:00Z"),
    ])
    func readsDates(raw: String, utc: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let expected = formatter.date(from: utc) ?? csvUTC(utc)
        #expect(try receivedAt(raw) == expected)
    }

    @Test("Summer and winter time follow the Dutch clock change")
    func daylightSaving() throws {
        // Clocks go back on 25 October 2026 at 03:00 and forward on 29 March 2026 at 02:00.
        #expect(try receivedAt("24-10-2026 12:00") == csvUTC("2026-10-24T10:00:00Z"))
        #expect(try receivedAt("26-10-2026 12:00") == csvUTC("2026-10-26T11:00:00Z"))
        #expect(try receivedAt("28-03-2026 12:00") == csvUTC("2026-03-28T11:00:00Z"))
        #expect(try receivedAt("29-03-2026 12:00") == csvUTC("2026-03-29T10:00:00Z"))
    }

    @Test("Another time zone can be chosen for logs kept elsewhere")
    func otherTimeZone() throws {
        let csv = "Datum;Naam;Klacht\n22-11-2026 14:05;Jan;Te laat\n"
        let plan = try CSVImport.plan(Data(csv.utf8), timeZone: TimeZone(identifier: "America/Curacao")!, now: csvImportNow)
        #expect(plan.rows.first?.draft.receivedAt == csvUTC("2026-11-22T18:05:00Z"))
    }

    @Test("Impossible dates are rejected by name", arguments: [
        "31-02-2026", "29-02-2026", "32-01-2026", "13-13-2026", "02/31/2026", "22-11-2026 24:00", "22-11-2026 14:60",
        "gisteren", "22-11", "2026-11-22T14:05:00+25:00", "22-11-2026 14:05 uur",
    ])
    func rejectsImpossibleDates(raw: String) throws {
        #expect(try rejection(raw) == "‘\(raw)’ is geen geldige datum.")
    }

    @Test("29 February exists in leap years")
    func leapDay() throws {
        #expect(try receivedAt("29-02-2024") == csvUTC("2024-02-28T23:00:00Z"))
    }

    @Test("Future dates are rejected; a few minutes ahead is clock difference")
    func futureDates() throws {
        // csvImportNow is 25-11-2026 13:00 in Amsterdam.
        #expect(try receivedAt("25-11-2026 13:04") == csvUTC("2026-11-25T12:04:00Z"))
        #expect(try rejection("25-11-2026 13:06") == "‘25-11-2026 13:06’ ligt in de toekomst.")
        #expect(try rejection("01-01-27") == "‘01-01-27’ ligt in de toekomst.")
    }

    @Test("Two-digit years far ahead belong to the previous century, and a date before 2000 is refused with its line, not replaced")
    func twoDigitYears() throws {
        #expect(try receivedAt("15-03-05") == csvUTC("2005-03-14T23:00:00Z"))
        // Intake would put the moment of import in place of a time before 2000, without a word.
        #expect(try rejection("31-12-99") == "‘31-12-99’ ligt vóór het jaar 2000.")
        #expect(try rejection("22-11-0026") == "‘22-11-0026’ ligt vóór het jaar 2000.")
        #expect(try rejection("15-06-1999") == "‘15-06-1999’ ligt vóór het jaar 2000.")
    }

    @Test("A missing date is rejected; a file without a date column uses the import moment")
    func missingDates() throws {
        #expect(try rejection("") == "De datum ontbreekt.")
        let plan = try csvPlan("Naam;Klacht\nJan;Te laat\n")
        #expect(plan.rows.first?.draft.receivedAt == csvImportNow)
        #expect(plan.rows.first?.draft.warnings == ["Het bestand heeft geen datumkolom; het moment van importeren is als datum gebruikt."])
    }

    @Test("A column with a date only English Excel writes (month 11, day 13) is read month first, all its rows")
    func americanColumn() throws {
        let plan = try csvPlan("""
            Date,Customer,Complaint
            11/03/2026 09:15,Jan Smit,Package not delivered
            11/13/2026 14:05,Piet Bakker,Invoice charged twice
            11/20/2026,Els de Wit,"Rude staff at the counter"
            """)
        #expect(plan.rejections == [])
        #expect(plan.rows.map(\.draft.receivedAt) == [
            csvUTC("2026-11-03T08:15:00Z"), csvUTC("2026-11-13T13:05:00Z"), csvUTC("2026-11-19T23:00:00Z"),
        ])
    }

    @Test("Dates that only fit day first next to dates that only fit month first refuse the file, naming their lines")
    func contradictoryOrder() throws {
        let csv = "Datum;Naam;Klacht\n13-01-2026;Jan;Te laat\n05-02-2026;Piet;Kapot\n01/14/2026;Els;Onbeleefd\n"
        do {
            let plan = try csvPlan(csv)
            Issue.record("imported \(plan.rows.count) rows with dates in two orders")
        } catch {
            let message = "\(error)"
            #expect(message.contains("regel 2"), "\(message)")
            #expect(message.contains("regel 4"), "\(message)")
            #expect(message.contains("--date-order"), "\(message)")
        }
        // The order chosen by hand reads the file; the dates that do not fit it are refused by line.
        let forced = try CSVImport.plan(Data(csv.utf8), dateOrder: .dayMonth, now: csvImportNow)
        #expect(forced.rows.map(\.line) == [2, 3])
        #expect(forced.rejections == [CSVRejection(line: 4, reason: "‘01/14/2026’ is geen geldige datum.")])
        #expect(forced.notes == [])
    }
}
