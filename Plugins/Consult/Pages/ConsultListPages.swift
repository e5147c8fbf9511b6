import Members
import PluginAPI
import SQLKit

/// 前台咨询 lists (manual 4.4 §3): pending and processed consultations, and the pending ones waiting for allocation;
/// searchable, sortable, paged, with row actions and — for allocate holders — the shared batch allocation.
struct ConsultListPages: Sendable {
    /// A list: its path, the state it shows, and whether it holds only unassigned consultations.
    enum List: String, Sendable, CaseIterable {
        case pending, processed, allocation

        var path: String { self == .pending ? "/" : "/\(rawValue)" }
        var status: String { self == .processed ? Consultation.processed : Consultation.pending }
    }

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("consultation", "view")) { req in try await Self.render(req, .pending) }
        try routes.get("/processed", .requires("consultation", "view")) { req in try await Self.render(req, .processed) }
        try routes.get("/allocation", .requires("consultation", "allocate")) { req in try await Self.render(req, .allocation) }
    }

    static let allocation = BatchAllocation(resource: ConsultAccess.resource, action: "allocate",
                                            noneSelected: LocalizedText(zh: "请先勾选咨询。", en: "Select at least one consultation."))

    /// The list `list`; `errors` come back from a failed batch allocation.
    static func render(_ req: ModuleRequest, _ list: List, errors: [String: String] = [:], status: Int = 200) async throws -> ModuleResponse {
        let site = req.site
        let search = ConsultSearch(req: req, timeZone: site.timeZone)
        var query = search.listQuery(status: list.status, action: list == .allocation ? "allocate" : "view")
        if list == .allocation { query.filter(SQLBinaryExpression(SQLColumn("owner_id"), .is, SQLLiteral.null)) }
        let params = ListParams(query: req.query, pageSize: site.int("page_size.members", in: 5...200),
                                sortable: ["id", "created_at", "processed_at"], defaultSort: "id")
        let (total, capped) = try await query.count(req.db)
        let rows = try await query.fetch(req.db, columns: Consultation.columns.map { SQLColumn($0) }, as: Consultation.self,
                                         sort: SQLColumn(params.sort), descending: params.descending, limit: params.pageSize, offset: params.offset)
        let cells = try await ConsultRows.make(req, rows, timeZone: site.timeZone)
        let baseURL = req.base + list.path
        let canAllocate = req.access.isGranted(ConsultAccess.resource, "allocate")
        var table = PagedTable(
            columns: ConsultRows.columns(req, processed: list == .processed),
            rows: rows.map { TableRow(id: String($0.id), cells: cells.cells($0, processed: list == .processed), actions: cells.actions($0, back: list)) },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: baseURL,
            query: search.activeFilters, sort: params.sort, sortDescending: params.descending,
            batchActions: canAllocate ? [BatchAction(label: req.t("action.allocate"), action: "\(req.base)/allocate?list=\(list.rawValue)",
                                                     confirm: req.t("alloc.confirm"))] : [],
            csrfToken: req.csrfToken)
        if canAllocate { table.batchFields = try await allocation.fields(req, errors: errors) }
        let form = try await search.form(action: baseURL, assignment: list != .allocation)
        let body = BatchAllocation.summary(errors) + form.render(strings: req.uiStrings) + table.render(strings: req.uiStrings)
        return .page(title: req.t("list.\(list.rawValue)"), body: body, status: status)
    }
}
