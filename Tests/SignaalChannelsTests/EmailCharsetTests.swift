import Foundation
import Testing
@testable import SignaalChannels

@Suite("E-mail charsets and transfer encodings")
struct EmailCharsetTests {
    private func decode(_ bytes: [UInt8], _ charset: String?) -> (String, [String]) {
        var warnings = EmailWarnings()
        let text = TextCharset.decode(bytes, charset: charset, warnings: &warnings)
        return (text, warnings.messages)
    }

    @Test func windows1252HighRangeIsMappedByHand() {
        let bytes = (UInt8(0x80)...UInt8(0x9F)).map { $0 }
        let expected = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"
        #expect(decode(bytes, "windows-1252").0 == expected)
        #expect(decode(bytes, "CP1252").0 == expected)
    }

    @Test(arguments: [
        ([0x43, 0x61, 0x66, 0xE9], "ISO-8859-1", "Café"),
        ([0x5A, 0x65, 0x65, 0xEB, 0x6E], "latin1", "Zeeën"),
        // Labelled Latin-1 but written by Windows: 0x80 is still the euro sign, as in browsers.
        ([0x80, 0x20, 0x34, 0x39, 0x2C, 0x39, 0x35], "iso-8859-1", "€ 49,95"),
        ([0xA4, 0x20, 0x35], "ISO-8859-15", "€ 5"),
        ([0xA4, 0x20, 0x35], "iso-8859-1", "¤ 5"),
        ([0x48, 0x6F, 0x69], "us-ascii", "Hoi"),
        ([0xC3, 0xA9, 0xC3, 0xA9, 0x6E], "us-ascii", "één"),
        ([0xE2, 0x82, 0xAC], "\"utf-8\"", "€"),
        ([0xE2, 0x82, 0xAC], nil, "€"),
        ([0xAC, 0x20, 0x20, 0x00], "utf-16le", "€ "),
    ] as [([UInt8], String?, String)])
    func decodesKnownCharsets(bytes: [UInt8], charset: String?, expected: String) {
        let (text, warnings) = decode(bytes, charset)
        #expect(text == expected)
        #expect(warnings.isEmpty)
    }

    @Test func invalidUTF8BytesAreReadAsWindows1252() {
        let (text, warnings) = decode([0x43, 0x61, 0x66, 0xE9, 0x20, 0xC3, 0xA9, 0x20, 0x80, 0xF0, 0x9F, 0x98], "utf-8")
        // The cut-off emoji's bytes each become a Windows-1252 character.
        #expect(text == "Café é €ð\u{178}\u{2DC}")
        #expect(warnings == ["Tekst bevatte ongeldige UTF-8-bytes; die zijn gelezen als Windows-1252."])
    }

    @Test func unknownCharsetIsReadAsWindows1252WithWarning() {
        let (text, warnings) = decode([0x80, 0x20, 0xE9], "x-foo")
        #expect(text == "€ é")
        #expect(warnings == ["Onbekende tekenset 'x-foo'; gelezen als Windows-1252."])
    }

    @Test func unknownBodyCharsetWarnsInParsedEmail() {
        var bytes = Array("Content-Type: text/plain; charset=\"x-mac-dutch\"\r\n\r\nPrijs: ".utf8)
        bytes += [0x80, 0x20, 0x31, 0x30]
        let email = MIMEParser.parse(Data(bytes))
        #expect(email.body == "Prijs: € 10")
        #expect(email.warnings == ["Onbekende tekenset 'x-mac-dutch'; gelezen als Windows-1252."])
    }

    // MARK: - Quoted-printable

    private func quotedPrintable(_ text: String) -> String {
        let bytes = Array(text.utf8).withUnsafeBufferPointer { TransferDecoder.quotedPrintable($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("Caf=C3=A9 koffie", "Café koffie"),
        ("caf=c3=a9", "café"),
        ("lange regel=\r\nverder", "lange regelverder"),
        ("lange regel=\nverder", "lange regelverder"),
        ("spaties na =  \r\nhet teken", "spaties na het teken"),
        ("harde\r\nregel", "harde\r\nregel"),
        ("1 + 1 =3D 2", "1 + 1 = 2"),
        ("los = teken", "los = teken"),
        ("=ZZ blijft", "=ZZ blijft"),
        ("eindigt op =", "eindigt op "),
        ("=E2=82=AC 45,=\r\n=E2=80=93", "€ 45,–"),
    ])
    func decodesQuotedPrintable(input: String, expected: String) {
        #expect(quotedPrintable(input) == expected)
    }

    // MARK: - Base64

    private func base64(_ text: String) -> (String, [String]) {
        var warnings = EmailWarnings()
        let bytes = Array(text.utf8).withUnsafeBufferPointer { TransferDecoder.base64($0, warnings: &warnings) }
        return (String(decoding: bytes, as: UTF8.self), warnings.messages)
    }

    @Test(arguments: [
        ("Q2Fmw6k=", "Café"),
        ("Q2Fm\r\nw6k=\r\n", "Café"),
        ("Q2Fmw6k", "Café"),
        ("  Q 2 F m w 6 k =  ", "Café"),
        ("", ""),
    ])
    func decodesBase64(input: String, expected: String) {
        let (text, warnings) = base64(input)
        #expect(text == expected)
        #expect(warnings.isEmpty)
    }

    @Test func truncatedBase64KeepsReadableBytes() {
        let (text, warnings) = base64("Q2Fmw")
        #expect(text == "Caf")
        #expect(warnings == ["Base64-inhoud was afgekapt of beschadigd; de leesbare bytes zijn bewaard."])
    }

    @Test func invalidBase64CharactersAreSkipped() {
        let (text, warnings) = base64("Q2F!mw6k=")
        #expect(text == "Café")
        #expect(warnings == ["Base64-inhoud bevatte ongeldige tekens; die zijn overgeslagen."])
    }

    @Test(arguments: ["7bit", "8bit", "binary", "BINARY", ""])
    func identityEncodingsKeepBytes(encoding: String) {
        let bytes: [UInt8] = [0x41, 0xE9, 0x00, 0x0D, 0x0A]
        var warnings = EmailWarnings()
        #expect(TransferDecoder.decode(bytes, range: 0..<bytes.count, encoding: encoding, warnings: &warnings) == bytes)
        #expect(warnings.messages.isEmpty)
    }

    @Test func unknownTransferEncodingWarns() {
        let email = MIMEParser.parse(rawMail("Content-Transfer-Encoding: x-uuencode\n\nbegin 644 x\n"))
        #expect(email.body == "begin 644 x")
        #expect(email.warnings == ["Onbekende Content-Transfer-Encoding 'x-uuencode'; inhoud ongewijzigd gelezen."])
    }
}
