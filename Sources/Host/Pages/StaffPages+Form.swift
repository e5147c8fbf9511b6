import Kernel
import PluginAPI
import SQLKit

extension StaffPages {
    func fields(_ req: ModuleRequest, values: FormData, errors: [String: String], existing: StaffRecord?) -> [FormField] {
        func field(_ name: String, _ labelKey: String, _ kind: FieldKind = .text, required: Bool = false, max: Int? = nil, help: String? = nil) -> FormField {
            FormField(name: name, label: req.t(labelKey), kind: kind, value: values[name], required: required, error: errors[name],
                      help: help, maxLength: max)
        }
        var roles = roleOptions(req, assignableOnly: true)
        if let existing, !roles.contains(where: { $0.value == String(existing.role_id) }) {
            // The current role stays selectable even when the user may not assign it (their own, a superior's),
            // so the form can be saved without changing it.
            let name = req.access.snapshot.roles.node(existing.role_id)?.name ?? String(existing.role_id)
            roles.insert(SelectOption(value: String(existing.role_id), label: name), at: 0)
        }
        var list: [FormField] = []
        if existing == nil {
            var login = field("login", "core.staff.login", required: true, max: 16, help: req.t(Self.loginRule))
            login.attributes = ["data-check-url": "\(req.base)/staff/check", "autocomplete": "off"]
            list.append(login)
            list.append(field("password", "core.staff.password", .password, required: true, max: Passwords.lengths.upperBound,
                              help: req.t("core.profile.passwordRule")))
        }
        list += [
            field("real_name", "core.staff.realName", required: true, max: 32),
            field("role_id", "core.staff.role", .select(options: roles, allowEmpty: true), required: true),
            field("mobile", "core.staff.mobile", .tel, max: 11),
            field("landline", "core.staff.landline", .tel, max: 20),
            field("email", "core.staff.email", .email, max: 100),
            field("qq", "QQ", max: 12),
            field("wechat", "core.staff.wechat", max: 40),
            field("avatar", "core.staff.avatar", .file(accept: "image/jpeg,image/png,image/webp"), help: req.t("core.staff.avatarRule")),
            field("show_public", "core.staff.showPublic", .checkbox),
            FormField(name: "public_contacts", label: req.t("core.staff.publicContacts"), kind: .multiSelect(options: Self.publicContactOptions(req)),
                      value: values.all("public_contacts").joined(separator: ","), help: req.t("core.staff.publicContactsHelp")),
            field("motto", "core.staff.motto", max: 200),
            field("introduction", "core.staff.introduction", .textarea(rows: 4), max: 2000),
            field("experience", "core.staff.experience", .textarea(rows: 4), max: 2000),
        ]
        // A security password is set by its owner only, on the profile page with the login password; here it can be cleared.
        if existing != nil {
            list.append(field("clear_security_password", "core.staff.clearSecurityPassword", .checkbox, help: req.t("core.staff.clearSecurityPasswordHelp")))
        }
        return list
    }

