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
