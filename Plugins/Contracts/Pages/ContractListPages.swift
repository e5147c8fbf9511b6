import Members
import PluginAPI
import SQLKit

/// The contract lists of the OECRM contract menu, each with the member search filters plus contract filters.
struct ContractListPages: Sendable {
    static let lists = ["all", "drafts", "pending", "reviewed", "payment", "first", "renewal", "expiring"]
    static let queryNames = ["number", "amount_min", "amount_max", "signed_from", "signed_to", "starts_from", "starts_to", "ends_from", "ends_to",
                             "status", "author", "kind"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("contract", "view"), all)
        try routes.get("/lists/:list", .requires("contract", "view"), list)
    }

    @Sendable func all(_ req: ModuleRequest) async throws -> ModuleResponse { try await render(req, key: "all") }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let key = req.parameters["list"] ?? ""
        guard Self.lists.contains(key) else { throw ModuleError.notFound }
        return try await render(req, key: key)
    }

    /// The conditions of list `key` and of the query's contract and member filters, under the kernel's visibility.
    static func query(_ req: ModuleRequest, key: String, today: String) async throws -> ListQuery {
        var list = ListQuery(table: "contracts_contract")
        list.filter(ContractDirectory.visibility(req))
        let q = req.query
        switch key {
        case "drafts":
            list.filter("status", .equal, ContractStatus.draft.rawValue)
            list.filter("author_id", .equal, req.user?.id ?? 0)
        case "pending": list.filter("status", .equal, ContractStatus.submitted.rawValue)
        case "reviewed":
            list.filter(SQLBinaryExpression(SQLColumn("status"), .in, SQLGroupExpression([ContractStatus.paymentPending, .financeApproved, .effective, .rejected]
                .map { SQLBind($0.rawValue) as any SQLExpression })))
        case "payment": list.filter("status", .equal, ContractStatus.paymentPending.rawValue)
        case "first", "renewal":
            list.filter("kind", .equal, key)
            list.filter("status", .equal, ContractStatus.effective.rawValue)
        case "expiring":
            let days = req.settings.int("expiring_days", 30)
            list.filter("status", .equal, ContractStatus.effective.rawValue)
            list.filter("ends_on", .greaterThanOrEqual, today)
            list.filter("ends_on", .lessThanOrEqual, ContractInput.date(today, plus: days) ?? today)
            // Not renewed: no later effective contract of the same member.
            list.filter(SQLRaw("NOT EXISTS (SELECT 1 FROM contracts_contract later WHERE later.member_id = contracts_contract.member_id AND later.status = 'effective' AND later.ends_on > contracts_contract.ends_on)"))
        default: break
        }
        if !q["number"].isEmpty { list.filter(SQLBinaryExpression(SQLColumn("number"), .like, SQLBind(q["number"].replacingOccurrences(of: "%", with: "") + "%"))) }
        if let min = UIFormat.fen(fromYuan: q["amount_min"]) { list.filter("total_amount", .greaterThanOrEqual, min) }
        if let max = UIFormat.fen(fromYuan: q["amount_max"]) { list.filter("total_amount", .lessThanOrEqual, max) }
        for (column, from, to) in [("signed_on", "signed_from", "signed_to"), ("starts_on", "starts_from", "starts_to"), ("ends_on", "ends_from", "ends_to")] {
            if AgencyTime.dayStart(q[from], timeZone: "UTC") != nil { list.filter(column, .greaterThanOrEqual, q[from]) }
            if AgencyTime.dayStart(q[to], timeZone: "UTC") != nil { list.filter(column, .lessThanOrEqual, q[to]) }
        }
        if ContractStatus(rawValue: q["status"]) != nil { list.filter("status", .equal, q["status"]) }
        if ContractInput.kinds.contains(q["kind"]) { list.filter("kind", .equal, q["kind"]) }
        if let author = Int64(q["author"]) { list.filter("author_id", .equal, author) }
        if let members = try await MemberDirectory.matchingMembers(req) {
            list.filter(SQLBinaryExpression(SQLColumn("member_id"), .in, SQLGroupExpression(members)))
        }
        return list
    }

    func searchForm(_ req: ModuleRequest, action: String) async throws -> SearchForm {
        let q = req.query
        func range(_ name: String, _ to: String, _ key: String, _ kind: FieldKind = .text) -> FormField {
            FormField(name: name, label: req.t(key), kind: .range(toName: to, toValue: q[to]), value: q[name])
        }
        let statuses = ContractStatus.allCases.map { SelectOption(value: $0.rawValue, label: req.t("status.\($0.rawValue)")) }
        let kinds = ContractInput.kinds.map { SelectOption(value: $0, label: req.t("kind.\($0)")) }
        let contractFields = [
            FormField(name: "number", label: req.t("field.number"), value: q["number"]),
            range("amount_min", "amount_max", "field.amount"),
            range("signed_from", "signed_to", "field.signedRange"), range("starts_from", "starts_to", "field.startsRange"),
            range("ends_from", "ends_to", "field.endsRange"),
            FormField(name: "status", label: req.t("field.status"), kind: .select(options: statuses, allowEmpty: true), value: q["status"]),
            FormField(name: "kind", label: req.t("field.kind"), kind: .select(options: kinds, allowEmpty: true), value: q["kind"]),
            FormField(name: "author", label: req.t("field.author"),
                      kind: .select(options: try await MemberDirectory.visibleStaffOptions(req, resource: "contract"), allowEmpty: true), value: q["author"]),
        ]
        return SearchForm(action: action, fields: contractFields + (try await MemberDirectory.searchFields(req)))
    }

    func render(_ req: ModuleRequest, key: String) async throws -> ModuleResponse {
        let site = req.site
        let today = AgencyTime.today(timeZone: site.timeZone)
        let list = try await Self.query(req, key: key, today: today)
        let params = ListParams(query: req.query, pageSize: site.int("page_size.members", in: 5...200),
                                sortable: ["id", "signed_on", "total_amount", "ends_on"], defaultSort: "id")
        let (total, capped) = try await list.count(req.db)
        let contracts = try await req.db.select().columns(ContractRecord.columns.map { SQLColumn($0) }).from("contracts_contract").where(list.predicate)
            .orderBy(SQLColumn(params.sort), (params.descending ? SQLDirection.descending : .ascending) as any SQLExpression)
            .orderBy(SQLColumn("id"), (params.descending ? SQLDirection.descending : .ascending) as any SQLExpression)
            .limit(params.pageSize).offset(params.offset).all(decoding: ContractRecord.self)
        let members = try await MemberDirectory.records(ids: contracts.map(\.member_id), db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        let action = key == "all" ? req.base + "/" : "\(req.base)/lists/\(key)"
        let filters = Self.queryNames.compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) } + MemberDirectory.activeFilters(req)
        let table = PagedTable(
            columns: [TableColumn(key: "number", label: req.t("field.number")), TableColumn(key: "member", label: req.t("field.member")),
                      TableColumn(key: "kind", label: req.t("field.kind")),
                      TableColumn(key: "total_amount", label: req.t("field.total_amount"), sortable: true, numeric: true),
                      TableColumn(key: "signed_on", label: req.t("field.signed_on"), sortable: true),
                      TableColumn(key: "ends_on", label: req.t("field.ends_on"), sortable: true),
                      TableColumn(key: "status", label: req.t("field.status")), TableColumn(key: "author", label: req.t("field.author"))],
            rows: contracts.map { c in
                let member = members[c.member_id]
                return TableRow(id: String(c.id), cells: [
                    HTML.link(c.number, href: "\(req.base)/\(c.id)"),
                    .text(member.map { "\($0.username) · \(presenter.summary($0))" } ?? "UID \(c.member_id)"),
                    .text(req.t("kind.\(c.kind)")), .text(UIFormat.yuan(c.total_amount)), .text(c.signed_on), .text(c.ends_on),
                    Badge(text: req.t("status.\(c.status)"), kind: c.state == .effective ? .ok : c.state == .rejected ? .danger : .plain).render(),
                    .text(presenter.staffName(c.author_id)),
                ], actions: [RowAction(label: req.t("action.view"), href: "\(req.base)/\(c.id)")])
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: action, query: filters,
            sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken)
        var body = try await searchForm(req, action: action).render(strings: req.uiStrings)
        if req.access.isGranted("contract", "export") {
            let items = [QueryItem("list", key)] + filters.map { QueryItem($0.0, $0.1) }
            body += HTML(raw: "<p class=\"list-tools\">") + HTML.link(req.t("action.export"), href: QueryItem.url("\(req.base)/export.csv", items))
                + HTML(raw: "</p>")
        }
        body += table.render(strings: req.uiStrings)
        return .page(title: req.t("list.\(key)"), body: body)
    }
}
