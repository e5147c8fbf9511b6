import Members
import PluginAPI
import SQLKit

/// 配对结果: the stored matching results (marked as matched or recommended) the user may see — kernel on who stored them —
/// searchable by member username and status, paged; the member overview's matching tab shows that member's.
struct MatchResultPages: Sendable {
    struct Row: Sendable, Decodable {
        let id: Int64; let member_id: Int64; let candidate_id: Int64; let owner_id: Int64; let status: String
        let mine_pct: Int; let theirs_pct: Int; let notified: String; let updated_at: Int64
    }
    static let columns = ["id", "member_id", "candidate_id", "owner_id", "status", "mine_pct", "theirs_pct", "notified", "updated_at"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/matches", .requires("match", "view")) { req in
            .page(title: req.t("match.results"), body: try await Self.table(req, member: nil))
        }
        try routes.post("/matches/:id/delete", .requires("match", "delete"), delete)
    }

    static func memberTab(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        var html = HTML.empty
        if req.access.isGranted("match", "view") {
            html += HTML(raw: "<p class=\"actions\">") + HTML.link(req.t("action.match"), href: "\(req.base)/\(member.id)/match", class: "btn primary")
                + HTML(raw: "</p>")
        }
        return html + (try await table(req, member: member))
    }

    static func table(_ req: ModuleRequest, member: MemberRecord?) async throws -> HTML {
        let q = req.query
        var list = ListQuery(table: "aftersale_match")
        list.filter(req.access.ownerPredicate("match"))
        if let member { list.filter("member_id", .equal, member.id) }
        if ["matched", "recommended"].contains(q["status"]) { list.filter("status", .equal, q["status"]) }
        if !q["username"].isEmpty {
            list.filter(SQLBinaryExpression(SQLColumn("member_id"), .in, SQLGroupExpression(MemberDirectory.ids(username: q["username"], db: req.db))))
        }
        let params = ListParams(query: q, pageSize: 20, sortable: ["updated_at", "mine_pct", "theirs_pct"], defaultSort: "updated_at")
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: columns.map { SQLColumn($0) }, as: Row.self, sort: SQLColumn(params.sort),
                                        descending: params.descending, limit: params.pageSize, offset: params.offset)
        let members = try await MemberDirectory.records(ids: rows.flatMap { [$0.member_id, $0.candidate_id] }, db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        func name(_ id: Int64) -> HTML { MemberDirectory.name(req, members[id], id: id, linkBase: req.base) }
        let base = member.map { "\(req.base)/\($0.id)" } ?? "\(req.base)/matches"
        let table = PagedTable(
            columns: [TableColumn(key: "member", label: req.t("field.member")), TableColumn(key: "candidate", label: req.t("match.candidate")),
                      TableColumn(key: "summary", label: req.t("field.summary")), TableColumn(key: "status", label: req.t("field.status")),
                      TableColumn(key: "mine_pct", label: req.t("match.mine"), sortable: true, numeric: true),
                      TableColumn(key: "theirs_pct", label: req.t("match.theirs"), sortable: true, numeric: true),
                      TableColumn(key: "owner", label: req.t("field.matchmaker")), TableColumn(key: "updated_at", label: req.t("field.time"), sortable: true)],
            rows: rows.map { row in
                var actions: [RowAction] = []
                if req.access.isGranted("appointment", "add") {
                    actions.append(RowAction(label: req.t("match.arrange"), href: "\(req.base)/appointments/new?a=\(row.member_id)&b=\(row.candidate_id)"))
                }
                if req.access.decide("match", "delete", owner: row.owner_id) == .allowed {
                    actions.append(RowAction(label: req.t("action.delete"), href: "\(req.base)/matches/\(row.id)/delete", method: "post",
                                             confirm: req.uiStrings.confirmDelete, danger: true))
                }
                let status = req.t("match.status.\(row.status)") + (row.notified.isEmpty ? "" : " · \(req.t("match.notified"))")
                return TableRow(id: String(row.id), cells: [name(row.member_id), name(row.candidate_id),
                                                             .text(members[row.candidate_id].map(presenter.summary) ?? ""), .text(status),
                                                             .text("\(row.mine_pct)%"), .text("\(row.theirs_pct)%"),
                                                             .text(presenter.staffName(row.owner_id)), .text(presenter.time(row.updated_at))],
                                actions: actions)
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: base,
            query: [("tab", member == nil ? "" : "matching"), ("status", q["status"]), ("username", q["username"])].filter { !$0.1.isEmpty },
            sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken, id: "match-results")
        var fields = [FormField(name: "status", label: req.t("field.status"), kind: .select(options: ["matched", "recommended"].map {
            SelectOption(value: $0, label: req.t("match.status.\($0)")) }, allowEmpty: true), value: q["status"])]
        if member == nil { fields.insert(FormField(name: "username", label: req.t("field.username"), value: q["username"]), at: 0) }
        let search = SearchForm(action: base, fields: fields, extraHidden: member == nil ? [:] : ["tab": "matching"])
        return search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings)
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let row = try await req.db.select().columns(Self.columns.map { SQLColumn($0) }).from("aftersale_match")
            .where("id", .equal, try req.id()).first(decoding: Row.self) else { throw ModuleError.notFound }
        try req.access.require("match", "delete", owner: row.owner_id)
        try await req.transaction { tx in
            try await tx.db.delete(from: "aftersale_match").where("id", .equal, row.id).run()
            try await tx.audit(AuditEntry(module: "aftersale", action: "match.delete", target: "member:\(row.member_id)",
                                          before: "candidate:\(row.candidate_id) \(row.status)"))
        }
        return .redirect("\(req.base)/matches", flash: .success(req.t("match.deleted")))
    }
}
