import PluginAPI
import SQLKit

/// The item list: a keyword search, a paged and sortable table of the items the user may see, and the widget.
struct PointsListPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("item", "view"), list)
    }

    /// The items visible to the user matching `q`, counted and paged in SQL.
    static func search(_ req: ModuleRequest) async throws -> (items: [PointsItem], page: PageInfo, params: ListParams) {
        let params = ListParams(query: req.query, pageSize: req.settings.int("page_size", 20), sortable: ["id", "title", "updated_at"],
                                defaultSort: "id")
        var list = ListQuery(table: "points_item")
        list.filter(req.access.ownerPredicate("item"))                      // visibility comes from the kernel
        list.search(["title", "note"], contains: req.query["q"])
        let (total, capped) = try await list.count(req.db)
        let items = try await list.fetch(req.db, columns: PointsItem.columns.map { SQLColumn($0) }, as: PointsItem.self,
                                         sort: SQLColumn(params.sort), descending: params.descending,
                                         limit: params.pageSize, offset: params.offset)
        return (items, PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), params)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (items, page, params) = try await Self.search(req)
        let zone = req.site.timeZone
        let table = PagedTable(
            columns: [TableColumn(key: "id", label: "ID", sortable: true, numeric: true),
                      TableColumn(key: "title", label: req.t("field.title"), sortable: true),
                      TableColumn(key: "updated_at", label: req.t("field.updated"), sortable: true)],
            rows: items.map { item in
                var actions: [RowAction] = []
                if req.access.decide("item", "edit", owner: item.owner_id) == .allowed {
                    actions.append(RowAction(label: req.t("edit"), href: "\(req.base)/\(item.id)/edit"))
                }
                if req.access.decide("item", "delete", owner: item.owner_id) == .allowed {
                    actions.append(RowAction(label: req.t("delete"), href: "\(req.base)/\(item.id)/delete", method: "post",
                                             confirm: req.t("delete.confirm"), danger: true))
                }
                return TableRow(id: String(item.id), cells: [.text(String(item.id)), .text(item.title),
                                                             .text(AgencyTime.format(item.updated_at, timeZone: zone))], actions: actions)
            },
            page: page, baseURL: req.base, query: req.query["q"].isEmpty ? [] : [("q", req.query["q"])],
            sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken)
        let search = SearchForm(action: req.base, fields: [FormField(name: "q", label: req.t("search"), value: req.query["q"])])
        let toolbar = req.access.isGranted("item", "add") ? HTML.link(req.t("new"), href: "\(req.base)/new", class: "button") : .empty
        return .page(title: req.t("list.title"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings),
                     toolbar: toolbar)
    }

    /// The dashboard card: how many items the user may see.
    static func widget(_ req: ModuleRequest) async throws -> HTML {
        var list = ListQuery(table: "points_item")
        list.filter(req.access.ownerPredicate("item"))
        let (count, capped) = try await list.count(req.db)
        return HTML(raw: "<div class=\"stat\">\(UIFormat.grouped(count))\(capped ? "+" : "")</div>") + HTML.link(req.t("widget.link"), href: req.base)
    }
}
