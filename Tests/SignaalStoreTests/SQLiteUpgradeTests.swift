import Foundation
import GRDB
import SignaalDomain
import SignaalStore
@testable import SignaalStoreSQLite
import SignaalStoreTesting
import Testing

/// SQLite only: a file written by an older version, opened by this one.
@Suite("SQLite: upgrading a database that holds messages")
struct SQLiteUpgradeTests {
    @Test("messages stored before the counted columns (migration 32) are counted after the upgrade as before it")
    func countedColumnsFilledIn() async throws {
        try await withTestStore(.sqlite) { store, location in
            let hour = Date(timeIntervalSince1970: (Fixtures.base.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
            let now = hour.addingTimeInterval(3600)
            let period = DateInterval(start: hour, end: now)
            for (key, analysis) in [
                ("u1", Fixtures.analysis(.negative, .complaint, topics: ["storing", "betaling"])),
                ("u2", Fixtures.analysis(.positive, .compliment, topics: ["storing"])), ("u3", nil),
            ] {
                try await Fixtures.ingest(Fixtures.draft(externalID: key, handle: "klant_\(key)", receivedAt: hour), into: store, now: now, analysis: analysis)
            }
            let counts = Set(try await store.signalCounts(in: period).counts)
            let topics = Set(try await store.windowCounts([period]))
            #expect(topics.contains(WindowCount(window: 0, topic: "betaling", count: 1)))

            // The file as version 31 left it: no counted columns, no index, migration 32 not applied.
            let path = try #require(location.sqliteURL).replacingOccurrences(of: "sqlite://", with: "")
            var configuration = Configuration()
            // Changing the table re-reads its triggers, which name the search index's tokenizer.
            configuration.prepareDatabase { db in db.add(tokenizer: DutchStemTokenizer.self) }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try await queue.write { db in
                try db.execute(
                    sql: """
                        DROP INDEX signals_counted;
                        ALTER TABLE signals DROP COLUMN sentiment;
                        ALTER TABLE signals DROP COLUMN intent;
                        ALTER TABLE signals DROP COLUMN topics;
                        DELETE FROM grdb_migrations WHERE identifier LIKE '0032_%';
                        """)
            }
            try queue.close()
            let upgraded = try await location.open()
            #expect(try await upgraded.appliedMigrations().contains(32), "applied again")
            #expect(Set(try await upgraded.signalCounts(in: period).counts) == counts)
            #expect(Set(try await upgraded.windowCounts([period])) == topics)
            #expect(try await upgraded.signals(intent: .complaint, in: period, limit: 5).map(\.externalID) == ["u1"])
            await upgraded.shutdown()
        }
    }

    @Test("customers stored before folded names (migration 37) are found without their accents after the upgrade")
    func foldedNamesFilledIn() async throws {
        try await withTestStore(.sqlite) { store, location in
            let stored = try await Fixtures.ingest(
                Fixtures.draft(channel: .email, externalID: "<u1@example.nl>", handle: nil, name: "Renée Öztürk", email: "renee@example.nl"), into: store)
            let path = try #require(location.sqliteURL).replacingOccurrences(of: "sqlite://", with: "")
            var configuration = Configuration()
            configuration.prepareDatabase { db in db.add(tokenizer: DutchStemTokenizer.self) }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try await queue.write { db in
                try db.execute(sql: "ALTER TABLE customers DROP COLUMN name_folded; DELETE FROM grdb_migrations WHERE identifier LIKE '0037_%';")
            }
            try queue.close()
            let upgraded = try await location.open()
            #expect(try await upgraded.customerIDs(named: ["renee", "ozturk"], limit: 5) == [stored.signal.customerID])
            await upgraded.shutdown()
        }
    }
}
