import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("CSV import: dates written with the month's name")
struct CSVWrittenDateTests {
    @Test("Dates written with the month's name, Dutch or English, with or without weekday and time", arguments: [
        ("5 november 2026", "2026-11-04T23:00:00Z"),
        ("5 nov. 2026", "2026-11-04T23:00:00Z"),
        ("5 nov 2026 14:05", "2026-11-05T13:05:00Z"),
        ("maandag 5 november 2026", "2026-11-04T23:00:00Z"),
        ("donderdag 5 november 2026 om 9.30 uur", "2026-11-05T08:30:00Z"),
        ("di 3 mrt. 2026", "2026-03-02T23:00:00Z"),
        ("5 Nov 2026", "2026-11-04T23:00:00Z"),
        ("November 5, 2026", "2026-11-04T23:00:00Z"),
        ("Thursday, November 5, 2026 2:05 PM", "2026-11-05T13:05:00Z"),
        ("Nov 5 2026 12:15 am", "2026-11-04T23:15:00Z"),
        ("5-nov-26", "2026-11-04T23:00:00Z"),
        ("1 mei 2026 10:00", "2026-05-01T08:00:00Z"),
        ("15 oktober 2026, 16:45", "2026-10-15T14:45:00Z"),
    ])
    func writtenDates(raw: String, utc: String) throws {
        let plan = try csvPlan("Datum;Naam;Klacht\n\(raw);Jan;Te laat\n")
        #expect(plan.rejections.isEmpty, "\(plan.rejections)")
        #expect(plan.rows.first?.draft.receivedAt == csvUTC(utc))
        #expect(plan.notes.isEmpty, "a month's name leaves no doubt about the order")
    }

    @Test("Written dates that are no date are still refused with their value", arguments: [
        "31 februari 2026", "5 novembre 2026", "5 november", "november 2026", "5 november 2026 25:00", "13:30 PM 5 nov 2026",
    ])
    func wrongWrittenDates(raw: String) throws {
        let plan = try csvPlan("Datum;Naam;Klacht\n\(raw);Jan;Te laat\n")
        #expect(plan.rows.isEmpty)
        #expect(plan.rejections.first?.reason == "‘\(raw)’ is geen geldige datum.")
    }

    @Test("A written day takes the Tijd column's time")
    func writtenDayWithTimeColumn() throws {
        let plan = try csvPlan("Datum;Tijd;Naam;Klacht\n5 november 2026;14:05;Jan;Te laat\n")
        #expect(plan.rows.first?.draft.receivedAt == csvUTC("2026-11-05T13:05:00Z"))
        #expect(plan.rows.first?.draft.warnings.isEmpty == true)
    }
}
