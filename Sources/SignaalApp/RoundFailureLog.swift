import Logging

/// What a background loop (outbox, priority refresh, SLA watch, live updates) logs when its
/// rounds fail. While the database is away every round fails the same way: the first failure is
/// a warning with its cause, the repeats are debug lines, and the first round that works again
/// says so, so the log shows when the trouble began and ended instead of a line every second.
struct RoundFailureLog {
    let logger: Logger
    /// What failed, as the warning says it ("outbox round failed").
    let failure: Logger.Message
    /// What works again, as the recovery line says it.
    let recovery: Logger.Message
    private var failedRounds = 0

    init(logger: Logger, failure: Logger.Message, recovery: Logger.Message) {
        self.logger = logger
        self.failure = failure
        self.recovery = recovery
    }

    mutating func failed(_ error: any Error) {
        // The cause in words: PostgresNIO's errors print as a generic text unless reflected.
        let metadata: Logger.Metadata = ["error": "\(StoreFactory.describe(error))"]
        failedRounds += 1
        if failedRounds == 1 {
            logger.warning(failure, metadata: metadata)
        } else {
            logger.debug(failure, metadata: metadata)
        }
    }

    mutating func succeeded() {
        guard failedRounds > 0 else { return }
        logger.info(recovery, metadata: ["failed_rounds": "\(failedRounds)"])
        failedRounds = 0
    }
}
