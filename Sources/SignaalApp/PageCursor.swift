import Foundation
import SignaalDomain
import SignaalStore

/// Opaque page cursors: base64url of the sort key and id of the last item.
enum PageCursor {
    static func encode(_ cursor: SignalCursor) -> String {
        base64url("s|\(cursor.receivedAt)|\(cursor.id)")
    }

    static func encode(_ cursor: CaseCursor) -> String {
        base64url("c|\(cursor.priority)|\(cursor.id)")
    }

    static func signalCursor(_ text: String) throws -> SignalCursor {
        let parts = try decode(text, kind: "s")
        guard let millis = Int64(parts[1]), let id = SignalID(parts[2]) else { throw invalid }
        return SignalCursor(receivedAt: millis, id: id)
    }

    static func caseCursor(_ text: String) throws -> CaseCursor {
        let parts = try decode(text, kind: "c")
        guard let priority = Double(parts[1]), priority.isFinite, let id = CaseID(parts[2]) else { throw invalid }
        return CaseCursor(priority: priority, id: id)
    }

    static let invalid = Problem(
        .badRequest, "Deze cursor is ongeldig: gebruik de nextCursor van de vorige pagina.", type: "https://signaal.nl/problems/invalid-input")

    private static func decode(_ text: String, kind: String) throws -> [String] {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count < 200, let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8)
        else { throw invalid }
        let parts = decoded.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == kind else { throw invalid }
        return parts
    }

    private static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
