import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SignaalDomain
import SignaalStore
import Synchronization

/// Fans the database's case changes out to every open page of this instance. With PostgreSQL
/// the changes come through LISTEN/NOTIFY, so a page sees what any instance changed.
public final class LiveUpdates: Sendable {
    public init() {}
    private let subscribers = Mutex<[UUID: @Sendable (CaseID?) -> Void]>([:])

    func subscribe(_ deliver: @escaping @Sendable (CaseID?) -> Void) -> UUID {
        let id = UUID()
        subscribers.withLock { $0[id] = deliver }
        return id
    }

    func unsubscribe(_ id: UUID) {
        _ = subscribers.withLock { $0.removeValue(forKey: id) }
    }

    func publish(_ caseID: CaseID?) {
        for deliver in subscribers.withLock({ Array($0.values) }) { deliver(caseID) }
    }

    /// One server-sent event: the changed case's id, or empty when unknown.
    static func event(_ caseID: CaseID?) -> String {
        "event: case\ndata: \(caseID?.description ?? "")\n\n"
    }
}

/// Watches the store for as long as the app runs; reconnects after a dropped connection.
struct LiveUpdatesService: Service {
    let store: any SignaalStore
    let live: LiveUpdates
    let logger: Logger

    /// Shared with the watch's callback, which says when the watch listens again.
    final class Failures: Sendable {
        let log: Mutex<RoundFailureLog>
        init(_ log: RoundFailureLog) { self.log = Mutex(log) }
    }

    func run() async throws {
        let failures = Failures(RoundFailureLog(logger: logger, failure: "live updates stopped; retrying", recovery: "live updates work again"))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await store.watchCaseChanges { [live] id in
                        // nil comes first when the watch listens (again): see CaseChangeFeed.
                        if id == nil { failures.log.withLock { $0.succeeded() } }
                        live.publish(id)
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                failures.log.withLock { $0.failed(error) }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) }
        }
    }
}

/// `GET /events`: server-sent events for signed-in pages (inbox and case page).
struct LiveController: Sendable {
    let live: LiveUpdates

    func addRoutes(to signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/events", use: events)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.yield(ByteBuffer(string: "retry: 3000\n\n"))
        let subscription = live.subscribe { id in continuation.yield(ByteBuffer(string: LiveUpdates.event(id))) }
        // A comment now and then keeps proxies from closing a quiet stream; the stream ends when
        // the server shuts down, so a graceful stop does not wait for open pages.
        let heartbeat = Task {
            await withGracefulShutdownHandler {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(15))
                    continuation.yield(ByteBuffer(string: ": ping\n\n"))
                }
            } onGracefulShutdown: {
                continuation.finish()
            }
        }
        continuation.onTermination = { [live] _ in
            heartbeat.cancel()
            live.unsubscribe(subscription)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: ResponseBody(asyncSequence: stream))
    }
}
