import Foundation
import SignaalDomain

/// Reads a complaint log exported from Excel or an older tool (`signaal import csv FILE`)
/// into drafts, without storing anything. Pure: the same bytes, mapping and `now` give the
/// same plan, including the generated ids, so importing a file twice adds nothing new.
public enum CSVImport {
    /// The header line's column names, for building a `CSVColumnMapping` from flags.
    public static func header(of data: Data) throws(CSVImportError) -> [String] {
        let (text, _) = try CSVTextDecoder.decode(data)
        let (records, unclosedQuoteLine) = CSVReader(text: text).read()
        return try headerRecord(records, unclosedQuoteLine: unclosedQuoteLine).fields.map(trimmed)
    }

    public static func plan(
        _ data: Data,
        mapping: CSVColumnMapping? = nil,
        defaultChannel: Channel = .other,
        dateOrder: CSVDateOrder? = nil,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam")!,
        now: Date = Date()
    ) throws(CSVImportError) -> CSVImportPlan {
        let (text, encoding) = try CSVTextDecoder.decode(data)
        let reader = CSVReader(text: text)
        let (records, unclosedQuoteLine) = reader.read()
        let headerRecord = try headerRecord(records, unclosedQuoteLine: unclosedQuoteLine)
        let header = headerRecord.fields.map(trimmed)
        let mapping = try resolve(mapping, header: header)
        let dataRecords = records.filter { $0.line > headerRecord.line && !isBlank($0) }

        var notes: [String] = []
        var order = dateOrder ?? .dayMonth
        if dateOrder == nil, let column = mapping.receivedAt {
            let values = dataRecords.compactMap { record -> (line: Int, raw: String)? in
                guard record.problem == nil, record.fields.indices.contains(column) else { return nil }
                let raw = trimmed(record.fields[column])
                return raw.isEmpty ? nil : (record.line, raw)
            }
            let decision = try CSVDateOrder.decide(values, column: header[column], timeZone: timeZone, now: now)
            order = decision.order
            notes += decision.note.map { [$0] } ?? []
        }

        var builder = CSVRowBuilder(
            columnCount: header.count, delimiter: reader.delimiter, mapping: mapping,
            defaultChannel: defaultChannel, dateOrder: order, timeZone: timeZone, now: now
        )
        var rows: [CSVImportRow] = []
        var rejections: [CSVRejection] = []
        for record in dataRecords {
            if let problem = record.problem {
                rejections.append(CSVRejection(line: record.line, reason: problem))
                continue
            }
            switch builder.build(record) {
            case .row(let row): rows.append(row)
            case .rejected(let rejection): rejections.append(rejection)
            }
        }
        if let unclosedQuoteLine {
            rejections.append(CSVRejection(
                line: unclosedQuoteLine,
                reason: "Hier begint een aanhalingsteken (\") dat nergens wordt gesloten; "
                    + "deze regel en alles erna is niet gelezen."
            ))
        }
        return CSVImportPlan(
            rows: rows, rejections: rejections, delimiter: Character(reader.delimiter),
            mapping: mapping, encoding: encoding, header: header,
            unusedColumns: unusedColumns(mapping, header: header, records: dataRecords), notes: notes,
            unreadLines: unclosedQuoteLine.map { unreadLines(text, after: $0) } ?? []
        )
    }

    /// The names of the columns nothing is read from. A column without a name counts only when
    /// it holds something: a trailing delimiter on every line is no column anyone made.
    private static func unusedColumns(_ mapping: CSVColumnMapping, header: [String], records: [CSVRecord]) -> [String] {
        mapping.unusedColumns(columnCount: header.count).compactMap { column in
            if !header[column].isEmpty { return header[column] }
            let filled = records.contains { $0.fields.indices.contains(column) && !trimmed($0.fields[column]).isEmpty }
            return filled ? "kolom \(column + 1) (zonder naam)" : nil
        }
    }

    /// The non-blank lines after `line` (an unclosed quote took them into one field): each is
    /// probably a row the summary must count, for none of them was read.
    static func unreadLines(_ text: String, after line: Int) -> [Int] {
        // "\r\n" is one Character, so each physical line is counted once, as the reader counts them.
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .filter { $0.offset + 1 > line && !$0.element.allSatisfy(\.isWhitespace) }.map { $0.offset + 1 }
    }

    private static func headerRecord(_ records: [CSVRecord], unclosedQuoteLine: Int?) throws(CSVImportError) -> CSVRecord {
        if let header = records.first(where: { !isBlank($0) }) { return header }
        if let unclosedQuoteLine { throw .unclosedQuote(line: unclosedQuoteLine) }
        throw .emptyFile
    }

    private static func resolve(_ given: CSVColumnMapping?, header: [String]) throws(CSVImportError) -> CSVColumnMapping {
        if let given {
            guard let text = given.text, header.indices.contains(text) else { throw .noTextColumn(header: header) }
            return given
        }
        if let guessed = CSVColumnMapping.guess(header: header) { return guessed }
        throw looksLikeData(header) ? .noHeader(firstLine: header) : .noTextColumn(header: header)
    }

    /// Column names are short words; a date, an address or a sentence means the names are missing.
    private static func looksLikeData(_ header: [String]) -> Bool {
        header.contains { cell in
            cell.contains("@") || cell.count > 50
                || CSVDateParser.parse(cell, timeZone: .gmt, now: Date()) != nil
        }
    }

    /// Excel writes empty rows as `;;;`; they are not complaints and not errors.
    private static func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy { trimmed($0).isEmpty }
    }

    static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
