import PluginAPI
import SQLKit

/// The top bar's quick search (`/m/members/quick?q=`): a UID, a username or the start of one, the start of a real name,
/// or a full mobile number, among the members the user may see. One match opens the member; several are listed like
/// any member list (contact data masked by the same rule).
struct MemberQuickSearch: Sendable {
    static let limit = 20

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/quick", .requires("member", "view"), search)
    }

    /// What `q` can mean, each with the column its index reads in order: id, mobile, username prefix, real-name prefix.
    static func terms(_ q: String) -> [(condition: any SQLExpression, order: String)] {
        var terms: [(condition: any SQLExpression, order: String)] = []
        let digits = q.allSatisfy(\.isASCII) && q.allSatisfy(\.isNumber)
        if digits, q.count <= 12, let uid = Int64(q) { terms.append((SQLBinaryExpression(SQLColumn("id"), .equal, SQLBind(uid)), "id")) }
        if digits, q.count == 11 { terms.append((SQLBinaryExpression(SQLColumn("mobile"), .equal, SQLBind(q)), "mobile")) }
        for column in ["username", "real_name"] { terms.append((prefix(column, q), column)) }
        return terms
    }

    /// `column` starts with `text`, as a range an index answers on both databases (LIKE would not use it).
    static func prefix(_ column: String, _ text: String) -> any SQLExpression {
        SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn(column), .greaterThanOrEqual, SQLBind(text)),
                                    SQLBinaryExpression(SQLColumn(column), .lessThan, SQLBind(text + "\u{10FFFF}"))],
                                   separator: SQLRaw(" AND ")))
    }

    /// The visible members `q` finds, at most `limit + 1`: one query per meaning, each walking its index in order and
    /// stopping after enough visible matches (the visibility is judged on the rows found, so the planner keeps to the
    /// term's index: a common surname matches tens of thousands on a million members).
    static func find(_ req: ModuleRequest, _ q: String) async throws -> [MemberRecord] {
        var found: [MemberRecord] = []
        var seen = Set<Int64>()
        for term in terms(q) where found.count <= limit {
            let rows = try await req.db.select().column(MemberRecord.listSelection).from("members_member")
                .where(term.condition).where(MemberAccess.predicate(req, walkSortOrder: true))
                .orderBy(term.order).limit(limit + 1 - found.count).all()
            for member in try rows.map({ try MemberRecord(row: $0) }) where seen.insert(member.id).inserted { found.append(member) }
        }
        return found
    }

    @Sendable func search(_ req: ModuleRequest) async throws -> ModuleResponse {
        let q = String(req.query["q"].trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))
        let title = q.isEmpty ? req.t("quick.title") : req.t("quick.titleFor").replacingOccurrences(of: "{q}", with: q)
        guard !q.isEmpty else { return .page(title: title, body: HTML(raw: "<p class=\"muted\">") + .text(req.t("quick.help")) + HTML(raw: "</p>")) }
        let members = try await Self.find(req, q)
        if members.count == 1 { return .redirect("\(req.base)/\(members[0].id)") }
        let shown = Array(members.prefix(Self.limit))
        let cells = try await MemberRows.make(req, members: shown)
        let table = PagedTable(columns: MemberRows.columns(req),
                               rows: shown.map { TableRow(id: String($0.id), cells: cells.cells($0),
                                                          actions: [RowAction(label: req.t("action.view"), href: "\(req.base)/\($0.id)")]) },
                               page: PageInfo(page: 1, pageSize: Self.limit, total: shown.count), baseURL: "\(req.base)/quick", id: "quick")
        var body = table.render(strings: req.uiStrings)
        if members.count > Self.limit {
            body = HTML(raw: "<p class=\"muted\">") + .text(req.t("quick.more").replacingOccurrences(of: "{n}", with: String(Self.limit)))
                + HTML(raw: "</p>") + body
        }
        return .page(title: title, body: body)
    }
}
