import PluginAPI
import SQLKit

/// Every staff member's own page: profile, password, security password, active sessions.
struct ProfilePages: Sendable {
    let deps: CoreModule.Deps
    /// Where a user with a temporary password is sent until they choose a new one.
    static let mustChangePath = "/m/core/profile#password"

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/profile", .loggedIn, show)
        try routes.post("/profile", .loggedIn, saveProfile)
        try routes.post("/profile/password", .loggedIn, changePassword)
        try routes.post("/profile/security-password", .loggedIn, changeSecurityPassword)
        try routes.post("/profile/sessions/:sid/end", .loggedIn, endSession)
        try routes.api(.get, "/me", .loggedIn, doc: APIDoc("The caller's account", response: .object(
            ["id": .integer, "login": .string, "name": .string, "role": .string, "language": .oneOf(["zh-CN", "en"])],
            required: ["id", "login", "name", "role", "language"])), me)
        try ProfileTokenPages(deps: deps).register(&routes)
    }

    func me(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        struct Answer: Encodable { let id: Int64; let login: String; let name: String; let role: String; let language: String }
        return try .json(Answer(id: user.id, login: user.login, name: user.name, role: user.roleName, language: req.language.rawValue))
    }

    func render(_ req: ModuleRequest, profileValues: FormData? = nil, errors: [String: String] = [:], status: Int = 200) async throws -> ModuleResponse {
        guard let user = req.user, let me = try await StaffRecord.find(user.id, db: req.db) else { throw ModuleError.unauthenticated }
        let site = req.site
        let values = profileValues ?? FormData(fields: ["real_name": [me.real_name], "mobile": [me.mobile], "landline": [me.landline],
                                                        "email": [me.email], "qq": [me.qq], "wechat": [me.wechat],
                                                        "introduction": [me.introduction], "motto": [me.motto],
                                                        "experience": [me.experience], "language": [me.language],
                                                        "public_contacts": [me.public_contacts]])
        func field(_ name: String, _ key: String, _ kind: FieldKind = .text, required: Bool = false) -> FormField {
            FormField(name: name, label: req.t(key), kind: kind, value: values[name], required: required, error: errors[name])
        }
        let profile = FormView(action: "\(req.base)/profile", csrfToken: req.csrfToken, fields: [
            field("real_name", "core.staff.realName", required: true), field("mobile", "core.staff.mobile", .tel),
            field("landline", "core.staff.landline", .tel), field("email", "core.staff.email", .email), field("qq", "QQ"),
            field("wechat", "core.staff.wechat"),
            field("language", "core.profile.language", .select(options: [SelectOption(value: "zh-CN", label: "中文"), SelectOption(value: "en", label: "English")], allowEmpty: false)),
            field("avatar", "core.staff.avatar", .file(accept: "image/jpeg,image/png,image/webp")),
            field("motto", "core.staff.motto"), field("introduction", "core.staff.introduction", .textarea(rows: 3)),
            field("experience", "core.staff.experience", .textarea(rows: 3)),
            FormField(name: "public_contacts", label: req.t("core.staff.publicContacts"),
                      kind: .multiSelect(options: StaffPages.publicContactOptions(req)), value: values.all("public_contacts").joined(separator: ","),
                      help: req.t("core.staff.publicContactsHelp")),
        ], submitLabel: req.t("core.action.save"), multipart: true, id: "profile")
        let password = FormView(action: "\(req.base)/profile/password", csrfToken: req.csrfToken, fields: [
            FormField(name: "old", label: req.t("core.profile.oldPassword"), kind: .password, required: true, error: errors["old"]),
            FormField(name: "new", label: req.t("core.profile.newPassword"), kind: .password, required: true, error: errors["new"],
                      help: req.t("core.profile.passwordRule"), maxLength: Passwords.lengths.upperBound),
            FormField(name: "confirm", label: req.t("core.profile.confirmPassword"), kind: .password, required: true, error: errors["confirm"],
                      maxLength: Passwords.lengths.upperBound),
            FormField(name: "revoke_tokens", label: req.t("core.profile.revokeTokens"), kind: .checkbox, value: values["revoke_tokens"],
                      help: req.t("core.profile.otherSessionsEnd")),
        ], submitLabel: req.t("core.profile.changePassword"), id: "password")
        let security = FormView(action: "\(req.base)/profile/security-password", csrfToken: req.csrfToken, fields: [
            FormField(name: "login_password", label: req.t("core.profile.loginPassword"), kind: .password, required: true, error: errors["login_password"]),
            FormField(name: "security", label: req.t("core.staff.securityPassword"), kind: .password, required: true, error: errors["security"],
                      help: req.t("core.profile.securityPasswordRule"), maxLength: Passwords.lengths.upperBound),
            FormField(name: "security_confirm", label: req.t("core.profile.confirmPassword"), kind: .password, required: true,
                      error: errors["security_confirm"], maxLength: Passwords.lengths.upperBound),
        ], submitLabel: req.t("core.profile.setSecurityPassword"), id: "security")
        let sessions = try await deps.sessions.list(of: user.id)
        let table = PagedTable(
            columns: [TableColumn(key: "created", label: req.t("core.profile.sessionStarted")), TableColumn(key: "seen", label: req.t("core.profile.sessionSeen")),
                      TableColumn(key: "ip", label: req.t("core.profile.sessionAddress")), TableColumn(key: "ua", label: req.t("core.profile.sessionBrowser"))],
            rows: sessions.map { s in
                TableRow(id: String(s.id.prefix(12)), cells: [.text(TimeFormat.dateTime(s.created_at, timeZone: site.timeZone)),
                                                               .text(TimeFormat.dateTime(s.last_seen_at, timeZone: site.timeZone)),
                                                               .text(s.ip.isEmpty ? "—" : s.ip), .text(s.user_agent)],
                         actions: [RowAction(label: req.t("core.profile.endSession"), href: "\(req.base)/profile/sessions/\(s.id)/end",
                                             method: "post", confirm: req.t("core.profile.confirmEnd"), danger: true)])
            },
            page: PageInfo(page: 1, pageSize: max(sessions.count, 1), total: sessions.count), baseURL: "\(req.base)/profile", csrfToken: req.csrfToken, id: "sessions")
        let avatar = me.avatar.isEmpty ? "" : "<img class=\"avatar large\" src=\"/uploads/\(escapeAttr(me.avatar))\" alt=\"\">"
        let mustChange = try await passwordMustChange(user.id, db: req.db)
            ? FlashMessage(kind: .warning, text: req.t("core.profile.mustChange")).render() : HTML.empty
        let body = mustChange + HTML(raw: "<div class=\"card\">\(avatar)<p>\(escapeHTML(me.login)) · \(escapeHTML(user.roleName))</p></div>")
            + HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("core.profile.details")))</h2>") + profile.render(strings: req.uiStrings) + HTML(raw: "</section>")
            + HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("core.profile.changePassword")))</h2>") + password.render(strings: req.uiStrings) + HTML(raw: "</section>")
            + HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("core.staff.securityPassword")))</h2>") + security.render(strings: req.uiStrings) + HTML(raw: "</section>")
            + HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("core.profile.sessions")))</h2>") + table.render(strings: req.uiStrings) + HTML(raw: "</section>")
            + (try await ProfileTokenPages(deps: deps).section(req, timeZone: site.timeZone))
        return .page(title: req.t("core.profile.title"), body: body, status: status)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse { try await render(req) }

    @Sendable func saveProfile(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user, let before = try await StaffRecord.find(user.id, db: req.db) else { throw ModuleError.unauthenticated }
        let form = req.form
        var v = Validator(language: req.language)
        StaffValidation.validateProfile(form, &v, t: req.t)
        v.oneOf("language", form["language"], ["zh-CN", "en"], label: req.t("core.profile.language"))
        if let file = form.files["avatar"], !file.bytes.isEmpty, !UploadStore.isImage(file.bytes) || file.bytes.count > UploadStore.maxBytes {
            v.add("avatar", req.t(file.bytes.count > UploadStore.maxBytes ? "core.staff.avatarTooLarge" : "core.staff.avatarNotImage"))
        }
        guard v.isValid else { return try await render(req, profileValues: form, errors: v.errors, status: 422) }
        let avatar = try form.files["avatar"].flatMap { $0.bytes.isEmpty ? nil : try deps.uploads.saveImage($0.bytes) }
        try await req.transaction { tx in
            let update = tx.db.update("core_user")
            for name in StaffRecord.profileFields { update.set(SQLIdentifier(name), to: SQLBind(form[name])) }
            update.set("public_contacts", to: StaffRecord.publicContacts(from: form))
            if !form["language"].isEmpty { update.set("language", to: form["language"]) }
            if let avatar { update.set("avatar", to: avatar); try await deps.uploads.record(avatar, kind: .staffAvatar, db: tx.db) }
            try await update.where("id", .equal, user.id).run()
            try await Versions.bump("kernel", tx.db)
            let after = try await StaffRecord.find(user.id, db: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "profile.update", target: "staff:\(user.id)", before: before.auditJSON, after: after?.auditJSON))
        }
        if avatar != nil, !before.avatar.isEmpty { await deps.uploads.discard(before.avatar, kind: .staffAvatar, db: req.db) }   // the replaced one
        return .redirect("\(req.base)/profile", flash: .success(req.t("core.profile.saved")))
    }

    func passwordHash(_ id: Int64, column: String, db: any SQLDatabase) async throws -> String {
        try await db.select().column(column).from("core_user").where("id", .equal, id).first(decodingColumn: column, as: String?.self).flatMap { $0 } ?? ""
    }

    func passwordMustChange(_ id: Int64, db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("must_change_password").from("core_user").where("id", .equal, id)
            .first(decodingColumn: "must_change_password", as: Int.self) == 1
    }

    /// Checks the user's login password before a sensitive change, throttled like a login (five failures lock the
    /// re-authentication for 15 minutes), so a borrowed session cannot guess it. Returns a message key when refused.
    func reauthenticate(_ req: ModuleRequest, userID: Int64, password: String) async throws -> String? {
        switch try await deps.throttle.check("reauth:\(userID)", rule: .secret, verify: {
            try await Passwords.verify(password, hash: try await passwordHash(userID, column: "password_hash", db: req.db))
        }) {
        case .accepted: return nil
        case .refused: return "core.profile.oldWrong"
        case .locked: return "core.profile.reauthLocked"
        }
    }

    @Sendable func changePassword(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let form = req.form
        var v = Validator(language: req.language)
        v.required("old", form.fields["old"]?.first ?? "", label: req.t("core.profile.oldPassword"))
        let new = form.fields["new"]?.first ?? "", confirm = form.fields["confirm"]?.first ?? ""
        v.required("new", new, label: req.t("core.profile.newPassword"))
        if !new.isEmpty, let key = Passwords.ruleViolation(new) { v.add("new", req.t(key)) }
        if new != confirm { v.add("confirm", req.t("core.profile.mismatch")) }
        if v.isValid, let problem = try await reauthenticate(req, userID: user.id, password: form.fields["old"]?.first ?? "") {
            v.add("old", req.t(problem))
        }
        guard v.isValid else { return try await render(req, profileValues: nil, errors: v.errors, status: 422) }
        let hash = try await Passwords.hash(new)
        let revokeTokens = !form["revoke_tokens"].isEmpty
        try await req.transaction { tx in
            try await tx.db.update("core_user").set("password_hash", to: hash).set("must_change_password", to: 0).where("id", .equal, user.id).run()
            // Whoever else holds a session of this account is out; the session making the change stays.
            try await deps.sessions.endAll(of: user.id, keeping: req.csrfToken, on: tx.db)
            if revokeTokens { try await deps.apiTokens.revokeAll(of: user.id, db: tx.db) }
            try await tx.audit(AuditEntry(module: "core", action: "profile.password", target: "staff:\(user.id)",
                                          after: revokeTokens ? "other sessions ended, API tokens revoked" : "other sessions ended"))
        }
        return .redirect("\(req.base)/profile", flash: .success(req.t("core.profile.passwordChanged")))
    }

    @Sendable func changeSecurityPassword(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let form = req.form
        let security = form.fields["security"]?.first ?? "", confirm = form.fields["security_confirm"]?.first ?? ""
        var v = Validator(language: req.language)
        v.required("login_password", form.fields["login_password"]?.first ?? "", label: req.t("core.profile.loginPassword"))
        v.required("security", security, label: req.t("core.staff.securityPassword"))
        if !security.isEmpty, let key = Passwords.ruleViolation(security) { v.add("security", req.t(key)) }
        if security != confirm { v.add("security_confirm", req.t("core.profile.mismatch")) }
        if v.isValid, let problem = try await reauthenticate(req, userID: user.id, password: form.fields["login_password"]?.first ?? "") {
            v.add("login_password", req.t(problem))
        }
        guard v.isValid else { return try await render(req, errors: v.errors, status: 422) }
        let hash = try await Passwords.hash(security)
        try await req.transaction { tx in
            try await tx.db.update("core_user").set("security_password_hash", to: hash).where("id", .equal, user.id).run()
            try await tx.audit(AuditEntry(module: "core", action: "profile.securityPassword", target: "staff:\(user.id)"))
        }
        return .redirect("\(req.base)/profile", flash: .success(req.t("core.profile.securitySet")))
    }

    @Sendable func endSession(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        guard try await deps.sessions.end(id: req.parameters["sid"] ?? "", of: user.id) else { throw ModuleError.notFound }
        return .redirect("\(req.base)/profile", flash: .success(req.t("core.profile.sessionEnded")))
    }
}
