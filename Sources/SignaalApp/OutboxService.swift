import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import SignaalChannels
import SignaalDomain
import SignaalOutbound
import SignaalServices
import SignaalStore

/// Works the durable outbox: claims due replies (each instance different ones), sends them,
/// records sent / retry / failed. Also fetches the text of signals announced without it
/// (Instagram mentions) when Graph API access is configured.
public struct OutboxService: Service {
    let store: any SignaalStore
    let dispatcher: ReplyDispatcher
    let mentions: MentionTextFetcher?
    /// Every attempt's outcome, for the inbox's word on a channel that stopped working.
    let troubles: ReplyTroubles
    let clock: @Sendable () -> Date
    let interval: Duration
    /// A send attempt still running after this long is stopped (`attemptLimit` at most).
    var attemptLimit: Duration = Self.attemptLimit
    let logger: Logger

    /// A reply still `sending` after this long was interrupted (the app stopped mid-send). Every
    /// attempt ends within `attemptLimit`, well before: another instance never takes a reply for
    /// interrupted that a live attempt may still be sending.
    public static let interruptedAfter: TimeInterval = 300
    /// The hard limit of one send attempt: the transport is cancelled (a sendmail command killed,
    /// an SMTP or HTTP connection closed) and the reply recorded as failed.
    public static let attemptLimit: Duration = .seconds(120)

    public func run() async throws {
        var lastMentionRun = Date.distantPast
        var failures = RoundFailureLog(logger: logger, failure: "outbox round failed", recovery: "outbox works again")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await runOnce()
                if clock().timeIntervalSince(lastMentionRun) >= 60 {
                    lastMentionRun = clock()
                    try await fetchPendingTexts()
                }
                failures.succeeded()
            } catch is CancellationError {
                return  // the server stops
            } catch {
                failures.failed(error)
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Asks the platform for the text of signals that arrived without it; nothing without access.
    public func fetchPendingTexts() async throws {
        try await mentions?.run(logger: logger)
    }

    /// One round: returns how many replies were attempted.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = clock()
        let interrupted = try await store.failInterruptedReplies(
            sendingSince: now.addingTimeInterval(-Self.interruptedAfter),
            reason: "Het versturen werd onderbroken; controleer bij het platform of het antwoord aankwam en verstuur het zo nodig opnieuw.",
            now: now)
        if !interrupted.isEmpty { logger.warning("interrupted replies marked failed", metadata: ["count": "\(interrupted.count)"]) }
        for id in interrupted {
            if let reply = try await store.reply(id: id) { await customerHeardNothing(reply, now: now) }
        }
        // One reply claimed at a time, just before it is sent: a batch claimed at once waited
        // up to 20 × 20 s, and another instance took its last replies for interrupted meanwhile
        // (so an agent resent a reply this one was still about to send). A stop waits for one.
        var attempted = 0
        while attempted < Self.repliesPerRound, !Task.isShuttingDownGracefully,
            let reply = try await store.claimDueReplies(now: clock(), limit: 1).first
        {
            attempted += 1
            let outcome = await send(reply, now: clock())
            guard let finished = try await store.finishReply(id: reply.id, attempt: reply.attempts, outcome: outcome, now: clock())
            else {
                // Taken for interrupted (and perhaps resent) meanwhile: that is what the case shows now.
                logger.warning(
                    "late outcome of a reply attempt no longer current ignored",
                    metadata: ["reply": "\(reply.id)", "attempt": "\(reply.attempts)", "outcome": "\(outcome)"])
                continue
            }
            await troubles.record(reply.channel, outcome: outcome, at: clock())
            AppMetrics.replyAttempt(channel: reply.channel, outcome: finished.status.rawValue)
            if finished.status == .failed {
                logger.warning("reply failed", metadata: ["reply": "\(reply.id)", "error": "\(finished.lastError ?? "")"])
                await customerHeardNothing(finished, now: clock())
            } else if finished.reachedCustomer {
                await customerHeardUs(finished, now: clock())
            }
        }
        return attempted
    }