    func formPage(_ req: ModuleRequest, values: FormData, errors: [String: String], existing: StaffRecord?, status: Int = 200) -> ModuleResponse {
        let action = existing.map { "\(req.base)/staff/\($0.id)" } ?? "\(req.base)/staff"
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: fields(req, values: values, errors: errors, existing: existing),
                            submitLabel: req.t("core.action.save"), cancelHref: "\(req.base)/staff", multipart: true,
                            formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        let title = existing.map { "\(req.t("core.staff.edit")) · \($0.login)" } ?? req.t("core.staff.add")
        return .page(title: title, body: form.render(strings: req.uiStrings), status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        formPage(req, values: FormData(), errors: [:], existing: nil)
    }

    /// Validates the declared fields only; returns errors and the validated role.
    func validate(_ req: ModuleRequest, creating: Bool) async throws -> (errors: [String: String], roleID: RoleID?) {
        let form = req.form
        var v = Validator(language: req.language)
        if creating {
            v.required("login", form["login"], label: req.t("core.staff.login"))
            v.pattern("login", form["login"], "[A-Za-z0-9_.]{3,16}", label: req.t("core.staff.login"), rule: Self.loginRule)
            v.required("password", form["password"], label: req.t("core.staff.password"))
            if let key = Passwords.ruleViolation(form["password"]), !form["password"].isEmpty { v.add("password", req.t(key)) }
            if v.errors["login"] == nil,
               try await req.db.select().column("id").from("core_user").where("login", .equal, form["login"]).first() != nil {
                v.add("login", req.t("core.staff.loginTaken"))
            }
        }
        StaffValidation.validateProfile(form, &v, t: req.t)
        let assignable = Set(roleOptions(req, assignableOnly: true).map(\.value))
        let roleID = RoleID(form["role_id"])
        v.required("role_id", form["role_id"], label: req.t("core.staff.role"))
        if !form["role_id"].isEmpty, roleID == nil || !assignable.contains(form["role_id"]) {
            v.add("role_id", req.t("core.staff.roleNotAllowed"))
        }
        if let file = form.files["avatar"], !file.bytes.isEmpty {
            if file.bytes.count > UploadStore.maxBytes { v.add("avatar", req.t("core.staff.avatarTooLarge")) }
            else if !UploadStore.isImage(file.bytes) { v.add("avatar", req.t("core.staff.avatarNotImage")) }
        }
        return (v.errors, roleID)
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (errors, roleID) = try await validate(req, creating: true)
        guard errors.isEmpty, let roleID else { return formPage(req, values: req.form, errors: errors, existing: nil, status: 422) }
        let form = req.form
        let hash = try await Passwords.hash(form["password"])
        let avatar = try form.files["avatar"].flatMap { $0.bytes.isEmpty ? nil : try deps.uploads.saveImage($0.bytes) } ?? ""
        let id = try await req.transaction { tx in
            let insert = tx.db.insert(into: "core_user")
                .columns(["login", "password_hash", "role_id", "status", "show_public", "public_contacts", "avatar",
                          "created_at"] + StaffRecord.profileFields)
                .values([SQLBind(form["login"]), SQLBind(hash), SQLBind(roleID), SQLBind("active"),
                         SQLBind(form.bool("show_public") ? 1 : 0), SQLBind(StaffRecord.publicContacts(from: form)), SQLBind(avatar), SQLBind(Clock.now())]
                        + StaffRecord.profileFields.map { SQLBind(form[$0]) })
                .returning("id")
            guard let id = try await insert.first(decodingColumn: "id", as: Int64.self) else { throw ModuleError.conflict("insert failed") }
            if !avatar.isEmpty { try await deps.uploads.record(avatar, kind: .staffAvatar, db: tx.db) }
            try await Versions.bump("kernel", tx.db)
            if let created = try await StaffRecord.find(id, db: tx.db) {
                try await tx.audit(AuditEntry(module: "core", action: "staff.create", target: "staff:\(id)", after: created.auditJSON))
            }
            return id
        }
        let next = req.access.isGranted("staff", "edit") ? "\(req.base)/staff/\(id)/edit" : "\(req.base)/staff"
        return .redirect(next, flash: .success(req.t("core.staff.created")))
    }

    func loadVisible(_ req: ModuleRequest, action: String) async throws -> StaffRecord {
        let id = try req.id()
        guard let staff = try await StaffRecord.find(id, db: req.db) else { throw ModuleError.notFound }
        try req.access.require("staff", action, owner: staff.id)
        // Administrators' accounts are managed by administrators only: scope "all" must not reach the account that may do everything.
        if staff.role_id == req.access.snapshot.systemAdminRoleID, req.user?.isSystemAdmin != true { throw ModuleError.forbidden }
        return staff
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let staff = try await loadVisible(req, action: "edit")
        var values = FormData()
        for name in StaffRecord.profileFields { values.fields[name] = [mirrorValue(staff, name)] }
        values.fields["role_id"] = [String(staff.role_id)]
        values.fields["show_public"] = [staff.show_public == 1 ? "1" : ""]
        values.fields["public_contacts"] = [staff.public_contacts]
        return formPage(req, values: values, errors: [:], existing: staff)
    }

    /// The contact details a staff member may show on the public site, as checkbox options.
    static func publicContactOptions(_ req: ModuleRequest) -> [SelectOption] {
        StaffRecord.publicContactKinds.map { kind in
            SelectOption(value: kind, label: kind == "qq" ? "QQ" : req.t(kind == "wechat" ? "core.staff.wechat" : "core.staff.\(kind)"))
        }
    }

    private func mirrorValue(_ staff: StaffRecord, _ name: String) -> String {
        switch name {
        case "real_name": staff.real_name
        case "mobile": staff.mobile
        case "landline": staff.landline
        case "email": staff.email
        case "qq": staff.qq
        case "wechat": staff.wechat
        case "introduction": staff.introduction
        case "motto": staff.motto
        case "experience": staff.experience
        default: ""
        }
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let staff = try await loadVisible(req, action: "edit")
        var (errors, roleID) = try await validate(req, creating: false)
        if roleID == staff.role_id {
            errors.removeValue(forKey: "role_id")   // keeping the current role is not an assignment
        } else if roleID != nil, req.user?.isSystemAdmin != true {
            if staff.id == req.user?.id {
                errors["role_id"] = req.t("core.staff.ownRole")
            } else if !roleOptions(req, assignableOnly: true).contains(where: { $0.value == String(staff.role_id) }) {
                // Moving someone out of a role the user does not manage (a superior, another team) is not theirs to do.
                errors["role_id"] = req.t("core.staff.roleNotAllowed")
            }
        }
        guard errors.isEmpty, let roleID else { return formPage(req, values: req.form, errors: errors, existing: staff, status: 422) }
        let form = req.form
        let clearSecurity = form.bool("clear_security_password")
        let avatar = try form.files["avatar"].flatMap { $0.bytes.isEmpty ? nil : try deps.uploads.saveImage($0.bytes) }
        try await req.transaction { tx in
            let update = tx.db.update("core_user").set("role_id", to: roleID).set("show_public", to: form.bool("show_public") ? 1 : 0)
                .set("public_contacts", to: StaffRecord.publicContacts(from: form))
            for name in StaffRecord.profileFields { update.set(SQLIdentifier(name), to: SQLBind(form[name])) }
            if let avatar { update.set("avatar", to: avatar); try await deps.uploads.record(avatar, kind: .staffAvatar, db: tx.db) }
            if clearSecurity { update.set("security_password_hash", to: SQLLiteral.null) }
            try await update.where("id", .equal, staff.id).run()
            try await Versions.bump("kernel", tx.db)   // the role, the name or the staff directory changed
            let after = try await StaffRecord.find(staff.id, db: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "staff.update", target: "staff:\(staff.id)",
                                          before: staff.auditJSON, after: after?.auditJSON))
        }
        if avatar != nil, !staff.avatar.isEmpty { await deps.uploads.discard(staff.avatar, kind: .staffAvatar, db: req.db) }   // the replaced one
        return .redirect("\(req.base)/staff", flash: .success(req.t("core.staff.saved")))
    }

