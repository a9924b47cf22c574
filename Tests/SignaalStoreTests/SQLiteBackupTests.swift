import Foundation
import SignaalDomain
import SignaalStore
import SignaalStoreSQLite
import SignaalStoreTesting
import Testing

/// SQLite only: `signaal backup` while the app keeps taking messages in.
@Suite("SQLite: a backup while intake goes on")
struct SQLiteBackupTests {
    @Test("a backup taken during a surge is one consistent, searchable file; it never overwrites")
    func backupDuringIntake() async throws {
        try await withTestStore(.sqlite) { store, location in
            let source = try #require(location.sqliteURL).replacingOccurrences(of: "sqlite://", with: "")
            for number in 0..<200 {
                _ = try await Fixtures.ingest(
                    Fixtures.draft(externalID: "voor-\(number)", handle: "klant_\(number % 40)", text: "Mijn pakket \(number) is kwijt"), into: store)
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signaal-backup-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let target = directory.appendingPathComponent("kopie.sqlite").path

            // Messages keep coming in while the copy is made.
            let surge = Task {
                for number in 0..<300 {
                    _ = try await Fixtures.ingest(
                        Fixtures.draft(externalID: "tijdens-\(number)", handle: "klant_\(number % 40)", text: "Storing \(number) bij de laadpaal"),
                        into: store)
                }
            }
            try await Task.sleep(for: .milliseconds(20))
            let summary = try SQLiteBackup.copy(from: source, to: target)
            try await surge.value

            #expect(summary.signals >= 200 && summary.signals <= 500, "\(summary)")
            #expect(summary.customers == 40)
            #expect(summary.migration == (try await store.appliedMigrations().max()))
            #expect(summary.bytes > 0)
            // One file, nothing beside it, and no half-written copy left over.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["kopie.sqlite"])

            // The copy is a working Signaal database: every case whole, search finds its words.
            let copy = try SQLiteStore(path: target)
            try await copy.migrate()
            let signals = try await copy.signals(channel: nil, limit: 1000, after: nil)
            #expect(signals.count == summary.signals)
            for signal in signals.prefix(50) { #expect(try await copy.case(id: signal.caseID) != nil) }
            #expect(try await !copy.searchCases(try #require(SearchQuery("pakket")), limit: 5).isEmpty)
            await copy.shutdown()

            // A second backup to the same name is refused, and the first stays as it was.
            let before = try Data(contentsOf: URL(fileURLWithPath: target))
            #expect(throws: SQLiteBackup.Failure.self) { try SQLiteBackup.copy(from: source, to: target) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
            // A missing source is named, and makes no file.
            let nowhere = directory.appendingPathComponent("leeg.sqlite").path
            #expect(throws: SQLiteBackup.Failure.self) { try SQLiteBackup.copy(from: directory.appendingPathComponent("geen.sqlite").path, to: nowhere) }
            #expect(!FileManager.default.fileExists(atPath: nowhere))
        }
    }
}
