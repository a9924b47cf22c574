import Foundation
import SignaalApp
import SignaalDomain
import SignaalStore

// The inbox at scale: 1,000,000 signals in 300,000 cases from 100,000 customers, generated
// into a fresh database through the store's bulk load, then the inbox's own queries timed one
// after another on the store's connection, against `SELECT 1` on the same connection.

/// A small seeded generator, so every run (and both databases) get the same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct InboxData {
    /// Full size at scale 1; a larger scale divides every count (a quick check of the benchmark itself).
    let customerCount: Int
    let caseCount: Int
    let signalCount: Int
    static let chunk = 10_000

    static let products = [
        "pakket", "bestelling", "laadpaal", "internetverbinding", "factuur", "trein", "vlucht", "hypotheek", "abonnement",
        "retour", "telefoon", "rekening", "koffer", "energiecontract", "app", "pinpas", "zorgverzekering", "bezorging",
    ]
    static let problems = [
        "is nog steeds niet bezorgd", "werkt al dagen niet", "klopt niet", "is twee keer afgeschreven",
        "is geannuleerd zonder bericht", "is kwijt", "is kapot aangekomen", "is veel te duur geworden",
        "staat verkeerd op de factuur", "wordt steeds uitgesteld", "geeft een foutmelding", "is niet terugbetaald",
    ]
    static let openings = ["Hallo,", "@merk", "Beste klantenservice,", "Hoi!", "Alweer:", "Goedemiddag,", ""]
    static let times = ["sinds maandag", "al drie weken", "voor de derde keer", "na twee telefoontjes", "vandaag", "sinds de storm", ""]
    static let closings = [
        "Wie helpt mij?", "Ik wil mijn geld terug.", "Dit is echt de laatste keer.", "Graag snel een reactie.",
        "Bedankt alvast!", "Ik ben er klaar mee.", "Ik overweeg over te stappen.", "",
    ]
    static let followUps = [
        "Nog steeds niets gehoord.", "Hallo? Ik wacht nog op antwoord.", "Dank voor de snelle hulp, het is opgelost!",
        "Mijn ordernummer staat hierboven.", "Ik heb net weer gebeld, niemand weet ervan.", "Top, dank jullie wel.",
    ]
    static let topics = ["betaling", "levering", "bereikbaarheid", "bejegening", "kwaliteit", "prijs", "storing", "privacy", "account", "terugbetaling"]
    static let channels: [(Channel, Int)] = [(.x, 25), (.facebook, 10), (.instagram, 10), (.whatsapp, 10), (.email, 25), (.webform, 10), (.phone, 10)]

    var rng = SplitMix64(state: 20_261_203)
    let now: Date
    let owners: [UserID]
    let teams: [TeamID]
    var customers: [Customer] = []

    init(now: Date, owners: [UserID], teams: [TeamID], scale: Int) {
        customerCount = 100_000 / scale
        caseCount = 300_000 / scale
        signalCount = 1_000_000 / scale
        self.now = now
        self.owners = owners
        self.teams = teams
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func percent() -> Int { Int(rng.next() % 100) }

    mutating func channel() -> Channel {
        var roll = percent()
        for (channel, weight) in Self.channels {
            if roll < weight { return channel }
            roll -= weight
        }
        return .email
    }

    mutating func makeCustomers() -> [Customer] {
        customers = (0..<customerCount).map { index in
            let name = String(format: "klant%06d", index)
            let identity = index % 2 == 0 ? Identity(kind: .x, raw: name) : Identity(kind: .email, raw: name + "@example.nl")
            return Customer(id: .generate(now: now), name: index % 3 == 0 ? nil : "Klant \(index)", identities: [identity].compactMap { $0 }, createdAt: now)
        }
        return customers
    }

    mutating func text() -> String {
        var parts = [pick(Self.openings), "mijn", pick(Self.products), pick(Self.problems), pick(Self.times) + "."]
        if percent() < 40 { parts.append("Ordernummer \(100_000 + rng.next() % 900_000).") }
        parts.append(pick(Self.closings))
        return parts.filter { !$0.isEmpty && $0 != "." }.joined(separator: " ")
    }

    mutating func analysis(language: String) -> Analysis {
        let sentiment: Analysis.Sentiment = { let roll = percent(); return roll < 55 ? .negative : roll < 85 ? .neutral : .positive }()
        let intent: Analysis.Intent = { let roll = percent(); return roll < 55 ? .complaint : roll < 80 ? .question : roll < 90 ? .compliment : .other }()
        var named = [pick(Self.topics)]
        if percent() < 30 { named.append(pick(Self.topics)) }
        return Analysis(
            language: language, sentiment: sentiment, score: sentiment == .negative ? -0.6 : 0.3, intent: intent,
            topics: Array(Set(named)).sorted(), urgency: Double(percent()) / 100, cues: [], evidence: [])
    }

    /// Cases `range` with their first signals, and their share of the follow-ups.
    mutating func chunk(_ range: Range<Int>) -> (cases: [Case], signals: [Signal]) {
        var cases: [Case] = []
        var signals: [Signal] = []
        let followUps = (signalCount - caseCount) * range.count / caseCount
        var extra = [Int](repeating: 0, count: range.count)
        for _ in 0..<followUps { extra[Int(rng.next() % UInt64(range.count))] += 1 }
        for (offset, _) in range.enumerated() {
            let customer = pick(customers)
            let roll = percent()
            // 15 % of all cases are still open: a large backlog, the hard case for the inbox.
            let status: CaseStatus = roll < 3 ? .new : roll < 11 ? .open : roll < 15 ? .waitingOnCustomer : roll < 35 ? .resolved : .closed
            let unresolved = CaseStatus.unresolved.contains(status)
            let age = Double(rng.next() % UInt64(unresolved ? 14 * 86400 : 365 * 86400))
            let opened = now.addingTimeInterval(-age)
            let channel = channel()
            let language = percent() < 95 ? "nl" : "en"
            let first = text()
            let firstAnalysis = analysis(language: language)
            var theCase = Case(
                id: .generate(now: opened), customerID: customer.id, status: status,
                ownerID: status == .new || percent() < 30 ? nil : pick(owners), teamID: percent() < 50 ? nil : pick(teams),
                priority: Double(rng.next() % 10_000) / 100, subject: Case.subject(from: first), channel: channel, openedAt: opened,
                updatedAt: opened, lastInboundAt: opened, waitingSince: status == .waitingOnCustomer || !unresolved ? nil : opened,
                signalCount: 1 + extra[offset], reopenCount: percent() < 5 ? 1 : 0, maxFollowers: Int(rng.next() % 5000),
                textScore: Double(percent()) / 100, transitions: [])
            theCase.absorb(firstAnalysis)
            let author = customer.identities.first.map { identity in
                identity.kind == .x ? Author(handle: identity.value, name: customer.name) : Author(name: customer.name, email: identity.value)
            } ?? Author(name: customer.name)
            var at = opened
            for index in 0...extra[offset] {
                let words = index == 0 ? first : pick(Self.followUps) + " " + (percent() < 50 ? text() : "")
                let analysis = index == 0 ? firstAnalysis : analysis(language: language)
                if index > 0 { theCase.absorb(analysis) }
                let draft = SignalDraft(
                    channel: channel, externalID: channel == .x || channel == .facebook ? "bench-\(signals.count)-\(rng.next())" : nil,
                    author: author, text: words.trimmingCharacters(in: .whitespaces), receivedAt: at, inReplyTo: nil, url: nil)
                signals.append(Signal(id: .generate(now: at), caseID: theCase.id, customerID: customer.id, draft: draft, analysis: analysis, createdAt: at))
                at = at.addingTimeInterval(Double(60 + rng.next() % 7200))
            }
            theCase.lastInboundAt = min(at, now)
            cases.append(theCase)
        }
        return (cases, signals)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// p50 and p99 in milliseconds of `body` run `iterations` times one after another, after a warm-up.
func timeQuery(iterations: Int, _ body: () async throws -> Void) async throws -> (p50: Double, p99: Double) {
    for _ in 0..<max(5, iterations / 20) { try await body() }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    let clock = ContinuousClock()
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        samples.append(milliseconds(clock.now - start))
    }
    samples.sort()
    func at(_ quantile: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * quantile))] }
    return (at(0.50), at(0.99))
}

