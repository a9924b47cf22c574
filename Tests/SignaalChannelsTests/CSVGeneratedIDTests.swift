import Foundation
import SignaalChannels
import SignaalDomain
import Testing

@Suite("CSV import: ids for rows without a kenmerk")
struct CSVGeneratedIDTests {
    /// The id is "csv:" + SHA-256 of date (ms, empty without a date column), name, e-mail, phone,
    /// handle and text, joined by U+001F. With only a name "J" the text's length sets the input
    /// length, so these cover SHA-256's padding edges (55, 56, 63, 64, 65, 119, 120 bytes) and a
    /// multi-block input. Expected digests from Python's hashlib.
    @Test("Generated ids are the SHA-256 of the row's content", arguments: [
        (49, "26ab257491ef65f6f7e3e4256bc189b21d6c9e24bdc0772dc2dd9667c139239d"),
        (50, "6c7741634a24effa566f9f5d632f4baed87dc7594fab6afee084487f3c6f63ac"),
        (57, "745117061ae17d4a4474fa77413960eb3377f38295cb07870b2233b7e45ee25e"),
        (58, "83c86730e05e351d08a99b7c4ab9a8ed98b6b1a92d57a7960e6909e8d8bef365"),
        (59, "1b04e32bc4c4c986403110c2af86a3622428bec70d683dbd8173d8d35e8349a3"),
        (113, "76ce69c689f1df6d37b9b87d34e1308fd60a723f14c29711edcd9c239d944c75"),
        (114, "1c4ed386dcb631323792a50d73b5303b07d15ea9980c98d5bbb11244aa5000c9"),
    ])
    func digestAtPaddingEdges(textLength: Int, digest: String) throws {
        let plan = try csvPlan("Naam;Klacht\nJ;\(String(repeating: "a", count: textLength))\n")
        #expect(plan.rows.first?.draft.externalID == "csv:" + digest)
    }

    @Test("A long text with multi-byte characters hashes its UTF-8 bytes")
    func longMultibyteText() throws {
        let text = String(repeating: "Ik heb € 49,95 betaald – ", count: 40).trimmingCharacters(in: .whitespaces)
        let plan = try csvPlan("Naam;Klacht\nJ;\(text)\n")
        #expect(plan.rows.first?.draft.externalID == "csv:45118ca6b7d980fcf4f4de51504777157edcb08d0c129c37b345c20e0da9b837")
    }

    @Test("The same complaint in another export layout gets the same id")
    func layoutDoesNotMatter() throws {
        let excel = try csvPlan("Datum;Naam;Klacht\r\n22-11-2026 14:05;Jan;\"Regel een\r\nregel twee\"\r\n")
        let tool = try csvPlan("message,name,date\n\"Regel een\nregel twee\",Jan,2026-11-22T13:05:00Z\n")
        #expect(excel.rows.first?.draft.externalID != nil)
        #expect(excel.rows.first?.draft.externalID == tool.rows.first?.draft.externalID)
    }

    @Test("Different content gives different ids")
    func contentMatters() throws {
        let plan = try csvPlan("""
            Datum;Naam;Klacht
            22-11-2026 14:05;Jan;Te laat
            22-11-2026 14:06;Jan;Te laat
            22-11-2026 14:05;Piet;Te laat
            22-11-2026 14:05;Jan;Te laat!
            """)
        #expect(Set(plan.rows.compactMap(\.draft.externalID)).count == 4)
    }

    @Test("A row repeated in the file is rejected rather than silently merged")
    func repeatedRow() throws {
        let plan = try csvPlan("Datum;Naam;Klacht\n22-11-2026 14:05;Jan;Te laat\n\n22-11-2026 14:05;Jan;Te laat\n")
        #expect(plan.rows.map(\.line) == [2])
        #expect(plan.rejections == [CSVRejection(line: 4, reason: "Dezelfde klacht (datum, klant en tekst) staat ook op regel 2.")])
    }

    @Test("A given kenmerk is kept as the id")
    func givenKenmerk() throws {
        let plan = try csvPlan("Kenmerk;Naam;Klacht\n  KL-2026-0042 ;Jan;Te laat\n-;Piet;Kapot\n")
        #expect(plan.rows.first?.draft.externalID == "KL-2026-0042")
        // "-" means "no kenmerk" in spreadsheets; that row gets a generated id.
        #expect(plan.rows.last?.draft.externalID?.hasPrefix("csv:") == true)
    }
}
