import Foundation

/// Numbers and month names as people read them: one writing for the pages, the mails and the
/// domain's own messages.
public enum Written {
    /// 20000 as "20.000" (`separator` "."), or "20,000" in English.
    public static func grouped(_ value: Int, separator: String) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: separator)
    }

    public static let dutchMonths = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
    ]
    public static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    /// As Dutch writes them short: "mrt", not "maa".
    public static let dutchMonthsShort = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    public static let englishMonthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Month `number` (1 = January) of `names`, clamped to the year.
    public static func month(_ number: Int, of names: [String]) -> String { names[max(0, min(11, number - 1))] }
}
