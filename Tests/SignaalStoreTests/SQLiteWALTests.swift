import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreTesting
import Testing

/// SQLite only: what a surge of messages does to the files on disk.
@Suite("SQLite: the write-ahead log under sustained intake")
struct SQLiteWALTests {
    @Test("a surge that never pauses keeps the WAL file bounded, and every signal is kept")
    func walStaysBounded() async throws {
        try await withTestStore(.sqlite) { store, location in
            let walPath = try #require(location.sqliteURL).replacingOccurrences(of: "sqlite://", with: "") + "-wal"
            let intakes = 6000
            // 64 senders at once, each sending the next message as soon as the last is stored,
            // so the single writer never waits: SQLite then never finds a moment to start the WAL
            // over by itself (it grew ~30 KB per intake). The authors repeat, so most messages
            // join a case, as in production.
            let peak = try await withThrowingTaskGroup(of: Int.self) { group in
                for sender in 0..<64 {
                    group.addTask {
                        var peak = 0
                        for number in stride(from: sender, to: intakes, by: 64) {
                            let draft = Fixtures.draft(
                                externalID: "surge-\(number)", handle: "klant_\(number % 700)", name: "Klant \(number % 700)",
                                text: "Bericht \(number): mijn pakket \(number % 97) is nog steeds niet bezorgd.")
                            _ = try await Fixtures.ingest(draft, into: store)
                            if number % 50 == 0 {
                                let attributes = try? FileManager.default.attributesOfItem(atPath: walPath)
                                peak = max(peak, attributes?[.size] as? Int ?? 0)
                            }
                        }
                        return peak
                    }
                }
                return try await group.reduce(0) { max($0, $1) }
            }
            // Without starting over, 6,000 intakes leave well over 100 MB of WAL; with it, the
            // WAL starts over at 16 MiB and the file keeps its largest size (up to 64 MiB).
            #expect(peak < 64 << 20, "the WAL reached \(peak >> 20) MiB")
            let stored = try await store.signals(channel: nil, limit: intakes + 1, after: nil)
            #expect(stored.count == intakes)
            #expect(Set(stored.map(\.customerID)).count == 700)
        }
    }
}
