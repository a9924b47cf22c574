import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One `serve` per SQLite file. SQLite itself keeps two servers on one file from corrupting it,
/// but each would watch only its own commits (no live updates for the other's cases) and run its
/// own outbox and SLA rounds. PostgreSQL is the database for several instances.
///
/// An advisory lock (`flock`) on a file beside the database, held until the process ends: the
/// kernel lets go of it also when the server is killed, so a crash never leaves a stale lock.
/// SQLite locks the database with `fcntl` locks, which this does not touch.
final class ServeLock {
    private var descriptor: Int32

    /// The lock file for the database at `path`.
    static func path(forDatabaseAt path: String) -> String { path + ".serve-lock" }

    /// Takes the lock, or throws the reason another server holds it.
    init(forDatabaseAt databasePath: String) throws {
        let lockPath = Self.path(forDatabaseAt: databasePath)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError("kan \(lockPath) niet maken om de database te vergrendelen: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(descriptor)
            close(descriptor)
            throw CLIError(
                "een andere `signaal serve`\(holder.map { " (proces \($0))" } ?? "") gebruikt \(databasePath) al. "
                    + "Op SQLite draait één server per databasebestand: stop die eerst, of gebruik PostgreSQL (DATABASE_URL=postgres://…) voor meerdere instanties")
        }
        // Who holds it, for the message a second server gives.
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.descriptor = descriptor
    }

    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(text) != nil ? text : nil
    }

    /// Lets go of the lock (the process's end does too).
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
