import Hummingbird
import Metrics
import Synchronization

/// Counts requests and records latencies per route and per module (`/m/<id>/…`, `/api/<id>/…`, else `core`).
/// Metric handles are made once per (route, method, status) and reused: the factory lookup is not free.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext

    final class Handles: Sendable {
        private let table = Mutex<[String: (Counter, Timer)]>([:])

        func get(route: String, method: String, status: Int) -> (Counter, Timer) {
            let key = "\(route) \(method) \(status)"
            if let handles = table.withLock({ $0[key] }) { return handles }
            let dimensions = [("module", RequestMetricsMiddleware.module(of: route)), ("route", route), ("method", method), ("status", String(status))]
            let handles = (Counter(label: "yuelao_requests_total", dimensions: dimensions),
                           Timer(label: "yuelao_request_duration_seconds", dimensions: Array(dimensions.prefix(3)), preferredDisplayUnit: .seconds))
            table.withLock { $0[key] = handles }
            return handles
        }
    }

    let handles = Handles()

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        try await RequestTiming.measure({ try await next(request, context) }) { status, elapsed in
            let (counter, timer) = handles.get(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status)
            counter.increment()
            timer.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
    }

    static func module(of route: String) -> String {
        let parts = route.split(separator: "/")
        if parts.count >= 2, parts[0] == "m" || parts[0] == "api" { return String(parts[1]) }
        return "core"
    }
}
