import Hummingbird
import Metrics
import Prometheus

/// `/metrics` in Prometheus text format, answered only on loopback or with the configured bearer token.
public struct MetricsEndpoint: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let token: String?

    /// Bootstraps swift-metrics with a Prometheus factory (once per process) and returns the endpoint.
    public static func bootstrap(token: String?) -> MetricsEndpoint {
        MetricsEndpoint(registry: shared, token: token)
    }

    private static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    func register(_ router: Router<AppContext>) {
        router.get("/metrics") { request, context -> Response in
            let loopback = ["127.0.0.1", "::1"].contains(context.remoteAddress)
            let bearer = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : "" } ?? ""
            let tokenOK = token.map { !$0.isEmpty && Tokens.equal(bearer, $0) } ?? false
            guard loopback || tokenOK else { return Responses.text("forbidden", status: 403) }
            return Responses.text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
