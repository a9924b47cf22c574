import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("Reading CSV bytes: delimiters, quotes, lines, encodings")
struct CSVReadingTests {
    @Test("The delimiter is the one the header uses outside quotes", arguments: [
        ("Datum;Naam;Klacht\n22-11-2026;Jan;Kapot, echt kapot\n", Character(";"), "Kapot, echt kapot"),
        ("Datum,Naam,Klacht\n22-11-2026,Jan,\"Kapot; echt kapot\"\n", Character(","), "Kapot; echt kapot"),
        ("Datum\tNaam\tKlacht\n22-11-2026\tJan\tKapot, echt; kapot\n", Character("\t"), "Kapot, echt; kapot"),
        ("\"Datum, tijd\";\"Naam, klant\";Klacht\n22-11-2026;Jan;Kapot, echt kapot\n", Character(";"), "Kapot, echt kapot"),
    ])
    func detectsDelimiter(csv: String, delimiter: Character, text: String) throws {
        let plan = try csvPlan(csv)
        #expect(plan.delimiter == delimiter)
        #expect(plan.rows.map(\.draft.text) == [text])
        #expect(plan.rows.first?.draft.author.name == "Jan")
    }

    @Test("Excel's sep= first line names the delimiter and counts as a line")
    func excelSeparatorLine() throws {
        let plan = try csvPlan("sep=,\r\nDatum;tijd,Naam,Klacht\r\n22-11-2026,Jan,Te laat; weer\r\n")
        #expect(plan.delimiter == ",")
        #expect(plan.rows.map(\.line) == [3])
        #expect(plan.rows.first?.draft.text == "Te laat; weer")
        #expect(plan.rejections.isEmpty)
    }

    @Test("Line numbers count physical lines through quoted line breaks and blank lines")
    func physicalLineNumbers() throws {
        let csv = "\n\nDatum;Naam;Klacht\r\n\r\n22-11-2026;Jan;\"een\r\ntwee\r\ndrie\"\r\n22-11-2026;Piet;\"\"\r\n"
            + "22-11-2026;Kees;\"a\rb\"\r23-11-2026;Ali;vier\n"
        let plan = try csvPlan(csv)
        #expect(plan.rows.map(\.line) == [5, 9, 11])
        #expect(plan.rows.map(\.draft.text) == ["een\ntwee\ndrie", "a\nb", "vier"])
        #expect(plan.rejections == [CSVRejection(line: 8, reason: "De klachttekst is leeg.")])
    }

