import Foundation

extension ParsedEmail {
    /// Sent by a machine, not typed by the customer: an out-of-office or other automatic reply
    /// (RFC 3834 `Auto-Submitted`, the vendors' `X-Autoreply`, `Precedence: auto_reply`, or the
    /// subject Outlook, Gmail and Exchange put in front). `Precedence: bulk` or `junk` alone is a
    /// newsletter or a mailing list, which only counts with an automatic-reply subject.
    public var isAutomaticReply: Bool {
        if let submitted = header("Auto-Submitted").map(Self.firstToken), !submitted.isEmpty, submitted != "no" { return true }
        for name in ["X-Autoreply", "X-Autorespond"] {
            if let value = header(name).map(Self.firstToken), !["no", "false", "0"].contains(value) { return true }
        }
        if header("Precedence").map(Self.firstToken) == "auto_reply" { return true }
        let subject = (subject ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return Self.automaticReplySubjects.contains { subject.hasPrefix($0) }
    }

    private static let automaticReplySubjects = [
        "automatisch antwoord:", "afwezig:", "out of office:", "automatic reply:", "autoreply:",
    ]

    /// "auto-replied; owner-email=…" -> "auto-replied".
    private static func firstToken(_ value: String) -> String {
        String(value.prefix { $0 != ";" && $0 != "(" }).trimmingCharacters(in: .whitespaces).lowercased()
    }
}
