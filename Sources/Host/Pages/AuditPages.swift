import PluginAPI
import SQLKit

/// The audit log: read-only, filtered by user, module and date. No route edits or deletes it.
struct AuditPages: Sendable {
    let deps: CoreModule.Deps

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/audit", .requires("audit", "view"), list)
        try routes.api(.get, "/audit", .requires("audit", "view"), doc: Self.apiDoc, apiList)
    }

    struct Row: Codable, Sendable {
        let id: Int64; let at: Int64; let actor_login: String; let module: String; let action: String
        let target: String; let before_state: String?; let after_state: String?
    }

    func query(_ req: ModuleRequest, timeZone: String) -> ListQuery {
        var list = ListQuery(table: "core_audit")
        if !req.query["user"].isEmpty { list.filter("actor_login", .equal, req.query["user"]) }
        if !req.query["module"].isEmpty { list.filter("module", .equal, req.query["module"]) }
        if !req.query["action"].isEmpty { list.search(["action"], contains: req.query["action"]) }
        if let from = TimeFormat.dayStart(req.query["from"], timeZone: timeZone) { list.filter("at", .greaterThanOrEqual, from) }
        if let to = TimeFormat.dayStart(req.query["to"], timeZone: timeZone) { list.filter("at", .lessThan, to + 86_400) }
        return list
    }

    static let columns = ["id", "at", "actor_login", "module", "action", "target", "before_state", "after_state"].map { SQLColumn($0) }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let params = ListParams(query: req.query, pageSize: 50, sortable: ["id"], defaultSort: "id")
        let list = query(req, timeZone: site.timeZone)
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: Self.columns, as: Row.self, sort: SQLColumn("id"), descending: params.descending,
                                        limit: params.pageSize, offset: params.offset)
        let moduleOptions = (["core"] + deps.modules.map(\.id)).map { SelectOption(value: $0, label: $0) }
        let search = SearchForm(action: "\(req.base)/audit", fields: [
            FormField(name: "user", label: req.t("core.audit.user"), value: req.query["user"]),
            FormField(name: "module", label: req.t("core.audit.module"), kind: .select(options: moduleOptions, allowEmpty: true), value: req.query["module"]),
            FormField(name: "action", label: req.t("core.audit.action"), value: req.query["action"]),
            FormField(name: "from", label: req.t("core.audit.date"), kind: .range(toName: "to", toValue: req.query["to"]), value: req.query["from"],
                      placeholder: "2026-01-01"),
        ])
        let table = PagedTable(
            columns: [TableColumn(key: "at", label: req.t("core.audit.time")), TableColumn(key: "actor", label: req.t("core.audit.user")),
                      TableColumn(key: "module", label: req.t("core.audit.module")), TableColumn(key: "action", label: req.t("core.audit.action")),
                      TableColumn(key: "target", label: req.t("core.audit.target")), TableColumn(key: "before", label: req.t("core.audit.before")),
                      TableColumn(key: "after", label: req.t("core.audit.after"))],
            rows: rows.map { row in
                TableRow(id: String(row.id), cells: [
                    .text(TimeFormat.dateTime(row.at, timeZone: site.timeZone)), .text(row.actor_login.isEmpty ? "—" : row.actor_login),
                    .text(row.module), .text(row.action), .text(row.target),
                    HTML(raw: "<code class=\"audit-state\">\(escapeHTML(row.before_state ?? ""))</code>"),
                    HTML(raw: "<code class=\"audit-state\">\(escapeHTML(row.after_state ?? ""))</code>"),
                ])
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped),
            baseURL: "\(req.base)/audit",
            query: ["user", "module", "action", "from", "to"].compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) })
        return .page(title: req.t("core.audit.title"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings))
    }

    /// `GET /api/core/audit` in the OpenAPI document.
    static let apiDoc = APIDoc(
        "Audit entries, newest first",
        query: [APIParameter("user", .string, "actor login"), APIParameter("module", .string, "module id"),
                APIParameter("action", .string, "part of the action name"),
                APIParameter("from", .string(format: "date"), "first day (agency time zone)"), APIParameter("to", .string(format: "date"), "last day"),
                APIParameter("size", .integer(minimum: 1, maximum: 500), "rows per page"), APIParameter("page", .integer(minimum: 1), "page number, from 1"),
                APIParameter("dir", .oneOf(["asc", "desc"]), "order by id")],
        response: .array(.object(["id": .integer, "at": .integer, "actor_login": .string, "module": .string, "action": .string,
                                  "target": .string, "before_state": .string, "after_state": .string],
                                 required: ["id", "at", "actor_login", "module", "action", "target"])))

    @Sendable func apiList(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let params = ListParams(query: req.query, pageSize: req.query.int("size") ?? 50, sortable: ["id"], defaultSort: "id")
        let list = query(req, timeZone: site.timeZone)
        let rows = try await list.fetch(req.db, columns: Self.columns, as: Row.self, sort: SQLColumn("id"), descending: params.descending,
                                        limit: params.pageSize, offset: params.offset)
        return try .json(rows)
    }

    @Sendable func widget(_ req: ModuleRequest) async throws -> HTML {
        let site = req.site
        let rows = try await ListQuery(table: "core_audit").fetch(req.db, columns: Self.columns, as: Row.self, sort: SQLColumn("id"),
                                                                  descending: true, limit: 5, offset: 0)
        let items = rows.map { "<li><span class=\"muted\">\(TimeFormat.dateTime($0.at, timeZone: site.timeZone))</span> \(escapeHTML($0.actor_login)) · \(escapeHTML($0.action)) · \(escapeHTML($0.target))</li>" }
        return HTML(raw: "<ul class=\"plain\">\(items.joined())</ul>") + HTML.link(req.t("core.audit.title"), href: "/m/core/audit")
    }
}
