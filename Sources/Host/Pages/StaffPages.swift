import Kernel
import PluginAPI
import SQLKit

/// 红娘管理: list, search, add, edit, enable/disable staff accounts.
struct StaffPages: Sendable {
    let deps: CoreModule.Deps

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/staff", .requires("staff", "view"), list)
        try routes.get("/staff/new", .requires("staff", "add"), newForm)
        try routes.post("/staff", .requires("staff", "add"), create)
        try routes.get("/staff/check", .requires("staff", "view"), checkAvailability)
        try routes.get("/staff/:id/edit", .requires("staff", "edit"), editForm)
        try routes.post("/staff/:id", .requires("staff", "edit"), update)
        try routes.post("/staff/:id/status", .requires("staff", "edit"), toggleStatus)
        try routes.post("/staff/:id/password", .requires("staff", "resetPassword"), resetPassword)
        try routes.api(.get, "/staff", .requires("staff", "view"), doc: Self.apiDoc, apiList)
    }

    struct Row: Decodable, Sendable {
        let id: Int64; let login: String; let real_name: String; let mobile: String; let email: String
        let avatar: String; let role_id: Int64; let status: String; let show_public: Int; let last_login_at: Int64?
    }

    static let sortable = ["id", "login", "real_name", "last_login_at", "role_id"]

    func query(_ req: ModuleRequest) -> ListQuery {
        var list = ListQuery(table: "core_user")
        list.filter(req.access.ownerPredicate("staff", column: "id"))
        list.search(["login", "real_name", "mobile", "email"], contains: req.query["q"])
        if let role = Int64(req.query["role"]) { list.filter("role_id", .equal, role) }
        if ["active", "disabled"].contains(req.query["status"]) { list.filter("status", .equal, req.query["status"]) }
        return list
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let params = ListParams(query: req.query, pageSize: site.int("page_size.staff", in: 5...200),
                                sortable: Self.sortable, defaultSort: "id", defaultDescending: false)
        let list = query(req)
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: ["id", "login", "real_name", "mobile", "email", "avatar", "role_id", "status",
                                                          "show_public", "last_login_at"].map { SQLColumn($0) },
                                        as: Row.self, sort: SQLColumn(params.sort), descending: params.descending,
                                        limit: params.pageSize, offset: params.offset)
        let roles = req.access.snapshot.roles
        let canEdit = req.access.isGranted("staff", "edit")
        let canReset = req.access.isGranted("staff", "resetPassword")
        let tableRows = rows.map { row -> TableRow in
            var actions: [RowAction] = []
            if canEdit {
                actions.append(RowAction(label: req.t("core.action.edit"), href: "\(req.base)/staff/\(row.id)/edit"))
                let disabling = row.status == "active"
                actions.append(RowAction(label: req.t(disabling ? "core.staff.disable" : "core.staff.enable"),
                                         href: "\(req.base)/staff/\(row.id)/status", method: "post",
                                         confirm: disabling ? req.t("core.staff.confirmDisable") : nil, danger: disabling))
            }
            if canReset {
                actions.append(RowAction(label: req.t("core.staff.resetPassword"), href: "\(req.base)/staff/\(row.id)/password",
                                         method: "post", confirm: req.t("core.staff.confirmReset"), danger: true))
            }
            let avatar = row.avatar.isEmpty ? HTML.empty : HTML(raw: "<img class=\"avatar\" src=\"/uploads/\(escapeAttr(row.avatar))\" alt=\"\"> ")
            return TableRow(id: String(row.id), cells: [
                .text(String(row.id)),
                avatar + .text(row.login),
                .text(row.real_name),
                .text(roles.node(row.role_id)?.name ?? "—"),
                .text(row.mobile),
                Badge(text: req.t(row.status == "active" ? "core.staff.active" : "core.staff.disabled"),
                      kind: row.status == "active" ? .ok : .off).render(),
                .text(row.show_public == 1 ? req.t("core.yes") : req.t("core.no")),
                .text(TimeFormat.dateTime(row.last_login_at, timeZone: site.timeZone)),
            ], actions: actions)
        }
        let search = SearchForm(action: "\(req.base)/staff", fields: [
            FormField(name: "q", label: req.t("core.staff.keyword"), value: req.query["q"], placeholder: req.t("core.staff.keywordHint")),
            FormField(name: "role", label: req.t("core.staff.role"), kind: .select(options: roleOptions(req, assignableOnly: false), allowEmpty: true), value: req.query["role"]),
            FormField(name: "status", label: req.t("core.staff.status"), kind: .select(options: statusOptions(req), allowEmpty: true), value: req.query["status"]),
        ])
        let table = PagedTable(
            columns: [TableColumn(key: "id", label: "ID", sortable: true, numeric: true),
                      TableColumn(key: "login", label: req.t("core.staff.login"), sortable: true),
                      TableColumn(key: "real_name", label: req.t("core.staff.realName"), sortable: true),
                      TableColumn(key: "role_id", label: req.t("core.staff.role"), sortable: true),
                      TableColumn(key: "mobile", label: req.t("core.staff.mobile")),
                      TableColumn(key: "status", label: req.t("core.staff.status")),
                      TableColumn(key: "show_public", label: req.t("core.staff.showPublic")),
                      TableColumn(key: "last_login_at", label: req.t("core.staff.lastLogin"), sortable: true)],
            rows: tableRows, page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped),
            baseURL: "\(req.base)/staff",
            query: ["q", "role", "status"].compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) },
            sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken)
        let toolbar = req.access.isGranted("staff", "add")
            ? HTML.link(req.t("core.staff.add"), href: "\(req.base)/staff/new", class: "btn primary") : .empty
        return .page(title: req.t("core.staff.title"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings),
                     toolbar: toolbar)
    }

    @Sendable func apiList(_ req: ModuleRequest) async throws -> ModuleResponse {
        let params = ListParams(query: req.query, pageSize: req.query.int("page_size") ?? req.query.int("size") ?? 20, sortable: Self.sortable,
                                defaultSort: "id", defaultDescending: false)
        let list = query(req)
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: ["id", "login", "real_name", "role_id", "status"].map { SQLColumn($0) },
                                        as: StaffSummaryRow.self, sort: SQLColumn(params.sort), descending: params.descending,
                                        limit: params.pageSize, offset: params.offset)
        struct Answer: Encodable { let total: Int; let total_capped: Bool; let page: Int; let page_size: Int; let items: [StaffSummaryRow] }
        return try .json(Answer(total: total, total_capped: capped, page: params.page, page_size: params.pageSize, items: rows))
    }

    /// `GET /api/core/staff` in the OpenAPI document.
    static let apiDoc = APIDoc(
        "Staff accounts the caller may see, paged",
        query: [APIParameter("q", .string, "words in login, name, mobile or e-mail"), APIParameter("role", .integer, "role id"),
                APIParameter("status", .oneOf(["active", "disabled"]), "account status"),
                APIParameter("size", .integer(minimum: 1, maximum: 500), "rows per page (also page_size)")]
            + APIParameter.paging + APIParameter.sorting(sortable),
        response: .page(of: .object(["id": .integer, "login": .string, "real_name": .string, "role_id": .integer,
                                     "status": .oneOf(["active", "disabled"])], required: ["id", "login", "real_name", "role_id", "status"])))

    struct StaffSummaryRow: Codable, Sendable { let id: Int64; let login: String; let real_name: String; let role_id: Int64; let status: String }

    /// Live availability check for the login name: `{ok, message}`.
    @Sendable func checkAvailability(_ req: ModuleRequest) async throws -> ModuleResponse {
        struct Answer: Encodable { let ok: Bool; let message: String }
        let value = req.query["value"]
        var v = Validator(language: req.language)
        v.required("login", value, label: req.t("core.staff.login"))
        v.pattern("login", value, "[A-Za-z0-9_.]{3,16}", label: req.t("core.staff.login"), rule: Self.loginRule)
        if let message = v.errors["login"] { return try .json(Answer(ok: false, message: message)) }
        let taken = try await req.db.select().column("id").from("core_user").where("login", .equal, value).first() != nil
        return try .json(Answer(ok: !taken, message: req.t(taken ? "core.staff.loginTaken" : "core.staff.loginFree")))
    }

    static let loginRule = LocalizedText(zh: "3–16 位字母、数字、下划线或点。", en: "3–16 letters, digits, underscores or dots.")

    func statusOptions(_ req: ModuleRequest) -> [SelectOption] {
        [SelectOption(value: "active", label: req.t("core.staff.active")), SelectOption(value: "disabled", label: req.t("core.staff.disabled"))]
    }

    /// Roles shown in pickers: all for the administrator; otherwise the strict descendants of the user's role
    /// (`assignableOnly`), or those plus the user's own role for filtering.
    func roleOptions(_ req: ModuleRequest, assignableOnly: Bool) -> [SelectOption] {
        let tree = req.access.snapshot.roles
        guard let user = req.user else { return [] }
        let allowed: Set<RoleID>? = user.isSystemAdmin ? nil
            : tree.strictDescendants(of: user.roleID).union(assignableOnly ? [] : [user.roleID])
        return tree.flattened().compactMap { item in
            guard allowed?.contains(item.node.id) ?? true else { return nil }
            return SelectOption(value: String(item.node.id), label: String(repeating: "　", count: item.depth) + item.node.name)
        }
    }

    @Sendable func widget(_ req: ModuleRequest) async throws -> HTML {
        var list = ListQuery(table: "core_user")
        list.filter(req.access.ownerPredicate("staff", column: "id"))
        list.filter("status", .equal, "active")
        let (n, _) = try await list.count(req.db)
        return HTML(raw: "<div class=\"stat\">\(n)</div><p class=\"muted\">\(escapeHTML(req.t("core.staff.activeCount")))</p>")
            + HTML.link(req.t("core.staff.title"), href: "/m/core/staff")
    }
}
