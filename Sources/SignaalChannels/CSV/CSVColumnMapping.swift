import Foundation

/// Which column (0-based index) holds which part of a complaint; nil = not in the file.
public struct CSVColumnMapping: Sendable, Hashable {
    public var text: Int?
    public var receivedAt: Int?
    /// A separate time column next to a date column of days only ("Datum" and "Tijd").
    public var time: Int?
    public var channel: Int?
    public var externalID: Int?
    public var name: Int?
    public var email: Int?
    public var phone: Int?
    public var handle: Int?
    public var subject: Int?
    public var orderNumber: Int?
    /// Whether the complaint was handled already ("Status": afgerond, open); see `CSVStatusWords`.
    public var status: Int?

    public init(
        text: Int? = nil, receivedAt: Int? = nil, time: Int? = nil, channel: Int? = nil, externalID: Int? = nil,
        name: Int? = nil, email: Int? = nil, phone: Int? = nil, handle: Int? = nil,
        subject: Int? = nil, orderNumber: Int? = nil, status: Int? = nil
    ) {
        self.status = status
        self.text = text
        self.receivedAt = receivedAt
        self.time = time
        self.channel = channel
        self.externalID = externalID
        self.name = name
        self.email = email
        self.phone = phone
        self.handle = handle
        self.subject = subject
        self.orderNumber = orderNumber
    }

    /// Recognises Dutch and English column names. Exact names first, the likelier name first
    /// ("Klacht" before "Bericht"); then, for fields still open, a name containing such a word
    /// ("Datum ontvangst", "E-mail klant"), except names about our own side or a number
    /// ("Naam behandelaar", "Nummer klacht"). Nil when no column looks like the complaint text.
    public static func guess(header: [String]) -> CSVColumnMapping? {
        let mapping = guessColumns(header: header)
        return mapping.text == nil ? nil : mapping
    }

    static func guessColumns(header: [String]) -> CSVColumnMapping {
        var mapping = CSVColumnMapping()
        var used = Set<Int>()
        let keys = header.map(CSVNormalise.key)
        for field in Field.allCases {
            for synonym in field.synonyms {
                if let column = keys.indices.first(where: { !used.contains($0) && keys[$0] == synonym }) {
                    mapping[field] = column
                    used.insert(column)
                    break
                }
            }
        }
        // Contact fields before the name: "Klant e-mail" is an address, not a name.
        for field in [Field.receivedAt, .text, .email, .phone, .name] where mapping[field] == nil {
            let column = header.indices.first { column in
                guard !used.contains(column) else { return false }
                let words = CSVNormalise.words(header[column])
                return !words.contains(where: Self.disqualifyingWords.contains)
                    && words.contains(where: field.synonyms.contains)
            }
            if let column {
                mapping[field] = column
                used.insert(column)
            }
        }
        // A time alone says nothing about the day; left unused, the column is named as such.
        if mapping.receivedAt == nil { mapping.time = nil }
        return mapping
    }

    /// Starts from `guess(header:)` and lets each flag name a column by its name in the header
    /// (case and accents ignored) or by its 1-based number; an empty value drops the column.
    /// Keys are the field names in English or Dutch: `text`/`tekst`, `date`/`datum`,
    /// `time`/`tijd`, `channel`/`kanaal`, `id`/`kenmerk`, `name`/`naam`, `email`, `phone`/`telefoon`, `handle`,
    /// `subject`/`onderwerp`, `order`/`ordernummer`, `status`.
    public init(flags: [String: String], header: [String]) throws(CSVImportError) {
        var mapping = Self.guessColumns(header: header)
        var named: Set<Field> = []
        for (key, value) in flags.sorted(by: { $0.key < $1.key }) {
            guard let field = Field.named(key) else { throw .unknownField(key) }
            named.insert(field)
            let wanted = value.trimmingCharacters(in: .whitespaces)
            let column: Int?
            if wanted.isEmpty {
                column = nil
            } else if let number = Int(wanted) {
                guard (1...header.count).contains(number) else {
                    throw .columnOutOfRange(field: key, number: number, columnCount: header.count)
                }
                column = number - 1
            } else if let found = header.firstIndex(where: { CSVNormalise.key($0) == CSVNormalise.key(wanted) }) {
                column = found
            } else {
                throw .unknownColumn(field: key, name: wanted, header: header)
            }
            // A column named for one field is no longer read as a field it was guessed for
            // ("--column kenmerk=Status" takes Status from the status).
            if let column {
                for other in Field.allCases where !named.contains(other) && mapping[other] == column { mapping[other] = nil }
            }
            mapping[field] = column
        }
        guard mapping.text != nil else { throw .noTextColumn(header: header) }
        self = mapping
    }

    /// Words that make a column something else than the customer's complaint or its arrival: who
    /// handled it, how it ended ("Datum afgerond"), our answer, or a classification ("Categorie
    /// klacht" is a category, "Omschrijving klacht" the text).
    private static let disqualifyingWords: Set<String> = [
        "behandelaar", "medewerker", "agent", "afgehandeld", "afhandeling", "nummer", "nr", "id", "aantal",
        "afgerond", "afgesloten", "gesloten", "opgelost", "oplossing", "reactie", "antwoord", "categorie", "soort", "type",
        "status",
    ]

