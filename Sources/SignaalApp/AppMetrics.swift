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
