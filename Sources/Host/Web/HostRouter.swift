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
        registerOpenAPI(router, pipeline: pipeline)
        return router
    }

    /// `GET /api/openapi.json`: the OpenAPI document of the enabled modules' API (`OpenAPIDocument`), to logged-in staff
    /// (session or API token); 401 otherwise.
    func registerOpenAPI(_ router: Router<AppContext>, pipeline: Pipeline) {
        let document = Result { try OpenAPIDocument.json(routes: routes) }
        router.get("/api/openapi.json") { request, _ -> Response in
            let prepared = try await pipeline.prepare(request)
            guard prepared.session != nil else {
                return try await pipeline.errorResponse(.unauthenticated, request: request, module: nil, prepared: prepared, isAPI: true)
            }
            return Responses.bytes(try document.get(), contentType: "application/json; charset=utf-8", status: 200)
        }
    }
}
