import Foundation
import SignaalChannels
import SignaalDomain
import Testing

/// The moment every CSV test imports at, so "in the future" and two-digit years are fixed.
let csvImportNow = csvUTC("2026-11-25T12:00:00Z")

func csvUTC(_ iso: String) -> Date {
    ISO8601DateFormatter().date(from: iso)!
}

func csvPlan(_ csv: String, mapping: CSVColumnMapping? = nil, defaultChannel: Channel = .other) throws -> CSVImportPlan {
    try CSVImport.plan(Data(csv.utf8), mapping: mapping, defaultChannel: defaultChannel, now: csvImportNow)
}

@Suite("CSV import of the fixture exports")
struct CSVImportFixtureTests {
    @Test("Dutch Excel: BOM, semicolons, CRLF, quoted multi-line complaints")
    func excelSemicolonExport() throws {
        let plan = try CSVImport.plan(FixtureFiles.data("csv/excel_puntkomma_bom_crlf.csv"), now: csvImportNow)

        #expect(plan.delimiter == ";")
        #expect(plan.encoding == .utf8)
        #expect(plan.rejections == [])
        #expect(plan.rows.map(\.line) == [2, 4, 6, 10, 11])

        let jan = plan.rows[0].draft
        #expect(jan.text == "Pakket niet bezorgd, terwijl de app \"bezorgd\" zegt.\nGraag vandaag nog contact; ik ben het zat.")
        #expect(jan.receivedAt == csvUTC("2026-11-22T13:05:00Z"))  // CET, UTC+1
        #expect(jan.channel == .phone)
        #expect(jan.author == Author(name: "Jan de Vries", email: "jan.devries@example.nl", phone: "06-12345678"))
        #expect(jan.subject == "Ordernummer: 12345")
        #expect(jan.externalID == "csv:e865fe16b1975aa30aa465267770275ca3e4ad471feb3211f0e9425b6fe2b366")
        #expect(jan.warnings == [])

        let fatma = plan.rows[1].draft
        #expect(fatma.text == "Medewerker aan de balie was onbeleefd.")
        #expect(fatma.receivedAt == csvUTC("2026-07-03T07:30:00Z"))  // CEST, UTC+2
        #expect(fatma.channel == .counter)
        #expect(fatma.author == Author(name: "Fatma Yılmaz"))
        #expect(fatma.subject == nil)

        let invoice = plan.rows[2].draft
        #expect(invoice.text == "Factuur klopt niet:\n- dubbel gefactureerd\n- korting vergeten")
        #expect(invoice.receivedAt == csvUTC("2026-10-15T06:15:30Z"))
        #expect(invoice.channel == .email)
        #expect(invoice.author.email == "klant@example.com")
        #expect(invoice.author.name == nil)

        let fax = plan.rows[3].draft
        #expect(fax.receivedAt == csvUTC("2026-10-31T23:00:00Z"))  // 01-11-26, midnight in Amsterdam
        #expect(fax.channel == .other)
        #expect(fax.warnings == ["Onbekend kanaal ‘Fax’; geïmporteerd als overig."])
        #expect(fax.author.phone == "+31 20 123 4567")

        let whatsapp = plan.rows[4].draft
        #expect(whatsapp.text == "Waarom duurt restitutie 6 weken?")
        #expect(whatsapp.receivedAt == csvUTC("2026-11-20T22:59:00Z"))
        #expect(whatsapp.channel == .whatsapp)
        #expect(whatsapp.subject == "Ordernummer: A-998")
    }

