import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import PluginAPI

/// Turns a Hummingbird request into a module call: session, kernel check, CSRF, body parsing, response mapping.
struct Pipeline: Sendable {
    let host: YuelaoHost

    /// What every request learns before its handler runs.
    struct Prepared: Sendable {
        var session: SessionRecord?
        var snapshot: KernelSnapshot
        var site: SiteSettings
        var language: Language
        var anonymousToken: String?
        /// True when the user came with an API token (no cookie, so no CSRF check).
        var viaToken = false
        var actor: Actor? {
            session.map { Actor(userID: $0.user_id, roleID: $0.role_id, isSystemAdmin: $0.is_system == 1) }
        }
    }

    /// Loads versions, settings, kernel snapshot and session for a request.
    func prepare(_ request: Request) async throws -> Prepared {
        let db = host.database.sql
        var session: SessionRecord?
        var viaToken = false
        // Idle/absolute limits come from the settings of the last counters seen (at most a second old).
        let limits = try await host.siteService.all()
        if request.uri.path.hasPrefix("/api/"), let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") {
            session = try await host.apiTokens.authenticate(String(auth.dropFirst(7)))
            viaToken = session != nil
        } else if let token = request.cookies[host.config.sessionCookieName]?.value, !token.isEmpty {
            session = try await host.sessions.load(token: token,
                                                   idleSeconds: Int64(limits.int("session.idle_minutes", in: 1...1440)) * 60,
                                                   absoluteSeconds: Int64(limits.int("session.absolute_hours", in: 1...720)) * 3600)
        }
        // A logged-in request carries fresh counters: permission changes apply on its very next request.
        let versions: [String: Int64]
        if let session {
            versions = ["kernel": session.kernel_version, "site": session.site_version]
            host.versionClock.note(versions)
        } else {
            versions = try await host.versionClock.current(db)
        }
        let site = try await host.siteService.settings(version: versions["site"] ?? 0)
        let snapshot = try await host.kernel.snapshot(version: versions["kernel"] ?? 0, db: db)
        let language = Language(code: session?.language ?? request.cookies["yl_lang"]?.value
            ?? request.headers[.acceptLanguage] ?? "zh-CN")
        return Prepared(session: session, snapshot: snapshot, site: site, language: language,
                        anonymousToken: request.cookies[host.config.anonymousCookieName]?.value, viaToken: viaToken)
    }

    /// Handles a module route.
    func handle(_ request: Request, _ context: AppContext, module: any Module, spec: RouteSpec) async throws -> Response {
        var request = request
        var prepared = try await prepare(request)
        let isAPI = spec.mount == .api
        // A visitor of a public page without a session gets a CSRF token cookie, so its forms can be posted.
        var issuedToken: String?
        if spec.mount == .root, prepared.session == nil, prepared.anonymousToken == nil {
            issuedToken = Tokens.random(bytes: 24)
            prepared.anonymousToken = issuedToken
        }
        do {
            if let session = prepared.session, session.must_change_password == 1, !(module.id == "core" && spec.path.hasPrefix("/profile")) {
                // A temporary password is good for one thing only: choosing a new one.
                if isAPI { throw ModuleError.forbidden }
                return Responses.redirect(ProfilePages.mustChangePath)
            }
            try authorize(spec: spec, module: module, prepared: prepared)
            var form = FormData()
            var body: [UInt8] = []
            if spec.method != .get {
                let buffer = try await request.collectBody(upTo: context.maxUploadSize)
                let contentType = request.headers[.contentType] ?? ""
                if contentType.hasPrefix("multipart/form-data"), let boundary = MultipartForm.boundary(of: contentType) {
                    form = try MultipartForm.parse(buffer, boundary: boundary)
                } else if contentType.hasPrefix("application/x-www-form-urlencoded") {
                    form = FormData.parse(urlEncoded: Substring(String(buffer: buffer)))
                } else {
                    body = Array(buffer.readableBytesView)
                }
                if !prepared.viaToken { try checkCSRF(request, form: form, prepared: prepared, spec: spec) }
            }
            let moduleRequest = ModuleRequest(
                method: spec.method, path: request.uri.path,
                parameters: Dictionary(context.parameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a }),
                query: FormData.parse(urlEncoded: Substring(request.uri.query ?? "")), form: form, body: body,
                user: prepared.session?.user, language: prepared.language,
                csrfToken: prepared.session?.csrf ?? prepared.anonymousToken ?? "",
                moduleID: module.id, settings: host.config.settings(of: module.id),
                access: AccessControl(snapshot: prepared.snapshot, actor: prepared.actor, moduleID: module.id),
                host: host.runtime, site: prepared.site, clientAddress: host.clientAddress(request, context))
            let answer = try await spec.handler(moduleRequest)
            var response = try await respond(answer, request: request, module: module, prepared: prepared, isAPI: isAPI, mount: spec.mount)
            if let issuedToken {
                response.setCookie(Cookie(name: host.config.anonymousCookieName, value: issuedToken, path: "/", secure: host.config.secureCookies, httpOnly: true,
                                          sameSite: .lax))
            }
            return response
        } catch let error as ModuleError {
            if error.status == 403 || error.status == 404, let session = prepared.session {
                host.deniedLog.record(status: error.status, userID: session.user_id, login: session.login, module: module.id,
                                      route: "\(spec.method.rawValue) \(request.uri.path)", recordID: context.parameters.get("id"),
                                      logger: host.logger)
            }
            return try await errorResponse(error, request: request, module: module, prepared: prepared, isAPI: isAPI)
        }
    }

    private func authorize(spec: RouteSpec, module: any Module, prepared: Prepared) throws {
        switch spec.access {
        case .publicAccess:
            return
        case .loggedIn:
            guard prepared.session != nil else { throw ModuleError.unauthenticated }
        case .requires(let resource, let action):
            guard let actor = prepared.actor else { throw ModuleError.unauthenticated }
            switch prepared.snapshot.decide(PermissionKey(module: module.id, resource: resource, action: action), for: actor) {
            case .allowed: return
            case .forbidden: throw ModuleError.forbidden
            case .notFound: throw ModuleError.notFound
            }
        }
    }

    private func checkCSRF(_ request: Request, form: FormData, prepared: Prepared, spec: RouteSpec) throws {
        let sent = form.fields["_csrf"]?.first ?? request.headers[HTTPField.Name("X-CSRF-Token")!] ?? ""
        let expected = prepared.session?.csrf ?? prepared.anonymousToken ?? ""
        guard !expected.isEmpty, Tokens.equal(sent, expected) else {
            throw ModuleError.badRequest(host.catalog.text("core.error.csrf", prepared.language))
        }
    }

    /// Maps a module answer to HTTP.
    func respond(_ answer: ModuleResponse, request: Request, module: any Module, prepared: Prepared,
                 isAPI: Bool, mount: RouteMount) async throws -> Response {
        switch answer {
        case .page(let page, let status):
            if mount == .root {
                return Responses.html(Layout(host: host).publicPage(page, prepared: prepared), status: status)
            }
            let html = try await Layout(host: host).staffPage(page, request: request, moduleID: module.id, prepared: prepared)
            return Responses.html(html, status: status)
        case .json(let status, let data):
            return Responses.bytes(data, contentType: "application/json; charset=utf-8", status: status)
        case .redirect(let location, let flash):
            if let flash, let session = prepared.session {
                try await host.sessions.setFlash(flash, sessionID: session.id)
            }
            return Responses.redirect(location)
        case .file(let data, let contentType, let filename):
            var response = Responses.bytes(data, contentType: contentType, status: 200)
            if let filename {
                let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
                response.headers[.contentDisposition] = "attachment; filename*=UTF-8''\(encoded)"
            }
            return response
        }
    }

    /// Maps a `ModuleError` to a login redirect, a 401 JSON or an error page.
    func errorResponse(_ error: ModuleError, request: Request, module: (any Module)?, prepared: Prepared, isAPI: Bool) async throws -> Response {
        let language = prepared.language
        if isAPI {
            struct Body: Encodable { let error: String; let message: String?; let fields: [String: String]? }
            let key = "core.error.\(error.status)"
            let body = Body(error: host.catalog.text(key, language), message: error.message,
                            fields: error.fieldErrors.isEmpty ? nil : error.fieldErrors)
            return Responses.bytes(try JSONEncoder().encode(body), contentType: "application/json; charset=utf-8", status: error.status)
        }
        if error.status == 401 {
            let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Responses.redirect("/login?next=\(next)")
        }
        let title = host.catalog.text("core.error.\(error.status)", language)
        let page = Page(title: title, body: HTML(raw: "<div class=\"card error-card\"><p>\(escapeHTML(error.message ?? host.catalog.text("core.error.\(error.status).help", language)))</p><p><a class=\"btn\" href=\"/\">\(escapeHTML(host.catalog.text("core.nav.dashboard", language)))</a></p></div>"))
        if prepared.session != nil {
            let html = try await Layout(host: host).staffPage(page, request: request, moduleID: module?.id ?? "core", prepared: prepared)
            return Responses.html(html, status: error.status)
        }
        return Responses.html(Layout(host: host).publicPage(page, prepared: prepared), status: error.status)
    }
}
