import Foundation
import Hummingbird
import PluginAPI

extension YuelaoHost {
    /// The router: host pages, static files, metrics, then every route of every enabled module.
    /// Routes of disabled modules are simply absent, so they answer 404.
    public func buildRouter(metrics: MetricsEndpoint? = nil) -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.add(middleware: SecurityHeadersMiddleware(secure: config.secureCookies))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware())
        let pipeline = Pipeline(host: self)
        let pages = HostPages(host: self, pipeline: pipeline)
        pages.register(router)
        StaticAssets.register(router, uploads: uploads, pipeline: pipeline)
        metrics?.register(router)
        for (module, spec) in routes {
            let prefix: String
            switch spec.mount {
            case .page: prefix = "/m/\(module.id)"
            case .api: prefix = "/api/\(module.id)"
            case .root: prefix = ""
            }
            let path = prefix + (spec.path == "/" && !prefix.isEmpty ? "" : spec.path)
            let method: HTTPRequest.Method = switch spec.method {
            case .get: .get
            case .post: .post
            case .put: .put
            case .patch: .patch
            case .delete: .delete
            }
            router.on(RouterPath(path), method: method) { request, context in
                try await pipeline.handle(request, context, module: module, spec: spec)
            }
        }
        return router
    }
}
