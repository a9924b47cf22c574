import SignaalDomain

/// What an import would do: the rows that become signals and the rows that cannot.
/// Nothing is stored yet, so the CLI can show it first (a dry run) and then ingest `rows`.
public struct CSVImportPlan: Sendable {
    public var rows: [CSVImportRow]
    public var rejections: [CSVRejection]
    public var delimiter: Character
    public var mapping: CSVColumnMapping
    /// How the bytes were read; worth telling the user when it is not UTF-8.
    public var encoding: CSVTextEncoding
    /// The header's column names, to say which column became which field.
    public var header: [String]
    /// The columns nothing was read from ("Status", "Behandelaar"), so none disappears unsaid.
    public var unusedColumns: [String]
    /// What the user should know about the whole file, in Dutch: how its dates were read.
    public var notes: [String]
    /// The lines after a quote that is never closed: not read at all, so in no other count.
    public var unreadLines: [Int]

    public init(
        rows: [CSVImportRow], rejections: [CSVRejection], delimiter: Character,
        mapping: CSVColumnMapping, encoding: CSVTextEncoding, header: [String] = [],
        unusedColumns: [String] = [], notes: [String] = [], unreadLines: [Int] = []
    ) {
        self.unreadLines = unreadLines
        self.header = header
        self.unusedColumns = unusedColumns
        self.notes = notes
        self.rows = rows
        self.rejections = rejections
        self.delimiter = delimiter
        self.mapping = mapping
        self.encoding = encoding
    }
}

/// One row that can be ingested, with the line it starts on for messages about it.
public struct CSVImportRow: Sendable, Hashable {
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// Already checked with `SignalDraft.validated()`.
    public var draft: SignalDraft
    /// What the log's status column says; open when it has none.
    public var status: LogStatus

    public init(line: Int, draft: SignalDraft, status: LogStatus = .open) {
        self.line = line
        self.draft = draft
        self.status = status
    }
}

/// A row left out, and why, in Dutch.
public struct CSVRejection: Sendable, Hashable {
    /// The 1-based physical line where the record starts.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// Line numbers as messages name them: "regel 4", "regels 2, 3, 5", "regels 2, 3, 5, 7, 8 en 12 meer".
    public static func lines(_ numbers: [Int], showing limit: Int = 5) -> String {
        let shown = numbers.prefix(limit).map(String.init).joined(separator: ", ")
        let more = numbers.count > limit ? " en \(numbers.count - limit) meer" : ""
        return (numbers.count == 1 ? "regel " : "regels ") + shown + more
    }
}
