import Kernel
import PluginAPI
import SQLKit

/// 角色管理: the role tree — add a child, edit, move, delete (refused while users or children remain).
struct RolePages: Sendable {
    let deps: CoreModule.Deps

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/roles", .requires("role", "view"), list)
        try routes.get("/roles/new", .requires("role", "add"), newForm)
        try routes.post("/roles", .requires("role", "add"), create)
        try routes.get("/roles/:id/edit", .requires("role", "edit"), editForm)
        try routes.post("/roles/:id", .requires("role", "edit"), update)
        try routes.post("/roles/:id/delete", .requires("role", "delete"), delete)
    }

    struct RoleRow: Decodable, Sendable {
        let id: Int64; let parent_id: Int64?; let name: String; let description: String; let sort_order: Int; let is_system: Int
        var auditJSON: String {
            JSONText.encode(["name": name, "description": description, "parent_id": parent_id.map(String.init) ?? "", "sort_order": String(sort_order)])
        }
    }

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> RoleRow? {
        try await db.select().columns("id", "parent_id", "name", "description", "sort_order", "is_system").from("core_role")
            .where("id", .equal, id).first(decoding: RoleRow.self)
    }

    /// Roles the user may manage: every role for the administrator, else the strict descendants of their own.
    static func manageable(_ req: ModuleRequest) -> Set<RoleID>? {
        guard let user = req.user, !user.isSystemAdmin else { return nil }
        return req.access.snapshot.roles.strictDescendants(of: user.roleID)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        struct Count: Decodable { let role_id: Int64; let n: Int }
        let counts = try await req.db.select().column("role_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("core_user").groupBy("role_id").all(decoding: Count.self)
        let userCount = Dictionary(counts.map { ($0.role_id, $0.n) }, uniquingKeysWith: +)
        let tree = req.access.snapshot.roles
        let manageable = Self.manageable(req)
        let canAdd = req.access.isGranted("role", "add"), canEdit = req.access.isGranted("role", "edit")
        let canDelete = req.access.isGranted("role", "delete"), canGrant = req.access.isGranted("role", "grant")
        var html = "<ul class=\"tree\">"
        for (node, depth) in tree.flattened() {
            let mine = manageable?.contains(node.id) ?? true
            let isSystem = node.id == req.access.snapshot.systemAdminRoleID
            html += "<li style=\"--depth:\(depth)\"><strong>\(escapeHTML(node.name))</strong> <span class=\"muted\">\(escapeHTML(req.t("core.role.users"))): \(userCount[node.id] ?? 0)</span> "
            if isSystem { html += Badge(text: req.t("core.role.system"), kind: .warn).render().raw + " " }
            var actions: [RowAction] = []
            if canAdd, mine || node.id == req.user?.roleID {
                actions.append(RowAction(label: req.t("core.role.addChild"), href: "\(req.base)/roles/new?parent=\(node.id)"))
            }
            if mine, !isSystem {
                if canEdit { actions.append(RowAction(label: req.t("core.action.edit"), href: "\(req.base)/roles/\(node.id)/edit")) }
                if canGrant { actions.append(RowAction(label: req.t("core.role.permissions"), href: "\(req.base)/roles/\(node.id)/permissions")) }
                if canDelete {
                    actions.append(RowAction(label: req.t("core.action.delete"), href: "\(req.base)/roles/\(node.id)/delete", method: "post",
                                             confirm: req.uiStrings.confirmDelete, danger: true))
                }
            }
            html += actions.map { $0.render(csrfToken: req.csrfToken).raw }.joined(separator: " ")
            html += "</li>"
        }
        html += "</ul>"
        let toolbar = canAdd ? HTML.link(req.t("core.role.add"), href: "\(req.base)/roles/new", class: "btn primary") : .empty
        return .page(title: req.t("core.role.title"), body: HTML(raw: "<div class=\"card\">\(html)</div>"), toolbar: toolbar)
    }

    func parentOptions(_ req: ModuleRequest, excluding id: RoleID?) -> [SelectOption] {
        let tree = req.access.snapshot.roles
        let manageable = Self.manageable(req)
        return tree.flattened().compactMap { item in
            if let id, !tree.canMove(id, under: item.node.id) { return nil }
            if let manageable, !manageable.contains(item.node.id), item.node.id != req.user?.roleID { return nil }
            return SelectOption(value: String(item.node.id), label: String(repeating: "　", count: item.depth) + item.node.name)
        }
    }

    func formPage(_ req: ModuleRequest, values: FormData, errors: [String: String], existing: RoleRow?, status: Int = 200) -> ModuleResponse {
        let fields = [
            FormField(name: "name", label: req.t("core.role.name"), value: values["name"], required: true, error: errors["name"], maxLength: 32),
            FormField(name: "parent_id", label: req.t("core.role.parent"),
                      kind: .select(options: parentOptions(req, excluding: existing?.id), allowEmpty: false),
                      value: values["parent_id"], required: true, error: errors["parent_id"]),
            FormField(name: "sort_order", label: req.t("core.role.sortOrder"), kind: .number, value: values["sort_order"].isEmpty ? "0" : values["sort_order"],
                      error: errors["sort_order"]),
            FormField(name: "description", label: req.t("core.role.description"), kind: .textarea(rows: 3), value: values["description"],
                      error: errors["description"], maxLength: 500),
        ]
        let action = existing.map { "\(req.base)/roles/\($0.id)" } ?? "\(req.base)/roles"
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("core.action.save"),
                            cancelHref: "\(req.base)/roles", formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        return .page(title: existing.map { "\(req.t("core.role.edit")) · \($0.name)" } ?? req.t("core.role.add"),
                     body: form.render(strings: req.uiStrings), status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        var values = FormData()
        values.fields["parent_id"] = [req.query["parent"].isEmpty ? String(req.user?.roleID ?? 0) : req.query["parent"]]
        return formPage(req, values: values, errors: [:], existing: nil)
    }

    func validate(_ req: ModuleRequest, existing: RoleRow?) -> (errors: [String: String], parent: RoleID?) {
        let form = req.form
        var v = Validator(language: req.language)
        v.required("name", form["name"], label: req.t("core.role.name"))
        v.length("name", form["name"], 1...32, label: req.t("core.role.name"))
        v.length("description", form["description"], 0...500, label: req.t("core.role.description"))
        v.integer("sort_order", form["sort_order"], -9999...9999, label: req.t("core.role.sortOrder"))
        let parent = RoleID(form["parent_id"])
        let tree = req.access.snapshot.roles
        if parent == nil || tree.node(parent!) == nil {
            v.add("parent_id", req.t("core.role.parentRequired"))
        } else if let existing, let parent, !tree.canMove(existing.id, under: parent) {
            v.add("parent_id", req.t("core.role.cycle"))
        } else if let manageable = Self.manageable(req), let parent, !manageable.contains(parent), parent != req.user?.roleID {
            v.add("parent_id", req.t("core.role.parentNotAllowed"))
        }
        return (v.errors, parent)
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (errors, parent) = validate(req, existing: nil)
        guard errors.isEmpty, let parent else { return formPage(req, values: req.form, errors: errors, existing: nil, status: 422) }
        let form = req.form
        try await req.transaction { tx in
            let id = try await tx.db.insert(into: "core_role").columns("parent_id", "name", "description", "sort_order", "is_system", "created_at")
                .values(SQLBind(parent), SQLBind(form["name"]), SQLBind(form["description"]), SQLBind(form.int("sort_order") ?? 0),
                        SQLBind(0), SQLBind(Clock.now()))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await Versions.bump("kernel", tx.db)
            let row = try await Self.find(id, db: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "role.create", target: "role:\(id)", after: row?.auditJSON))
        }
        return .redirect("\(req.base)/roles", flash: .success(req.t("core.role.saved")))
    }

    func loadManageable(_ req: ModuleRequest) async throws -> RoleRow {
        let id = try req.id()
        guard let role = try await Self.find(id, db: req.db) else { throw ModuleError.notFound }
        if let manageable = Self.manageable(req), !manageable.contains(role.id) {
            // A role the user can see in the tree but not manage: 403; one outside their view does not exist for them.
            throw ModuleError.forbidden
        }
        if role.is_system == 1 { throw ModuleError.forbidden }
        return role
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let role = try await loadManageable(req)
        let values = FormData(fields: ["name": [role.name], "parent_id": [role.parent_id.map(String.init) ?? ""],
                                       "sort_order": [String(role.sort_order)], "description": [role.description]])
        return formPage(req, values: values, errors: [:], existing: role)
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let role = try await loadManageable(req)
        let (errors, parent) = validate(req, existing: role)
        guard errors.isEmpty, let parent else { return formPage(req, values: req.form, errors: errors, existing: role, status: 422) }
        let form = req.form
        try await req.transaction { tx in
            try await tx.db.update("core_role").set("name", to: form["name"]).set("description", to: form["description"])
                .set("parent_id", to: parent).set("sort_order", to: form.int("sort_order") ?? 0)
                .where("id", .equal, role.id).run()
            try await Versions.bump("kernel", tx.db)
            let after = try await Self.find(role.id, db: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "role.update", target: "role:\(role.id)", before: role.auditJSON, after: after?.auditJSON))
        }
        return .redirect("\(req.base)/roles", flash: .success(req.t("core.role.saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let role = try await loadManageable(req)
        let users = try await req.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("core_user")
            .where("role_id", .equal, role.id).first(decodingColumn: "n", as: Int.self) ?? 0
        let children = try await req.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("core_role")
            .where("parent_id", .equal, role.id).first(decodingColumn: "n", as: Int.self) ?? 0
        if users > 0 || children > 0 {
            let message = req.t("core.role.notEmpty").replacingOccurrences(of: "{users}", with: String(users))
                .replacingOccurrences(of: "{children}", with: String(children))
            return .redirect("\(req.base)/roles", flash: .error(message))
        }
        try await req.transaction { tx in
            try await tx.db.delete(from: "core_grant").where("role_id", .equal, role.id).run()
            try await tx.db.delete(from: "core_role").where("id", .equal, role.id).run()
            try await Versions.bump("kernel", tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "role.delete", target: "role:\(role.id)", before: role.auditJSON))
        }
        return .redirect("\(req.base)/roles", flash: .success(req.t("core.role.deleted")))
    }
}
