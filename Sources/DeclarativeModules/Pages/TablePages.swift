import PluginAPI
import SQLKit

/// The generated pages of one declarative table under `/m/<module>/<table>`: the searchable, sortable, paged list with row
/// actions, the create and edit forms (422 with a message per field, nothing written), the detail page and the confirmed delete.
struct TablePages: Sendable {
    let context: TableContext

    private var access: TableAccess { TableAccess(context: context) }
    private var store: RecordStore { RecordStore(context: context) }
    private var resource: String { context.resource }

    func register(_ routes: inout RouteCollector) throws {
        let t = "/\(context.table.id)"
        try routes.get(t, .requires(resource, "view"), list)
        try routes.get("\(t)/new", .requires(resource, "add"), newForm)
        try routes.post(t, .requires(resource, "add"), create)
        try routes.get("\(t)/:id", .requires(resource, "view"), detail)
        try routes.get("\(t)/:id/edit", .requires(resource, "edit"), editForm)
        try routes.post("\(t)/:id", .requires(resource, "edit"), update)
        try routes.post("\(t)/:id/delete", .requires(resource, "delete"), delete)
    }

    private func title(_ req: ModuleRequest) -> String { req.t("table.\(context.table.id)") }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let search = TableSearch(req: req, context: context, timeZone: site.timeZone)
        let query = search.listQuery()
        let columns = context.table.listColumns.compactMap { context.table.field($0) }
        let params = ListParams(query: req.query, pageSize: site.int("page_size.members", in: 5...200),
                                sortable: ["id", "created_at"] + columns.map(\.id), defaultSort: "id")
        let sortColumn = context.table.field(params.sort).map { context.table.column(of: $0) } ?? params.sort
        let (total, capped) = try await query.count(req.db)
        let records = try await store.page(query, db: req.db, sort: sortColumn, descending: params.descending,
                                           limit: params.pageSize, offset: params.offset)
        let display = try await FieldDisplay.make(req, context, records: records, timeZone: site.timeZone)
        let headers = [TableColumn(key: "id", label: "ID", sortable: true, numeric: true)]
            + columns.map { TableColumn(key: $0.id, label: req.t(context.fieldKey($0)), sortable: true, numeric: $0.type == .money || $0.type == .integer) }
            + (context.table.ownerField == nil ? [TableColumn(key: "owner", label: req.t("ui.owner"))] : [])
        let rows = records.map { record in
            var cells: [HTML] = [HTML.link(String(record.id), href: "\(context.pagesBase)/\(record.id)")]
            cells += columns.map { display.cell($0, record) }
            if context.table.ownerField == nil { cells.append(.text(display.staffName(record.ownerID))) }
            return TableRow(id: String(record.id), cells: cells, actions: actions(req, record))
        }
        let table = PagedTable(columns: headers, rows: rows,
                               page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped),
                               baseURL: context.pagesBase, query: search.activeFilters, sort: params.sort, sortDescending: params.descending,
                               csrfToken: req.csrfToken, id: context.table.id)
        let form = try await search.form(action: context.pagesBase)
        let toolbar = req.access.isGranted(resource, "add") ? HTML.link(req.t("ui.new"), href: "\(context.pagesBase)/new", class: "btn primary") : .empty
        return .page(title: title(req), body: form.render(strings: req.uiStrings) + table.render(strings: req.uiStrings), toolbar: toolbar)
    }

    /// View, edit and delete, as far as the kernel allows them on `record`.
    private func actions(_ req: ModuleRequest, _ record: Record) -> [RowAction] {
        var actions = [RowAction(label: req.t("ui.view"), href: "\(context.pagesBase)/\(record.id)")]
        if access.allows(req, record, "edit") { actions.append(RowAction(label: req.t("ui.edit"), href: "\(context.pagesBase)/\(record.id)/edit")) }
        if access.allows(req, record, "delete") {
            actions.append(RowAction(label: req.t("ui.delete"), href: "\(context.pagesBase)/\(record.id)/delete", method: "post",
                                     confirm: req.t("ui.confirm_delete"), danger: true))
        }
        return actions
    }

    private func formPage(_ req: ModuleRequest, record: Record?, values: FormData, errors: [String: String], status: Int = 200) async throws -> ModuleResponse {
        let action = record.map { "\(context.pagesBase)/\($0.id)" } ?? context.pagesBase
        let cancel = record.map { "\(context.pagesBase)/\($0.id)" } ?? context.pagesBase
        let body = try await RecordForm(req: req, context: context, ownerAction: record == nil ? "add" : "edit").render(action: action, values: values, errors: errors, cancel: cancel)
        let heading = record.map { "\(req.t("ui.edit")) · \(title(req)) #\($0.id)" } ?? "\(req.t("ui.new")) · \(title(req))"
        return .page(title: heading, body: body, status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        try await formPage(req, record: nil, values: FormData(), errors: [:])
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let writer = RecordWriter(req: req, context: context, timeZone: site.timeZone)
        switch try await writer.create(RecordInput(form: req.form, table: context.table)) {
        case .failure(let errors): return try await formPage(req, record: nil, values: req.form, errors: errors, status: 422)
        case .success(let record): return .redirect("\(context.pagesBase)/\(record.id)", flash: .success(req.t("flash.created")))
        }
    }

    @Sendable func detail(_ req: ModuleRequest) async throws -> ModuleResponse {
        let record = try await access.load(req, "view")
        let site = req.site
        let display = try await FieldDisplay.make(req, context, records: [record], timeZone: site.timeZone)
        var rows = context.table.fields.map { field in
            HTML(raw: "<dt>\(escapeHTML(req.t(context.fieldKey(field))))</dt><dd>") + display.cell(field, record) + HTML(raw: "</dd>")
        }
        if context.table.ownerField == nil {
            rows.append(HTML(raw: "<dt>\(escapeHTML(req.t("ui.owner")))</dt><dd>\(escapeHTML(display.staffName(record.ownerID)))</dd>"))
        }
        for (key, epoch) in [("ui.created_at", record.createdAt), ("ui.updated_at", record.updatedAt)] {
            rows.append(HTML(raw: "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(AgencyTime.format(epoch, timeZone: site.timeZone)))</dd>"))
        }
        var toolbar = HTML.link(req.t("ui.back"), href: context.pagesBase, class: "btn")
        for action in actions(req, record).dropFirst() { toolbar += HTML(raw: " ") + action.render(csrfToken: req.csrfToken) }
        let body = HTML(raw: "<div class=\"card\"><dl class=\"details\">") + HTML.join(rows) + HTML(raw: "</dl></div>")
        return .page(title: "\(title(req)) #\(record.id)", body: body, toolbar: toolbar)
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let record = try await access.load(req, "edit")
        let site = req.site
        return try await formPage(req, record: record, values: RecordForm.values(of: record, context.table, timeZone: site.timeZone), errors: [:])
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let record = try await access.load(req, "edit")
        let site = req.site
        let writer = RecordWriter(req: req, context: context, timeZone: site.timeZone)
        switch try await writer.update(record, RecordInput(form: req.form, table: context.table)) {
        case .failure(let errors): return try await formPage(req, record: record, values: req.form, errors: errors, status: 422)
        case .success: return .redirect("\(context.pagesBase)/\(record.id)", flash: .success(req.t("flash.saved")))
        }
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let record = try await access.load(req, "delete")
        try await RecordWriter(req: req, context: context, timeZone: "").delete(record)
        return .redirect(context.pagesBase, flash: .success(req.t("flash.deleted")))
    }
}
