import Foundation

/// Which number comes first in a date like `01/02/2026`: Dutch Excel writes day-month, English
/// (American) Excel month-day. ISO dates (`2026-02-01`) are the same either way.
public enum CSVDateOrder: Sendable, Hashable {
    case dayMonth
    case monthDay

    /// The values `--date-order` takes: `dmy` or `mdy`, or their Dutch spelling `dmj`, `mdj`.
    public init?(flag: String) {
        switch flag.trimmingCharacters(in: .whitespaces).lowercased() {
        case "dmy", "dmj": self = .dayMonth
        case "mdy", "mdj": self = .monthDay
        default: return nil
        }
    }

    var dutchName: String {
        switch self {
        case .dayMonth: "dag-maand-jaar"
        case .monthDay: "maand-dag-jaar"
        }
    }

    /// How a column's dates are read, and a line for the user when it is not plainly Dutch.
    struct Decision {
        var order: CSVDateOrder
        var note: String?
    }

    /// Decides from all the column's values: one date that only fits month first (`11/13/2026`)
    /// makes the column American; when none decides, Dutch is kept but said, since `01/02/2026`
    /// is then a guess. Dates that only fit day first next to dates that only fit month first
    /// refuse the file: whichever order is taken, rows would get a wrong date without a word.
    static func decide(
        _ values: [(line: Int, raw: String)], column: String, timeZone: TimeZone, now: Date
    ) throws(CSVImportError) -> Decision {
        var dayFirst: [(line: Int, raw: String)] = []
        var monthFirst: [(line: Int, raw: String)] = []
        var ambiguous: [(line: Int, raw: String)] = []
        for value in values {
            let asDayMonth = CSVDateParser.parse(value.raw, order: .dayMonth, timeZone: timeZone, now: now)
            let asMonthDay = CSVDateParser.parse(value.raw, order: .monthDay, timeZone: timeZone, now: now)
            switch (asDayMonth, asMonthDay) {
            // The same moment both ways: ISO, or a day equal to its month (`03-03-2026`).
            case let (dm?, md?) where dm != md: ambiguous.append(value)
            case (_?, nil): dayFirst.append(value)
            case (nil, _?): monthFirst.append(value)
            default: break
            }
        }
        if !dayFirst.isEmpty && !monthFirst.isEmpty {
            throw .contradictoryDateOrder(
                column: column, dayFirstLines: dayFirst.map(\.line), monthFirstLines: monthFirst.map(\.line)
            )
        }
        if let first = monthFirst.first {
            return Decision(
                order: .monthDay,
                note: "datums: ‘\(column)’ gelezen als maand-dag-jaar (Engelse Excel), want ‘\(first.raw)’ op regel \(first.line) "
                    + "kan geen dag-maand-jaar zijn; anders --date-order dmy."
            )
        }
        if dayFirst.isEmpty, let first = ambiguous.first {
            return Decision(
                order: .dayMonth,
                note: "datums: ‘\(column)’ gelezen als dag-maand-jaar; geen enkele datum maakt dat zeker "
                    + "(‘\(first.raw)’ op regel \(first.line) kan ook maand-dag-jaar zijn). Klopt dat niet, gebruik --date-order mdy."
            )
        }
        return Decision(order: .dayMonth, note: nil)
    }
}
