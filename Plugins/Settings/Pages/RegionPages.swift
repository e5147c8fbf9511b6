import PluginAPI

/// 地区: browse China's administrative divisions (province → city → district) loaded by the host.
struct RegionPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/regions", .requires("region", "view"), browse)
        try routes.api(.get, "/regions", .requires("region", "view"),
                       doc: .regionChildren, children)
    }

    @Sendable func browse(_ req: ModuleRequest) async throws -> ModuleResponse {
        let code = req.query["code"]
        let path = code.isEmpty ? [] : try await req.host.regions.path(code)
        guard code.isEmpty || !path.isEmpty else { throw ModuleError.notFound }
        let items = try await req.host.regions.children(of: code.isEmpty ? nil : code)
        var crumbs = [HTML.link(req.t("regions.china"), href: "\(req.base)/regions")]
        crumbs += path.map { HTML.link($0.name, href: "\(req.base)/regions?code=\($0.code)") }
        let rows = items.map { region in
            TableRow(id: region.code, cells: [.text(region.code),
                                              region.level < 3 ? HTML.link(region.name, href: "\(req.base)/regions?code=\(region.code)") : .text(region.name),
                                              .text(req.t("regions.level\(region.level)"))])
        }
        let table = PagedTable(columns: [TableColumn(key: "code", label: req.t("regions.code")), TableColumn(key: "name", label: req.t("regions.name")),
                                         TableColumn(key: "level", label: req.t("regions.level"))],
                               rows: rows, page: PageInfo(page: 1, pageSize: max(items.count, 1), total: items.count), baseURL: "\(req.base)/regions")
        return .page(title: req.t("regions.title"),
                     body: HTML(raw: "<p class=\"breadcrumbs\">") + HTML.join(crumbs, separator: HTML(raw: " › ")) + HTML(raw: "</p>") + table.render(strings: req.uiStrings))
    }

    /// `GET /api/settings/regions?parent=110000` → the children, for cascading pickers.
    @Sendable func children(_ req: ModuleRequest) async throws -> ModuleResponse {
        let parent = req.query["parent"]
        return try .json(try await req.host.regions.children(of: parent.isEmpty ? nil : parent))
    }
}
