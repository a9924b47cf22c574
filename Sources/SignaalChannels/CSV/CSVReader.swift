/// One record as read: its fields and the physical line (1-based) it starts on.
struct CSVRecord: Sendable, Hashable {
    var line: Int
    var fields: [String]
    /// Why the record cannot be trusted as read (Dutch), or nil.
    var problem: String? = nil
}

/// An RFC 4180 reader: `""` inside quotes is a quote, quoted fields may span lines,
/// CRLF, LF and a lone CR all end a line, and blank lines are skipped.
///
/// Written here rather than taken from yaslab/CSV.swift 2.5.2 or SwiftCSV 0.10.0: both read `;`,
/// the BOM and quoted multi-line fields correctly (tried), but neither tells on which physical
/// line a record starts, and a rejected row must name the line the user sees in their editor.
/// SwiftCSV also turns a blank line into a row of empty fields.
///
/// Lenient where Excel and old tools are sloppy: a quote in the middle of an unquoted field, one
/// inside a quoted field that the field goes on after (not doubled), and text after a closing quote
/// are kept as written, and spaces before an opening quote are dropped.
/// Not when the quoted part ran over a line break: then a quote was left open and the next
/// rows went into one field, so the record says so instead of passing as one complaint.
struct CSVReader {
    let delimiter: Unicode.Scalar
    private let scalars: [Unicode.Scalar]
    private let start: Int
    private let firstLine: Int

    /// Reads `text` with `delimiter`, or with the one Excel's `sep=` first line names,
    /// or with the one the header line uses most.
    init(text: String, delimiter: Unicode.Scalar? = nil) {
        scalars = Array(text.unicodeScalars)
        if let hint = Self.separatorHint(scalars) {
            self.delimiter = delimiter ?? hint.delimiter
            start = hint.bodyStart
            firstLine = 2
        } else {
            self.delimiter = delimiter ?? Self.detectDelimiter(scalars)
            start = 0
            firstLine = 1
        }
    }

    /// All records, and the line of a record whose quote is never closed (it took the rest of
    /// the file with it, so it is not returned).
    func read() -> (records: [CSVRecord], unterminatedQuoteLine: Int?) {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = firstLine
        var recordLine = firstLine
        var inQuotes = false
        var fieldWasQuoted = false
        var recordHasContent = false
        var quoteSpannedLines = false
        var problem: String?
        var index = start

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
            quoteSpannedLines = false
        }

        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if next == "\"" {
                        field.append("\"")
                        index += 1
                    } else if !quoteSpannedLines, let next, next != delimiter, next != "\r", next != "\n", closesOnThisLine(from: index) {
                        // A quote a writer did not double ("Klant belde over "storing" en meter"):
                        // text, when the field still closes before its delimiter on this line. Not
                        // in a field that ran over a line break: that is a quote left open before.
                        field.append("\"")
                    } else {
                        inQuotes = false
                    }
                    continue
                }
                // Line breaks inside a field stay in the text but still count as physical lines.
                if scalar == "\n" || (scalar == "\r" && next != "\n") {
                    line += 1
                    quoteSpannedLines = true
                }
                field.append(scalar)
                continue
            }
            switch scalar {
            case "\"" where !fieldWasQuoted && field.allSatisfy({ $0 == " " }):
                field = String.UnicodeScalarView()
                inQuotes = true
                fieldWasQuoted = true
                recordHasContent = true
            case delimiter:
                endField()
                recordHasContent = true
            case "\r", "\n":
                if scalar == "\r" && next == "\n" { index += 1 }
                if recordHasContent || !field.isEmpty {
                    endField()
                    records.append(CSVRecord(line: recordLine, fields: fields, problem: problem))
                }
                fields = []
                field = String.UnicodeScalarView()
                fieldWasQuoted = false
                quoteSpannedLines = false
                problem = nil
                recordHasContent = false
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted && quoteSpannedLines && problem == nil && scalar != " " {
                    problem = "Het aanhalingsteken (\") op regel \(recordLine) wordt pas op regel \(line) gesloten, midden in "
                        + "een veld: waarschijnlijk ontbreekt daar een sluitend aanhalingsteken. Regel \(recordLine) tot en met "
                        + "\(line) zijn niet gelezen; herstel het bestand en importeer opnieuw."
                }
                field.append(scalar)
                recordHasContent = true
            }
        }
        if inQuotes { return (records, recordLine) }
        if recordHasContent || !field.isEmpty {
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields, problem: problem))
        }
        return (records, nil)
    }

    /// Whether a quote from `index` on, before the line ends, closes a quoted field: one followed by
    /// the delimiter, the line's end or the file's (a doubled quote is a quote in the text).
    private func closesOnThisLine(from index: Int) -> Bool {
        var index = index
        while index < scalars.count, scalars[index] != "\r", scalars[index] != "\n" {
            if scalars[index] == "\"" {
                let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
                if next == "\"" {
                    index += 2
                    continue
                }
                if next == nil || next == delimiter || next == "\r" || next == "\n" { return true }
            }
            index += 1
        }
        return false
    }

    /// The candidate used most outside quotes on the first non-blank line; on a tie `;` wins
    /// (Dutch Excel's default), then tab, then `,`. A one-column file gets `;`.
    static func detectDelimiter(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        let candidates: [Unicode.Scalar] = [";", "\t", ","]
        var counts: [Unicode.Scalar: Int] = [:]
        var inQuotes = false
        var sawContent = false
        for scalar in scalars {
            if scalar == "\"" {
                inQuotes.toggle()
            } else if !inQuotes && (scalar == "\r" || scalar == "\n") {
                if sawContent { break }
            } else if !inQuotes && candidates.contains(scalar) {
                counts[scalar, default: 0] += 1
            }
            if scalar != "\r" && scalar != "\n" { sawContent = true }
        }
        var best: Unicode.Scalar = ";"
        for candidate in candidates where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }

    /// Excel writes and reads a first line `sep=;` to name the delimiter.
    private static func separatorHint(_ scalars: [Unicode.Scalar]) -> (delimiter: Unicode.Scalar, bodyStart: Int)? {
        guard scalars.count >= 5,
              String(String.UnicodeScalarView(scalars[0..<4])).lowercased() == "sep="
        else { return nil }
        let delimiter = scalars[4]
        var index = 5
        guard index == scalars.count || scalars[index] == "\r" || scalars[index] == "\n" else { return nil }
        if index < scalars.count && scalars[index] == "\r" { index += 1 }
        if index < scalars.count && scalars[index] == "\n" { index += 1 }
        return (delimiter, index)
    }
}
