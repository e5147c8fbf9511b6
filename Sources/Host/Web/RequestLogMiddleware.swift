import Foundation
import Hummingbird
import Logging

/// One info line per request: method, path, status and duration. The query string is left out on purpose — it may
/// carry what a visitor typed (a search for a mobile number, a token in a link), which has no place in a log.
/// (Hummingbird's `LogRequestsMiddleware` logs the whole URI.)
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        try await RequestTiming.measure({ try await next(request, context) }) { status, elapsed in
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info("Request", metadata: [
                "hb.request.method": .string(request.method.rawValue),
                "hb.request.path": .string(request.uri.path),
                "hb.response.status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.1f", milliseconds)),
            ])
        }
    }
}