    @Test("Doubled quotes are quotes; sloppy quotes outside a quoted field are kept as written")
    func quoting() throws {
        let csv = """
            Naam;Klacht
            Jan;"Hij zei ""nee"" en hing op."
            Piet;Scherm van 27" is kapot
            Kees; "spaties voor het aanhalingsteken"
            Ali;"Geen ""; scheiding"
            """
        let plan = try csvPlan(csv)
        #expect(plan.rows.map(\.draft.text) == [
            "Hij zei \"nee\" en hing op.", "Scherm van 27\" is kapot", "spaties voor het aanhalingsteken", "Geen \"; scheiding",
        ])
    }

    @Test("A quote in the middle of an unquoted field is text, as Excel and RFC 4180 readers keep it")
    func quotesInsideAnUnquotedField() throws {
        let csv = """
            Kenmerk;Datum;Klacht;Naam
            K-001;22-11-2026;Klant belde over "storing" en meter;Jan
            K-002;22-11-2026;Meter zegt "fout 12";Piet
            K-003;22-11-2026;Klant belde over "storing";Kees
            K-004;22-11-2026;"Klant belde over "storing" en meter";Ali
            K-006;22-11-2026;"Storing" zegt de klant;Els
            """
        let plan = try csvPlan(csv)
        #expect(plan.rejections.isEmpty, "\(plan.rejections)")
        let said = "Klant belde over \"storing\" en meter"
        #expect(plan.rows.map(\.draft.text) == [said, "Meter zegt \"fout 12\"", "Klant belde over \"storing\"", said, "Storing zegt de klant"])
        #expect(plan.rows.map(\.draft.author.name) == ["Jan", "Piet", "Kees", "Ali", "Els"])
        // The same as the last field of a line, and of the file.
        let last = try csvPlan("Naam;Klacht\r\nJan;\"Klant belde over \"storing\" en meter\"\r\nPiet;\"Klant belde over \"storing\" en meter\"")
        #expect(last.rows.map(\.draft.text) == [said, said])
    }

    @Test("The lines after a quote that is never closed are counted as not read")
    func unreadLinesAfterAnUnclosedQuote() throws {
        let plan = try csvPlan("Naam;Klacht\r\nJan;Kapot\r\nPiet;\"Open\r\nKees;Stuk\r\n\r\nAli;Weg\r\n")
        #expect(plan.rows.map(\.draft.author.name) == ["Jan"])
        #expect(plan.rejections.map(\.line) == [3])
        #expect(plan.unreadLines == [4, 6], "the blank line is no row")
        #expect(try csvPlan("Naam;Klacht\nJan;Kapot\n").unreadLines.isEmpty)
    }

    @Test("A quote left open that swallows the next row is refused with its lines, not imported as one merged complaint")
    func strayQuote() throws {
        let csv = """
            Kenmerk;Datum;Klantnaam;Omschrijving klacht
            M1;20-11-2026;Anna;"Eerste klacht; met puntkomma"
            M2;20-11-2026;"Bob;Klacht zonder sluitend aanhalingsteken
            M3;20-11-2026;Carla;"Derde klacht; ook met puntkomma"
            M4;20-11-2026;Dirk;"Vierde klacht, gewoon"
            M5;20-11-2026;Eva;"Een klacht
            over twee regels"
            """
        let plan = try csvPlan(csv)
        #expect(plan.rows.map(\.draft.externalID) == ["M1", "M4", "M5"], "a quoted field over two lines, closed where it ends, is fine")
        #expect(plan.rejections.map(\.line) == [3])
        #expect(plan.rejections.first?.reason.contains("regel 3 wordt pas op regel 4 gesloten") == true, "\(plan.rejections)")
    }

    @Test("Excel's Unicode text export (UTF-16 LE with BOM, tabs) is read")
    func utf16TabExport() throws {
        let text = "Datum\tNaam\tKlacht\r\n22-11-2026 14:05\tZoë\tKapotte lamp 😤 €12\r\n"
        var data = Data([0xFF, 0xFE])
        for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let plan = try CSVImport.plan(data, now: csvImportNow)
        #expect(plan.encoding == .utf16)
        #expect(plan.delimiter == "\t")
        #expect(plan.rows.map(\.draft.text) == ["Kapotte lamp 😤 €12"])
        #expect(plan.rows.first?.draft.author.name == "Zoë")
    }

    @Test("Every Windows-1252 byte from 0x80 to 0x9F reads as Windows shows it")
    func windows1252Table() throws {
        var data = Data("Naam;Klacht\nJan;".utf8)
        data.append(contentsOf: Array(0x80...0x9F).map(UInt8.init))
        let plan = try CSVImport.plan(data, now: csvImportNow)
        #expect(plan.encoding == .windows1252)
        // Python's cp1252 codec, with the five undefined bytes as their C1 controls (WHATWG).
        #expect(plan.rows.first?.draft.text
            == "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ")
    }

    @Test("A UTF-8 file with a BOM keeps its first column name")
    func bomIsNotPartOfTheHeader() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(contentsOf: Array("Klacht;Naam\nTe laat;Jan\n".utf8))
        #expect(try CSVImport.header(of: data) == ["Klacht", "Naam"])
        let plan = try CSVImport.plan(data, now: csvImportNow)
        #expect(plan.mapping.text == 0)
        #expect(plan.rows.first?.draft.text == "Te laat")
    }

    @Test("Files that cannot be imported at all say why in Dutch")
    func wholeFileErrors() throws {
        #expect(throws: CSVImportError.emptyFile) { try csvPlan("") }
        #expect(throws: CSVImportError.emptyFile) { try csvPlan("\u{FEFF}\r\n\r\n;;;\r\n") }
        #expect(throws: CSVImportError.noHeader(firstLine: ["22-11-2026", "Jan", "Kapot"])) {
            try csvPlan("22-11-2026;Jan;Kapot\n23-11-2026;Piet;Stuk\n")
        }
        #expect(throws: CSVImportError.noTextColumn(header: ["Datum", "Naam"])) { try csvPlan("Datum;Naam\n22-11-2026;Jan\n") }
        #expect(throws: CSVImportError.unclosedQuote(line: 1)) { try csvPlan("\"Datum;Naam;Klacht\n1;2;3\n") }

        #expect(CSVImportError.emptyFile.description == "Het bestand is leeg.")
        #expect(CSVImportError.noTextColumn(header: ["Datum", "Naam"]).description
            == "Geen kolom met de klachttekst gevonden in de kolommen ‘Datum’, ‘Naam’. Geef aan welke kolom de tekst bevat, bijvoorbeeld tekst=Omschrijving.")
    }

    @Test("A header without rows is an empty plan, not an error")
    func headerOnly() throws {
        let plan = try csvPlan("Datum;Naam;Klacht\r\n")
        #expect(plan.rows.isEmpty)
        #expect(plan.rejections.isEmpty)
    }

    @Test("Text over 64 KiB is rejected; exactly 64 KiB is accepted")
    func textLimit() throws {
        let limit = SignalDraft.maximumTextBytes
        let csv = "Naam;Klacht\nJan;\(String(repeating: "é", count: limit / 2))\nPiet;\(String(repeating: "a", count: limit + 1))\n"
        let plan = try csvPlan(csv)
        #expect(plan.rows.map(\.line) == [2])
        #expect(plan.rejections == [CSVRejection(line: 3, reason: "De tekst is langer dan 64 KiB.")])
    }
}