    @Test("Comma-separated ISO-dated export from a ticket system, with ids")
    func ticketSystemExport() throws {
        let plan = try CSVImport.plan(FixtureFiles.data("csv/ticketsysteem_komma_iso.csv"), now: csvImportNow)

        #expect(plan.delimiter == ",")
        #expect(plan.rows.map(\.line) == [2, 3, 4])
        #expect(plan.rows.map(\.draft.externalID) == ["T-1001", "T-1002", "T-1003"])
        #expect(plan.rows.map(\.draft.channel) == [.x, .webform, .email])
        #expect(plan.rows.map(\.draft.receivedAt) == [
            csvUTC("2026-11-22T14:05:00Z"), csvUTC("2026-11-22T08:00:00Z"), csvUTC("2026-08-01T08:00:00Z"),
        ])
        #expect(plan.rows[0].draft.author.handle == "@boze_klant")
        #expect(plan.rows[0].draft.text == "@Bedrijf mijn bestelling is al 2 weken onderweg, wat is er aan de hand?")
        #expect(plan.rows[1].draft.subject == "Retour · Ordernummer: 55501")
        #expect(plan.rows[1].draft.author == Author(name: "Anna Jansen", email: "anna@example.org"))
        #expect(plan.rows[2].draft.text == "Slechte service, \"excuses\" zijn niet genoeg.")
        #expect(plan.rejections == [CSVRejection(line: 5, reason: "Kenmerk ‘T-1002’ staat ook op regel 3.")])
    }

    @Test("Excel on Windows writes Windows-1252: euro signs and curly quotes survive")
    func windows1252Export() throws {
        let plan = try CSVImport.plan(FixtureFiles.data("csv/excel_windows1252_euro.csv"), now: csvImportNow)

        #expect(plan.encoding == .windows1252)
        #expect(plan.rejections == [])
        #expect(plan.rows.map(\.draft.text) == [
            "Ik heb € 49,95 betaald maar kreeg een ‘defecte’ föhn – graag geld terug.",
            "Bezorgkosten van €7,50 werden twee keer afgeschreven; „onacceptabel”.",
        ])
        #expect(plan.rows.map(\.draft.author.name) == ["José Müller", "Café De Hoek"])
        #expect(plan.rows[1].draft.receivedAt == csvUTC("2026-11-13T15:45:00Z"))
    }

    @Test("Bad rows are rejected with their line and a Dutch reason; good rows still import")
    func badRows() throws {
        let plan = try CSVImport.plan(FixtureFiles.data("csv/foute_regels.csv"), now: csvImportNow)

        #expect(plan.rows.map(\.draft.externalID) == ["K-1", "K-8"])
        #expect(plan.rows.map(\.line) == [2, 9])
        #expect(plan.rows[1].draft.text == "Puntkomma aan het eind mag.")
        #expect(plan.rejections == [
            CSVRejection(line: 3, reason: "‘31-02-2026’ is geen geldige datum."),
            CSVRejection(line: 4, reason: "De klachttekst is leeg."),
            CSVRejection(line: 5, reason: "Deze regel heeft 3 velden, de kopregel 5. Staat er een puntkomma (;) of aanhalingsteken verkeerd?"),
            CSVRejection(line: 6, reason: "‘01-01-2027 10:00’ ligt in de toekomst."),
            CSVRejection(line: 7, reason: "Geen klantgegevens: vul een naam, e-mailadres of telefoonnummer in."),
            CSVRejection(line: 8, reason: "Deze regel heeft 6 velden, de kopregel 5. Staat er een puntkomma (;) of aanhalingsteken verkeerd?"),
            CSVRejection(line: 10, reason: "Hier begint een aanhalingsteken (\") dat nergens wordt gesloten; deze regel en alles erna is niet gelezen."),
        ])
    }

    @Test("Importing the same file twice gives the same ids")
    func sameFileSameIDs() throws {
        let data = try FixtureFiles.data("csv/excel_puntkomma_bom_crlf.csv")
        let first = try CSVImport.plan(data, now: csvImportNow)
        let second = try CSVImport.plan(data, now: csvImportNow.addingTimeInterval(86_400))
        #expect(first.rows.map(\.draft.externalID) == second.rows.map(\.draft.externalID))
        #expect(Set(first.rows.compactMap(\.draft.externalID)).count == 5)
    }
}
