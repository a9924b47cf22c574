import SignaalDomain

/// The words a complaint log's status column holds, Dutch or English: a status ("afgerond",
/// "in behandeling") or, under a column named "Afgerond", a yes or no.
enum CSVStatusWords {
    /// What the log says of a row: handled, open work, or a word we do not know (nil).
    static func status(of raw: String) -> LogStatus? {
        let key = CSVNormalise.key(raw)
        if handled.contains(key) { return .handled(note: raw.lowercased()) }
        if key.isEmpty || open.contains(key) { return .open }
        return nil
    }

    /// Folded as `CSVNormalise.key`: "In behandeling" is "inbehandeling".
    private static let handled: Set<String> = [
        "afgerond", "opgelost", "gesloten", "klaar", "afgehandeld", "afgesloten", "gereed", "ja", "j", "waar", "x",
        "done", "closed", "resolved", "solved", "completed", "finished", "yes", "y", "true",
    ]
    private static let open: Set<String> = [
        "open", "openstaand", "inbehandeling", "nieuw", "lopend", "bezig", "wachtopklant", "nee", "n", "onwaar",
        "new", "inprogress", "pending", "waiting", "no", "false", "todo",
    ]
}
