import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("CSV import: a log's status column")
struct CSVStatusTests {
    @Test("Status columns are recognised by their Dutch and English names, not a closing date")
    func statusHeaders() {
        for name in ["Status", "Afgerond", "Afhandeling", "Stand", "Afgehandeld", "status klacht", "State"] {
            #expect(CSVColumnMapping.guess(header: ["Datum", "Klant", "Klacht", name])?.status == 3, "\(name)")
        }
        let closingDate = CSVColumnMapping.guess(header: ["Datum", "Klant", "Klacht", "Datum afgerond"])
        #expect(closingDate?.status == nil && closingDate?.receivedAt == 0)
        #expect(CSVColumnMapping.guess(header: ["Datum", "Klant", "Klacht", "Status"])?.columnNames(header: ["Datum", "Klant", "Klacht", "Status"])
            .contains { $0.field == "status" && $0.column == "Status" } == true)
    }

    /// A realistic log kept by hand: mixed case, spaces, yes/no, placeholders and a value nobody agreed on.
    static let log = """
        Datum;Klant;Klacht;Status
        01-11-2026 09:00;Jan;Pakket kwijt;Afgerond
        01-11-2026 09:10;Piet;Factuur dubbel;opgelost
        01-11-2026 09:20;Els;Monteur kwam niet;GESLOTEN
        01-11-2026 09:30;Karin;Te laat;klaar
        01-11-2026 09:40;Bert;Late delivery;Done
        01-11-2026 09:50;Sara;Wrong item;closed
        01-11-2026 10:00;Ali;Refund missing;Resolved
        01-11-2026 10:10;Fatima;Kapotte doos;ja
        01-11-2026 10:20;Noor;Geen antwoord;open
        01-11-2026 10:30;Bram;Verkeerde maat; In behandeling 
        01-11-2026 10:40;Lotte;Bon klopt niet;nieuw
        01-11-2026 10:50;Ruud;Wachten op bezorger;lopend
        01-11-2026 11:00;Anna;Korting niet verrekend;nee
        01-11-2026 11:10;Joost;Onbeleefde chauffeur;
        01-11-2026 11:20;Mila;Pakket beschadigd;-
        01-11-2026 11:30;Daan;Levering te laat;wacht op onderdelen
        """

    @Test("Handled words close a row, open words and empty cells keep it open, an unknown word keeps it open with a warning")
    func statusValues() throws {
        let plan = try csvPlan(Self.log)
        #expect(plan.rejections.isEmpty, "\(plan.rejections)")
        let byName = Dictionary(uniqueKeysWithValues: plan.rows.map { ($0.draft.author.name ?? "", $0) })
        for name in ["Jan", "Piet", "Els", "Karin", "Bert", "Sara", "Ali", "Fatima"] {
            guard case .handled = byName[name]?.status else { Issue.record("\(name) should be handled"); continue }
        }
        #expect(byName["Els"]?.status == .handled(note: "gesloten"))
        for name in ["Noor", "Bram", "Lotte", "Ruud", "Anna", "Joost", "Mila", "Daan"] {
            #expect(byName[name]?.status == .open, "\(name)")
        }
        #expect(byName["Daan"]?.draft.warnings == ["Onbekende status ‘wacht op onderdelen’; geïmporteerd als open werk."])
        #expect(byName["Noor"]?.draft.warnings.isEmpty == true)
        #expect(!plan.unusedColumns.contains("Status"))
    }

    @Test("--column status=Kolom picks the column, --column status= leaves it unread")
    func statusFlags() throws {
        let csv = "Datum;Klant;Klacht;Afgehandeld op;Klaar?\n01-11-2026 09:00;Jan;Pakket kwijt;02-11-2026;ja\n"
        let header = try CSVImport.header(of: Data(csv.utf8))
        let picked = try CSVColumnMapping(flags: ["status": "Klaar?"], header: header)
        #expect(picked.status == 4)
        #expect(try csvPlan(csv, mapping: picked).rows.first?.status == .handled(note: "ja"))

        let guessed = "Datum;Klant;Klacht;Status\n01-11-2026 09:00;Jan;Pakket kwijt;afgerond\n"
        let unread = try CSVColumnMapping(flags: ["status": ""], header: try CSVImport.header(of: Data(guessed.utf8)))
        let plan = try csvPlan(guessed, mapping: unread)
        #expect(plan.rows.first?.status == .open)
        #expect(plan.unusedColumns == ["Status"])
    }
}

@Suite("Status reasons: a closing by the import reads back in both languages")
struct HandledInLogReasonTests {
    @Test("the stored Dutch reason is read back as the import's closing")
    func roundTrip() {
        let reason = StatusReason.handledInLog(note: "opgelost")
        #expect(reason.dutch == "geïmporteerd: afgerond in het klachtenlog (opgelost)")
        #expect(StatusReason(dutch: reason.dutch) == reason)
    }
}
