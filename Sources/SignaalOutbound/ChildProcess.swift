import Foundation

/// A child process started with `posix_spawn`: the sendmail command, and in the tests the real
/// `signaal` executable.
///
/// Not Foundation's `Process`: before each start it lists `/proc/self/fd` and copies every entry's
/// whole 256-byte name buffer (swift-corelibs-foundation#5472, fixed after Swift 6.3.1). With many
/// descriptors open (~1,400 and up: a busy server's connections; the parallel test suite holds
/// ~2,000) an entry at the end of the listing's buffer is read past and the process crashes in
/// `Process.run()`; the test suite did. Here the child closes every descriptor above the three
/// standard ones itself (`posix_spawn_file_actions_addclosefrom_np`), and the parent lists nothing.
public final class ChildProcess: @unchecked Sendable {
    public enum TerminationReason: Sendable { case exit, uncaughtSignal }

    public let processIdentifier: pid_t
    private let lock = NSLock()
    /// The wait status once the child has been reaped; guarded by `lock`.
    private var waitStatus: Int32?

    private init(pid: pid_t) { processIdentifier = pid }

    /// Starts `path` with `arguments` and exactly `environment`, in `directory`, with the given
    /// descriptors as its standard input, output and error (the caller keeps and closes its own).
    public static func spawn(
        _ path: String, arguments: [String], environment: [String: String], directory: String? = nil,
        standardInput: Int32, standardOutput: Int32, standardError: Int32
    ) throws(SpawnError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, target) in [(standardInput, STDIN_FILENO), (standardOutput, STDOUT_FILENO), (standardError, STDERR_FILENO)] {
            try check(posix_spawn_file_actions_adddup2(&actions, descriptor, target), "dup2")
        }
        // glibc has both since 2.34 (Debian 12: 2.36), but the Glibc module does not declare them.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        guard let closeFrom = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"),
            let changeDirectory = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        else { throw SpawnError(what: "posix_spawn_file_actions_addclosefrom_np missing (glibc < 2.34)", code: 0) }
        try check(unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3), "closefrom")
        if let directory { try check(unsafeBitCast(changeDirectory, to: ChangeDirectory.self)(&actions, directory), "chdir") }

        // The child starts with no signal blocked and every signal at its default: the spawning
        // thread may block some (Dispatch's workers do), and this process ignores SIGPIPE. In a
        // group of its own, as Foundation's Process put it, a terminal's Ctrl-C is not its.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        try check(posix_spawnattr_setsigmask(&attributes, &none), "sigmask")
        try check(posix_spawnattr_setsigdefault(&attributes, &all), "sigdefault")
        try check(posix_spawnattr_setpgroup(&attributes, 0), "pgroup")
        try check(
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)), "flags")

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        try check(posix_spawn(&pid, path, &actions, &attributes, argv, envp), "posix_spawn \(path)")
        return ChildProcess(pid: pid)
    }

    private static func check(_ result: Int32, _ what: String) throws(SpawnError) {
        if result != 0 { throw SpawnError(what: what, code: result) }
    }

    /// What could not be done, with its `errno` (`ETXTBSY`: the program is still being written).
    public struct SpawnError: Error, CustomStringConvertible {
        public let what: String
        public let code: Int32
        public var description: String { "\(what): \(String(cString: strerror(code)))" }
    }

    /// Reaps the child when it has ended (without waiting).
    public var isRunning: Bool {
        lock.withLock {
            guard waitStatus == nil else { return false }
            var status: Int32 = 0
            let result = waitpid(processIdentifier, &status, WNOHANG)
            if result == processIdentifier { waitStatus = status }
            return result == 0
        }
    }

    public func terminate() { kill(processIdentifier, SIGTERM) }

    public func waitUntilExit() {
        lock.withLock {
            guard waitStatus == nil else { return }
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1 && errno == EINTR {}
            waitStatus = status
        }
    }

    /// Its exit status, or the signal that ended it; after `waitUntilExit()` or `isRunning` false.
    public var terminationStatus: Int32 {
        let status = lock.withLock { waitStatus } ?? 0
        return terminationReason == .exit ? (status >> 8) & 0xff : status & 0x7f
    }

    public var terminationReason: TerminationReason {
        let status = lock.withLock { waitStatus } ?? 0
        return status & 0x7f == 0 ? .exit : .uncaughtSignal
    }
}

/// A pipe whose ends close on exec; `ChildProcess.spawn` gives one end to its child as a standard
/// stream (and every child closes what it did not get, so a pipe never stays open in another one).
/// The caller closes both ends.
public struct ChildPipe: Sendable {
    public let read: Int32
    public let write: Int32

    public init() throws(ChildProcess.SpawnError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ChildProcess.SpawnError(what: "pipe", code: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        (read, write) = (ends[0], ends[1])
    }
}

extension ChildProcess {
    /// `/dev/null`, opened to hand to a child as a standard stream (closes on exec); the caller closes it.
    public static func openNullDevice() -> Int32 { open("/dev/null", O_RDWR | O_CLOEXEC) }
}
