import Foundation
import GRDB

/// A consistent copy of a SQLite database, also while `serve` writes to it: copying the file
/// itself is not one (in WAL mode the newest commits live in the `-wal` file beside it, and a
/// copy taken during a write can be torn). SQLite's online backup reads one snapshot; writes
/// after it wait for no one and are simply not in the copy.
public enum SQLiteBackup {
    public struct Summary: Sendable, Equatable {
        public let signals: Int
        public let customers: Int
        public let migration: Int
        public let bytes: Int64
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Copies `source` into the new file `target`, checks the copy, and returns what it holds.
    /// Never overwrites: a backup that replaced an older one by mistake could lose the only good
    /// copy. The copy is written beside `target` under another name and renamed when complete,
    /// so a file at `target` is always a whole, checked backup.
    public static func copy(from source: String, to target: String) throws -> Summary {
        let files = FileManager.default
        guard files.fileExists(atPath: source) else { throw Failure("er is geen database op \(source)") }
        guard !files.fileExists(atPath: target) else {
            throw Failure("\(target) bestaat al; een back-up overschrijft niets, kies een nieuwe naam")
        }
        let targetURL = URL(fileURLWithPath: target)
        let directory = targetURL.deletingLastPathComponent()
        do {
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure("kan de map \(directory.path) niet maken: \(error.localizedDescription)")
        }
        let partial = directory.appendingPathComponent(".\(targetURL.lastPathComponent).\(UUID().uuidString).deel").path
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? files.removeItem(atPath: partial + suffix) }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let contents: (signals: Int, customers: Int, migration: Int)
        do {
            // No migration: a backup is made before an upgrade too, of the file as it is.
            let from = try DatabasePool(path: source, configuration: configuration)
            defer { try? from.close() }
            let to = try DatabaseQueue(path: partial, configuration: configuration)
            try from.backup(to: to)
            contents = try to.writeWithoutTransaction { db in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw Failure("de kopie is niet in orde (\(check.prefix(3).joined(separator: "; "))); er is geen back-up gemaakt")
                }
                // One self-contained file, without a -wal beside it; `serve` turns WAL on again.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                return (
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signals") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0,
                    applied.compactMap { Int($0.prefix(4)) }.max() ?? 0
                )
            }
            try to.close()
        } catch let failure as Failure {
            throw failure
        } catch let error as DatabaseError {
            throw Failure("de back-up van \(source) mislukte: \(error.message ?? error.description)")
        }
        do {
            try files.moveItem(atPath: partial, toPath: target)
        } catch {
            throw Failure("kan de back-up niet als \(target) bewaren: \(error.localizedDescription)")
        }
        let size = ((try? files.attributesOfItem(atPath: target))?[.size] as? NSNumber)?.int64Value ?? 0
        return Summary(signals: contents.signals, customers: contents.customers, migration: contents.migration, bytes: size)
    }
}
