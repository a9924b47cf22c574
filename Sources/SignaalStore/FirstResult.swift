import Synchronization

/// The first result of work that several parties race to finish (the work itself, or a timer),
/// handed to the one caller waiting for it. Unlike a task group, whoever waits is not held up by
/// a loser that never ends: PostgresNIO never answers a query written to a connection that has
/// just closed, and a task group would wait for that call for ever.
public final class FirstResult<Value: Sendable>: Sendable {
    private enum State {
        case pending(CheckedContinuation<Value, any Error>?)
        case finished(Result<Value, any Error>)
        case delivered
    }
    private let state = Mutex<State>(.pending(nil))

    public init() {}

    /// The first result wins; later ones are dropped.
    public func finish(_ result: Result<Value, any Error>) {
        let waiting: CheckedContinuation<Value, any Error>? = state.withLock { state in
            guard case .pending(let continuation) = state else { return nil }
            if let continuation {
                state = .delivered
                return continuation
            }
            state = .finished(result)
            return nil
        }
        waiting?.resume(with: result)
    }

    /// Waits for the first result; to be awaited once.
    public var value: Value {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<Value, any Error>? = state.withLock { state in
                    switch state {
                    case .finished(let result):
                        state = .delivered
                        return result
                    case .pending:
                        state = .pending(continuation)
                        return nil
                    case .delivered:
                        preconditionFailure("a first result is awaited once")
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }

    /// What `work` ends in, or `late` once `limit` has passed, whichever comes first; work still
    /// running then is cancelled and left behind.
    public static func within(
        _ limit: Duration, otherwise late: @escaping @Sendable () -> any Error, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let first = FirstResult<Value>()
        let running = Task {
            do { first.finish(.success(try await work())) } catch { first.finish(.failure(error)) }
        }
        let timer = Task {
            do { try await Task.sleep(for: limit) } catch { return }
            first.finish(.failure(late()))
            running.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler { try await first.value } onCancel: { running.cancel() }
    }
}