    @Sendable func toggleStatus(_ req: ModuleRequest) async throws -> ModuleResponse {
        let staff = try await loadVisible(req, action: "edit")
        guard staff.id != req.user?.id else {
            return .redirect("\(req.base)/staff", flash: .error(req.t("core.staff.cannotDisableSelf")))
        }
        let newStatus = staff.status == "active" ? "disabled" : "active"
        try await req.transaction { tx in
            try await tx.db.update("core_user").set("status", to: newStatus).where("id", .equal, staff.id).run()
            if newStatus == "disabled" { try await deps.sessions.endAll(of: staff.id, on: tx.db) }
            try await Versions.bump("kernel", tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "staff.status", target: "staff:\(staff.id)",
                                          before: staff.status, after: newStatus))
        }
        return .redirect("\(req.base)/staff", flash: .success(req.t(newStatus == "active" ? "core.staff.enabled" : "core.staff.disabledDone")))
    }

    @Sendable func resetPassword(_ req: ModuleRequest) async throws -> ModuleResponse {
        let staff = try await loadVisible(req, action: "resetPassword")
        let password = Passwords.temporary()
        let hash = try await Passwords.hash(password)
        try await req.transaction { tx in
            try await tx.db.update("core_user").set("password_hash", to: hash).set("must_change_password", to: 1)
                .where("id", .equal, staff.id).run()
            try await deps.sessions.endAll(of: staff.id, on: tx.db)
            try await deps.apiTokens.revokeAll(of: staff.id, db: tx.db)
            try await deps.throttle.clear(account: staff.login, on: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "staff.resetPassword", target: "staff:\(staff.id)"))
        }
        // Shown in this answer only: never stored in clear, not even in the session's flash.
        let body = FlashMessage(kind: .info, text: "\(req.t("core.staff.passwordResetTo")) \(staff.login): \(password)").render()
            + HTML(raw: "<section class=\"card\"><p class=\"muted\">\(escapeHTML(req.t("core.staff.temporaryPasswordHelp")))</p>"
                   + "<p><a class=\"btn\" href=\"\(escapeAttr(req.base))/staff\">\(escapeHTML(req.t("core.staff.title")))</a></p></section>")
        return .page(title: req.t("core.staff.temporaryPassword"), body: body)
    }
}
