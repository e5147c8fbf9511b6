import Members
import PluginAPI
import Settings
import SQLKit

/// 约见管理 lists per state — pending review, approved, in progress, completed, evaluated, and rejected or cancelled —
/// filtered by date range, matchmaker, member and type.
struct AppointmentListPages: Sendable {
    static let lists = ["pending", "approved", "in_progress", "completed", "evaluated", "closed"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/appointments", .requires("appointment", "view"), list)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let q = req.query
        let state = Self.lists.contains(q["status"]) ? q["status"] : "pending"
        let zone = req.site.timeZone
        var list = ListQuery(table: "aftersale_appointment")
        let statuses = state == "closed" ? ["rejected", "cancelled"] : [state]
        list.filter(SQLBinaryExpression(SQLColumn("status"), .in, SQLGroupExpression(statuses.map { SQLBind($0) as any SQLExpression })))
        if let from = AgencyTime.dayStart(q["from"], timeZone: zone) { list.filter("meet_at", .greaterThanOrEqual, from) }
        if let to = AgencyTime.dayStart(q["to"], timeZone: zone) { list.filter("meet_at", .lessThan, to + 86_400) }
        if let owner = Int64(q["owner"]) { list.filter("owner_id", .equal, owner) }
        if !q["kind"].isEmpty { list.filter("kind", .equal, q["kind"]) }
        if !q["username"].isEmpty {
            let ids = MemberDirectory.ids(username: q["username"], db: req.db)
            list.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn("member_a"), .in, SQLGroupExpression(ids)),
                                                    SQLBinaryExpression(SQLColumn("member_b"), .in, SQLGroupExpression(ids))], separator: SQLRaw(" OR "))))
        }
        let kinds = try await DictionaryService.options("appointment_type", db: req.db, cache: req.host.cache, language: req.language)
        let staff = try await MemberDirectory.visibleStaffOptions(req, resource: "appointment")
        let search = SearchForm(action: "\(req.base)/appointments", fields: [
            FormField(name: "from", label: req.t("appointment.meet_at"), kind: .range(toName: "to", toValue: q["to"]), value: q["from"]),
            FormField(name: "owner", label: req.t("appointment.owner_id"), kind: .select(options: staff, allowEmpty: true), value: q["owner"]),
            FormField(name: "username", label: req.t("field.username"), value: q["username"]),
            FormField(name: "kind", label: req.t("appointment.kind"), kind: .select(options: kinds, allowEmpty: true), value: q["kind"]),
        ], extraHidden: ["status": state])
        let filters = [("status", state), ("from", q["from"]), ("to", q["to"]), ("owner", q["owner"]), ("username", q["username"]), ("kind", q["kind"])]
            .filter { !$0.1.isEmpty }
        let table = try await AppointmentTable(req: req).render(list, baseURL: "\(req.base)/appointments", query: filters)
        return .page(title: req.t("appointment.list.\(state)"), body: search.render(strings: req.uiStrings) + table)
    }
}
