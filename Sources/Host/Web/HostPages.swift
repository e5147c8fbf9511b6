import Foundation
import Hummingbird
import Kernel
import PluginAPI

/// Login, logout, language switch and the dashboard: the pages of the shell itself.
struct HostPages: Sendable {
    let host: YuelaoHost
    let pipeline: Pipeline

    func register(_ router: Router<AppContext>) {
        router.get("/login") { request, _ in try await loginPage(request) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in try await logout(request, context) }
        router.post("/language") { request, context in try await language(request, context) }
        router.get("/") { request, _ in try await dashboard(request) }
        router.get("/healthz") { _, _ in Responses.text("ok") }
    }

    func sessionCookie(_ token: String, maxAge: Int?) -> Cookie {
        Cookie(name: host.config.sessionCookieName, value: token, maxAge: maxAge, path: "/", secure: host.config.secureCookies,
               httpOnly: true, sameSite: .lax)
    }

    func loginPage(_ request: Request, error: String? = nil, login: String = "", status: Int = 200,
                   token existing: String? = nil) async throws -> Response {
        let prepared = try await pipeline.prepare(request)
        if prepared.session != nil, error == nil { return Responses.redirect("/") }
        var lang = prepared.language
        let query = FormData.parse(urlEncoded: Substring(request.uri.query ?? ""))
        if !query["lang"].isEmpty { lang = Language(code: query["lang"]) }
        let token = existing ?? prepared.anonymousToken ?? Tokens.random(bytes: 24)
        func t(_ key: String) -> String { host.catalog.text("core.login.\(key)", lang) }
        let info: String? = query["out"] == "1" ? t("loggedOut") : nil
        let html = Layout.markup(Layout.LoginFrame(
            lang: lang.rawValue, agency: prepared.site.agencyName, csrf: token, next: safeNext(query["next"]), error: error, info: info,
            login: login, otherLang: lang == .en ? "zh-CN" : "en", otherLangLabel: lang == .en ? "中文" : "English",
            title: t("title"), subtitle: t("subtitle"), loginLabel: t("login"), passwordLabel: t("password"), submit: t("submit")))
        var response = Responses.html(html, status: status)
        response.setCookie(Cookie(name: host.config.anonymousCookieName, value: token, path: "/", secure: host.config.secureCookies, httpOnly: true, sameSite: .lax))
        if !query["lang"].isEmpty {
            response.setCookie(Cookie(name: "yl_lang", value: lang.rawValue, maxAge: 31_536_000, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Only same-site paths (see `LocalPath`): never `//host`, a scheme or control characters.
    func safeNext(_ next: String) -> String {
        LocalPath.validated(next, or: "/")
    }

    func login(_ request: Request, _ context: AppContext) async throws -> Response {
        var request = request
        let prepared = try await pipeline.prepare(request)
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        let form = FormData.parse(urlEncoded: Substring(String(buffer: buffer)))
        let lang = prepared.language
        guard let expected = prepared.anonymousToken, Tokens.equal(form.fields["_csrf"]?.first ?? "", expected) else {
            return try await loginPage(request, error: host.catalog.text("core.error.csrf", lang), login: form["login"], status: 400)
        }
        let outcome = try await host.logins.attempt(login: form["login"], password: form.fields["password"]?.first ?? "", ip: host.clientAddress(request, context))
        switch outcome {
        case .success(let userID, let mustChange):
            let token = try await host.sessions.create(userID: userID, ip: host.clientAddress(request, context),
                                                       userAgent: request.headers[.userAgent] ?? "")
            var response = Responses.redirect(mustChange ? ProfilePages.mustChangePath : safeNext(form["next"]))
            response.setCookie(sessionCookie(token, maxAge: nil))
            return response
        case .invalid:
            return try await loginPage(request, error: host.catalog.text("core.login.invalid", lang), login: form["login"], status: 401, token: expected)
        case .locked:
            return try await loginPage(request, error: host.catalog.text("core.login.locked", lang), login: form["login"], status: 423, token: expected)
        case .disabled:
            return try await loginPage(request, error: host.catalog.text("core.login.disabled", lang), login: form["login"], status: 403, token: expected)
        }
    }

    func logout(_ request: Request, _ context: AppContext) async throws -> Response {
        var request = request
        let prepared = try await pipeline.prepare(request)
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        let form = FormData.parse(urlEncoded: Substring(String(buffer: buffer)))
        guard let session = prepared.session else { return Responses.redirect("/login") }
        guard Tokens.equal(form.fields["_csrf"]?.first ?? "", session.csrf) else {
            return Responses.text(host.catalog.text("core.error.csrf", prepared.language), status: 400)
        }
        try await host.sessions.end(id: session.id)
        var response = Responses.redirect("/login?out=1")
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    func language(_ request: Request, _ context: AppContext) async throws -> Response {
        var request = request
        let prepared = try await pipeline.prepare(request)
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        let form = FormData.parse(urlEncoded: Substring(String(buffer: buffer)))
        let target = Language(code: form["to"])
        guard let session = prepared.session, Tokens.equal(form.fields["_csrf"]?.first ?? "", session.csrf) else {
            return Responses.text(host.catalog.text("core.error.csrf", prepared.language), status: 400)
        }
        try await host.database.sql.update("core_user").set("language", to: target.rawValue).where("id", .equal, session.user_id).run()
        let back = request.headers[.referer].flatMap { URL(string: $0)?.path } ?? "/"
        return Responses.redirect(safeNext(back))
    }

    func dashboard(_ request: Request) async throws -> Response {
        let prepared = try await pipeline.prepare(request)
        guard let session = prepared.session, let actor = prepared.actor else { return Responses.redirect("/login") }
        if session.must_change_password == 1 { return Responses.redirect(ProfilePages.mustChangePath) }
        let lang = prepared.language
        func t(_ key: String) -> String { host.catalog.text("core.dashboard.\(key)", lang) }
        let previous = try await host.runtime.cache.value("lastlogin.\(session.id)", maxAge: .seconds(3600)) {
            try await host.database.sql.select().column("previous_login_at").from("core_user")
                .where("id", .equal, session.user_id).first(decodingColumn: "previous_login_at", as: Int64?.self) ?? nil
        }
        var cards = "<div class=\"widgets\"><section class=\"widget card\"><h3>\(escapeHTML(t("welcome"))), \(escapeHTML(session.user.name))</h3>"
        cards += "<p>\(escapeHTML(t("role"))): \(escapeHTML(session.role_name))</p>"
        cards += "<p class=\"muted\">\(escapeHTML(t("lastLogin"))): \(previous.map { TimeFormat.dateTime($0, timeZone: prepared.site.timeZone) } ?? t("firstLogin"))</p></section>"
        var shown = 0
        for module in host.modules {
            for widget in module.widgets {
                let key = PermissionKey(module: module.id, resource: widget.resource, action: widget.action)
                guard prepared.snapshot.isGranted(key, to: actor) else { continue }
                let req = ModuleRequest(method: .get, path: "/", parameters: [:], query: FormData(), form: FormData(), body: [],
                                        user: session.user, language: lang, csrfToken: session.csrf, moduleID: module.id,
                                        settings: host.config.settings(of: module.id),
                                        access: AccessControl(snapshot: prepared.snapshot, actor: actor, moduleID: module.id),
                                        host: host.runtime, site: prepared.site)
                let render = widget.render
                let body = widget.maxAge > .zero
                    ? try await host.runtime.cache.value("widget.\(module.id).\(widget.id).\(session.user_id).\(lang.rawValue).\(prepared.snapshot.roles.node(session.role_id)?.id ?? 0).\(session.kernel_version)",
                                                         maxAge: widget.maxAge) { try await render(req) }
                    : try await render(req)
                cards += "<section class=\"widget card\" data-widget=\"\(escapeAttr(module.id)).\(escapeAttr(widget.id))\"><h3>\(escapeHTML(widget.title(lang.rawValue)))</h3>\(body.raw)</section>"
                shown += 1
            }
        }
        cards += "</div>"
        if shown == 0 { cards += "<p class=\"muted\">\(escapeHTML(t("empty")))</p>" }
        let page = Page(title: host.catalog.text("core.nav.dashboard", lang), body: HTML(raw: cards))
        return Responses.html(try await Layout(host: host).staffPage(page, request: request, moduleID: "dashboard", prepared: prepared))
    }
}