    /// Which column each field is read from, by the field's Dutch name as `--column` takes it and
    /// the column's name in the header: [("tekst", "Omschrijving klacht"), ("datum", "Datum")].
    public func columnNames(header: [String]) -> [(field: String, column: String)] {
        Field.allCases.compactMap { field in
            guard let column = self[field], header.indices.contains(column) else { return nil }
            return (field.dutchName, header[column])
        }
    }

    /// The columns no field is read from, in header order: what the import leaves out.
    public func unusedColumns(columnCount: Int) -> [Int] {
        let used = Set(Field.allCases.compactMap { self[$0] })
        return (0..<columnCount).filter { !used.contains($0) }
    }

    /// The parts of a complaint a column can hold.
    enum Field: CaseIterable {
        case text, receivedAt, time, channel, externalID, name, email, phone, handle, subject, orderNumber, status

        /// Normalised column names (see `CSVNormalise.key`) that mean this field, likeliest first.
        var synonyms: [String] {
            switch self {
            case .text:
                ["klacht", "omschrijving", "bericht", "tekst", "text", "message", "melding", "inhoud", "body",
                 "beschrijving", "toelichting", "description", "complaint", "klachtomschrijving"]
            case .receivedAt:
                ["datum", "date", "tijdstip", "ontvangen", "ontvangstdatum", "datumtijd", "datetime",
                 "timestamp", "received", "receivedat", "created", "createdat", "aangemaakt", "gemeld",
                 "meldingsdatum", "datumontvangst"]
            case .time: ["tijd", "time", "uur"]
            case .channel: ["kanaal", "channel", "medium", "bron", "source", "via"]
            case .externalID:
                ["kenmerk", "id", "referentie", "ticketnummer", "ticket", "ticketid", "reference", "ref",
                 "zaaknummer", "meldingsnummer", "klachtnummer", "externalid"]
            case .name: ["naam", "klant", "name", "klantnaam", "naamklant", "customer", "customername", "fullname", "contactpersoon"]
            case .email: ["email", "emailadres", "mailadres", "emailaddress", "mail"]
            case .phone: ["telefoon", "telefoonnummer", "phone", "tel", "telnr", "mobiel", "phonenumber", "gsm"]
            case .handle: ["handle", "gebruikersnaam", "username", "account", "twitternaam"]
            case .subject: ["onderwerp", "subject", "titel", "title"]
            case .orderNumber:
                ["ordernummer", "bestelnummer", "order", "ordernr", "bestelling", "orderid", "ordernumber", "bestelnr"]
            // Exact names only: "Datum afgerond" is a date, not whether it was.
            case .status:
                ["status", "afgerond", "afhandeling", "stand", "afgehandeld", "opgelost", "gesloten", "state",
                 "statusklacht", "klachtstatus", "afhandelstatus", "afhandelingsstatus", "resolved", "closed", "done"]
            }
        }

        /// The name `--column` knows it by, in Dutch.
        var dutchName: String {
            switch self {
            case .text: "tekst"
            case .receivedAt: "datum"
            case .time: "tijd"
            case .channel: "kanaal"
            case .externalID: "kenmerk"
            case .name: "naam"
            case .email: "email"
            case .phone: "telefoon"
            case .handle: "handle"
            case .subject: "onderwerp"
            case .orderNumber: "ordernummer"
            case .status: "status"
            }
        }

        static func named(_ key: String) -> Field? {
            switch CSVNormalise.key(key) {
            case "text", "tekst", "klacht": .text
            case "date", "datum", "receivedat": .receivedAt
            case "time", "tijd": .time
            case "channel", "kanaal": .channel
            case "id", "kenmerk", "externalid": .externalID
            case "name", "naam": .name
            case "email", "mail": .email
            case "phone", "telefoon": .phone
            case "handle": .handle
            case "subject", "onderwerp": .subject
            case "order", "ordernummer", "ordernumber": .orderNumber
            case "status", "stand": .status
            default: nil
            }
        }
    }

    subscript(field: Field) -> Int? {
        get {
            switch field {
            case .text: text
            case .receivedAt: receivedAt
            case .time: time
            case .channel: channel
            case .externalID: externalID
            case .name: name
            case .email: email
            case .phone: phone
            case .handle: handle
            case .subject: subject
            case .orderNumber: orderNumber
            case .status: status
            }
        }
        set {
            switch field {
            case .text: text = newValue
            case .receivedAt: receivedAt = newValue
            case .time: time = newValue
            case .channel: channel = newValue
            case .externalID: externalID = newValue
            case .name: name = newValue
            case .email: email = newValue
            case .phone: phone = newValue
            case .handle: handle = newValue
            case .subject: subject = newValue
            case .orderNumber: orderNumber = newValue
            case .status: status = newValue
            }
        }
    }
}
