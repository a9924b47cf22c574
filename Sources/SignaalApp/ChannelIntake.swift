import Foundation
import Logging
import SignaalChannels
import SignaalDomain
import SignaalServices
import SignaalStore

/// Applies what a channel adapter read from a delivery: new signals through the intake use
/// case, edits, removals and delivery reports to the store. One bad item does not sink the
/// delivery (the platform would retry it forever); a database failure does, so it is retried.
struct ChannelIntake: Sendable {
    let ingest: IngestSignal
    let store: any SignaalStore
    let analyzer: any SignalAnalyzer

    struct Report: Sendable, Encodable {
        var stored = 0
        var duplicates = 0
        var updated = 0
        var ignored = 0
        var rejected = 0
        var signalIDs: [String] = []
    }

    func apply(_ events: [ChannelEvent], source: String, logger: Logger) async throws -> Report {
        var report = Report()
        for event in events {
            switch event {
            case .signal(let draft):
                do {
                    let outcome = try await ingest(draft)
                    AppMetrics.record(outcome)
                    report.signalIDs.append(outcome.signal.id.description)
                    if case .created = outcome { report.stored += 1 } else { report.duplicates += 1 }
                    AppMetrics.webhookEvent(source: source, kind: "signal")
                } catch let ignored as IntakeIgnored {
                    report.ignored += 1
                    AppMetrics.webhookEvent(source: source, kind: ignored.kind)
                    logger.info("webhook item ignored", metadata: ["source": "\(source)", "reason": "\(ignored.reason)"])
                } catch let error as DomainError {
                    report.rejected += 1
                    AppMetrics.webhookEvent(source: source, kind: "rejected")
                    logger.warning(
                        "webhook item rejected",
                        metadata: ["source": "\(source)", "external_id": "\(draft.externalID ?? "-")", "reason": "\(error)"])
                }
            case .edit(let channel, let externalID, let edited, let at):
                let newText = edited.replacingNUL()
                let analysis = analyzer.analyse(newText)
                if try await store.editSignal(channel: channel, externalID: externalID, newText: newText, analysis: analysis, at: at) != nil {
                    report.updated += 1
                } else {
                    report.ignored += 1
                }
                AppMetrics.webhookEvent(source: source, kind: "edit")
            case .remove(let channel, let externalID, let at):
                if try await store.markSignalRemoved(channel: channel, externalID: externalID, at: at) != nil {
                    report.updated += 1
                } else {
                    report.ignored += 1
                }
                AppMetrics.webhookEvent(source: source, kind: "remove")
            case .deliveryStatus(let channel, let externalID, let status, let at, let detail):
                let replyStatus: Reply.Status =
                    switch status {
                    case .sent: .sent
                    case .delivered: .delivered
                    case .read: .read
                    case .failed: .failed
                    }
                if let reply = try await store.recordDeliveryStatus(
                    channel: channel, externalID: externalID, status: replyStatus, detail: detail, at: at)
                {
                    report.updated += 1
                    if reply.status == .failed { try await ReplyNotReceived(store: store)(reply, now: at) }
                } else {
                    report.ignored += 1
                }
                AppMetrics.webhookEvent(source: source, kind: "status_\(status.rawValue)")
            case .ignored(let kind):
                report.ignored += 1
                AppMetrics.webhookEvent(source: source, kind: kind)
                logger.debug("webhook item ignored", metadata: ["source": "\(source)", "kind": "\(kind)"])
            }
        }
        return report
    }
}
