import Crypto
import Foundation
import SignaalDomain

/// Turns one record into a draft or a rejection. Keeps the ids it has handed out, because the
/// intake deduplicates on channel + id and would silently drop a second row with the same id.
struct CSVRowBuilder {
    enum Outcome {
        case row(CSVImportRow)
        case rejected(CSVRejection)
    }

    let columnCount: Int
    let delimiter: Unicode.Scalar
    let mapping: CSVColumnMapping
    let defaultChannel: Channel
    let dateOrder: CSVDateOrder
    let timeZone: TimeZone
    let now: Date
    private var linesByID: [String: Int] = [:]

    init(
        columnCount: Int, delimiter: Unicode.Scalar, mapping: CSVColumnMapping,
        defaultChannel: Channel, dateOrder: CSVDateOrder, timeZone: TimeZone, now: Date
    ) {
        self.columnCount = columnCount
        self.delimiter = delimiter
        self.mapping = mapping
        self.defaultChannel = defaultChannel
        self.dateOrder = dateOrder
        self.timeZone = timeZone
        self.now = now
    }

    /// Spreadsheet ways of saying "nothing here".
    private static let placeholders: Set<String> = ["-", "--", "n.v.t.", "nvt", "n.v.t", "n/a", "onbekend", "geen", "null"]

