import PluginAPI
import SQLKit

/// The API tokens section of the profile: create (shown once), list, revoke.
struct ProfileTokenPages: Sendable {
    let deps: CoreModule.Deps

    func register(_ routes: inout RouteCollector) throws {
        try routes.post("/profile/tokens", .loggedIn, create)
        try routes.post("/profile/tokens/:tid/revoke", .loggedIn, revoke)
    }

    func section(_ req: ModuleRequest, timeZone: String, error: String? = nil) async throws -> HTML {
        guard let user = req.user else { return .empty }
        let tokens = try await deps.apiTokens.list(of: user.id)
        let table = PagedTable(
            columns: [TableColumn(key: "name", label: req.t("core.token.name")), TableColumn(key: "created", label: req.t("core.token.created")),
                      TableColumn(key: "used", label: req.t("core.token.lastUsed")), TableColumn(key: "expires", label: req.t("core.token.expires"))],
            rows: tokens.map { token in
                TableRow(id: String(token.id), cells: [.text(token.name), .text(TimeFormat.dateTime(token.created_at, timeZone: timeZone)),
                                                       .text(TimeFormat.dateTime(token.last_used_at, timeZone: timeZone)),
                                                       .text(TimeFormat.dateTime(token.expires_at, timeZone: timeZone))],
                         actions: [RowAction(label: req.t("core.token.revoke"), href: "\(req.base)/profile/tokens/\(token.id)/revoke", method: "post",
                                             confirm: req.t("core.token.confirmRevoke"), danger: true)])
            },
            page: PageInfo(page: 1, pageSize: max(tokens.count, 1), total: tokens.count), baseURL: "\(req.base)/profile", csrfToken: req.csrfToken, id: "tokens")
        let form = FormView(action: "\(req.base)/profile/tokens", csrfToken: req.csrfToken, fields: [
            FormField(name: "name", label: req.t("core.token.name"), required: true, error: error, help: req.t("core.token.help"), maxLength: 40),
        ], submitLabel: req.t("core.token.create"), id: "token-form")
        return HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("core.token.title")))</h2>") + table.render(strings: req.uiStrings)
            + form.render(strings: req.uiStrings) + HTML(raw: "</section>")
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let name = req.form["name"]
        var v = Validator(language: req.language)
        v.required("name", name, label: req.t("core.token.name"))
        v.length("name", name, 1...40, label: req.t("core.token.name"))
        guard v.isValid else { return .redirect("\(req.base)/profile", flash: .error(v.errors["name"] ?? "")) }
        let token = try await req.transaction { tx in
            let token = try await deps.apiTokens.create(userID: user.id, name: name, db: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "token.create", target: "staff:\(user.id)", after: name))
            return token
        }
        // Shown in this answer only: never stored in clear, not even in the session's flash.
        let body = FlashMessage(kind: .info, text: "\(req.t("core.token.shownOnce")) \(token)").render()
            + HTML(raw: "<section class=\"card\"><p><code class=\"token\">\(escapeHTML(token))</code></p><p class=\"muted\">"
                   + "\(escapeHTML(req.t("core.token.expires"))): \(escapeHTML(TimeFormat.dateTime(Clock.now() + APITokenService.defaultLifetime, timeZone: req.site.timeZone)))</p>"
                   + "<p><a class=\"btn\" href=\"\(escapeAttr(req.base))/profile\">\(escapeHTML(req.t("core.profile.title")))</a></p></section>")
        return .page(title: req.t("core.token.title"), body: body)
    }

    @Sendable func revoke(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user, let id = Int64(req.parameters["tid"] ?? "") else { throw ModuleError.notFound }
        let revoked = try await req.transaction { tx in
            let done = try await deps.apiTokens.revoke(id: id, of: user.id, db: tx.db)
            if done { try await tx.audit(AuditEntry(module: "core", action: "token.revoke", target: "token:\(id)")) }
            return done
        }
        guard revoked else { throw ModuleError.notFound }
        return .redirect("\(req.base)/profile", flash: .success(req.t("core.token.revoked")))
    }
}
