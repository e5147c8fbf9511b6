import Members
import PluginAPI
import SQLKit

/// Payments pending review and reviewed, with payment filters and the member search filters.
struct PaymentListPages: Sendable {
    static let queryNames = ["state", "number", "contract", "amount_min", "amount_max", "paid_from", "paid_to", "kind", "owner", "status"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("payment", "view")) { req in .redirect("\(req.base)/payments?state=pending") }
        try routes.get("/payments", .requires("payment", "view"), list)
    }

    static func query(_ req: ModuleRequest) async throws -> ListQuery {
        let q = req.query
        var list = ListQuery(table: "finance_payment")
        list.filter(req.access.ownerPredicate("payment", column: "owner_id"))
        if q["state"] == "reviewed" {
            list.filter("status", .notEqual, "pending")
            if ["approved", "rejected"].contains(q["status"]) { list.filter("status", .equal, q["status"]) }
        } else {
            list.filter("status", .equal, "pending")
        }
        if !q["number"].isEmpty { list.filter(SQLBinaryExpression(SQLColumn("number"), .like, SQLBind(q["number"].replacingOccurrences(of: "%", with: "") + "%"))) }
        if !q["contract"].isEmpty {
            list.filter(SQLBinaryExpression(SQLColumn("contract_number"), .like, SQLBind(q["contract"].replacingOccurrences(of: "%", with: "") + "%")))
        }
        if let min = UIFormat.fen(fromYuan: q["amount_min"]) { list.filter("amount", .greaterThanOrEqual, min) }
        if let max = UIFormat.fen(fromYuan: q["amount_max"]) { list.filter("amount", .lessThanOrEqual, max) }
        if AgencyTime.dayStart(q["paid_from"], timeZone: "UTC") != nil { list.filter("paid_on", .greaterThanOrEqual, q["paid_from"]) }
        if AgencyTime.dayStart(q["paid_to"], timeZone: "UTC") != nil { list.filter("paid_on", .lessThanOrEqual, q["paid_to"]) }
        if PaymentRecord.kinds.contains(q["kind"]) { list.filter("kind", .equal, q["kind"]) }
        if let owner = Int64(q["owner"]) { list.filter("owner_id", .equal, owner) }
        if let members = try await MemberDirectory.matchingMembers(req) {
            list.filter(SQLBinaryExpression(SQLColumn("member_id"), .in, SQLGroupExpression(members)))
        }
        return list
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let q = req.query
        let reviewed = q["state"] == "reviewed"
        let list = try await Self.query(req)
        let site = req.site
        let params = ListParams(query: q, pageSize: site.int("page_size.members", in: 5...200), sortable: ["id", "paid_on", "amount"], defaultSort: "id")
        let (total, capped) = try await list.count(req.db)
        let payments = try await req.db.select().columns(PaymentRecord.columns.map { SQLColumn($0) }).from("finance_payment").where(list.predicate)
            .orderBy(SQLColumn(params.sort), (params.descending ? SQLDirection.descending : .ascending) as any SQLExpression)
            .orderBy(SQLColumn("id"), (params.descending ? SQLDirection.descending : .ascending) as any SQLExpression)
            .limit(params.pageSize).offset(params.offset).all(decoding: PaymentRecord.self)
        let members = try await MemberDirectory.records(ids: payments.map(\.member_id), db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        let filters = Self.queryNames.compactMap { q[$0].isEmpty ? nil : ($0, q[$0]) } + MemberDirectory.activeFilters(req)
        let table = PagedTable(
            columns: [TableColumn(key: "number", label: req.t("field.number")), TableColumn(key: "contract", label: req.t("field.contract")),
                      TableColumn(key: "member", label: req.t("field.member")),
                      TableColumn(key: "amount", label: req.t("field.amount"), sortable: true, numeric: true),
                      TableColumn(key: "kind", label: req.t("field.kind")), TableColumn(key: "paid_on", label: req.t("field.paid_on"), sortable: true),
                      TableColumn(key: "owner", label: req.t("field.owner")), TableColumn(key: "status", label: req.t("field.status"))],
            rows: payments.map { p in
                TableRow(id: String(p.id), cells: [
                    HTML.link(p.number, href: "\(req.base)/payments/\(p.id)"),
                    HTML.link(p.contract_number, href: "\(req.base)/contracts/\(p.contract_id)"),
                    .text(members[p.member_id].map { "\($0.username) · UID \($0.id)" } ?? "UID \(p.member_id)"),
                    .text(UIFormat.yuan(p.amount)), .text(req.t("kind.\(p.kind)")), .text(p.paid_on), .text(presenter.staffName(p.owner_id)),
                    Badge(text: req.t("status.\(p.status)"), kind: p.status == "approved" ? .ok : p.status == "rejected" ? .danger : .plain).render(),
                ], actions: [RowAction(label: req.t(p.status == "pending" ? "action.review" : "action.view"), href: "\(req.base)/payments/\(p.id)")])
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: "\(req.base)/payments",
            query: filters, sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken)
        func range(_ name: String, _ to: String, _ key: String) -> FormField {
            FormField(name: name, label: req.t(key), kind: .range(toName: to, toValue: q[to]), value: q[name])
        }
        var fields = [
            FormField(name: "number", label: req.t("field.number"), value: q["number"]),
            FormField(name: "contract", label: req.t("field.contract"), value: q["contract"]),
            range("amount_min", "amount_max", "field.amount"), range("paid_from", "paid_to", "field.dates"),
            FormField(name: "kind", label: req.t("field.kind"),
                      kind: .select(options: PaymentRecord.kinds.map { SelectOption(value: $0, label: req.t("kind.\($0)")) }, allowEmpty: true), value: q["kind"]),
            FormField(name: "owner", label: req.t("field.owner"),
                      kind: .select(options: try await MemberDirectory.visibleStaffOptions(req, resource: "payment"), allowEmpty: true), value: q["owner"]),
        ]
        if reviewed {
            fields.append(FormField(name: "status", label: req.t("field.status"),
                                    kind: .select(options: ["approved", "rejected"].map { SelectOption(value: $0, label: req.t("status.\($0)")) }, allowEmpty: true),
                                    value: q["status"]))
        }
        let form = SearchForm(action: "\(req.base)/payments", fields: fields + (try await MemberDirectory.searchFields(req)),
                              extraHidden: ["state": reviewed ? "reviewed" : "pending"])
        return .page(title: req.t(reviewed ? "list.reviewed" : "list.pending"),
                     body: form.render(strings: req.uiStrings) + table.render(strings: req.uiStrings))
    }
}
