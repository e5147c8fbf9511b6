import Hummingbird
import Metrics
import Prometheus

/// `/metrics` in Prometheus text format: with the configured bearer token when one is set, else only on loopback.
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
            let bearer = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : "" } ?? ""
            // With a token configured it is required from everywhere (a reverse proxy on this machine makes every
            // visitor look like loopback); without one, only loopback may read the figures.
            if let token, !token.isEmpty {
                guard Tokens.equal(bearer, token) else { return Responses.text("forbidden", status: 403) }
            } else {
                guard ["127.0.0.1", "::1"].contains(context.remoteAddress) else { return Responses.text("forbidden", status: 403) }
            }
            return Responses.text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
