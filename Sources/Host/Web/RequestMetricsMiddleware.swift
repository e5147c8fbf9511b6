import Hummingbird
import Metrics

/// Counts requests and records latencies per route and per module (`/m/<id>/…`, `/api/<id>/…`, else `core`).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let route = context.endpointPath ?? "unmatched"
            let dimensions = [("module", Self.module(of: route)), ("route", route), ("method", request.method.rawValue), ("status", String(status))]
            Counter(label: "yuelao_requests_total", dimensions: dimensions).increment()
            Timer(label: "yuelao_request_duration_seconds", dimensions: Array(dimensions.prefix(3)), preferredDisplayUnit: .seconds)
                .recordInterval(since: start)
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        }
    }

    static func module(of route: String) -> String {
        let parts = route.split(separator: "/")
        if parts.count >= 2, parts[0] == "m" || parts[0] == "api" { return String(parts[1]) }
        return "core"
    }
}

extension Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
