/// Why a whole file cannot be imported. Single bad rows are `CSVRejection`s instead.
public enum CSVImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No bytes, or only blank lines.
    case emptyFile
    /// Bytes that are no text: an Excel workbook, a PDF, a zip.
    case notText
    /// The first line holds data, not column names.
    case noHeader(firstLine: [String])
    /// The header line opens a quote that is never closed, so no line can be read.
    case unclosedQuote(line: Int)
    /// No column could be recognised as, or was named as, the complaint text.
    case noTextColumn(header: [String])
    /// A column flag with a key that names no field.
    case unknownField(String)
    /// A column flag naming a column the header does not have.
    case unknownColumn(field: String, name: String, header: [String])
    /// A column flag with a number past the last column.
    case columnOutOfRange(field: String, number: Int, columnCount: Int)
    /// The date column has dates that only fit day-month and others that only fit month-day.
    case contradictoryDateOrder(column: String, dayFirstLines: [Int], monthFirstLines: [Int])

    /// A Dutch sentence for the person importing the file.
    public var description: String {
        switch self {
        case .emptyFile:
            "Het bestand is leeg."
        case .notText:
            "Het bestand is geen leesbare tekst en dus geen CSV (een Excel-werkmap, pdf of zip?). "
                + "Sla het in Excel op als ‘CSV UTF-8’ of ‘CSV (gescheiden door lijstscheidingsteken)’ en importeer dat."
        case .noHeader(let firstLine):
            "De eerste regel bevat geen kolomnamen maar gegevens (\(Self.list(firstLine))). "
                + "Zet de kolomnamen, zoals Datum;Klacht;Naam, op de eerste regel."
        case .unclosedQuote(let line):
            "Op regel \(line) wordt een aanhalingsteken (\") geopend maar nergens gesloten; het bestand is niet te lezen."
        case .noTextColumn(let header):
            "Geen kolom met de klachttekst gevonden in de kolommen \(Self.list(header)). "
                + "Geef aan welke kolom de tekst bevat, bijvoorbeeld tekst=Omschrijving."
        case .unknownField(let key):
            "Onbekend veld '\(key)'. Kies uit: \(CSVColumnMapping.Field.allCases.map(\.dutchName).joined(separator: ", "))."
        case .unknownColumn(let field, let name, let header):
            "Kolom '\(name)' voor \(field) staat niet in het bestand. Kolommen: \(Self.list(header))."
        case .columnOutOfRange(let field, let number, let columnCount):
            "Kolom \(number) voor \(field) bestaat niet: het bestand heeft \(columnCount) kolommen."
        case .contradictoryDateOrder(let column, let dayFirstLines, let monthFirstLines):
            "De datums in kolom ‘\(column)’ spreken elkaar tegen: op \(CSVRejection.lines(dayFirstLines)) kan de datum alleen "
                + "dag-maand-jaar zijn, op \(CSVRejection.lines(monthFirstLines)) alleen maand-dag-jaar. Er is niets geïmporteerd. "
                + "Verbeter die regels, of kies de volgorde met --date-order dmy of --date-order mdy "
                + "(regels met een datum die daar niet in past, worden dan afgewezen)."
        }
    }

    private static func list(_ names: [String]) -> String {
        names.map { "‘\($0)’" }.joined(separator: ", ")
    }
}