    static let repliesPerRound = 20

    /// Gives the case back; a failure here is logged, the reply's own status is already kept.
    private func customerHeardNothing(_ reply: Reply, now: Date) async {
        do {
            try await ReplyNotReceived(store: store)(reply, now: now)
        } catch {
            logger.warning("case of an undelivered reply not reopened", metadata: ["reply": "\(reply.id)", "error": "\(error)"])
        }
    }

    /// A resent reply that got through is the first response it stood for; a failure here is logged.
    private func customerHeardUs(_ reply: Reply, now: Date) async {
        do {
            try await ReplyReached(store: store)(reply, now: now)
        } catch {
            logger.warning("first response of a sent reply not recorded", metadata: ["reply": "\(reply.id)", "error": "\(error)"])
        }
    }

    /// One attempt, stopped at `attemptLimit`: the transports end on cancellation (sendmail killed,
    /// connections closed). What stopped there may have reached the customer, so it is not retried.
    private func send(_ reply: Reply, now: Date) async -> ReplySendOutcome {
        let limit = attemptLimit
        return await withTaskGroup(of: ReplySendOutcome?.self) { group in
            group.addTask { await attempt(reply, now: now) }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            // The limit came first; a send that still finished while stopping counts.
            if case .sent(let id)? = await group.next() ?? nil { return .sent(externalID: id) }
            logger.warning("reply attempt stopped at its time limit", metadata: ["reply": "\(reply.id)", "limit": "\(limit)"])
            let seconds = limit.components.seconds
            return .failed(
                error: "Het versturen duurde langer dan \(seconds) s en is afgebroken. Het antwoord is misschien toch aangekomen: "
                    + "controleer het bij de klant of het platform en verstuur het zo nodig opnieuw.")
        }
    }

    private func attempt(_ reply: Reply, now: Date) async -> ReplySendOutcome {
        do {
            guard let theCase = try await store.case(id: reply.caseID) else { return .failed(error: "De zaak bestaat niet meer.") }
            let signal = try await reply.signalID.asyncMap { try await store.signal(id: $0) } ?? nil
            let customer = try await store.customer(id: theCase.customerID)
            let email = customer?.identities.first { $0.kind == .email }?.value
            return await dispatcher.send(reply, answering: signal, theCase: theCase, customerEmail: email, now: now)
        } catch {
            return .retry(error: "De database gaf een fout: \(error)", at: now.addingTimeInterval(Reply.backoff(afterAttempt: reply.attempts)))
        }
    }
}

/// Instagram mentions arrive without text; this asks the Graph API for it.
struct MentionTextFetcher: Sendable {
    let store: any SignaalStore
    let client: HTTPClient
    let graphURL: URL
    let accessToken: String
    let analyzer: any SignalAnalyzer

    func run(logger: Logger) async throws {
        for signal in try await store.pendingTextSignals(limit: 20) where signal.channel == .instagram {
            guard let account = signal.channelAccount, let commentID = signal.externalID else { continue }
            let request = MetaGraph.mentionedCommentRequest(instagramUserID: account, commentID: commentID, accessToken: accessToken)
            var http = HTTPClientRequest(url: PlatformSender.join(graphURL, request.path))
            http.method = .GET
            for (name, value) in request.headers { http.headers.add(name: name, value: value) }
            do {
                let response = try await client.execute(http, timeout: .seconds(20))
                let body = Data(buffer: try await response.body.collect(upTo: 1 << 20))
                guard response.status.code < 300 else {
                    logger.info("mention text not available", metadata: ["signal": "\(signal.id)", "status": "\(response.status.code)"])
                    continue
                }
                let mentioned = try MetaGraph.parseMentionedComment(body)
                _ = try await store.completePendingText(
                    id: signal.id, text: mentioned.text, handle: mentioned.username, analysis: analyzer.analyse(mentioned.text))
            } catch {
                logger.info("mention text fetch failed", metadata: ["signal": "\(signal.id)", "error": "\(error)"])
            }
        }
    }
}