func benchmarkInbox(databaseURL: String, iterations: Int, scale: Int) async throws {
    let url = try DatabaseURL(parsing: databaseURL)
    let store = try await StoreFactory.open(url)
    try await store.migrate()
    let clock = ContinuousClock()
    let now = Date()

    var owners: [UserID] = []
    for index in 0..<20 {
        let user = User(id: .generate(now: now), email: "agent\(index)@bench.example", name: "Agent \(index)", role: .agent, createdAt: now)
        try await store.createUser(user, passwordHash: "x")
        owners.append(user.id)
    }
    var teams: [TeamID] = []
    for name in ["Webcare", "Financiën", "Techniek"] {
        let team = Team(id: .generate(now: now), name: name)
        try await store.createTeam(team, now: now)
        teams.append(team.id)
    }
    var data = InboxData(now: now, owners: owners, teams: teams, scale: max(1, scale))
    let loadStart = clock.now
    try await store.bulkLoad(customers: data.makeCustomers(), cases: [], signals: [])
    var signalTotal = 0
    for start in stride(from: 0, to: data.caseCount, by: InboxData.chunk) {
        let (cases, signals) = data.chunk(start..<min(start + InboxData.chunk, data.caseCount))
        try await store.bulkLoad(customers: [], cases: cases, signals: signals)
        signalTotal += signals.count
    }
    // What autovacuum (PostgreSQL) or an operator (SQLite) does after a large load.
    try await store.analyze()
    let loadSeconds = milliseconds(clock.now - loadStart) / 1000
    print(String(format: "loaded %d customers, %d cases, %d signals in %.0f s (bulk load, search index and ANALYZE included)",
                 data.customerCount, data.caseCount, signalTotal, loadSeconds))
    let open = try await store.cases(matching: CaseFilter(), limit: 1_000_000, after: nil).count
    print("unresolved cases (the inbox): \(open)")

    let page = 50
    func inbox(_ filter: CaseFilter, after cursor: CaseCursor? = nil) async throws {
        let cases = try await store.cases(matching: filter, limit: page + 1, after: cursor)
        _ = try await store.customers(ids: cases.prefix(page).map(\.customerID))
    }
    let firstPage = try await store.cases(matching: CaseFilter(), limit: page + 1, after: nil)
    let secondCursor = firstPage.prefix(page).last.map { CaseCursor(after: $0) }

    let floor = try await timeQuery(iterations: iterations) { try await store.ping() }
    var rows: [(String, (p50: Double, p99: Double))] = [("SELECT 1 (same connection)", floor)]
    let inboxQueries: [(String, CaseFilter, CaseCursor?)] = [
        ("inbox, first page (all open)", CaseFilter(), nil),
        ("inbox, second page", CaseFilter(), secondCursor),
        ("inbox, mine", CaseFilter(owner: .user(owners[3])), nil),
        ("inbox, unassigned", CaseFilter(owner: .unassigned), nil),
        ("inbox, my team", CaseFilter(teamID: teams[1]), nil),
        ("inbox, channel x", CaseFilter(channel: .x), nil),
        ("inbox, topic levering", CaseFilter(topic: "levering"), nil),
        ("inbox, negative complaints", CaseFilter(sentiment: .negative, intent: .complaint), nil),
        ("inbox, whatsapp + privacy + positive", CaseFilter(channel: .whatsapp, topic: "privacy", sentiment: .positive), nil),
    ]
    var inboxP99 = 0.0
    for (name, filter, cursor) in inboxQueries {
        let result = try await timeQuery(iterations: iterations) { try await inbox(filter, after: cursor) }
        inboxP99 = max(inboxP99, result.p99)
        rows.append((name, result))
    }
    let searches = ["laadpaal", "pakket kwijt", "zorgverzekering foutmelding", "stroomstoring"]
    var searchRows: [(String, (p50: Double, p99: Double))] = []
    for words in searches {
        guard let query = SearchQuery(words) else { continue }
        let result = try await timeQuery(iterations: max(20, iterations / 10)) { _ = try await store.searchCases(query, limit: page) }
        searchRows.append(("search \"\(words)\"", result))
    }
    // A filter narrows the matches as they are read: with a rare one, a common word is read further.
    if let query = SearchQuery("pakket") {
        let filter = CaseFilter(statuses: CaseStatus.unresolved, channel: .email)
        let result = try await timeQuery(iterations: max(20, iterations / 10)) { _ = try await store.searchCases(query, matching: filter, limit: page) }
        searchRows.append(("search \"pakket\", open e-mail cases", result))
    }
    print("")
    print("query                                      p50 ms    p99 ms   p99 / SELECT 1 p99")
    for (name, result) in rows + searchRows {
        print(name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %8.2f  %8.2f   %8.1fx", result.p50, result.p99, result.p99 / max(floor.p99, 0.001)))
    }
    print(String(format: "\nworst inbox p99: %.2f ms   target <= 20 ms: %@", inboxP99, inboxP99 <= 20 ? "met" : "MISSED"))
    // Last, as it changes the data: one customer erased. On SQLite that rewrites the search index
    // and empties the WAL, while intake waits for the single writer.
    let someone = try await store.cases(matching: CaseFilter(), limit: 1, after: nil)
    if let customerID = someone.first?.customerID {
        let erasureStart = clock.now
        try await store.eraseCustomer(id: customerID, at: Date())
        print(String(format: "one customer erased in %.0f ms (the writer is busy that long)", milliseconds(clock.now - erasureStart)))
    }
    await store.shutdown()
}
