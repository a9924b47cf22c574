import Foundation
import GRDB
import SignaalDomain
import SignaalStore

/// Group commit: intakes that arrive while a transaction is being written wait and then
/// commit together in the next one. One failure never takes the others down (see `write`),
/// and every caller learns its own outcome only after the commit.
///
/// One dedicated thread does the writing: SQLite has one writer anyway, and a plain thread
/// that blocks on the database costs fewer hand-offs than a task hopping between queues.
final class IngestBatcher: @unchecked Sendable {
    private struct Job {
        let draft: SignalDraft
        let planning: IntakePlanning
        let continuation: CheckedContinuation<IntakeOutcome, any Error>
    }

    private let writer: any DatabaseWriter
    private let maximumBatch: Int
    private let linger: TimeInterval
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [Job] = []
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private static let trace = ProcessInfo.processInfo.environment["SIGNAAL_TRACE_BATCHER"] == "1"
    private var statistics: (batches: Int, items: Int, busy: UInt64) = (0, 0, 0)

    init(writer: any DatabaseWriter, maximumBatch: Int = 128, linger: TimeInterval = 0.0003) {
        self.writer = writer
        self.maximumBatch = maximumBatch
        self.linger = linger
        let thread = Thread { [self] in self.run() }
        thread.name = "signaal-sqlite-writer"
        self.thread = thread
        thread.start()
    }

    func ingest(_ draft: SignalDraft, planning: @escaping IntakePlanning) async throws -> IntakeOutcome {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if stopped {
                condition.unlock()
                continuation.resume(throwing: StoreCorruption("the store is shut down"))
                return
            }
            pending.append(Job(draft: draft, planning: planning, continuation: continuation))
            condition.signal()
            condition.unlock()
        }
    }

    /// Finishes what is queued, ends the writer thread, and returns when it has.
    func stop() async {
        guard markStopped() else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.finished.wait()
                continuation.resume()
            }
        }
    }

    /// Returns false when the batcher was already stopped.
    private func markStopped() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let wasStopped = stopped
        stopped = true
        condition.broadcast()
        return !wasStopped
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if pending.isEmpty && stopped {
                condition.unlock()
                finished.signal()
                return
            }
            // Linger a moment when few intakes wait, so that those arriving together share
            // one WAL append and one commit.
            if pending.count < 8 && !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: linger)) }
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            condition.unlock()
            let started = DispatchTime.now().uptimeNanoseconds
            write(batch)
            if Self.trace {
                statistics.batches += 1
                statistics.items += batch.count
                statistics.busy += DispatchTime.now().uptimeNanoseconds - started
                if statistics.batches % 500 == 0 {
                    FileHandle.standardError.write(Data("batcher: \(statistics.items / statistics.batches) per batch, \(statistics.busy / UInt64(statistics.items) / 1000) µs per intake\n".utf8))
                    statistics = (0, 0, 0)
                }
            }
        }
    }

    /// The whole batch in one transaction without savepoints: a savepoint per intake costs a
    /// statement journal and makes FTS5 flush its pending index data each time. Intake rarely
    /// fails here (the request was validated before it was queued); when one does, the batch is
    /// rolled back and every intake is written again in a transaction of its own, so each caller
    /// still learns only its own outcome and nothing half-written is kept.
    private func write(_ batch: [Job]) {
        if batch.count > 1,
            let outcomes = try? writer.write({ db in try SQLiteStore.ingest(batch.map { ($0.draft, $0.planning) }, db: db) })
        {
            for (job, outcome) in zip(batch, outcomes) { job.continuation.resume(returning: outcome) }
            return
        }
        for job in batch {
            job.continuation.resume(
                with: Result { try writer.write { db in try SQLiteStore.ingest([(job.draft, job.planning)], db: db)[0] } })
        }
    }
}
