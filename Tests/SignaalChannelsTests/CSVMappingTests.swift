import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("CSV import: columns and channels")
struct CSVMappingTests {
    @Test("Dutch column names are recognised")
    func dutchHeader() {
        let header = ["Ticketnummer", "Ontvangen", "Kanaal", "Klantnaam", "E-mailadres", "Telefoonnummer", "Onderwerp", "Omschrijving", "Bestelnummer", "Behandelaar"]
        #expect(CSVColumnMapping.guess(header: header) == CSVColumnMapping(
            text: 7, receivedAt: 1, channel: 2, externalID: 0, name: 3, email: 4, phone: 5, subject: 6, orderNumber: 8
        ))
    }

    @Test("English column names are recognised")
    func englishHeader() {
        let header = ["ID", "Date", "Channel", "Name", "Email", "Phone", "Handle", "Subject", "Message", "Order"]
        #expect(CSVColumnMapping.guess(header: header) == CSVColumnMapping(
            text: 8, receivedAt: 1, channel: 2, externalID: 0, name: 3, email: 4, phone: 5, handle: 6, subject: 7, orderNumber: 9
        ))
    }

    @Test("Longer names count by their words, but not our own side or a number")
    func wordMatches() {
        let header = ["Nummer klacht", "Naam behandelaar", "Datum ontvangst", "Klant e-mail", "Naam klant", "Klacht (omschrijving)"]
        let mapping = CSVColumnMapping.guess(header: header)
        #expect(mapping == CSVColumnMapping(text: 5, receivedAt: 2, name: 4, email: 3))
    }

    @Test("The likelier text column wins over another message-like column")
    func likelierTextColumn() {
        #expect(CSVColumnMapping.guess(header: ["Bericht", "Klacht", "Naam"])?.text == 1)
    }

    @Test("A Tijd column next to a Datum gives the time; without a date it is left unused")
    func timeColumn() {
        #expect(CSVColumnMapping.guess(header: ["Datum", "Tijd", "Klacht", "Behandelaar"]) == CSVColumnMapping(text: 2, receivedAt: 0, time: 1))
        let undated = CSVColumnMapping.guess(header: ["Tijd", "Klacht"])
        #expect(undated == CSVColumnMapping(text: 1))
        #expect(undated?.unusedColumns(columnCount: 2) == [0])
    }

    @Test("No text column, no guess")
    func noTextColumn() {
        #expect(CSVColumnMapping.guess(header: ["Datum", "Naam", "Status"]) == nil)
    }

    @Test("Flags name columns by header name or 1-based number and keep the other guesses")
    func flags() throws {
        let header = ["Datum", "Naam", "Notitie", "Status", "Wat"]
        let mapping = try CSVColumnMapping(flags: ["tekst": "notitie", "kenmerk": "4", "naam": ""], header: header)
        #expect(mapping == CSVColumnMapping(text: 2, receivedAt: 0, externalID: 3))
    }

    @Test("Wrong flags say what is wrong")
    func wrongFlags() {
        let header = ["Datum", "Naam", "Notitie"]
        #expect(throws: CSVImportError.unknownColumn(field: "text", name: "Omschrijving", header: header)) {
            try CSVColumnMapping(flags: ["text": "Omschrijving"], header: header)
        }
        #expect(throws: CSVImportError.columnOutOfRange(field: "text", number: 4, columnCount: 3)) {
            try CSVColumnMapping(flags: ["text": "4"], header: header)
        }
        #expect(throws: CSVImportError.unknownField("kleur")) {
            try CSVColumnMapping(flags: ["kleur": "1"], header: header)
        }
        #expect(throws: CSVImportError.noTextColumn(header: header)) {
            try CSVColumnMapping(flags: ["date": "Datum"], header: header)
        }
        #expect(CSVImportError.columnOutOfRange(field: "text", number: 4, columnCount: 3).description
            == "Kolom 4 voor text bestaat niet: het bestand heeft 3 kolommen.")
    }

    @Test("A mapping from flags imports a file whose names were not recognised")
    func importWithFlags() throws {
        let csv = "Wanneer;Wie;Notitie\n22-11-2026 10:00;Jan;Lamp kapot\n"
        let header = try CSVImport.header(of: Data(csv.utf8))
        let mapping = try CSVColumnMapping(flags: ["text": "3", "date": "Wanneer", "name": "Wie"], header: header)
        let plan = try csvPlan(csv, mapping: mapping)
        #expect(plan.rows.map(\.draft.text) == ["Lamp kapot"])
        #expect(plan.rows.first?.draft.receivedAt == csvUTC("2026-11-22T09:00:00Z"))
        #expect(plan.rows.first?.draft.author.name == "Jan")
    }

    @Test("Dutch channel names become channels", arguments: [
        ("telefoon", Channel.phone), ("Telefonisch", .phone), ("balie", .counter), ("Brief", .letter),
        ("mail", .email), ("E-mail", .email), ("twitter", .x), ("X", .x), ("X (Twitter)", .x),
        ("Facebook", .facebook), ("messenger", .messenger), ("Instagram", .instagram), ("WhatsApp", .whatsapp),
        ("webformulier", .webform), ("Formulier", .webform), ("website", .webform), ("overig", .other),
    ])
    func channelNames(raw: String, channel: Channel) throws {
        let plan = try csvPlan("Datum;Kanaal;Naam;Klacht\n22-11-2026;\(raw);Jan;Te laat\n", defaultChannel: .api)
        #expect(plan.rows.first?.draft.channel == channel)
        #expect(plan.rows.first?.draft.warnings == [])
    }

    @Test("Unknown or empty channel names get the default channel; unknown ones are mentioned")
    func defaultChannel() throws {
        let plan = try csvPlan("Datum;Kanaal;Naam;Klacht\n22-11-2026;postduif;Jan;Te laat\n22-11-2026;;Piet;Kapot\n", defaultChannel: .letter)
        #expect(plan.rows.map(\.draft.channel) == [.letter, .letter])
        #expect(plan.rows.map(\.draft.warnings) == [["Onbekend kanaal ‘postduif’; geïmporteerd als brief."], []])
    }

    @Test("Unusable contact details are dropped with a warning, or reject the row when nothing is left")
    func contactDetails() throws {
        let csv = """
            Datum;Kanaal;Naam;E-mail;Telefoon;Handle;Klacht
            22-11-2026;telefoon;Jan;jan@;n.v.t.;;Te laat
            22-11-2026;telefoon;;jan@;12;;Kapot
            22-11-2026;telefoon;;;;@piet;Stuk
            22-11-2026;twitter;;;;@piet;Stuk
            """
        let plan = try csvPlan(csv)
        #expect(plan.rows.map(\.line) == [2, 5])
        #expect(plan.rows[0].draft.author == Author(name: "Jan"))
        #expect(plan.rows[0].draft.warnings == ["‘jan@’ is geen geldig e-mailadres en is niet overgenomen."])
        #expect(plan.rows[1].draft.author == Author(handle: "@piet"))
        #expect(plan.rejections == [
            CSVRejection(line: 3, reason: "Geen klantgegevens: vul een naam, e-mailadres of telefoonnummer in; ‘jan@’ is geen geldig e-mailadres, ‘12’ is geen geldig telefoonnummer."),
            CSVRejection(line: 4, reason: "Geen klantgegevens: vul een naam, e-mailadres of telefoonnummer in (een handle als ‘@piet’ telt alleen bij X, Facebook, Messenger, Instagram en WhatsApp)."),
        ])
    }

    @Test("The order number joins the subject")
    func orderNumber() throws {
        let plan = try csvPlan("Onderwerp;Ordernummer;Naam;Klacht\nLevering;123;Jan;Te laat\n;456;Piet;Kapot\nRetour;;Ali;Geen label\n")
        #expect(plan.rows.map(\.draft.subject) == ["Levering · Ordernummer: 123", "Ordernummer: 456", "Retour"])
    }
}
