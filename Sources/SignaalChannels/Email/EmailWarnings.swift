import Foundation

/// Collects the Dutch, plain-language notes about what could not be read.
/// Keeps the first occurrence only, so a thousand bad parts give one line each kind.
struct EmailWarnings: Sendable {
    private(set) var messages: [String] = []

    mutating func add(_ message: String) {
        if !messages.contains(message) { messages.append(message) }
    }

    static func unknownCharset(_ name: String) -> String {
        "Onbekende tekenset '\(name)'; gelezen als Windows-1252."
    }

    static let invalidUTF8 = "Tekst bevatte ongeldige UTF-8-bytes; die zijn gelezen als Windows-1252."

    static func unknownTransferEncoding(_ name: String) -> String {
        "Onbekende Content-Transfer-Encoding '\(name)'; inhoud ongewijzigd gelezen."
    }

    static let truncatedBase64 = "Base64-inhoud was afgekapt of beschadigd; de leesbare bytes zijn bewaard."
    static let invalidBase64Characters = "Base64-inhoud bevatte ongeldige tekens; die zijn overgeslagen."

    static func missingClosingBoundary(_ boundary: String) -> String {
        "Multipart-deel zonder afsluitende grens '--\(boundary)--'; gelezen wat er stond."
    }

    static let missingBoundaryParameter = "Multipart-bericht zonder boundary-parameter; de grens is uit de inhoud afgeleid."
    static let noBoundaryFound = "Multipart-bericht zonder herkenbare grens; de inhoud is als tekst gelezen."
    static let tooDeeplyNested = "Multipart-structuur te diep genest; de diepere delen zijn overgeslagen."
    static let noHeaders = "Geen kopregels gevonden; het hele bericht is als tekst gelezen."
    static let headerGarbage = "Onleesbare kopregel aangetroffen; daar is de inhoud begonnen."

    static func unreadableDate(_ value: String) -> String {
        "Datum onleesbaar: '\(value.prefix(80))'."
    }

    static func attachmentOverLimit(_ name: String?, size: Int, limit: Int) -> String {
        let label = name.map { "'\($0)'" } ?? "zonder naam"
        return "Bijlage \(label) (\(size) bytes) past niet binnen de limiet van \(limit) bytes; alleen naam, type en grootte bewaard."
    }
}