    mutating func build(_ record: CSVRecord) -> Outcome {
        func reject(_ reason: String) -> Outcome { .rejected(CSVRejection(line: record.line, reason: reason)) }

        var fields = record.fields
        // A trailing delimiter gives empty extra fields; harmless. Extra text means misaligned columns.
        if fields.count > columnCount, fields[columnCount...].allSatisfy({ CSVImport.trimmed($0).isEmpty }) {
            fields.removeLast(fields.count - columnCount)
        }
        guard fields.count == columnCount else {
            return reject(
                "Deze regel heeft \(fields.count) velden, de kopregel \(columnCount). "
                    + "Staat er een \(delimiterName) of aanhalingsteken verkeerd?"
            )
        }
        func value(_ column: Int?) -> String? {
            guard let column, fields.indices.contains(column) else { return nil }
            let value = CSVImport.trimmed(fields[column])
            return value.isEmpty || Self.placeholders.contains(value.lowercased()) ? nil : value
        }
        var warnings: [String] = []

        let text = CSVImport.trimmed(Self.unixNewlines(mapping.text.map { fields[$0] } ?? ""))
        if text.isEmpty { return reject("De klachttekst is leeg.") }
        if text.utf8.count > SignalDraft.maximumTextBytes {
            return reject(DomainError.textTooLong(limit: SignalDraft.maximumTextBytes).message)
        }

        let receivedAt: Date
        if mapping.receivedAt == nil {
            receivedAt = now
            warnings.append("Het bestand heeft geen datumkolom; het moment van importeren is als datum gebruikt.")
        } else {
            guard var raw = value(mapping.receivedAt) else { return reject("De datum ontbreekt.") }
            if let time = value(mapping.time) {
                // A day alone takes the time column's time; a date with its own time keeps it.
                // Asked of the parser: "5 november 2026" has spaces and still no time.
                if CSVDateParser.isDayOnly(raw, order: dateOrder, timeZone: timeZone, now: now) {
                    raw += " " + time
                } else {
                    warnings.append("De datum ‘\(raw)’ heeft al een tijd; de tijd ‘\(time)’ is niet gebruikt.")
                }
            }
            guard let date = CSVDateParser.parse(raw, order: dateOrder, timeZone: timeZone, now: now) else {
                return reject("‘\(raw)’ is geen geldige datum.")
            }
            if SignalDraft.isAhead(date, of: now) {
                return reject("‘\(raw)’ ligt in de toekomst.")
            }
            // Intake replaces a time before 2000 by the moment of arrival, which for a log of
            // earlier complaints would be a wrong date without a word: a typo ("22-11-0026").
            guard SignalDraft.isPlausible(date, now: now) else { return reject("‘\(raw)’ ligt vóór het jaar 2000.") }
            receivedAt = date
        }

        var channel = defaultChannel
        if let raw = value(mapping.channel) {
            if let named = CSVChannelNames.channel(for: raw) {
                channel = named
            } else {
                warnings.append("Onbekend kanaal ‘\(raw)’; geïmporteerd als \(defaultChannel.dutchName).")
            }
        }

        var author = Author(name: value(mapping.name), email: value(mapping.email), phone: value(mapping.phone))
        author.handle = value(mapping.handle)
        var unusable: [String] = []
        if let email = author.email, Identity(kind: .email, raw: email) == nil {
            unusable.append("‘\(email)’ is geen geldig e-mailadres")
            author.email = nil
        }
        if let phone = author.phone, Identity(kind: .phone, raw: phone) == nil {
            unusable.append("‘\(phone)’ is geen geldig telefoonnummer")
            author.phone = nil
        }
        if author.name == nil && author.identities(on: channel).isEmpty {
            var reason = "Geen klantgegevens: vul een naam, e-mailadres of telefoonnummer in"
            if let handle = author.handle {
                reason += " (een handle als ‘\(handle)’ telt alleen bij X, Facebook, Messenger, Instagram en WhatsApp)"
            }
            if !unusable.isEmpty { reason += "; " + unusable.joined(separator: ", ") }
            return reject(reason + ".")
        }
        warnings += unusable.map { $0 + " en is niet overgenomen." }

        var status = LogStatus.open
        if let raw = value(mapping.status) {
            if let known = CSVStatusWords.status(of: raw) {
                status = known
            } else {
                // Open work is the safe side: the team sees it and closes it, where a wrong
                // "handled" would hide a customer who still waits.
                warnings.append("Onbekende status ‘\(raw)’; geïmporteerd als open werk.")
            }
        }

        var subject = value(mapping.subject)
        if let order = value(mapping.orderNumber) {
            subject = [subject, "Ordernummer: \(order)"].compactMap { $0 }.joined(separator: " · ")
        }

        let givenID = value(mapping.externalID)
        let externalID = givenID ?? generatedID(
            dated: mapping.receivedAt == nil ? nil : receivedAt, author: author, text: text
        )
        if let earlier = linesByID[externalID] {
            return reject(
                givenID.map { "Kenmerk ‘\($0)’ staat ook op regel \(earlier)." }
                    ?? "Dezelfde klacht (datum, klant en tekst) staat ook op regel \(earlier)."
            )
        }

        let draft = SignalDraft(
            channel: channel, externalID: externalID, author: author, text: text,
            receivedAt: receivedAt, subject: subject, warnings: warnings
        )
        do {
            let validated = try draft.validated()
            linesByID[externalID] = record.line
            return .row(CSVImportRow(line: record.line, draft: validated, status: status))
        } catch {
            return reject(error.message)
        }
    }

    /// "csv:" + SHA-256 of what makes the complaint itself: when, who, what. Not the line
    /// number, so a re-export with rows added or sorted differently gives the same ids.
    private func generatedID(dated: Date?, author: Author, text: String) -> String {
        let parts = [
            dated.map { String($0.millisecondsSince1970) } ?? "",
            author.name ?? "", author.email ?? "", author.phone ?? "", author.handle ?? "", text,
        ]
        // The unit separator cannot be typed in a cell, so the parts cannot run into each other.
        return "csv:" + Hex.lowercase(SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)))
    }

    private var delimiterName: String {
        switch delimiter {
        case ";": "puntkomma (;)"
        case ",": "komma (,)"
        case "\t": "tab"
        default: "scheidingsteken (\(delimiter))"
        }
    }

    /// Excel puts LF inside cells, other tools CRLF; the stored text always has LF.
    private static func unixNewlines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
