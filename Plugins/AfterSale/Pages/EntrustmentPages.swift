import Members
import PluginAPI
import SQLKit

/// 前台委托 lists: pending and processed entrustments the user may see (kernel on the assigned matchmaker), searchable by
/// content, member username and date, sortable, paged; batch assignment with the shared allocation dialog.
struct EntrustmentPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/entrustments", .requires("entrustment", "view"), list)
        try routes.post("/entrustments/assign", .requires("entrustment", "allocate"), assign)
        try EntrustmentFormPages().register(&routes)
    }

    static let allocation = BatchAllocation(resource: "entrustment", action: "allocate",
                                            noneSelected: LocalizedText(zh: "请先勾选委托。", en: "Select at least one entrustment."))

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse { try await Self.render(req) }

    static func render(_ req: ModuleRequest, errors: [String: String] = [:], status: Int = 200) async throws -> ModuleResponse {
        let q = req.query
        let state = Entrustment.statuses.contains(q["status"]) ? q["status"] : "pending"
        let zone = req.site.timeZone
        var list = ListQuery(table: "aftersale_entrustment")
        list.filter("status", .equal, state)
        list.filter(req.access.ownerPredicate("entrustment"))
        list.search(["content"], contains: q["q"])
        if !q["username"].isEmpty { list.filter(SQLBinaryExpression(SQLColumn("member_id"), .in, SQLGroupExpression(MemberDirectory.ids(username: q["username"], db: req.db)))) }
        if let from = AgencyTime.dayStart(q["from"], timeZone: zone) { list.filter("created_at", .greaterThanOrEqual, from) }
        if let to = AgencyTime.dayStart(q["to"], timeZone: zone) { list.filter("created_at", .lessThan, to + 86_400) }
        let params = ListParams(query: q, pageSize: 20, sortable: ["id", "created_at", "processed_at"], defaultSort: "id")
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: Entrustment.columns.map { SQLColumn($0) }, as: Entrustment.self,
                                        sort: SQLColumn(params.sort), descending: params.descending, limit: params.pageSize, offset: params.offset)
        let members = try await MemberDirectory.records(ids: rows.map(\.member_id), db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        let canAllocate = req.access.isGranted("entrustment", "allocate")
        let filters = [("status", state), ("q", q["q"]), ("username", q["username"]), ("from", q["from"]), ("to", q["to"])].filter { !$0.1.isEmpty }
        var table = PagedTable(
            columns: [TableColumn(key: "id", label: "ID", sortable: true, numeric: true), TableColumn(key: "member", label: req.t("field.member")),
                      TableColumn(key: "content", label: req.t("entrustment.content")), TableColumn(key: "owner", label: req.t("field.matchmaker")),
                      TableColumn(key: "created_at", label: req.t("field.createdAt"), sortable: true),
                      TableColumn(key: "result", label: req.t("entrustment.result"))],
            rows: rows.map { row in
                let member = members[row.member_id]
                var actions: [RowAction] = []
                if req.access.decide("entrustment", "edit", owner: row.owner_id) == .allowed, row.status == "pending" {
                    actions.append(RowAction(label: req.t("entrustment.process"), href: "\(req.base)/entrustments/\(row.id)/process"))
                }
                if req.access.decide("entrustment", "delete", owner: row.owner_id) == .allowed {
                    actions.append(RowAction(label: req.t("action.delete"), href: "\(req.base)/entrustments/\(row.id)/delete", method: "post",
                                             confirm: req.uiStrings.confirmDelete, danger: true))
                }
                return TableRow(id: String(row.id), cells: [
                    .text(String(row.id)),
                    MemberDirectory.name(req, member, id: row.member_id, linkBase: req.base),
                    .text(row.content), .text(presenter.staffName(row.owner_id)), .text(presenter.time(row.created_at)), .text(row.result),
                ], actions: actions)
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: "\(req.base)/entrustments",
            query: filters, sort: params.sort, sortDescending: params.descending,
            batchActions: canAllocate ? [BatchAction(label: req.t("action.assign"), action: "\(req.base)/entrustments/assign?status=\(state)")] : [],
            csrfToken: req.csrfToken)
        if canAllocate { table.batchFields = try await allocation.fields(req, errors: errors) }
        let search = SearchForm(action: "\(req.base)/entrustments", fields: [
            FormField(name: "q", label: req.t("entrustment.content"), value: q["q"]),
            FormField(name: "username", label: req.t("field.username"), value: q["username"]),
            FormField(name: "from", label: req.t("field.createdAt"), kind: .range(toName: "to", toValue: q["to"]), value: q["from"]),
        ], extraHidden: ["status": state])
        return .page(title: req.t("entrustment.list.\(state)"),
                     body: BatchAllocation.summary(errors) + search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings), status: status)
    }

    /// Assigns the selected entrustments to one matchmaker the user may see: all or nothing, audited.
    @Sendable func assign(_ req: ModuleRequest) async throws -> ModuleResponse {
        let outcome = try await Self.allocation.read(req)
        guard let choice = outcome.value else { return try await Self.render(req, errors: outcome.errors, status: 422) }
        let rows = try await req.db.select().columns(Entrustment.columns.map { SQLColumn($0) }).from("aftersale_entrustment")
            .where(SQLColumn("id"), .in, SQLGroupExpression(choice.ids.map { SQLBind($0) as any SQLExpression })).all(decoding: Entrustment.self)
        guard rows.count == Set(choice.ids).count else { throw ModuleError.notFound }
        for row in rows { try req.access.require("entrustment", "allocate", owner: row.owner_id) }
        try await req.transaction { tx in
            for row in rows {
                try await tx.db.update("aftersale_entrustment").set("owner_id", to: choice.target.id).where("id", .equal, row.id).run()
                try await tx.audit(AuditEntry(module: "aftersale", action: "entrustment.assign", target: "entrustment:\(row.id)",
                                              before: row.owner_id.map(String.init), after: "\(choice.target.id) \(choice.remark)"))
            }
        }
        return .redirect("\(req.base)/entrustments?status=\(req.query["status"].isEmpty ? "pending" : req.query["status"])",
                         flash: .success(req.t("entrustment.assigned")))
    }
}
