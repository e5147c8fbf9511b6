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

    /// The conditions `q` can mean, each answerable from an index: id, mobile, username prefix, real-name prefix.
    static func terms(_ q: String) -> [any SQLExpression] {
        var terms: [any SQLExpression] = []
        let digits = q.allSatisfy(\.isASCII) && q.allSatisfy(\.isNumber)
        if digits, q.count <= 12, let uid = Int64(q) { terms.append(SQLBinaryExpression(SQLColumn("id"), .equal, SQLBind(uid))) }
        if digits, q.count == 11 { terms.append(SQLBinaryExpression(SQLColumn("mobile"), .equal, SQLBind(q))) }
        for column in ["username", "real_name"] { terms.append(prefix(column, q)) }
        return terms
    }

    /// `column` starts with `text`, as a range an index answers on both databases (LIKE would not use it).
    static func prefix(_ column: String, _ text: String) -> any SQLExpression {
        SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn(column), .greaterThanOrEqual, SQLBind(text)),
                                    SQLBinaryExpression(SQLColumn(column), .lessThan, SQLBind(text + "\u{10FFFF}"))],
                                   separator: SQLRaw(" AND ")))
    }

    @Sendable func search(_ req: ModuleRequest) async throws -> ModuleResponse {
        let q = String(req.query["q"].trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))
        let title = q.isEmpty ? req.t("quick.title") : req.t("quick.titleFor").replacingOccurrences(of: "{q}", with: q)
        guard !q.isEmpty else { return .page(title: title, body: HTML(raw: "<p class=\"muted\">") + .text(req.t("quick.help")) + HTML(raw: "</p>")) }
        let rows = try await req.db.select().columns(MemberRecord.listColumns.map { SQLColumn($0) }).from("members_member")
            .where(SQLGroupExpression(SQLList(Self.terms(q), separator: SQLRaw(" OR "))))
            .where(MemberAccess.predicate(req))
            .orderBy("id", .descending).limit(Self.limit + 1).all()
        let members = try rows.map { try MemberRecord(row: $0) }
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
