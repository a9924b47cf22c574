import Foundation
import SignaalDomain
import SignaalStore

/// The demo data set: realistic Dutch signals on every channel, written by the team
/// (Resources/demo/demo-signals.json), with the stories of the seed texts.
public struct DemoData: Sendable, Decodable {
    public struct Customer: Sendable, Decodable {
        public var key: String
        public var name: String?
        public var handle: String?
        public var email: String?
        public var phone: String?
        public var followers: Int?
    }

    public struct Message: Sendable, Decodable {
        public var key: String
        public var customer: String
        public var channel: String
        public var text: String
        public var hoursAgo: Double
        public var inReplyTo: String?
        public var url: String?
        public var story: String?
    }

    public var customers: [Customer]
    public var signals: [Message]

    /// The bundled data set.
    /// The brands the demo's customers write to on X: with these, the demo's fake "KLM
    /// Klantenservice" of the storm (S3) is marked as posing as @KLM.
    public static let brandHandles = ["NS_online", "KLM", "Transavia"]

    public static func bundled() throws -> DemoData {
        guard let url = Bundle.module.url(forResource: "demo-signals", withExtension: "json", subdirectory: "demo") else {
            throw DomainError.notFound("De demodata (demo/demo-signals.json)")
        }
        return try JSONDecoder().decode(DemoData.self, from: Data(contentsOf: url))
    }

    /// The drafts in the order they arrived, with times relative to `now`. Calls, visits and
    /// letters are written down by `recorder` (the demo's agent), as an agent's notes are.
    public func drafts(now: Date, recorder: UserID? = nil) throws -> [SignalDraft] {
        let customersByKey = Dictionary(uniqueKeysWithValues: customers.map { ($0.key, $0) })
        return try signals.sorted { $0.hoursAgo > $1.hoursAgo }.map { message in
            guard let customer = customersByKey[message.customer] else {
                throw DomainError.invalidField("demo \(message.key)", "onbekende klant \(message.customer)")
            }
            guard let channel = Channel(rawValue: message.channel) else { throw DomainError.unknownChannel(message.channel) }
            // Followers are a fact of social platforms: an e-mail or a phone call has no reach.
            let social: Set<Channel> = [.x, .facebook, .instagram]
            let author = Author(
                handle: customer.handle, name: customer.name, email: customer.email, phone: customer.phone,
                followers: social.contains(channel) ? customer.followers : nil)
            return SignalDraft(
                channel: channel, externalID: "demo-\(message.key)", author: author, text: message.text,
                receivedAt: now.addingTimeInterval(-message.hoursAgo * 3600),
                inReplyTo: message.inReplyTo.map { "demo-\($0)" }, url: message.url,
                recordedBy: RecordContact.channels.contains(channel) ? recorder : nil)
        }
    }
}

/// Loads the demo data into an empty database; does nothing to a database that has signals.
public struct LoadDemoData: Sendable {
    let store: any SignaalStore
    let clock: @Sendable () -> Date
    let analyzer: (any SignalAnalyzer)?
    let brand: BrandAccounts
    let recorder: UserID?

    public init(
        store: any SignaalStore, clock: @escaping @Sendable () -> Date = Date.init, analyzer: (any SignalAnalyzer)? = nil,
        brand: BrandAccounts = BrandAccounts(handles: DemoData.brandHandles), recorder: UserID? = nil
    ) {
        self.recorder = recorder
        self.store = store
        self.clock = clock
        self.analyzer = analyzer
        self.brand = brand
    }

    /// Returns the number of signals stored, or nil when the database was not empty.
    public func callAsFunction(_ data: DemoData) async throws -> Int? {
        guard try await store.signals(channel: nil, limit: 1, after: nil).isEmpty else { return nil }
        let now = clock()
        var stored = 0
        for draft in try data.drafts(now: now, recorder: recorder) {
            // Each signal is taken in at the moment it arrived, so waiting times are real.
            let arrival = draft.receivedAt.addingTimeInterval(1)
            let ingest = IngestSignal(store: store, clock: { arrival }, analyzer: analyzer, brand: brand)
            if case .created = try await ingest(draft) { stored += 1 }
        }
        try await RefreshPriorities(store: store, clock: clock)()
        return stored
    }
}
