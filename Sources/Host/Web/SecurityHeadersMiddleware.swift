import HTTPTypes
import Hummingbird
import Logging

/// Security headers on every answer, and a 500 page with no internals for unexpected errors:
/// a Content-Security-Policy with no inline script, HSTS when cookies are secure (the site is served over HTTPS), and
/// `Cache-Control: no-store` on every dynamic answer (pages, JSON, CSV exports) unless the handler chose otherwise.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppContext
    /// Whether the host runs behind HTTPS (`secure_cookies`).
    let secure: Bool

    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            throw error
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error)), "path": .string(request.uri.path)])
            let api = request.uri.path.hasPrefix("/api/")
            response = api
                ? Responses.text("{\"error\":\"server error\"}", contentType: "application/json; charset=utf-8", status: 500)
                : Responses.html("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>500</title><link rel=\"stylesheet\" href=\"/static/app.css\"><body class=\"login-page\"><div class=\"card login-card\"><h1>系统错误 / Server error</h1><p>出现了意外错误，已记录日志。请稍后重试。</p><p>Something went wrong and was logged. Try again later.</p><p><a href=\"/\">返回 / Back</a></p></div></body></html>", status: 500)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if secure { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
}
