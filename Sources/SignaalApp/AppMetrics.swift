import Metrics
import Prometheus

/// One Prometheus registry per process: swift-metrics can be bootstrapped only once.
enum AppMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

import SignaalDomain

extension AppMetrics {
    /// Counts a stored signal or a duplicate delivery, per channel.
    static func record(_ outcome: IntakeOutcome) {
        switch outcome {
        case .created(let signal, _): IntakeMetrics.ingested[signal.channel]?.increment()
        case .duplicate(let signal): IntakeMetrics.duplicates[signal.channel]?.increment()
        }
    }

    /// Web-form submissions turned away (honeypot, rate limit), so spam waves show on a dashboard.
    static func webformRejected(reason: String) {
        _ = registry
        Counter(label: "signaal_webform_rejected_total", dimensions: [("reason", reason)]).increment()
    }

    /// Webhook items by what they were: platforms retry on errors, so unknown kinds are
    /// answered 200 and counted here instead.
    static func webhookEvent(source: String, kind: String) {
        _ = registry
        Counter(label: "signaal_webhook_events_total", dimensions: [("source", source), ("kind", kind)]).increment()
    }

    /// Replies by the outcome of a send attempt, per channel.
    static func replyAttempt(channel: Channel, outcome: String) {
        _ = registry
        Counter(label: "signaal_replies_total", dimensions: [("channel", channel.rawValue), ("outcome", outcome)]).increment()
    }
}

import SignaalStore

extension AppMetrics {
    /// What waits, read from the database when Prometheus asks: replies queued, being sent or
    /// failed (per status), and unresolved cases, so a dashboard can alert on a growing backlog;
    /// `signaal_database_up` 0 when they could not be read (the other figures still answer).
    static func recordBacklog(_ store: any SignaalStore) async {
        _ = registry
        do {
            let replies = try await store.replyBacklog()
            for status in [Reply.Status.queued, .sending, .failed] {
                Gauge(label: "signaal_replies_backlog", dimensions: [("status", status.rawValue)]).record(replies[status] ?? 0)
            }
            let unresolved = try await store.countCases(matching: CaseFilter(statuses: CaseStatus.unresolved), cap: Int(Int32.max))
            Gauge(label: "signaal_cases_unresolved").record(unresolved)
            Gauge(label: "signaal_database_up").record(1)
        } catch {
            Gauge(label: "signaal_database_up").record(0)
        }
    }
}
